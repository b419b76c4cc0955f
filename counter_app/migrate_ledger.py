"""Schema step: the account ledger (``ledger_entry``), built from the bills and payments an
older database holds. Frozen: the table as first shipped and SQL of its time, not today's
models or services.

What it builds, per account (docs/money.md, "From older databases"):

- from its bills, oldest first: an opening entry carrying the first bill's "previous
  balance" (owed was positive there; a ledger entry owed is negative), each bill's items as
  one charge, each bill's "paid" as a payment through another channel, and, when a bill's
  previous balance does not follow from the bill before it, an adjustment in the earlier
  month so that every old bill keeps its figures;
- an account without bills: an opening entry with the balance it showed, so it shows the
  same after the upgrade;
- on PostgreSQL (the hub) every bill payment, reversal and credit of the ``payment`` table
  becomes an entry with the payment's id, as the hub does from now on when a hall pushes
  one; a terminal (SQLite) adds its own payments until the hub confirms them.

Every bill and payment row stays as it was; the cached balance becomes the entries' sum.
Ids are derived, not random (the opening entry takes the account's id, a bill's entries a
name-based UUID of the bill's id), so the hub and a terminal that migrate the same bills make
the same rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from peewee import CharField, Database, DateTimeField, IntegerField, Model, PostgresqlDatabase, UUIDField

log = logging.getLogger(__name__)

NAMESPACE = uuid.UUID("6c1f7c4e-3b0e-4a53-9b7e-2d0c5a0f4e16")
EFFECT_SQL = ("CASE WHEN p.kind = 'payment' THEN p.amount_fen "
              "WHEN p.kind IN ('refund', 'compensation') THEN -p.amount_fen "
              "WHEN p.kind = 'reversal' AND o.kind = 'payment' THEN p.amount_fen ELSE 0 END")


def _model(database: Database) -> type[Model]:
    class LedgerEntryV4(Model):
        id = UUIDField(primary_key=True)
        account_id = UUIDField()
        period = CharField(max_length=7)
        kind = CharField(max_length=16)
        amount_fen = IntegerField()
        method = CharField(max_length=16, default="")
        ref = CharField(max_length=40, default="")
        hall = CharField(max_length=16, default="")
        posted_at = DateTimeField()

        class Meta:
            table_name = "ledger_entry"
            indexes = ((("account_id", "period"), False),)

    LedgerEntryV4._meta.set_database(database)
    return LedgerEntryV4


def _prev(period: str) -> str:
    year, month = map(int, period.split("-"))
    index = year * 12 + month - 2
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _start(period: str) -> dt.datetime:
    year, month = map(int, period.split("-"))
    return dt.datetime(year, month, 1)


def _uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _dt(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


class _Entries:
    """The entries to insert; one of amount 0 is left out."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, entry_id, account_id, period, kind, amount, *, method="", ref="", hall="", at=None) -> None:
        if amount:
            self.rows.append(dict(id=entry_id, account_id=account_id, period=period, kind=kind, amount_fen=amount,
                                  method=method, ref=ref[:40], hall=hall, posted_at=at or _start(period)))


def build_ledger(database: Database) -> None:
    entry = _model(database)
    database.create_tables([entry], safe=True)
    on_hub = isinstance(database, PostgresqlDatabase)
    entries = _Entries()
    bills, billed = _from_bills(database, entries)
    effects, moved, first_paid = _from_payments(database, entries, on_hub)
    _openings_without_bills(database, entries, billed, moved, first_paid, on_hub)
    rows = entries.rows
    for start in range(0, len(rows), 1000):
        entry.insert_many(rows[start:start + 1000]).execute()
    database.execute_sql("UPDATE account SET balance_fen = COALESCE((SELECT SUM(e.amount_fen) FROM ledger_entry e "
                         "WHERE e.account_id = account.id), 0)")
    log.info("ledger built: %s entries from %s bills and %s payments", len(rows), bills, effects)


def _from_bills(database: Database, entries: _Entries) -> tuple[int, set[uuid.UUID]]:
    """Per account, its bills oldest first: the opening entry, each bill's charge and payment,
    and an adjustment where a bill's previous balance does not follow from the bill before.
    Returns how many bills there were and the accounts that had one."""
    add = entries.add
    bills = database.execute_sql(
        "SELECT b.id, b.account_id, b.period, b.previous_balance_fen, b.payments_fen, b.total_fen, b.issued_at, "
        "(SELECT count(*) FROM bill_item i WHERE i.bill_id = b.id), "
        "(SELECT COALESCE(SUM(i.amount_fen), 0) FROM bill_item i WHERE i.bill_id = b.id) "
        "FROM bill b ORDER BY b.account_id, b.period").fetchall()
    billed: set[uuid.UUID] = set()
    current = None
    closing = 0
    last_bill = uuid.UUID(int=0)
    last_period = ""
    for bill_id, account_id, period, previous, paid, total, issued, item_count, items in bills:
        bill_id, account_id = _uuid(bill_id), _uuid(account_id)
        opening = -int(previous or 0)
        if account_id != current:
            current = account_id
            billed.add(account_id)
            add(account_id, account_id, _prev(period), "opening", opening)
        elif opening != closing:
            # The old bills carried a different balance than the one before them left.
            add(uuid.uuid5(NAMESPACE, f"{last_bill.hex}:carry"), account_id, last_period, "adjustment",
                opening - closing, ref=last_bill.hex)
        charge = int(items) if item_count else int(total or 0)
        add(uuid.uuid5(NAMESPACE, f"{bill_id.hex}:charge"), account_id, period, "charge", -charge,
            ref=bill_id.hex, at=_dt(issued))
        add(uuid.uuid5(NAMESPACE, f"{bill_id.hex}:paid"), account_id, period, "payment", int(paid or 0),
            method="billed", ref=bill_id.hex)
        closing = opening - charge + int(paid or 0)
        last_bill, last_period = bill_id, period
    return len(bills), billed


def _from_payments(database: Database, entries: _Entries,
                   on_hub: bool) -> tuple[int, dict[uuid.UUID, int], dict[uuid.UUID, dt.date]]:
    """Payments of the ``payment`` table: entries on the hub, per-account effects otherwise.
    Returns how many there were, what they moved per account and each account's first day paid."""
    effects = database.execute_sql(
        f"SELECT p.id, p.account_id, p.business_date, p.kind, p.method, p.receipt_no, p.hall, p.created_at, "
        f"{EFFECT_SQL} FROM payment p LEFT JOIN payment o ON o.id = p.reverses_id "
        f"WHERE p.account_id IS NOT NULL AND p.kind <> 'fee'").fetchall()
    moved: dict[uuid.UUID, int] = {}
    first_paid: dict[uuid.UUID, dt.date] = {}
    for pid, account_id, day, kind, method, receipt, hall, created, effect in effects:
        account_id = _uuid(account_id)
        day = _date(day)
        moved[account_id] = moved.get(account_id, 0) + int(effect)
        first_paid[account_id] = min(day, first_paid.get(account_id, day))
        if on_hub:
            entries.add(_uuid(pid), account_id, f"{day.year:04d}-{day.month:02d}", kind, int(effect), method=method,
                        ref=receipt, hall=hall, at=_dt(created))
    return len(effects), moved, first_paid


def _openings_without_bills(database: Database, entries: _Entries, billed: set[uuid.UUID],
                            moved: dict[uuid.UUID, int], first_paid: dict[uuid.UUID, dt.date], on_hub: bool) -> None:
    """Accounts without bills keep the balance they showed: on a terminal that balance already
    held its own payments (which stay apart until the hub confirms them); the hub's never did."""
    for account_id, cached, opened in database.execute_sql("SELECT id, balance_fen, opened_at FROM account"):
        account_id = _uuid(account_id)
        if account_id not in billed:
            since = min(_date(opened), first_paid.get(account_id, _date(opened)))
            entries.add(account_id, account_id, _prev(f"{since.year:04d}-{since.month:02d}"), "opening",
                        int(cached) - (0 if on_hub else moved.get(account_id, 0)))


def bill_run_tables(database: Database) -> None:
    """Schema step: the bill run's own records, ``bill_run`` and ``applied_order`` (as first
    shipped)."""

    class BillRunV5(Model):
        month = CharField(primary_key=True, max_length=7)
        source = CharField(max_length=200, default="rated")
        started_at = DateTimeField()
        finished_at = DateTimeField(null=True)
        bills = IntegerField(default=0)
        total_fen = IntegerField(default=0)

        class Meta:
            table_name = "bill_run"

    class AppliedOrderV5(Model):
        order_id = UUIDField(primary_key=True)
        status = CharField(max_length=16)
        applied_at = DateTimeField()

        class Meta:
            table_name = "applied_order"

    for model in (BillRunV5, AppliedOrderV5):
        model._meta.set_database(database)
    database.create_tables([BillRunV5, AppliedOrderV5], safe=True)
