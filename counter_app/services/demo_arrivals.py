"""The demo hall's customers through the queue: arrivals by the weekday and hour curves, the
queue simulation that calls each ticket at the first counter able to serve it, and the
tickets with their events as the queue writes them.
"""

from __future__ import annotations

import datetime as dt
import heapq

from counter_app.ids import uuid7
from counter_app.models import (
    Ticket,
    TicketEvent,
)
from counter_app.services.demo_rows import Duty, Segment, Visit, _pick
from counter_app.services.demo_state import DayState

# Visitors a day by weekday (Monday first), before a ±12 % day-to-day wobble.
WEEKDAY_VISITS = (164, 140, 136, 146, 184, 216, 158)
# Arrivals per half hour from 08:30 (the last slot ends at 18:00): weekdays peak in the
# morning and after work; weekends are busiest around midday.
WEEKDAY_SLOTS = (4, 8, 11, 12, 11, 8, 6, 4, 4, 5, 6, 6, 6, 7, 8, 9, 12, 13, 5)
WEEKEND_SLOTS = (3, 5, 7, 9, 10, 11, 11, 10, 9, 9, 9, 9, 8, 8, 7, 7, 6, 5, 2)
CATEGORY_SHARE = (("payment", 36), ("general", 24), ("new_data", 12), ("plan", 11), ("complaint", 6), ("vip", 8),
                  ("green", 3))
PREFIX = {"payment": "A", "general": "B", "new_data": "C", "plan": "D", "complaint": "E", "vip": "V", "green": "G"}
SERVICE_MIN = {"payment": 3.4, "general": 8.0, "new_data": 10.0, "plan": 8.0, "complaint": 12.0, "vip": 6.0,
               "green": 5.0}


class Arrivals(DayState):
    """The day's visits: the queue simulation and the tickets it writes."""

    def _simulate(self, day: dt.date, arrivals: list[float], counters: Duty) -> list[Visit]:
        """Serve the day's tickets in the order they enter a queue, each at the counter able to
        call it first (its categories, its lunch break); a transfer re-enters the queue."""
        rng = self.rng
        free = {n: float(self.opens) for n in counters}
        numbers: dict[str, int] = {}
        visits: list[Visit] = []
        heap: list[tuple[float, int, Visit, str]] = []
        waiting_by: dict[str, list[float]] = {}
        for seq, minute in enumerate(arrivals):
            category = _pick(rng, CATEGORY_SHARE)
            numbers[category] = numbers.get(category, 0) + 1
            line = self.find(lambda x: bool(x.vip_no)) if category == "vip" else self.visitor()
            visit = Visit(uuid7(), category, numbers[category], self.at(day, minute), category == "vip",
                          category == "green", line, category == "vip" or rng.random() < 0.35, 0, 0)
            visits.append(visit)
            heapq.heappush(heap, (minute, seq, visit, category))
        order = len(arrivals)
        while heap:
            minute, _seq, visit, category = heapq.heappop(heap)
            able = [n for n, (_s, cats, _away) in counters.items() if category in cats] or list(counters)
            best: int | None = None
            start: float | None = None
            for n in able:
                begin = max(minute, free[n])
                for away_from, away_to in counters[n][2]:
                    if away_from <= begin < away_to:
                        begin = away_to
                if start is None or begin < start:
                    best, start = n, begin
            if not visit.segments:  # what the kiosk printed: people ahead, estimated wait
                queue = [m for m in waiting_by.get(category, []) if m > minute]
                visit.ahead = len(queue)
                visit.est_min = int(round(len(queue) * SERVICE_MIN[category] / max(1, len(able)))) + 1
            assert best is not None and start is not None  # counters is never empty
            staff = counters[best][0]
            called = start + (10 + rng.random() * 30) / 60
            roll = rng.random()
            recalled = roll < 0.07
            if recalled:
                called += 0.75
            if roll > 0.975 and not visit.segments:  # never came: two calls, then dropped
                ended = called + 1.0
                visit.segments.append(Segment(category, self.at(day, minute), self.at(day, called),
                                              self.at(day, ended), best, staff, "noshow", recalled))
                free[best] = ended
                continue
            mean = SERVICE_MIN[category]
            length = max(0.8, rng.gammavariate(3.0, mean / 3.0))
            ended = min(called + length, self.closes + 45.0)
            transfer = (category == "general" and not visit.segments and rng.random() < 0.06)
            segment = Segment(category, self.at(day, minute), self.at(day, called), self.at(day, ended), best,
                              staff, "transferred" if transfer else "finished", recalled)
            visit.segments.append(segment)
            waiting_by.setdefault(category, []).append(called)
            free[best] = ended
            if transfer:
                order += 1
                heapq.heappush(heap, (ended, order, visit, rng.choice(("plan", "new_data"))))
        return visits

    def _write_ticket(self, day: dt.date, visit: Visit, until: dt.datetime | None) -> None:
        w = self.writer
        events: list[tuple[str, dt.datetime, int | None, str, str]] = [("issued", visit.issued, None, "", "")]
        status, called_at, finished_at, counter, staff, category = "waiting", None, None, None, "", visit.category
        queued = visit.issued
        for seg in visit.segments:
            if until is not None and seg.called > until:
                break
            first_call = seg.called - dt.timedelta(seconds=45) if seg.recalled else seg.called
            events.append(("called", first_call, seg.counter, seg.staff, ""))
            status, called_at, counter, staff, category = "called", first_call, seg.counter, seg.staff, seg.category
            if seg.recalled:
                events.append(("recalled", seg.called, seg.counter, seg.staff, "1"))
            if until is not None and seg.ended > until:
                break
            if seg.end == "noshow":
                events.append(("noshow", seg.ended, seg.counter, seg.staff, ""))
                status, finished_at = "noshow", seg.ended
            elif seg.end == "transferred":
                nxt = visit.segments[visit.segments.index(seg) + 1]
                events.append(("transferred", seg.ended, seg.counter, seg.staff, f"category={nxt.category}"))
                # A transfer keeps the ticket's place (queued_at) and starts a new wait.
                status, counter, staff, category, called_at = "waiting", None, "", nxt.category, None
            else:
                events.append(("finished", seg.ended, seg.counter, seg.staff, ""))
                status, finished_at = "done", seg.ended
        visit.status = status
        visit.serving = counter if status == "called" else None
        line = visit.line
        code = f"{PREFIX[visit.category]}{visit.number:03d}"
        w.add(Ticket, id=visit.ticket_id, hall=self.hall, terminal=self.terminal, created_at=visit.issued, hlc="",
              business_date=day, category=category, issued_category=visit.category, number=visit.number, code=code,
              priority=2 if (visit.vip or visit.green) else 0, vip=visit.vip, green=visit.green,
              member_no=line.vip_no if (line and visit.vip) else "", phone=line.phone if (line and visit.phone_given) else "",
              customer_id=line.customer_id if (line and visit.phone_given) else None, status=status,
              issued_at=visit.issued, queued_at=queued, called_at=called_at, finished_at=finished_at,
              counter_number=counter, staff_no=staff, target_counter=None,
              recalls=sum(1 for e in events if e[0] == "recalled"), requeues=0, ahead_at_issue=visit.ahead,
              est_wait_min=visit.est_min, idempotency_key=None)
        for kind, at, number, staff_no, detail in events:
            w.add(TicketEvent, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                  ticket_id=visit.ticket_id, kind=kind, at=at, counter_number=number, staff_no=staff_no, detail=detail)
        seq_key = (day, visit.category)
        self.ticket_numbers[seq_key] = max(self.ticket_numbers.get(seq_key, 0), visit.number)
        self.counts["tickets"] += 1

