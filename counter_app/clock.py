"""The one place the application reads the time, so tests and reports can fix it.

Times are the hall's local wall-clock time, stored naive; the business date is the hall's
calendar date. Sync ordering does not rely on these (see sync's hybrid logical clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_now: Callable[[], dt.datetime] = dt.datetime.now


def now() -> dt.datetime:
    t = _now()
    return t.replace(microsecond=t.microsecond // 1000 * 1000, tzinfo=None)


def today() -> dt.date:
    return now().date()


def minutes(hhmm: str) -> int:
    """Minutes after midnight of a hall's "HH:MM" (its opening hours; "24:00" is the day's end)."""
    hours, _, mins = hhmm.partition(":")
    return int(hours) * 60 + int(mins or 0)


def set_clock(func: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (tests, replays); ``None`` restores the system clock."""
    global _now
    _now = func or dt.datetime.now


class FrozenClock:
    """A settable clock for tests and scripted days."""

    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> dt.datetime:
        self.current += dt.timedelta(**delta)
        return self.current
