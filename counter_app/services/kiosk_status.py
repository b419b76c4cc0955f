"""Whether the kiosk issues numbers now, and if not, why — in the words a customer reads.

The kiosk asks this before it shows its start page (and every half minute), so a customer
never picks a service only to be refused: outside the opening hours, and after the manager
closed the business day (日结), the kiosk shows its closed page instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Hall
from counter_app.services import queue
from counter_app.services.dayclose import is_day_closed

OPEN, OUTSIDE_HOURS, DAY_CLOSED = "open", "outside_hours", "day_closed"


@dataclass(frozen=True)
class KioskStatus:
    state: str  # open | outside_hours | day_closed
    opens: str
    closes: str
    reopens_tomorrow: bool  # the hall opens again on the next calendar day, not later today

    @property
    def is_open(self) -> bool:
        return self.state == OPEN


def kiosk_status(hall_code: str) -> KioskStatus:
    """Read-only; the hall's stored opening hours (a manager may have changed them on another
    terminal) and today's day close."""
    hall = Hall.get_by_id(hall_code)
    now = clock.now()
    later_today = now.hour * 60 + now.minute < clock.minutes(hall.opens)
    if is_day_closed(hall_code, now.date()):
        return KioskStatus(DAY_CLOSED, hall.opens, hall.closes, True)
    if not queue.hall_is_open(hall, now):
        return KioskStatus(OUTSIDE_HOURS, hall.opens, hall.closes, not later_today)
    return KioskStatus(OPEN, hall.opens, hall.closes, False)
