"""Who serves at which counter on the demo hall's days: the duty roster, each clerk's day off
and lunch break, and the manager at counter 6.

Every queue of the kiosk is served whenever the hall is open. Each clerk sits at the counter
whose queue needs their specialty (payments and the VIP club and green channel at counter 2,
new and data services at 3, plan advice at 4, complaints at 5); the manager, in every day,
serves at counter 6 (every queue) at the peaks, and also whenever the clerks present leave a
queue without anyone able to serve it: all day on a clerk's day off, and over each lunch
break. What a counter serves with its clerk is decided as the live queue decides it
(``queue_rules.served_categories``: the counter's setup, the clerk's specialties).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from counter_app.services.demo_rows import Duty
from counter_app.services.demo_state import DayState
from counter_app.services.queue_rules import served_categories

# Who serves where (counter: staff, categories as the hall's counter setup) and when they pause.
MANAGER = "2001"
DUTY = {2: "1001", 3: "1002", 4: "1004", 5: "1003", 6: MANAGER}
DAY_OFF = {"1001": 0, "1003": 1, "1004": 2, "1002": 3}  # weekday of each clerk's day off
LUNCH = {"1001": (11, 30), "1004": (12, 0), "1002": (12, 30), "1003": (13, 0)}
LUNCH_MIN = 30
# The manager serves at counter 6 at the peaks, between rounds of the hall (minutes of the
# day), and whenever a queue would otherwise have no one to serve it.
MANAGER_AT_COUNTER = ((9 * 60, 10 * 60 + 15), (10 * 60 + 45, 11 * 60 + 45), (13 * 60, 14 * 60),
                      (14 * 60 + 30, 15 * 60 + 45), (16 * 60 + 15, 18 * 60))

# The clerk the README has a newcomer sign in as first (王芳). `main.py --demo` opens the terminal
# at her counter (app.apply_arguments): her first sign-in sits her down where the demo has her
# working, her customer in service, instead of asking whether to move (services/seat.py).
FIRST_CLERK = "1001"


def first_clerk_counter() -> int:
    """The counter of the README's first clerk in the duty roster (2): the demo terminal's."""
    return next(counter for counter, staff in DUTY.items() if staff == FIRST_CLERK)


def duty(day: dt.date, opens: int, closes: int, counters: dict[int, set[str]],
         skills: Mapping[str, Sequence[str]], needs: Mapping[str, Sequence[str]]) -> Duty:
    """Counter → (staff, its categories, the spans of the day it does not serve) of the staff
    on duty; ``opens``, ``closes`` in minutes of the day, ``skills`` each one's specialties,
    ``needs`` each queue category's specialties."""
    out: Duty = {}
    for counter, staff in DUTY.items():
        if staff == MANAGER or DAY_OFF.get(staff) == day.weekday() or counter not in counters:
            continue
        hour, minute = LUNCH[staff]
        out[counter] = (staff, counters[counter], [(hour * 60 + minute, hour * 60 + minute + LUNCH_MIN)])
    manager_counter = next((c for c, s in DUTY.items() if s == MANAGER), None)
    if manager_counter in counters:
        serving = list(MANAGER_AT_COUNTER) + uncovered(out, opens, closes, skills, needs)
        edges = [opens] + [m for span in _merged(serving) for m in span] + [closes + 60]
        away = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i] < edges[i + 1]]
        out[manager_counter] = (MANAGER, counters[manager_counter], away)
    return out


def uncovered(on_duty: Duty, opens: int, closes: int, skills: Mapping[str, Sequence[str]],
              needs: Mapping[str, Sequence[str]]) -> list[tuple[int, int]]:
    """The spans (minutes) of the open hours when some queue category has no counter on duty,
    and present, whose clerk may serve it. Presence changes only at the edges of the away
    spans, so each stretch between two edges is looked at once."""
    serves = [(away, set(served_categories(categories, needs, skills.get(staff, ()))))
              for staff, categories, away in on_duty.values()]
    edges = sorted({opens, closes, *(m for away, _ in serves for span in away for m in span if opens < m < closes)})
    spans: list[tuple[int, int]] = []
    for start, end in zip(edges, edges[1:], strict=False):
        served: set[str] = set()
        for away, categories in serves:
            if not any(a <= start < b for a, b in away):
                served |= categories
        if not set(needs) <= served:
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class Rota(DayState):
    """The counters open on a day, who is at each and when they are away."""

    def _duty(self, day: dt.date) -> Duty:
        """Counter → (staff, categories, the spans it does not serve) of the staff on duty."""
        if not hasattr(self, "_needs"):
            from counter_app.models import QueueCategory

            self._needs = {c.code: list(c.specialties or []) for c in QueueCategory.select()}
        skills = {no: sorted(specs) for no, (_role, specs) in self.specialties.items()}
        return duty(day, self.opens, self.closes, self.counter_categories, skills, self._needs)
