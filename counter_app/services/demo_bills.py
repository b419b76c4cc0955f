"""Six months of bills for the demo's detailed lines, through the same monthly bill run as the
hub's: each month the payments of the bill before it (through the bank or online; or at the
counter, in the hall's working days), the month's detailed records, then the run. With working
days, a month's counter payments, plan changes and SP orders are in before its bill is made,
as at a real hall."""

from __future__ import annotations

import calendar
import datetime as dt
import random
import uuid
from typing import TYPE_CHECKING, Any

from peewee import fn

from counter_app import clock
from counter_app.ids import uuid7_hex
from counter_app.models import LedgerEntry, UsageRecord, db
from counter_app.models.rows import tuples
from counter_app.services.billrun import run_month
from counter_app.services.demo_load import bulk_insert
from counter_app.services.demo_people import ENTRY_COLUMNS, Detailed
from counter_app.services.demo_usage import usage_for

if TYPE_CHECKING:
    from counter_app.services.demo import Progress
    from counter_app.services.demo_activity import HallActivity

Row = tuple[Any, ...]  # a row for bulk_insert, in its columns' order

# Of the lines that pay a month's bill while the hall's working days run, this share comes to
# the counter to pay; the others pay through the bank or online, as before.
COUNTER_SHARE = 0.6
# How a demo line pays its bills (through the bank or online, in the month after the bill):
# on time, ahead (leaving credit), every other month, or never (arrears past the limit).
PAYERS = ("on_time", "ahead", "late", "never")
USAGE_COLUMNS = ["account_id", "period", "kind", "subtype", "direction", "started_at", "other_party", "location",
                 "duration_s", "volume_kb", "fee_fen"]


def _payer(rng: random.Random, n: int) -> str:
    if n % 20 == 3:  # a few lines in deep arrears
        return "never"
    return rng.choices(PAYERS[:3], weights=(75, 12, 13))[0]


def _demo_payment(rng: random.Random, payer: str, owed: int, index: int) -> int:
    if payer == "never" or (payer == "late" and index % 2) or (owed <= 0 and payer != "ahead"):
        return 0
    if payer == "ahead":  # rounds up to the next 50 yuan and 50 more
        return (max(owed, 0) // 5000 + 2) * 5000
    return owed


def _balances(account_ids: list[str]) -> dict[str, int]:
    query = (LedgerEntry.select(LedgerEntry.account_id, fn.SUM(LedgerEntry.amount_fen))
             .where(LedgerEntry.account_id.in_(account_ids)).group_by(LedgerEntry.account_id))
    sums: dict[uuid.UUID, int | None] = dict(tuples(query))  # account id → its entries' sum
    return {aid: int(sums.get(uuid.UUID(hex=aid), 0) or 0) for aid in account_ids}


class BillMonths:
    """The detailed lines' months, one after the other (``run``); ``activity`` is the hall's
    working days (``demo_activity.HallActivity``) or None."""

    def __init__(self, rng: random.Random, detailed: list[Detailed], cities: list[str], activity: HallActivity | None) -> None:
        self.rng = rng
        self.cities = cities
        self.activity = activity
        self.payers = {aid: _payer(rng, n) for n, (aid, *_rest) in enumerate(detailed)}
        self.ids = [aid for aid, *_rest in detailed]
        self.balances = {aid: opening for aid, _phone, _plan, _subs, opening in detailed}
        self.records = 0
        self.now = clock.now()

    def run(self, months: list[str], report: Progress) -> dict[str, int]:
        """Every month of ``months`` billed, then this month's payments so far; returns what
        the working days made."""
        now = self.now
        for index, period in enumerate(months + [f"{now.year:04d}-{now.month:02d}"]):
            current = index == len(months)
            entry_rows, usage_rows, at_counter = self._payments(index, period, current)
            if self.activity is not None:
                entry_rows += self._counter_month(period, at_counter, current)
            with db.atomic():
                bulk_insert(LedgerEntry, ENTRY_COLUMNS, entry_rows)
                self.records += bulk_insert(UsageRecord, USAGE_COLUMNS, usage_rows)
            if self.activity is not None:
                for line in self.activity.new_lines:  # lines opened at the counter are billed from their month
                    if line.id.hex not in self.payers:
                        self.payers[line.id.hex] = "on_time"
                        self.ids.append(line.id.hex)
            if current:
                break
            self._bill(period)
            report("bills", index + 1, len(months))
        return self._finish()

    def _payments(self, index: int, period: str, current: bool) -> tuple[list[Row], list[Row], dict[str, int]]:
        """The month's payments of the bill before it (rows through the bank or online, and the
        lines that pay at the counter) and, for a past month, its detailed records."""
        rng, now, activity = self.rng, self.now, self.activity
        year, month = map(int, period.split("-"))
        entry_rows: list[Row] = []
        usage_rows: list[Row] = []
        at_counter: dict[str, int] = {}
        for aid in self.ids:
            if current:  # this month: about half have paid the last bill already
                paid = _demo_payment(rng, self.payers[aid], -self.balances[aid], index) if rng.random() < 0.5 else 0
                if not paid or now.day == 1:
                    continue
                at = dt.datetime(year, month, rng.randrange(1, now.day), rng.randrange(8, 20), rng.randrange(60))
            else:
                paid = _demo_payment(rng, self.payers[aid], -self.balances[aid], index)
                at = dt.datetime(year, month, rng.randrange(5, 21), rng.randrange(8, 20), rng.randrange(60))
                usage_rows += usage_for(rng, aid, period, self.cities)
            if not paid:
                continue
            if activity is not None and at.date() >= activity.first_day and rng.random() < COUNTER_SHARE:
                at_counter[aid] = paid
            else:
                entry_rows.append((uuid7_hex(), aid, period, "payment", paid, rng.choice(("bank", "online")), "",
                                   "", str(at)))
        return entry_rows, usage_rows, at_counter

    def _counter_month(self, period: str, at_counter: dict[str, int], current: bool) -> list[Row]:
        """The hall's days of the month; the lines due at the counter that never came pay
        online on its last day (the rows returned)."""
        year, month = map(int, period.split("-"))
        assert self.activity is not None  # only called with the working days
        with db.atomic():
            came = self.activity.run_month(period, {uuid.UUID(hex=aid): fen for aid, fen in at_counter.items()})
        rows: list[Row] = []
        for aid, fen in came.items():
            last = min(calendar.monthrange(year, month)[1], self.now.day - 1 if current else 31)
            if last >= 1:
                rows.append((uuid7_hex(), aid.hex, period, "payment", fen, "online", "", "",
                             str(dt.datetime(year, month, last, 21, 0))))
        return rows

    def _bill(self, period: str) -> None:
        year, month = map(int, period.split("-"))
        last_day = calendar.monthrange(year, month)[1]
        issued = min(dt.datetime(year, month, last_day, 23, 0) + dt.timedelta(days=3), self.now)
        run_month(period, accounts=self.ids, suspend=False,  # its lines in arrears stay in service
                  issued_at=issued)
        self.balances = _balances(self.ids)
        if self.activity is not None:  # the counter's payments count before the hub confirms them
            for aid, extra in self.activity.pending_effect.items():
                if aid.hex in self.balances:
                    self.balances[aid.hex] += extra

    def _finish(self) -> dict[str, int]:
        with db.atomic():
            made = self.activity.finish() if self.activity is not None else {}
            # The demo wrote its payments straight into the ledger: the cached balances follow.
            db.execute_sql("UPDATE account SET balance_fen = COALESCE((SELECT SUM(e.amount_fen) FROM ledger_entry e "
                           "WHERE e.account_id = account.id), 0) WHERE EXISTS (SELECT 1 FROM bill b "
                           "WHERE b.account_id = account.id)")
        return made
