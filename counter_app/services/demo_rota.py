"""Who serves at which counter on the demo hall's days: the duty roster, each one's day off
and lunch break, and the manager's hours at counter 6 between rounds of the hall.
"""

from __future__ import annotations

import datetime as dt

# Who serves where (counter: staff, categories as the hall's counter setup) and when they pause.
DUTY = {1: "1001", 2: "1004", 3: "1002", 4: "1003", 6: "2001"}
DAY_OFF = {"1001": 0, "1003": 1, "1004": 2, "1002": 3, "2001": 6}  # weekday of each one's day off
LUNCH = {"1001": (11, 30), "1004": (12, 0), "1002": (12, 30), "1003": (13, 0)}
LUNCH_MIN = 30
# The manager serves at counter 6 between rounds of the hall (minutes of the day).
MANAGER_AT_COUNTER = ((9 * 60, 10 * 60 + 15), (10 * 60 + 45, 11 * 60 + 45), (13 * 60, 14 * 60),
                      (14 * 60 + 30, 15 * 60 + 45), (16 * 60 + 15, 18 * 60))


class Rota:
    """The counters open on a day, who is at each and when they are away."""

    def _duty(self, day: dt.date) -> dict[int, tuple[str, set[str], list[tuple[float, float]]]]:
        """Counter → (staff, categories, the spans it does not serve) of the staff on duty."""
        categories = self.counter_categories
        out = {}
        for counter, staff in DUTY.items():
            if DAY_OFF.get(staff) == day.weekday() or counter not in categories:
                continue
            if staff in LUNCH:
                hour, minute = LUNCH[staff]
                away = [(hour * 60 + minute, hour * 60 + minute + LUNCH_MIN)]
            else:  # the manager: only at the peaks
                edges = [self.opens] + [m for span in MANAGER_AT_COUNTER for m in span] + [self.closes + 60]
                away = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i] < edges[i + 1]]
            out[counter] = (staff, categories[counter], away)
        return out

