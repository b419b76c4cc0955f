"""Waits and service times from a ticket's events, by Qmatic's definitions.

Pure functions over plain values (no database), shared by the daily summary, the live board
and the hall grade so the three can never disagree.

A ticket's life is replayed event by event:

- the wait of a service runs from the moment the ticket entered the queue for it (its issue,
  or the transfer that sent it on) to the call that started the service; a no-show that is
  requeued keeps the clock running from the queue entry, because the customer is still
  waiting for the same service;
- the service runs from that call to ``finished`` or ``transferred``. A recall (the same
  ticket called again at the same counter, the customer not there yet) moves nothing: the
  counter has been taken by this customer since the first call, which is what the counter's
  timer shows and what ``Ticket.called_at`` keeps (docs/queue.md, "Events");
- a transfer ends one service and starts a new wait for the next, in the category the
  transfer names (a transfer to a counter keeps the category).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from counter_app.ids import RawId

Interval = tuple[dt.datetime, dt.datetime]


class Event(NamedTuple):  # a tuple: a busy month replays hundreds of thousands of them
    kind: str
    at: dt.datetime
    counter_number: int | None = None
    staff_no: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Service:
    """One customer served once at one counter."""

    ticket_id: RawId
    category: str
    queued_at: dt.datetime
    called_at: dt.datetime
    ended_at: dt.datetime
    end: str  # finished | transferred
    counter_number: int | None
    staff_no: str

    @property
    def wait_s(self) -> float:
        return (self.called_at - self.queued_at).total_seconds()

    @property
    def service_s(self) -> float:
        return (self.ended_at - self.called_at).total_seconds()


@dataclass
class TicketLife:
    ticket_id: RawId
    first_category: str
    issued_at: dt.datetime
    category: str = ""  # where the ticket is now
    outcome: str = "waiting"  # waiting | called | done | noshow | cancelled
    services: list[Service] = field(default_factory=list)
    waiting: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)  # open end: still waiting
    busy: list[tuple[str, dt.datetime, dt.datetime]] = field(default_factory=list)  # (staff, from, to) incl. no-shows
    queued_at: dt.datetime | None = None  # when waiting now: since when (for "longest current wait")


def transfer_category(detail: str, current: str) -> str:
    if detail.startswith("category="):
        return detail.split("=", 1)[1] or current
    return current


def replay(ticket_id: RawId, first_category: str, issued_at: dt.datetime, events: Iterable[Event]) -> TicketLife:
    """Replay one ticket's events (in time order). ``issued`` events are implied by ``issued_at``."""
    life = TicketLife(ticket_id, first_category, issued_at, category=first_category)
    category = first_category
    queued_at: dt.datetime = issued_at  # start of the current service's wait
    waiting_since: dt.datetime | None = issued_at  # start of the current stretch in the queue
    call: Event | None = None
    for event in events:
        kind = event.kind
        if kind in ("called", "recalled"):
            if waiting_since is not None:
                life.waiting.append((waiting_since, event.at))
                waiting_since = None
            if call is None or kind == "called":
                call = event  # a recall keeps the call that started the service
            life.outcome = "called"
        elif kind in ("finished", "transferred") and call is not None:
            life.services.append(Service(ticket_id, category, queued_at, call.at, event.at, kind,
                                         call.counter_number, call.staff_no))
            life.busy.append((call.staff_no, call.at, event.at))
            call = None
            if kind == "finished":
                life.outcome = "done"
            else:
                category = transfer_category(event.detail, category)
                queued_at = waiting_since = event.at
                life.outcome = "waiting"
        elif kind == "noshow":
            if call is not None:
                life.busy.append((call.staff_no, call.at, event.at))
            call = None
            life.outcome = "noshow"
        elif kind == "requeued":
            waiting_since = event.at
            life.outcome = "waiting"
        elif kind == "cancelled":
            if waiting_since is not None:
                life.waiting.append((waiting_since, event.at))
                waiting_since = None
            call = None
            life.outcome = "cancelled"
    if waiting_since is not None:
        life.waiting.append((waiting_since, None))
        life.queued_at = queued_at
    life.category = category
    return life


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile (the value below which ``share`` of the values lie)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping intervals into a sorted list of disjoint ones."""
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def overlap_s(gap: Interval, disjoint: list[Interval], starts: list[dt.datetime] | None = None) -> float:
    """Seconds of ``gap`` covered by the sorted disjoint intervals."""
    start, end = gap
    if end <= start or not disjoint:
        return 0.0
    starts = starts if starts is not None else [a for a, _ in disjoint]
    index = max(0, bisect_left(starts, start) - 1)
    total = 0.0
    while index < len(disjoint) and disjoint[index][0] < end:
        a, b = disjoint[index]
        lo, hi = max(a, start), min(b, end)
        if hi > lo:
            total += (hi - lo).total_seconds()
        index += 1
    return total


def idle_while_waiting(busy: list[tuple[dt.datetime, dt.datetime]], waiting: list[Interval]) -> float:
    """Seconds between one clerk's consecutive calls-to-end stretches during which at least one
    customer was waiting in the hall. Before the first call and after the last end the clerk
    may not have been at the counter, so only the gaps between their work count."""
    stretches = union(busy)
    starts = [a for a, _ in waiting]
    total = 0.0
    for (_, previous_end), (next_start, _) in itertools.pairwise(stretches):
        total += overlap_s((previous_end, next_start), waiting, starts)
    return total
