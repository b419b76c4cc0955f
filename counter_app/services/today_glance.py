"""The manager's glance at the day (the Today tab): what a hall manager checks between two
customers, read in one call on a worker.

Every figure comes from the service that owns it, so the tab agrees with the other tabs: the
queues and waits from the live board (``board.snapshot``), the takings from the settlement's
figures (``settlement.figures``, the same net the settlement tab shows before the close: with a
hub configured the whole hall's rows read from the hub, without one this PC's), the plain
counts from ``overview.hall_today``. Only the complaints'
count is read here: the unanswered complaints whose reply deadline falls today or has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Complaint, DayClose
from counter_app.services import board, overview, settlement
from counter_app.services.complaints import OPEN_STATUSES
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

# The other PCs send their payments to the hub at their sync, every minute by default: the
# tab's re-read every 10 s takes the hub's answer of up to a minute ago rather than opening a
# connection to the hub each time (a province's hub serves every hall's managers). This PC's
# own rows are read each time; F5 asks the hub afresh.
HUB_MAX_AGE_S = 60

@dataclass(frozen=True)
class QueueNow:
    code: str
    name_zh: str
    name_en: str
    waiting: int
    longest_wait_s: float | None
    target_min: int

    @property
    def late(self) -> bool:
        """The customer waiting longest has waited past the queue's target."""
        return self.longest_wait_s is not None and self.longest_wait_s > self.target_min * 60


@dataclass(frozen=True)
class TodayGlance:
    at: dt.datetime
    counts: dict[str, int]  # customers, accounts, staff, tickets, waiting, orders, payments
    served: int
    longest_wait_s: float | None
    within_target: float | None  # share of today's customers called within their queue's target
    queues: list[QueueNow]
    hourly: list[tuple[int, int]]  # (hour, tickets issued) from the day's first ticket to now
    takings_fen: int  # net so far: takings less reversals (integer fen)
    takings_count: int
    takings_source: str  # "local" (no hub: this PC), "hub" (the whole hall), "offline" (hub silent: this PC)
    complaints_due: int  # unanswered, reply deadline today or already passed
    complaints_overdue: int  # of those, the deadline has passed
    day_closed: bool


def glance(session: Session, *, fresh: bool = False) -> TodayGlance:
    """The day so far at the session's hall (managers: reports permission). The hub's part of
    the takings may be up to ``HUB_MAX_AGE_S`` old unless ``fresh`` (the manager pressed F5)."""
    require(session, Permission.VIEW_REPORTS)
    hall = session.hall_code
    now = clock.now()
    today = now.date()
    snap = board.snapshot(session)
    money = settlement.figures(session, today, hub=True, hub_max_age_s=0 if fresh else HUB_MAX_AGE_S)
    due, overdue = _complaints_due(hall, now)
    closed = DayClose.select().where((DayClose.hall == hall) & (DayClose.business_date == today)).exists()
    return TodayGlance(
        at=now,
        counts=overview.hall_today(session),
        served=snap.served,
        longest_wait_s=snap.longest_wait_s,
        within_target=snap.within_target,
        queues=[QueueNow(c.code, c.name_zh, c.name_en, c.waiting, c.longest_wait_s, c.target_min)
                for c in snap.categories],
        hourly=snap.hourly,
        takings_fen=money.net_fen,
        takings_count=money.takings.count + money.reversals.count,
        takings_source=money.source,
        complaints_due=due,
        complaints_overdue=overdue,
        day_closed=closed,
    )


def _complaints_due(hall: str, now: dt.datetime) -> tuple[int, int]:
    """Unanswered complaints of the hall due before tomorrow, and those already overdue."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    unanswered = Complaint.select().where((Complaint.hall == hall) & Complaint.status.in_(OPEN_STATUSES))
    return (unanswered.where(Complaint.deadline_at < tomorrow).count(),
            unanswered.where(Complaint.deadline_at < now).count())
