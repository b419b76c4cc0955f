"""The calling rules of the hall's queue, as plain functions of plain data.

Routing: a counter serves the categories of its own setup (``Counter.categories``) that its
clerk's specialties cover. A category that names no specialty (VIP club, green channel) is
served by any clerk whose counter is set up for it. With no clerk (an operator's command),
the counter's setup alone decides.

Order of calling, for the tickets a counter may serve:

1. the **top class** first: tickets of a priority category or flag (VIP, green channel),
   **and** normal tickets that have waited longer than their category's wait target;
2. then everything else;
3. within a class, the ticket that has been in the queue longest (``queued_at``) first.

So VIP and green channel go first, but a normal ticket that is past its target joins the top
class and from then on is overtaken by nobody who came after it: its wait is bounded by the
target plus the top-class tickets that were already there. ``queued_at`` is the issue time,
kept by a transfer and moved to the back by a no-show requeue.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

TOP, NORMAL = 1, 0


@dataclass(frozen=True)
class Head:
    """The first waiting ticket of one category and priority class (a call-next candidate)."""

    ticket_id: uuid.UUID
    category: str
    priority: int
    queued_at: dt.datetime
    number: int


def served_categories(counter_categories: Iterable[str], category_specialties: Mapping[str, Sequence[str]],
                      staff_specialties: Iterable[str] | None) -> list[str]:
    """The categories a counter serves with this clerk (``None``: no clerk, setup only)."""
    setup = [c for c in counter_categories if c in category_specialties]
    if staff_specialties is None:
        return setup
    skills = set(staff_specialties)
    return [c for c in setup if not category_specialties[c] or skills & set(category_specialties[c])]


def call_class(priority: int, queued_at: dt.datetime, wait_target_min: int, now: dt.datetime) -> int:
    if priority > 0:
        return TOP
    if now - queued_at >= dt.timedelta(minutes=wait_target_min):
        return TOP
    return NORMAL


def pick_next(heads: Sequence[Head], targets: dict[str, int], now: dt.datetime) -> Head | None:
    """The head to call: top class first, then the longest in the queue."""
    if not heads:
        return None

    def key(head: Head) -> tuple[int, dt.datetime, int]:
        klass = call_class(head.priority, head.queued_at, targets.get(head.category, 15), now)
        return (-klass, head.queued_at, head.number)

    return min(heads, key=key)


def estimate_wait_min(ahead: int, service_min: float, counters: int) -> int:
    """Minutes until a new ticket is called: the people ahead shared over the counters open
    for the category, each taking the recent average service time. Rounded up."""
    if ahead <= 0:
        return 0
    return math.ceil(ahead * service_min / max(1, counters))
