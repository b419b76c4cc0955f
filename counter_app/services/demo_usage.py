"""The demo lines' detailed records: a month of calls, messages and data sessions per line,
made fast (the default demo makes some 180,000 of them), not yet rated: the bill run rates
them under the plan in force."""

from __future__ import annotations

import calendar
import random
from typing import Any

from counter_app.services.demo_people import PHONE_PREFIXES

OTHER_PREFIXES = PHONE_PREFIXES + ("133", "139", "138")
CALL_KINDS = ("local",) * 7 + ("long",) * 2 + ("roam",)
_CLOCK: list[str] = []  # "HH:MM:SS" of every second from 07:00 to 23:00, made once


def _clock_texts() -> list[str]:
    if not _CLOCK:
        _CLOCK.extend(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(25_200, 82_800))
    return _CLOCK


def usage_for(rng: random.Random, aid: str, period: str, cities: list[str]) -> list[tuple[Any, ...]]:
    """A month of calls, messages and data sessions of one line, not yet rated (the bill run
    rates them under the plan in force and writes each record's fee).

    Made from ``rng.random()``, integer arithmetic and ready-made time texts only: the
    default demo makes a quarter of a million of these, and ``randrange``, ``choices`` and
    ``datetime`` cost several times as much per record."""
    year, month = map(int, period.split("-"))
    days = [f"{period}-{d:02d} " for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    clock_texts = _clock_texts()
    random_ = rng.random
    home = cities[0]
    span = len(days) * 57_600  # 07:00 to 23:00 of each day, in seconds
    rows = []
    for moment in sorted(int(random_() * span) for _ in range(8 + int(random_() * 13))):
        day, second = divmod(moment, 57_600)
        started = days[day] + clock_texts[second]
        number = int(random_() * 1_000_000_000)
        other = OTHER_PREFIXES[number // 100_000_000] + f"{number % 100_000_000:08d}"
        roll = number % 100  # the number's last digits are as random as a new draw
        if roll < 55:
            subtype = CALL_KINDS[number // 1000 % 10]
            direction = "in" if number // 100 % 3 == 0 else "out"
            location = cities[number // 10_000 % len(cities)] if subtype == "roam" else home
            rows.append((aid, period, "call", subtype, direction, started, other, location,
                         5 + number // 100_000 % 895, 0, 0))
        elif roll < 82:
            rows.append((aid, period, "sms", "", "out", started, other, home, 0, 0, 0))
        else:
            rows.append((aid, period, "data", "", "out", started, "CMNET", home, 0, 50 + number // 100 % 7950, 0))
    return rows
