"""The rows a hall's settlement (日结) rests on, for a hall of one PC or of several.

A counter PC holds only its own payments. With a hub configured (``Session.hub``), the
manager's settlement reads the whole hall's day from the hub (every PC's rows pushed so far)
plus this PC's own rows not sent yet, each payment once (by its id), and the state of each PC
of the hall: which of them may still hold payments the hub has not seen. Without a hub (a
single-PC hall, the demo) it reads this PC's rows, as before.

A closed day with the ids of what it counted (``payment_ids``, ``carried_ids`` in its
totals) is read back as exactly those payments, so its sheet stays what was closed. A payment
of a closed day that its close did not count (taken at a PC that had not heard of the close
yet) is *late*: the hall's next close carries it, listed apart. Rules and reasons:
docs/dayclose.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.errors import HubUnavailable
from counter_app.models import DayClose, Payment, ShiftHandover
from counter_app.models.rows import tuples
from counter_app.services import ledger
from counter_app.services.permissions import Permission, require_any
from counter_app.services.session import Session

FRESH = dt.timedelta(minutes=5)  # a PC that reported this recently (and the hall still open) is in

HERE, IN, UNSENT, BEHIND, UNKNOWN = "here", "in", "unsent", "behind", "unknown"
HUB = "hub"  # the gap key of a close made while the hub did not answer


@dataclass(frozen=True)
class PaymentRow:
    id: str  # 32 hex digits
    terminal: str
    staff_no: str
    kind: str
    method: str
    amount_fen: int
    reverses_id: str  # "" when it reverses nothing
    receipt_no: str
    reference: str
    reason: str
    created_at: dt.datetime
    business_date: dt.date
    counter_number: int | None


@dataclass(frozen=True)
class HandoverRow:
    id: str
    terminal: str
    staff_no: str
    created_at: dt.datetime
    expected_cash_fen: int
    counted_cash_fen: int
    note: str
    business_date: dt.date | None = None


@dataclass(frozen=True)
class HeldRow:
    """A payment of the day the hub stored but credited to no line (sync/hub_held.py): money
    in the till, counted in the day's figures, waiting for the manager to apply or refund it."""

    receipt_no: str
    terminal: str
    staff_no: str
    phone: str
    amount_fen: int
    reason: str  # not_served | unknown_line
    settled: str  # "" (held) | applied | refunded


@dataclass(frozen=True)
class TerminalState:
    """One PC of the hall on the day: its rows (as read) and whether all of them can be in."""

    terminal: str
    counters: tuple[int, ...]
    payments: int
    net_fen: int
    state: str  # here (the PC reading) | in | unsent | behind | unknown (never reported)
    reported_at: dt.datetime | None = None
    pending: int = 0

    @property
    def gap(self) -> bool:
        return self.state in (UNSENT, BEHIND, UNKNOWN)


@dataclass
class HallDay:
    source: str  # "local" (no hub) | "hub" | "offline" (a hub configured that did not answer)
    payments: list[PaymentRow]
    handovers: list[HandoverRow]
    originals: dict[str, tuple[str, str]]  # id hex -> (receipt_no, staff_no) of reversed payments
    terminals: list[TerminalState] = field(default_factory=list)
    carried: list[PaymentRow] = field(default_factory=list)  # late payments of closed days
    carried_handovers: list[HandoverRow] = field(default_factory=list)  # late handovers of closed days
    closed_at_hub: tuple[str, str, dt.datetime] | None = None  # (terminal, closed_by, at) of a close there
    held: list[HeldRow] = field(default_factory=list)  # the day's payments the hub holds
    # Reversed payments the hub held and never credited: their reversal is the refund of held
    # money, paid from the drawer of whoever made it, not the drawer that took the payment.
    held_reversed: set[str] = field(default_factory=set)

    def gaps(self) -> list[str]:
        """The keys a manager must accept to close now: PCs that may hold unseen payments, and
        ``hub`` when the hub did not answer."""
        out = [t.terminal for t in self.terminals if t.gap]
        return ([HUB] if self.source == "offline" else []) + out


def _hex(value: Any) -> str:
    return "" if value is None else str(value).replace("-", "")


def _as_dt(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _payment(row: tuple[Any, ...]) -> PaymentRow:
    (pid, terminal, staff_no, kind, method, amount, reverses, receipt, reference, reason, created, day,
     counter) = row
    return PaymentRow(_hex(pid), terminal or "", staff_no, kind, method, int(amount), _hex(reverses), receipt,
                      reference or "", reason or "", _as_dt(created), _as_date(day),
                      None if counter is None else int(counter))


_LOCAL = (Payment.id, Payment.terminal, Payment.staff_no, Payment.kind, Payment.method, Payment.amount_fen,
          Payment.reverses_id, Payment.receipt_no, Payment.reference, Payment.reason, Payment.created_at,
          Payment.business_date, Payment.counter_number)


def _local_payments(hall: str, day: dt.date, ids: set[str] | None) -> list[PaymentRow]:
    if ids is None:
        query = Payment.select(*_LOCAL).where((Payment.hall == hall) & (Payment.business_date == day))
        return [_payment(r) for r in tuples(query)]
    if not ids:
        return []
    query = Payment.select(*_LOCAL).where((Payment.hall == hall) & (Payment.id.in_(sorted(ids))))
    return [_payment(r) for r in tuples(query)]


def _handover(row: tuple[Any, ...]) -> HandoverRow:
    i, t, s, c, e, n, note, day = row
    return HandoverRow(_hex(i), t or "", s, _as_dt(c), int(e), int(n), note or "", _as_date(day))


def _local_handovers(hall: str, day: dt.date, ids: set[str] | None = None) -> list[HandoverRow]:
    """The date's handovers here, or (a closed day that kept them) those of ``ids``."""
    query = ShiftHandover.select(ShiftHandover.id, ShiftHandover.terminal, ShiftHandover.staff_no,
                                 ShiftHandover.created_at, ShiftHandover.expected_cash_fen,
                                 ShiftHandover.counted_cash_fen, ShiftHandover.note, ShiftHandover.business_date)
    if ids is None:
        return [_handover(r) for r in tuples(query.where((ShiftHandover.hall == hall)
                                                         & (ShiftHandover.business_date == day)))]
    wanted = [uuid.UUID(i) for i in sorted(ids)]
    return [_handover(r) for r in tuples(query.where((ShiftHandover.hall == hall) & ShiftHandover.id.in_(wanted)))]


def _local_originals(ids: list[str]) -> dict[str, tuple[str, str]]:
    if not ids:
        return {}
    query = Payment.select(Payment.id, Payment.receipt_no, Payment.staff_no).where(Payment.id.in_(ids))
    return {_hex(i): (r, s) for i, r, s in tuples(query)}


@dataclass(frozen=True)
class _Closed:
    """What a close of the day here counted and carried, by id; handovers None when the close
    predates keeping their ids (then it counted every handover of its date)."""

    counted: set[str]
    carried: set[str]
    handovers: set[str] | None
    carried_handovers: set[str]


def _closed_ids(hall: str, day: dt.date) -> _Closed | None:
    """The ids of the day's close here, None when the day is open here or its close predates
    the ids."""
    row = DayClose.get_or_none((DayClose.hall == hall) & (DayClose.business_date == day))
    if row is None or not isinstance(row.totals, dict) or "payment_ids" not in row.totals:
        return None
    t = row.totals
    return _Closed(set(t.get("payment_ids") or []), set(t.get("carried_ids") or []),
                   set(t["handover_ids"]) | set(t.get("carried_handover_ids") or []) if "handover_ids" in t else None,
                   set(t.get("carried_handover_ids") or []))


def read(session: Session, day: dt.date, *, hub: bool = True, hub_max_age_s: float = 0) -> HallDay:
    """The day's rows: this PC's alone (no hub, or ``hub=False``), or the hall's from the hub
    (its answer of at most ``hub_max_age_s`` ago may stand; this PC's rows are always read)."""
    require_any(session, Permission.SETTLE, Permission.VIEW_REPORTS)
    hall = session.hall_code
    lookup = session.hub if hub else None
    if lookup is None:  # this PC's own rows of the date, closed or not (its daily summary, a one-PC hall)
        return _finish(HallDay("local", _local_payments(hall, day, None), _local_handovers(hall, day), {}), None)
    closed = _closed_ids(hall, day)
    ids = None if closed is None else closed.counted | closed.carried
    h_ids = None if closed is None else closed.handovers
    payments = _local_payments(hall, day, ids)
    handovers = _local_handovers(hall, day, h_ids)
    try:
        found = lookup.hall_day(hall, day, ids=None if ids is None else sorted(ids),
                                handover_ids=None if h_ids is None else sorted(h_ids), max_age_s=hub_max_age_s)
    except HubUnavailable:
        return _finish(HallDay("offline", payments, handovers, {}), closed, own=session.terminal_id)
    mine = {p.id for p in payments}
    hub_rows = [_payment(r) for r in found.payments]
    hub_ids = {p.id for p in hub_rows}
    merged = [p for p in hub_rows if p.id not in mine] + payments
    seen_h = {h.id for h in handovers}
    hub_h = [_handover(r) for r in found.handovers]
    merged_h = [h for h in hub_h if h.id not in seen_h] + handovers
    data = HallDay("hub", merged, merged_h, {_hex(i): (r, s) for i, r, s in found.originals})
    data.held_reversed = set(getattr(found, "held_reversed", []))
    data.held = [HeldRow(r, t, s, ph, int(a), why, done) for r, t, s, ph, a, why, done in getattr(found, "held", [])]
    if found.closed is not None:
        terminal, closed_by, at, _totals = found.closed
        data.closed_at_hub = (terminal or "", closed_by, _as_dt(at))
    if ids is None:
        data.carried = [_payment(r) for r in found.late if _hex(r[0]) not in hub_ids | mine]
        data.carried_handovers = [_handover(r) for r in found.late_handovers
                                  if _hex(r[0]) not in seen_h | {h.id for h in hub_h}]
    reports = {t: (_as_dt(at), int(pending)) for t, at, pending in found.reports}
    return _finish(data, closed, own=session.terminal_id, reports=reports, day=day,
                   closes=session.hall.closes)


def _finish(data: HallDay, closed: _Closed | None, *, own: str = "",
            reports: dict[str, tuple[dt.datetime, int]] | None = None, day: dt.date | None = None,
            closes: str = "18:00") -> HallDay:
    if closed is not None:  # a closed day: what it counted on its date, what it carried apart
        rows = {p.id: p for p in data.payments}
        data.payments = [p for i, p in rows.items() if i in closed.counted]
        data.carried = [p for i, p in rows.items() if i in closed.carried]
        if closed.handovers is not None:
            kept = {h.id: h for h in data.handovers}
            data.handovers = [h for i, h in kept.items() if i not in closed.carried_handovers]
            data.carried_handovers = [h for i, h in kept.items() if i in closed.carried_handovers]
    wanted = sorted({p.reverses_id for p in data.payments + data.carried if p.reverses_id} - set(data.originals))
    data.originals.update(_local_originals(wanted))
    reversed_ids = {p.reverses_id for p in data.payments + data.carried if p.reverses_id}
    data.held_reversed |= reversed_ids & ledger.not_credited_ids()  # as this PC's last sync had them
    if own:
        data.terminals = _terminals(data, own, reports or {}, day, closes)
    return data


def _terminals(data: HallDay, own: str, reports: dict[str, tuple[dt.datetime, int]], day: dt.date | None,
               closes: str) -> list[TerminalState]:
    rows: dict[str, list[PaymentRow]] = {own: []}
    for p in data.payments + data.carried:
        rows.setdefault(p.terminal, []).append(p)
    for h in data.handovers + data.carried_handovers:
        rows.setdefault(h.terminal, [])
    if day is not None:  # PCs that worked that day (or since) may have taken payments not sent yet
        for terminal, (at, _pending) in reports.items():
            if at.date() >= day:
                rows.setdefault(terminal, [])
    cutoff = None
    if day is not None:
        end = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=clock.minutes(closes))
        cutoff = min(end, clock.now() - FRESH)
    out = []
    for terminal, mine in sorted(rows.items(), key=lambda kv: (kv[0] != own, kv[0])):
        counters = tuple(sorted({p.counter_number for p in mine if p.counter_number is not None}))
        net = sum(p.amount_fen for p in mine if p.kind in ("payment", "fee", "reversal"))
        reported = reports.get(terminal)
        if terminal == own:
            state = HERE
        elif data.source == "offline" or reported is None:
            state = UNKNOWN
        elif reported[1] > 0:
            state = UNSENT
        elif cutoff is not None and reported[0] < cutoff:
            state = BEHIND
        else:
            state = IN
        out.append(TerminalState(terminal, counters, len(mine), net, state, reported[0] if reported else None,
                                 reported[1] if reported else 0))
    return out
