"""End of day (日结): totals per clerk and per method, shift handovers, closing the day.

The figures come from the payment rows alone, so the settlement sheet, the day-close
snapshot and the CLI agree by construction:

- takings = payments + fees (positive rows); reversals are listed and subtracted; net =
  takings + reversals (reversal amounts are negative);
- credits (refunds, advance compensation, method "credit") are shown apart: no money
  moved through a drawer;
- the cash a clerk's drawer should hold = the net of the drawer methods (cash and
  cross-city cash) — what a shift handover (交接班) is counted against.

Closing the day (manager only) writes the DayClose row with the totals; afterwards
``dayclose.ensure_day_open`` refuses every payment and business for that date.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from peewee import IntegrityError, fn

from counter_app import clock
from counter_app.errors import Conflict, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import DayClose, Payment, ShiftHandover, Staff, db
from counter_app.models.payments import DRAWER_METHODS, METHODS
from counter_app.money import format_yuan
from counter_app.services import audit, dayclose, hall_day, ledger, signing
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.hall_day import HandoverRow, PaymentRow, TerminalState
from counter_app.services.idempotency import same_request
from counter_app.services.permissions import Permission, require, require_any
from counter_app.services.session import Session
from counter_app.services.settlement_notes import (
    CLOSED_ELSEWHERE,
    FIGURES_CHANGED,
    HUB_SILENT,
    NOT_ALL_IN,
    terminal_label,
)

TAKING_KINDS = ("payment", "fee")
NO_PAYMENTS = QT_TRANSLATE_NOOP("Errors", "There are no payments at this hall on {date}.")
CREDIT_KINDS = ("refund", "compensation")


@dataclass
class Tally:
    count: int = 0
    amount_fen: int = 0

    def add(self, count: int, amount_fen: int) -> None:
        self.count += count
        self.amount_fen += amount_fen


@dataclass
class ClerkTotals:
    staff_no: str
    name: str
    by_method: dict[str, Tally] = field(default_factory=dict)  # net per method (takings + reversals)
    takings_by_method: dict[str, Tally] = field(default_factory=dict)  # what came in, per method
    takings: Tally = field(default_factory=Tally)
    reversals: Tally = field(default_factory=Tally)
    credits: Tally = field(default_factory=Tally)
    expected_cash_fen: int = 0
    counted_cash_fen: int | None = None  # the sum of this day's handovers, None if none

    @property
    def net_fen(self) -> int:
        return self.takings.amount_fen + self.reversals.amount_fen

    @property
    def difference_fen(self) -> int | None:
        return None if self.counted_cash_fen is None else self.counted_cash_fen - self.expected_cash_fen


@dataclass(frozen=True)
class ReversalLine:
    receipt_no: str
    reverses: str
    staff_no: str
    method: str
    amount_fen: int
    reason: str
    at: dt.datetime


@dataclass(frozen=True)
class HandoverLine:
    staff_no: str
    name: str
    at: dt.datetime
    expected_cash_fen: int
    counted_cash_fen: int
    note: str

    @property
    def difference_fen(self) -> int:
        return self.counted_cash_fen - self.expected_cash_fen


@dataclass
class SettlementData:
    hall_name: str
    hall_code: str
    business_date: dt.date
    printed_at: dt.datetime
    clerks: list[ClerkTotals]
    by_method: dict[str, Tally]
    takings: Tally
    reversals: Tally
    credits: Tally
    expected_cash_fen: int
    reversal_lines: list[ReversalLine]
    handovers: list[HandoverLine]
    closed_by: str = ""
    closed_at: dt.datetime | None = None
    closed_terminal: str = ""  # the PC the day was closed at
    # What the figures rest on: the day's payment rows and handovers counted when they were
    # read. Both only grow, so a different count later means the figures are out of date.
    mark: tuple[int, int] = (0, 0)
    newest_payment_at: dt.datetime | None = None
    qr_payload: str = ""  # the printed sheet's signed verification code (services/signing.py)
    # A hall of several PCs (services/hall_day.py, docs/dayclose.md): where the rows came from
    # ("local", "hub", "offline"), each PC's share and state, late payments of closed days
    # carried into these figures, and the rows themselves (ids kept by the close).
    source: str = "local"
    terminals: list[TerminalState] = field(default_factory=list)
    carried: list[PaymentRow] = field(default_factory=list)
    rows: list[PaymentRow] = field(default_factory=list, repr=False)
    handover_rows: list[HandoverRow] = field(default_factory=list, repr=False)  # the day's, by id
    carried_handovers: list[HandoverRow] = field(default_factory=list)  # late handovers of closed days
    gaps: list[str] = field(default_factory=list)
    closed_elsewhere: tuple[str, str, dt.datetime] | None = None
    not_in: dict[str, str] = field(default_factory=dict)  # a closed day: the PCs (or "hub") it went ahead without
    gave_way: list[tuple[str, dt.datetime, int]] = field(default_factory=list)  # closes here that gave way: who, when, net
    held: list[hall_day.HeldRow] = field(default_factory=list)  # paid, counted, credited to no line (hub holds)

    @property
    def net_fen(self) -> int:
        return self.takings.amount_fen + self.reversals.amount_fen

    def takings_for(self, method: str) -> Tally:
        out = Tally()
        for c in self.clerks:
            t = c.takings_by_method.get(method)
            if t is not None:
                out.add(t.count, t.amount_fen)
        return out

    def reversals_for(self, method: str) -> Tally:
        """Reversals of ``method`` (negative amounts): net = takings + reversals, per method."""
        t = self.by_method.get(method, Tally())
        taken = self.takings_for(method)
        return Tally(t.count - taken.count, t.amount_fen - taken.amount_fen)

    @property
    def count(self) -> int:
        return self.takings.count + self.reversals.count + self.credits.count

    def totals_json(self) -> dict[str, Any]:
        """The snapshot kept in the DayClose row."""
        return {
            "takings_fen": self.takings.amount_fen, "takings_count": self.takings.count,
            "reversals_fen": self.reversals.amount_fen, "reversals_count": self.reversals.count,
            "credits_fen": self.credits.amount_fen, "credits_count": self.credits.count,
            "net_fen": self.net_fen, "expected_cash_fen": self.expected_cash_fen,
            "by_method": {m: {"count": t.count, "amount_fen": t.amount_fen} for m, t in self.by_method.items()},
            "by_clerk": {c.staff_no: {"net_fen": c.net_fen, "expected_cash_fen": c.expected_cash_fen,
                                      "counted_cash_fen": c.counted_cash_fen} for c in self.clerks},
            # What was counted, by id: a payment of this date not among them is late and the
            # hall's next close carries it (services/hall_day.py).
            "payment_ids": sorted(p.id for p in self.rows),
            "carried_ids": sorted(p.id for p in self.carried),
            "carried_fen": sum(p.amount_fen for p in self.carried),
            "handover_ids": sorted(h.id for h in self.handover_rows),
            "carried_handover_ids": sorted(h.id for h in self.carried_handovers),
            "source": self.source,
            "terminals": {t.terminal: {"payments": t.payments, "net_fen": t.net_fen, "state": t.state}
                          for t in self.terminals},
        }


def settlement(session: Session, business_date: dt.date) -> SettlementData:
    """Everything the settlement sheet shows for ``business_date`` at this hall (managers):
    with a hub, the whole hall's rows (every PC's) and each PC's state."""
    require(session, Permission.SETTLE)
    return _figures(session, business_date, hall_day.read(session, business_date))


def figures(session: Session, business_date: dt.date, *, hub: bool = False,
            hub_max_age_s: float = 0) -> SettlementData:
    """The settlement's figures without closing anything, for the daily summary's readers: this
    PC's own rows, or with ``hub`` the hall's as the settlement reads them (the Today tab; the
    hub's answer of at most ``hub_max_age_s`` ago may stand)."""
    require_any(session, Permission.SETTLE, Permission.VIEW_REPORTS)
    return _figures(session, business_date, hall_day.read(session, business_date, hub=hub,
                                                          hub_max_age_s=hub_max_age_s))


def _figures(session: Session, business_date: dt.date, day: hall_day.HallDay) -> SettlementData:
    hall = session.hall_code
    names = {s.staff_no: s.name for s in Staff.select(Staff.staff_no, Staff.name)}
    totals = _Totals(names)
    for p in day.payments + day.carried:
        # A reversal gives the money back from the drawer that took it, whoever authorised it; the
        # refund of money the hub held, from the drawer of whoever paid it out (docs/dayclose.md).
        held_refund = p.reverses_id in day.held_reversed
        original = day.originals.get(p.reverses_id) if p.kind == "reversal" and not held_refund else None
        totals.add(original[1] if original else p.staff_no, p.kind, p.method, 1, p.amount_fen)
    handovers = _handovers(day.handovers, totals)
    _handovers(day.carried_handovers, totals)  # their counted cash is on the clerks' totals, listed apart
    closed = DayClose.get_or_none((DayClose.hall == hall) & (DayClose.business_date == business_date))
    rows = day.payments + day.carried
    newest = max((p.created_at for p in rows), default=None)
    clerks = totals.clerks
    return SettlementData(
        hall_name=session.hall.name, hall_code=hall, business_date=business_date, printed_at=clock.now(),
        clerks=sorted(clerks.values(), key=lambda c: c.staff_no), by_method=totals.by_method,
        takings=totals.takings, reversals=totals.reversals, credits=totals.credits,
        expected_cash_fen=sum(c.expected_cash_fen for c in clerks.values()),
        reversal_lines=_reversal_lines([p for p in rows if p.kind == "reversal"], day.originals),
        handovers=handovers,
        closed_by=f"{closed.closed_by} {names.get(closed.closed_by, '')}".strip() if closed else "",
        closed_at=closed.created_at if closed else None, closed_terminal=closed.terminal if closed else "",
        mark=(len(rows), len(handovers) + len(day.carried_handovers)), newest_payment_at=newest,
        qr_payload=signing.payload(hall, "settle", f"{hall}:{business_date.isoformat()}"),
        source=day.source, terminals=day.terminals, carried=day.carried, rows=day.payments, gaps=day.gaps(),
        handover_rows=day.handovers, carried_handovers=day.carried_handovers,
        closed_elsewhere=day.closed_at_hub if closed is None else None,
        not_in=dict(closed.totals.get("not_in") or {}) if closed and isinstance(closed.totals, dict) else {},
        gave_way=dayclose.gave_way(hall, business_date, names) if closed else [],
        held=day.held)


class _Totals:
    """The day's tallies: per clerk, per method, takings, reversals and credits."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.clerks: dict[str, ClerkTotals] = {}
        self.by_method = {m: Tally() for m in METHODS if m != "credit"}
        self.takings, self.reversals, self.credits = Tally(), Tally(), Tally()

    def clerk(self, staff_no: str) -> ClerkTotals:
        return self.clerks.setdefault(staff_no, ClerkTotals(staff_no, self.names.get(staff_no, "")))

    def add(self, staff_no: str, kind: str, method: str, count: int, amount: int | None) -> None:
        amount = int(amount or 0)
        clerk = self.clerk(staff_no)
        if kind in CREDIT_KINDS:
            clerk.credits.add(count, amount)
            self.credits.add(count, amount)
            return
        target = clerk.takings if kind in TAKING_KINDS else clerk.reversals
        target.add(count, amount)
        if kind in TAKING_KINDS:
            clerk.takings_by_method.setdefault(method, Tally()).add(count, amount)
        (self.takings if kind in TAKING_KINDS else self.reversals).add(count, amount)
        clerk.by_method.setdefault(method, Tally()).add(count, amount)
        self.by_method.setdefault(method, Tally()).add(count, amount)
        if method in DRAWER_METHODS:
            clerk.expected_cash_fen += amount


def _handovers(rows: list[hall_day.HandoverRow], totals: _Totals) -> list[HandoverLine]:
    """The day's shift handovers; each clerk's counted cash added up on their totals."""
    handovers = []
    for h in sorted(rows, key=lambda h: h.created_at):
        handovers.append(HandoverLine(h.staff_no, totals.names.get(h.staff_no, ""), h.created_at, h.expected_cash_fen,
                                      h.counted_cash_fen, h.note))
        clerk = totals.clerk(h.staff_no)
        clerk.counted_cash_fen = (clerk.counted_cash_fen or 0) + h.counted_cash_fen
    return handovers


def _reversal_lines(rev_rows: list[PaymentRow], originals: dict[str, tuple[str, str]]) -> list[ReversalLine]:
    lines = []
    for r in sorted(rev_rows, key=lambda r: r.created_at):
        original = originals.get(r.reverses_id) if r.reverses_id else None
        lines.append(ReversalLine(r.receipt_no, original[0] if original else r.reference,
                                  r.staff_no, r.method, r.amount_fen, r.reason, r.created_at))
    return lines


def parse_business_date(text: str) -> dt.date:
    try:
        # Strictly YYYY-MM-DD: fromisoformat alone also reads week forms (2026-W48-1) as a day.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", (text or "").strip()):
            raise ValueError(text)
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the date as YYYY-MM-DD: “{text}”."),
                              field="date", text=text) from None


def has_activity(session: Session, business_date: dt.date) -> bool:
    require(session, Permission.SETTLE)
    hall = session.hall_code
    return (Payment.select().where((Payment.hall == hall) & (Payment.business_date == business_date)).exists()
            or ShiftHandover.select().where((ShiftHandover.hall == hall)
                                            & (ShiftHandover.business_date == business_date)).exists())


def drawer_cash_since_last_handover(session: Session, staff_no: str, business_date: dt.date) -> int:
    """The cash the clerk's drawer should hold now: the drawer methods' net since the clerk's
    last handover of the day (a handover empties the drawer to the safe)."""
    require(session, Permission.SERVE)
    last = (ShiftHandover.select(fn.MAX(ShiftHandover.created_at))
            .where((ShiftHandover.hall == session.hall_code) & (ShiftHandover.business_date == business_date)
                   & (ShiftHandover.staff_no == staff_no)).scalar())
    day = ((Payment.hall == session.hall_code) & (Payment.business_date == business_date)
           & (Payment.method.in_(DRAWER_METHODS)))
    held = [uuid.UUID(i) for i in ledger.not_credited_ids()]  # a refund of held money: the refunder's drawer
    taken = Payment.select(fn.COALESCE(fn.SUM(Payment.amount_fen), 0)).where(
        day & (Payment.staff_no == staff_no) & ((Payment.kind != "reversal") | Payment.reverses_id.in_(held)))
    original = Payment.alias()
    given_back = (Payment.select(fn.COALESCE(fn.SUM(Payment.amount_fen), 0))
                  .join(original, on=(Payment.reverses_id == original.id))
                  .where(day & (Payment.kind == "reversal") & (original.staff_no == staff_no)
                         & Payment.reverses_id.not_in(held)))
    if last is not None:
        taken = taken.where(Payment.created_at > last)
        given_back = given_back.where(Payment.created_at > last)
    return int(taken.scalar() or 0) + int(given_back.scalar() or 0)


def hand_over(session: Session, *, counted_cash_fen: int, note: str = "", idempotency_key: str) -> ShiftHandover:
    """交接班: the signed-in clerk counts the drawer; the expected cash and the difference are
    kept. A difference needs a note."""
    staff = require(session, Permission.SERVE)
    if isinstance(counted_cash_fen, bool) or not isinstance(counted_cash_fen, int):
        raise TypeError("counted_cash_fen must be int fen")
    found = ShiftHandover.get_or_none(ShiftHandover.idempotency_key == idempotency_key)
    if found is not None:
        return same_request(found, found.staff_no, staff_no=staff.staff_no, counted_cash_fen=counted_cash_fen)
    if counted_cash_fen < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount cannot be negative."), field="counted")
    today = clock.today()
    try:
        with db.atomic():
            ensure_day_open(session.hall_code, today)
            expected = drawer_cash_since_last_handover(session, staff.staff_no, today)
            if counted_cash_fen != expected and not note.strip():
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The counted cash differs from the expected "
                                                                  "{expected} yuan: write a note on the difference."),
                                      field="note", expected=format_yuan(expected))
            handover = ShiftHandover.create(
                hall=session.hall_code, terminal=session.terminal_id, business_date=today, staff_no=staff.staff_no,
                expected_cash_fen=expected, counted_cash_fen=counted_cash_fen, note=note.strip(),
                idempotency_key=idempotency_key)
            audit.record(session, "shift.handover", staff.staff_no, expected_fen=expected,
                         counted_fen=counted_cash_fen, difference_fen=counted_cash_fen - expected)
    except IntegrityError:
        found = ShiftHandover.get_or_none(ShiftHandover.idempotency_key == idempotency_key)
        if found is None:
            raise
        return found
    return handover


def close_day(session: Session, business_date: dt.date, *, seen: tuple[int, int] | None = None,
              accept: Collection[str] | None = None) -> DayClose:
    """The manager closes ``business_date`` (today or earlier): the DayClose row holds the
    totals, and no payment or business is taken for that day any more.

    ``seen`` is the ``mark`` of the figures the manager looked at: when payments or handovers
    came in since, the day is not closed (Conflict) and the manager must look again. With a
    hub, the close counts the whole hall; a PC that may still hold unsent payments (or the hub
    not answering) refuses the close unless its key is in ``accept`` (docs/dayclose.md)."""
    require(session, Permission.SETTLE)
    if business_date > clock.today():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A day in the future cannot be closed."), field="date")
    ensure_day_open(session.hall_code, business_date)
    local_mark = _local_mark(session.hall_code, business_date)
    data = settlement(session, business_date)  # the hub is read outside the local transaction
    if data.closed_elsewhere is not None:
        terminal, who, at = data.closed_elsewhere
        raise Conflict(CLOSED_ELSEWHERE, date=business_date.isoformat(), terminal=terminal, who=who,
                       at=f"{at:%Y-%m-%d %H:%M}")
    if seen is not None and tuple(seen) != data.mark:
        raise Conflict(FIGURES_CHANGED, newest=f"{data.newest_payment_at:%H:%M:%S}" if data.newest_payment_at else "—")
    missing = [g for g in data.gaps if g not in set(accept or ())]
    if hall_day.HUB in missing:
        raise Conflict(HUB_SILENT, date=business_date.isoformat())
    if missing:
        raise Conflict(NOT_ALL_IN, date=business_date.isoformat(), terminals=", ".join(
            terminal_label(t) for t in data.terminals if t.terminal in missing))
    totals = data.totals_json()
    totals["not_in"] = {t.terminal: t.state for t in data.terminals if t.gap}
    if data.source == "offline":
        totals["not_in"][hall_day.HUB] = "offline"
    try:
        with db.atomic():
            ensure_day_open(session.hall_code, business_date)
            if _local_mark(session.hall_code, business_date) != local_mark:
                raise Conflict(FIGURES_CHANGED, newest="—")
            row = DayClose.create(hall=session.hall_code, terminal=session.terminal_id, business_date=business_date,
                                  closed_by=session.staff_no, totals=totals)
            audit.record(session, "day.close", business_date.isoformat(), net_fen=totals["net_fen"],
                         expected_cash_fen=totals["expected_cash_fen"], not_in=sorted(totals["not_in"]))
    except IntegrityError:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The business day {date} is closed (日结). "
                                                   "No more business can be taken for it."),
                       date=business_date.isoformat()) from None
    from counter_app.services.backups import after_day_close

    row.backup = after_day_close(session, business_date)  # a closed day is backed up (None: see the log)
    return row


def _local_mark(hall: str, business_date: dt.date) -> tuple[int, int]:
    return (Payment.select().where((Payment.hall == hall) & (Payment.business_date == business_date)).count(),
            ShiftHandover.select().where((ShiftHandover.hall == hall)
                                         & (ShiftHandover.business_date == business_date)).count())


@dataclass(frozen=True)
class OpenCounter:
    number: int
    staff_no: str
    name: str
    status: str  # open | paused


@dataclass(frozen=True)
class CloseCheck:
    """What a manager is warned of before closing a day (none of it forbids the close)."""

    mark: tuple[int, int]
    hall_closes: str | None  # the closing time, when the day is today and the hall still open
    not_handed_over: list[ClerkTotals]
    open_counters: list[OpenCounter]
    waiting: int  # tickets of the day still waiting
    # A hall of several PCs: each PC's state, and the keys close_day must be given to accept
    # (PCs that may hold unsent payments, "hub" when it did not answer).
    terminals: list[TerminalState] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    carried: list[PaymentRow] = field(default_factory=list)

    @property
    def warnings(self) -> bool:
        return bool(self.hall_closes or self.not_handed_over or self.open_counters or self.waiting or self.gaps)


def close_check(session: Session, business_date: dt.date) -> CloseCheck:
    """Read-only: the warnings for closing ``business_date`` and the mark of its figures now."""
    from counter_app.models import CounterState, Ticket

    session.require_role("manager")
    data = settlement(session, business_date)
    hall = session.hall
    closes = None
    now = clock.now()
    if business_date == now.date() and now.hour * 60 + now.minute < clock.minutes(hall.closes):
        closes = hall.closes
    counters: list[OpenCounter] = []
    waiting = 0
    if business_date == now.date():
        names = {s.staff_no: s.name for s in Staff.select(Staff.staff_no, Staff.name)}
        for state in (CounterState.select().where((CounterState.hall == hall.code)
                                                  & CounterState.status.in_(("open", "paused")))
                      .order_by(CounterState.counter_number)):
            counters.append(OpenCounter(state.counter_number, state.staff_no, names.get(state.staff_no, ""),
                                        state.status))
        waiting = (Ticket.select().where((Ticket.hall == hall.code) & (Ticket.business_date == business_date)
                                         & (Ticket.status == "waiting")).count())
    return CloseCheck(data.mark, closes, clerks_without_handover(data, session, business_date), counters, waiting,
                      data.terminals, data.gaps, data.carried)



def clerks_without_handover(data: SettlementData, session: Session | None = None, business_date: dt.date | None = None
                            ) -> list[ClerkTotals]:
    """Clerks who took money after their last handover of the day (or never handed over): the
    manager is warned before closing. Without a session only the day's totals are used."""
    if session is None:
        return [c for c in data.clerks if c.counted_cash_fen is None and (c.takings.count or c.reversals.count)]
    last: dict[str, dt.datetime] = {}
    for h in data.handovers:
        last[h.staff_no] = max(h.at, last.get(h.staff_no, h.at))
    latest: dict[str, dt.datetime] = {}
    for p in data.rows:
        if p.kind in TAKING_KINDS:
            latest[p.staff_no] = max(p.created_at, latest.get(p.staff_no, p.created_at))
    out = []
    for c in data.clerks:
        taken = latest.get(c.staff_no)
        handed = last.get(c.staff_no)
        if taken is not None and (handed is None or taken > handed):
            out.append(c)
    return out
