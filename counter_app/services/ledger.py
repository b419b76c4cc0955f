"""The account ledger: balance, amount due and the monthly statement, the same for every
channel (counter, payment panel, bill on screen, kiosk, paper, CLI, other halls).

The rule (docs/money.md has a worked example):

- every charge and every credit of a line is an entry (``models/ledger.py``); the balance is
  their sum; a negative balance is owed;
- a bill is the ledger's statement for its month: the balance before the month (opening),
  the month's charges, the month's payments and credits, and the balance after it
  (closing);
- the amount due is what the balance left after the month and every later entry owes:
  ``max(0, −balance)``. A credit balance is shown as credit, never as something to pay.

Where the entries live: the hub's ledger (``ledger_entry``, pulled by every terminal) plus
the payments taken at this terminal that the hub has not confirmed yet (``payment`` rows
without their entry; the hub gives a payment's entry the payment's own id).

One computation: :func:`position_of` adds up a line's entries; the counter, the payment
panel, every bill (screen, kiosk, paper) and the CLI take balance and amount due from it, so
they cannot differ at one moment. The cached balance ``Account.balance_fen`` is the sum of
the hub's entries, kept for the centre's queries over many lines (the bill run, reports) and
recomputed by :func:`check`; no channel shows it. No function here writes a payment: that is
``services.payments``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import JOIN, SQL, fn

from counter_app import clock
from counter_app.errors import NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Bill, BillItem, Payment, Setting, SyncState, db
from counter_app.models.ledger import CHARGE_KINDS, ENTRY_KINDS, LedgerEntry
from counter_app.models.rows import stored_value, tuples
from counter_app.services.prepared import Prepared

# A payment row's effect on its account's ledger, by kind. A fee pays for a business and
# leaves the account alone; a reversal moves it back only when it reverses a bill payment.
PAYMENT_SIGN = {"payment": 1, "refund": -1, "compensation": -1}


def payment_effect(kind: str, amount_fen: int, original_kind: str | None = None) -> int:
    """What a ``payment`` row adds to its account's ledger (``amount_fen`` as stored: the
    hall's takings, so a credit is stored negative and adds to the customer's balance)."""
    if kind == "reversal":
        return amount_fen if original_kind == "payment" else 0
    return PAYMENT_SIGN.get(kind, 0) * amount_fen


def month_of(day: dt.date | dt.datetime) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(period: str, months: int) -> str:
    year, month = map(int, period.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class Entry:
    id: uuid.UUID
    period: str
    kind: str
    amount_fen: int
    method: str
    ref: str
    hall: str
    posted_at: dt.datetime
    confirmed: bool = True  # False: taken here, not yet confirmed by the hub

    @property
    def is_charge(self) -> bool:
        return self.kind in CHARGE_KINDS


_Original = Payment.alias()
_PENDING = Prepared(lambda account_id: (
    Payment.select(Payment.id, Payment.business_date, Payment.kind, Payment.amount_fen, Payment.method,
                   Payment.receipt_no, Payment.hall, Payment.created_at, _Original.kind, Payment.reverses_id)
    .join(_Original, JOIN.LEFT_OUTER, on=(_Original.id == Payment.reverses_id))
    .where((Payment.account_id == account_id) & (Payment.kind != "fee")
           & ~fn.EXISTS(LedgerEntry.select(SQL("1")).where(LedgerEntry.id == Payment.id)))))
_ENTRIES = Prepared(lambda account_id: (
    LedgerEntry.select(LedgerEntry.id, LedgerEntry.period, LedgerEntry.kind, LedgerEntry.amount_fen,
                       LedgerEntry.method, LedgerEntry.ref, LedgerEntry.hall, LedgerEntry.posted_at)
    .where(LedgerEntry.account_id == account_id)))
# The payments of this hall the hub holds and credited to no line (``sync/hub_held.py``), and
# those refunded: the last sync keeps their ids (hex) here. Until the hub credits one, it is
# not the line's money, so it is not counted as the line's unconfirmed payment either.
HELD_KEY = "sync_held_ids"
_HELD = Prepared(lambda key: SyncState.select(SyncState.value).where(SyncState.key == key))
_CACHED = Prepared(lambda account_id: Account.select(Account.balance_fen).where(Account.id == account_id))


def _as_datetime(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return dt.datetime.fromisoformat(str(value))


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _hex(value: object) -> str:
    return value.hex if isinstance(value, uuid.UUID) else str(value or "").replace("-", "")


def _held_ids() -> frozenset[str]:
    import json

    found = _HELD.rows(HELD_KEY)
    if not found or not found[0][0]:
        return frozenset()
    try:
        return frozenset(str(v) for v in json.loads(found[0][0]))
    except (ValueError, TypeError):
        return frozenset()


def not_credited_ids() -> frozenset[str]:
    """The ids (hex) of this hall's payments the hub holds or held and never credited, as the
    last sync had them: a reversal of one is the refund of held money, paid from the drawer of
    whoever made it (docs/dayclose.md)."""
    return _held_ids()


def pending(account_id: uuid.UUID | str) -> list[Entry]:
    """This terminal's payments, reversals and credits of the account that the hub has not
    confirmed (no entry with their id yet), as entries."""
    out = []
    rows = _PENDING.rows(account_id)
    held = _held_ids() if rows else frozenset()
    for pid, day, kind, amount, method, receipt, hall, created, original, reverses in rows:
        if held and (_hex(pid) in held or _hex(reverses) in held):
            continue  # held by the hub, or its refund: not the line's money
        effect = payment_effect(kind, amount, original)
        if effect:
            out.append(Entry(pid, month_of(_as_date(day)), kind, effect, method, receipt, hall,
                             _as_datetime(created), confirmed=False))
    return out


def entries(account_id: uuid.UUID | str, unconfirmed: list[Entry] | None = None) -> list[Entry]:
    """Every entry of the account, oldest first: the hub's ledger and this terminal's
    unconfirmed payments (``unconfirmed``, when already read)."""
    rows = [Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _as_datetime(r[7])) for r in _ENTRIES.rows(account_id)]
    rows += pending(account_id) if unconfirmed is None else unconfirmed
    rows.sort(key=lambda e: (e.period, e.posted_at, e.id.hex))
    return rows


@dataclass(frozen=True)
class Position:
    """Where an account stands now."""

    balance_fen: int  # + credit, − owed
    pending_fen: int  # of which taken here and not yet confirmed by the hub

    @property
    def due_fen(self) -> int:
        return amount_due_of(self.balance_fen)

    @property
    def credit_fen(self) -> int:
        return max(0, self.balance_fen)


# A line owing more than this (a hall setting, fen) is past the suspension limit: the counter
# flags it. The operator's rule suspends such a line; the flag tells the clerk why.
ARREARS_LIMIT_KEY = "arrears_limit_fen"
ARREARS_LIMIT_DEFAULT_FEN = 20_000
_LIMIT = Prepared(lambda hall: Setting.select(Setting.value).where(
    (Setting.hall == hall) & (Setting.key == ARREARS_LIMIT_KEY)))
_HALL = Prepared(lambda key: Setting.select(Setting.value).where((Setting.hall == "") & (Setting.key == key)))


def arrears_limit(hall_code: str | None = None) -> int:
    """The hall's arrears limit in fen (this terminal's hall when none is named)."""
    if hall_code is None:
        found = _HALL.first("hall_code")
        hall_code = found[0] if found else ""
    found = _LIMIT.first(hall_code)
    return int(found[0]) if found else ARREARS_LIMIT_DEFAULT_FEN


def amount_due_of(balance_fen: int) -> int:
    return max(0, -balance_fen)


def position_of(all_entries: list[Entry]) -> Position:
    """Where a line stands: every entry of its ledger (the hub's and this terminal's
    unconfirmed) added up. The one computation every channel's balance and amount due
    come from."""
    return Position(sum(e.amount_fen for e in all_entries),
                    sum(e.amount_fen for e in all_entries if not e.confirmed))


def position(account_id: uuid.UUID | str, cached_fen: int | None = None) -> Position:
    """The account's balance now. ``cached_fen`` (its ``balance_fen``), when the caller read
    the line already, only spares the look-up that the line exists."""
    if cached_fen is None and _CACHED.first(account_id) is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such customer."))
    return position_of(entries(account_id))


def balance(account_id: uuid.UUID | str) -> int:
    return position(account_id).balance_fen


def amount_due(account_id: uuid.UUID | str) -> int:
    """What the number owes now (never below zero)."""
    return position(account_id).due_fen


def resume_if_paid(account_id: uuid.UUID | str) -> bool:
    """A line suspended for arrears (欠费停机) works again once nothing is due: call inside
    the transaction of a payment or credit. The hub does the same when the payment reaches it
    (``sync/hub_ledger.py``). True if the line was resumed."""
    from counter_app.services.lifecycle import ARREARS, clear_arrears

    status = Account.select(Account.status).where(Account.id == account_id).scalar()
    if status != ARREARS or amount_due(account_id) > 0:
        return False
    return clear_arrears(account_id)


def suspend_for_arrears(account_ids: Iterable[uuid.UUID | str] | None = None) -> int:
    """The bill run's last step: every line in service owing more than its hall's arrears
    limit (the customer's hall's ``arrears_limit_fen``) is suspended for arrears. Returns how
    many were."""
    from counter_app.models import Customer
    from counter_app.services.lifecycle import ACTIVE, mark_arrears

    query = (Account.select(Account.id, Account.balance_fen, Customer.hall).join(Customer)
             .where((Account.status == ACTIVE) & (Account.balance_fen < 0)))
    if account_ids is not None:
        query = query.where(Account.id.in_(list(account_ids)))
    limits: dict[str, int] = {}
    count = 0
    for account_id, cached, hall in tuples(query):
        if hall not in limits:
            limits[hall] = arrears_limit(hall or None)
        # The cached balance picks the candidates; the ledger itself decides.
        if -cached > limits[hall] and amount_due(account_id) > limits[hall]:
            count += mark_arrears(account_id)
    return count


@dataclass(frozen=True)
class Statement:
    """The ledger's statement for one month: what a bill shows under its items."""

    period: str
    opening_fen: int  # the balance before the month (+ credit, − owed)
    charges_fen: int  # the month's charges, as a positive amount
    credits_fen: int  # the month's payments and credits less reversals (signed)
    closing_fen: int  # opening − charges + credits
    later_fen: int  # entries of later months (payments since the bill, later bills)
    lines: tuple[Entry, ...] = field(default_factory=tuple)  # the month's payments and credits
    now: Position = Position(0, 0)  # the line's position now: position_of(every entry)

    @property
    def balance_fen(self) -> int:
        """The balance now: the closing balance and every later entry (= ``now``)."""
        return self.now.balance_fen

    @property
    def due_fen(self) -> int:
        """What is owed now, never below zero."""
        return self.now.due_fen

    @property
    def closing_due_fen(self) -> int:
        """What the month left owing when it closed."""
        return amount_due_of(self.closing_fen)


def statement_of(all_entries: list[Entry], period: str) -> Statement:
    opening = charges = credits = later = 0
    lines = []
    for entry in all_entries:
        if entry.period < period:
            opening += entry.amount_fen
        elif entry.period > period:
            later += entry.amount_fen
        elif entry.is_charge:
            charges -= entry.amount_fen
        else:
            credits += entry.amount_fen
            lines.append(entry)
    return Statement(period, opening, charges, credits, opening - charges + credits, later, tuple(lines),
                     position_of(all_entries))


def statement(account_id: uuid.UUID | str, period: str) -> Statement:
    """The statement of ``period``, which may not be a month to come (ValidationError)."""
    from counter_app.services.report_period import not_in_future_month

    return statement_of(entries(account_id), not_in_future_month(period))


def statements(account_id: uuid.UUID | str, periods: list[str]) -> dict[str, Statement]:
    found = entries(account_id)
    return {p: statement_of(found, p) for p in periods}


def summary(account_id: uuid.UUID | str, cached_fen: int, periods: list[str]) -> tuple[Position, dict[str, Statement]]:
    """The position now and the statements of ``periods``, reading the entries once (the
    customer view; ``cached_fen`` as for :func:`position`)."""
    found = entries(account_id)
    return position_of(found), {p: statement_of(found, p) for p in periods}


def posted_on(hall_code: str, day: dt.date) -> tuple[int, int]:
    """(count, fen): what the hall's payments, reversals and credits of ``day`` put into its
    customers' ledgers (fees pay for businesses and post nothing)."""
    rows = (tuples(Payment.select(Payment.kind, Payment.amount_fen, _Original.kind)
                   .join(_Original, JOIN.LEFT_OUTER, on=(_Original.id == Payment.reverses_id))
                   .where((Payment.hall == hall_code) & (Payment.business_date == day) & Payment.account_id.is_null(False)
                          & (Payment.kind != "fee"))))
    effects = [e for e in (payment_effect(k, a, o) for k, a, o in rows) if e]
    return len(effects), sum(effects)


# -- the centre's writes ---------------------------------------------------------------------


def post(account_id: uuid.UUID | str, *, period: str, kind: str, amount_fen: int, method: str = "", ref: str = "",
         hall: str = "", posted_at: dt.datetime | None = None, entry_id: uuid.UUID | None = None) -> LedgerEntry:
    """Write one entry of the hub's ledger and move the cached balance with it, in one
    transaction. For the centre's own writes (the bill run, the demo, an imported bill): a
    hall's payments become entries on the hub by themselves (``sync/hub.py``)."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int fen")
    if kind not in ENTRY_KINDS:
        raise ValueError(f"kind must be one of {ENTRY_KINDS}")
    from counter_app.ids import uuid7
    from counter_app.models.base import insert_values

    values = {"id": entry_id or uuid7(), "account_id": account_id, "period": period, "kind": kind,
              "amount_fen": amount_fen, "method": method, "ref": ref[:40], "hall": hall,
              "posted_at": posted_at or clock.now()}
    with db.atomic():
        insert_values(LedgerEntry, values)
        # One statement: two writers to the same line add up instead of overwriting.
        db.execute_sql(f"UPDATE account SET balance_fen = balance_fen + {db.param} WHERE id = {db.param}",
                       (amount_fen, stored_value(Account.id, account_id)))
    return LedgerEntry(**values)


# -- the check --------------------------------------------------------------------------------


@dataclass
class CheckResult:
    accounts: int = 0
    entries: int = 0
    pending: int = 0
    balance_differences: list[tuple[str, int, int]] = field(default_factory=list)  # phone, cached, sum
    bill_differences: list[tuple[str, str, int, int]] = field(default_factory=list)  # phone, period, items, charged

    @property
    def ok(self) -> bool:
        return not self.balance_differences and not self.bill_differences


def check() -> CheckResult:
    """Recompute every account's balance from its entries and every bill's charge from its
    items; list each difference. Reads only."""
    from counter_app.db import read_snapshot

    result = CheckResult()
    with read_snapshot():
        sums = dict(tuples(LedgerEntry.select(LedgerEntry.account_id, fn.SUM(LedgerEntry.amount_fen))
                           .group_by(LedgerEntry.account_id)))
        result.entries = LedgerEntry.select().count()
        for aid, phone, cached in tuples(Account.select(Account.id, Account.phone, Account.balance_fen)):
            result.accounts += 1
            total = int(sums.get(aid) or 0)
            if total != cached:
                result.balance_differences.append((phone, cached, total))
        items = dict(tuples(BillItem.select(BillItem.bill, fn.SUM(BillItem.amount_fen)).group_by(BillItem.bill)))
        charged: dict[str, int] = {}
        for ref, amount in (tuples(LedgerEntry.select(LedgerEntry.ref, LedgerEntry.amount_fen)
                                   .where(LedgerEntry.kind.in_(CHARGE_KINDS)))):
            charged[ref] = charged.get(ref, 0) - amount
        for bill_id, phone, period in (tuples(Bill.select(Bill.id, Account.phone, Bill.period).join(Account))):
            total = int(items.get(bill_id) or 0)
            if charged.get(bill_id.hex, 0) != total:
                result.bill_differences.append((phone, period, total, charged.get(bill_id.hex, 0)))
        unconfirmed = (Payment.select(Payment.kind, Payment.amount_fen, _Original.kind)
                       .join(_Original, JOIN.LEFT_OUTER, on=(_Original.id == Payment.reverses_id))
                       .where(Payment.account_id.is_null(False) & (Payment.kind != "fee")
                              & ~fn.EXISTS(LedgerEntry.select(SQL("1")).where(LedgerEntry.id == Payment.id))))
        result.pending = sum(1 for kind, amount, original in tuples(unconfirmed)
                             if payment_effect(kind, amount, original))
    return result
