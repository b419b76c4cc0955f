"""The live hall board: the hall at a glance, as of now.

:func:`snapshot` is read-only and takes a fraction of a second on a busy day; the UI calls it
from a worker every few seconds. Waits and service times come from the same replay as the
daily summary (``report_times``), so the board and the print-out agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Counter, CounterState, Staff, Ticket
from counter_app.models.rows import tuples
from counter_app.services import queue
from counter_app.services.permissions import Permission, require
from counter_app.services.report_times import mean
from counter_app.services.reports import load_lives, rating_counts, satisfaction
from counter_app.services.session import Session


@dataclass(frozen=True)
class CategoryLine:
    code: str
    name_zh: str
    name_en: str
    target_min: int
    waiting: int
    longest_wait_s: float | None  # the customer waiting longest now
    served: int
    avg_wait_s: float | None
    within_target: float | None


@dataclass(frozen=True)
class CounterLine:
    number: int
    name: str
    status: str  # serving | open | paused | closed
    staff_no: str
    staff_name: str
    ticket_code: str
    since: dt.datetime | None


@dataclass(frozen=True)
class BoardSnapshot:
    at: dt.datetime
    categories: list[CategoryLine]
    counters: list[CounterLine]
    waiting: int
    longest_wait_s: float | None
    served: int
    avg_wait_s: float | None
    avg_service_s: float | None
    within_target: float | None
    satisfaction: float | None
    ratings: int
    hourly: list[tuple[int, int]]  # (hour, tickets issued) so far today


def snapshot(session: Session) -> BoardSnapshot:
    require(session, Permission.VIEW_REPORTS)
    hall_code = session.hall_code
    now = clock.now()
    today = now.date()
    lives = load_lives(hall_code, today, today, until=now)
    categories = queue.hall_categories(hall_code)
    targets = {c.code: c.wait_target_min * 60 for c in categories}
    services = [s for life in lives for s in life.services]
    lines = []
    for c in categories:
        waiting = [life for life in lives if life.outcome == "waiting" and life.category == c.code]
        done = [s for s in services if s.category == c.code]
        longest = max(((now - life.queued_at).total_seconds() for life in waiting if life.queued_at), default=None)
        lines.append(CategoryLine(
            c.code, c.name_zh, c.name_en, c.wait_target_min, len(waiting), longest, len(done),
            mean([s.wait_s for s in done]),
            sum(1 for s in done if s.wait_s <= targets[c.code]) / len(done) if done else None,
        ))
    ratings = rating_counts(hall_code, dt.datetime.combine(today, dt.time()), now + dt.timedelta(seconds=1))
    arrivals: dict[int, int] = {}
    for life in lives:
        arrivals[life.issued_at.hour] = arrivals.get(life.issued_at.hour, 0) + 1
    hours = sorted(arrivals)
    hourly = [(h, arrivals.get(h, 0)) for h in range(hours[0], hours[-1] + 1)] if hours else []
    waits = [line.longest_wait_s for line in lines if line.longest_wait_s is not None]
    return BoardSnapshot(
        at=now,
        categories=lines,
        counters=_counters(hall_code),
        waiting=sum(line.waiting for line in lines),
        longest_wait_s=max(waits) if waits else None,
        served=len(services),
        avg_wait_s=mean([s.wait_s for s in services]),
        avg_service_s=mean([s.service_s for s in services]),
        within_target=(sum(1 for s in services if s.wait_s <= targets.get(s.category, 15 * 60)) / len(services)
                       if services else None),
        satisfaction=satisfaction(ratings),
        ratings=sum(ratings.values()),
        hourly=hourly,
    )


def _counters(hall_code: str) -> list[CounterLine]:
    names = dict(tuples(Staff.select(Staff.staff_no, Staff.name).where(Staff.hall == hall_code)))
    states = {s.counter_number: s for s in CounterState.select().where(CounterState.hall == hall_code)}
    current = [s.current_ticket for s in states.values() if s.current_ticket]
    codes = ({t.id: (t.code, t.status, t.called_at) for t in
              Ticket.select(Ticket.id, Ticket.code, Ticket.status, Ticket.called_at).where(Ticket.id.in_(current))}
             if current else {})
    out = []
    for counter in Counter.select().where((Counter.hall == hall_code) & Counter.active).order_by(Counter.number):
        state = states.get(counter.number)
        status, staff_no, code, since = "closed", "", "", None
        if state is not None:
            status, staff_no, since = state.status, state.staff_no, state.since
            ticket = codes.get(state.current_ticket) if state.current_ticket else None
            if status == "open" and ticket is not None and ticket[1] == "called":
                status, code, since = "serving", ticket[0], ticket[2] or since
        out.append(CounterLine(counter.number, counter.name, status, staff_no if status != "closed" else "",
                               names.get(staff_no, "") if status != "closed" else "", code, since))
    return out
