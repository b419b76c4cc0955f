"""Many bills of one month at once: what :func:`services.billrun.write_bill` does for one
account (the bill, its items, the charge of their total in the ledger, the cached balance),
done for a chunk of accounts with one statement per table.

The monthly bill run writes thousands of bills; one at a time each took four round trips
through the query builder (the statement before the bill, the bill, its charge, the balance),
which made the run of a 2,000-line hall's six demo months take half a minute. The figures are
the same: the statement before the bill is the ledger's (``services.ledger``), the hub's
entries and this terminal's unconfirmed payments alike.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, SQL, fn

from counter_app.ids import uuid7, uuid7_hex
from counter_app.models import Bill, BillItem, LedgerEntry, Payment, db
from counter_app.models.base import BaseModel, _insert_sql
from counter_app.models.billing import BILL_GROUPS
from counter_app.models.ledger import CHARGE_KINDS
from counter_app.models.rows import stored_value, tuples
from counter_app.services import ledger


@dataclass(frozen=True)
class ItemSpec:
    """One line of a bill as the run (or an imported file) makes it."""

    group: str  # one of BILL_GROUPS
    code: str
    name_zh: str
    name_en: str
    amount_fen: int
    explanation_zh: str = ""
    explanation_en: str = ""
    sp_code: str = ""
    service_code: str = ""


@dataclass(frozen=True)
class BillSpec:
    """One account's bill of the month, as the run has rated it."""

    account_id: uuid.UUID
    plan_code: str
    items: Sequence[ItemSpec]


@dataclass(frozen=True)
class Before:
    """The ledger's statement of the month before its bill: what ``write_bill`` keeps on the
    bill for reference (``ledger.Statement``'s opening, credits and closing)."""

    opening_fen: int = 0
    credits_fen: int = 0
    closing_fen: int = 0


def statements_before(account_ids: list[uuid.UUID], period: str) -> dict[uuid.UUID, Before]:
    """Each account's statement of ``period`` before its bill, read with two queries."""
    sums: dict[uuid.UUID, list[int]] = {}  # opening, charges, credits
    p = db.param
    charge_kinds = ", ".join(p for _ in CHARGE_KINDS)
    ids = ", ".join(p for _ in account_ids)
    sql = (f"SELECT account_id, SUM(CASE WHEN period < {p} THEN amount_fen ELSE 0 END), "
           f"SUM(CASE WHEN period = {p} AND kind IN ({charge_kinds}) THEN -amount_fen ELSE 0 END), "
           f"SUM(CASE WHEN period = {p} AND kind NOT IN ({charge_kinds}) THEN amount_fen ELSE 0 END) "
           f"FROM ledger_entry WHERE period <= {p} AND account_id IN ({ids}) GROUP BY account_id")
    params = [period, period, *CHARGE_KINDS, period, *CHARGE_KINDS, period,
              *(stored_value(LedgerEntry.account_id, a) for a in account_ids)]
    for account_id, opening, charges, credits in db.execute_sql(sql, params).fetchall():
        sums[ledger_uuid(account_id)] = [int(opening or 0), int(charges or 0), int(credits or 0)]
    # This terminal's payments the hub has not confirmed count as the ledger's too.
    original = Payment.alias()
    pending = (Payment.select(Payment.account_id, Payment.business_date, Payment.kind, Payment.amount_fen,
                              original.kind)
               .join(original, JOIN.LEFT_OUTER, on=(original.id == Payment.reverses_id))
               .where(Payment.account_id.in_(id_list(account_ids)) & (Payment.kind != "fee")
                      & ~fn.EXISTS(LedgerEntry.select(SQL("1")).where(LedgerEntry.id == Payment.id))))
    for account_id, day, kind, amount, original_kind in tuples(pending):
        effect = ledger.payment_effect(kind, int(amount), original_kind)
        month = str(day)[:7]
        if not effect or month > period:
            continue
        found = sums.setdefault(ledger_uuid(account_id), [0, 0, 0])
        found[0 if month < period else 2] += effect
    out = {}
    for account_id, (opening, charges, credits) in sums.items():
        out[account_id] = Before(opening, credits, opening - charges + credits)
    return out


def id_list(ids: list[Any]) -> SQL:
    """``(…)`` of the ids as stored (32 hex digits, as peewee writes a UUID), for ``.in_()``:
    the same SQL and parameters as ``.in_(ids)``, without the query builder converting each
    of a chunk's hundreds of ids again in every query of the chunk."""
    if not ids:
        return SQL("(NULL)")  # matches nothing, as ``.in_([])`` does
    return SQL("(" + ", ".join([db.param] * len(ids)) + ")", [ledger_uuid(a).hex for a in ids])


def ledger_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


def write_bills(specs: list[BillSpec], period: str, issued_at: dt.datetime) -> list[uuid.UUID]:
    """Write the bills of ``specs`` for ``period`` (none of them billed for it yet); returns
    their ids. Call inside a transaction: a chunk is written whole or not at all."""
    for spec in specs:
        for item in spec.items:
            if isinstance(item.amount_fen, bool) or not isinstance(item.amount_fen, int):
                raise TypeError("amount_fen must be int fen")
            if item.group not in BILL_GROUPS:
                raise ValueError(f"unknown bill group {item.group!r}")
    if not specs:
        return []
    before = statements_before([s.account_id for s in specs], period)
    # Rows as the database stores them: ids as the 32 hex digits peewee writes for a UUID on
    # SQLite (PostgreSQL reads them as uuids too), so a hundred thousand items need no
    # conversion call per value.
    bills, items, entries, balances, ids = [], [], [], [], []
    for spec in specs:
        total = sum(i.amount_fen for i in spec.items)
        found = before.get(spec.account_id, Before())
        bill_id = uuid7()
        ids.append(bill_id)
        bill, account = bill_id.hex, spec.account_id.hex
        bills.append((bill, account, period, spec.plan_code, -found.opening_fen, found.credits_fen, total,
                       ledger.amount_due_of(found.closing_fen - total), issued_at, 0))
        items += [(bill, i.group, i.code, i.name_zh, i.name_en, i.explanation_zh, i.explanation_en, i.amount_fen,
                   i.sp_code, i.service_code, n) for n, i in enumerate(spec.items)]
        entries.append((uuid7_hex(), account, period, "charge", -total, "", bill, "", issued_at))
        balances.append((-total, account))
    _insert(Bill, ("id", "account", "period", "plan_code", "previous_balance_fen", "payments_fen", "total_fen",
                   "due_fen", "issued_at", "seq"), bills)
    _insert(BillItem, ("bill", "group", "code", "name_zh", "name_en", "explanation_zh", "explanation_en",
                       "amount_fen", "sp_code", "service_code", "sort"), items)
    _insert(LedgerEntry, ("id", "account_id", "period", "kind", "amount_fen", "method", "ref", "hall", "posted_at"),
            entries)
    # One statement per line: two writers to the same line add up instead of overwriting.
    db.cursor().executemany(f"UPDATE account SET balance_fen = balance_fen + {db.param} WHERE id = {db.param}",
                            balances)
    return ids


def _insert(model: type[BaseModel], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows already in stored form (see :func:`write_bills`)."""
    if rows:
        db.cursor().executemany(_insert_sql(model, columns, db.param, db.quote)[0], rows)
