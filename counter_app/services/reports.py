"""The daily summary of a hall: every figure the printed 营业日报 shows, as plain data.

:func:`daily_summary` reads one business day with a handful of queries (tuples, no model
objects: a busy day has tens of thousands of rows) and returns a :class:`DailySummary` that
``documents/daily.py`` prints. Waits and service times follow ``report_times`` (Qmatic's
definitions). Read-only; safe to call from a worker thread.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from peewee import Query, fn

from counter_app import clock
from counter_app.models import (
    BusinessType,
    Complaint,
    Hall,
    QueueCategory,
    Rating,
    ServiceOrder,
    Staff,
    Ticket,
    TicketEvent,
    db,
)
from counter_app.models.rows import tuples
from counter_app.services import ledger, queue
from counter_app.services import settlement as settling
from counter_app.services.permissions import Permission, require
from counter_app.services.report_period import not_in_future_day
from counter_app.services.report_times import (
    Event,
    Service,
    TicketLife,
    idle_while_waiting,
    mean,
    percentile,
    replay,
    union,
)
from counter_app.services.session import Session
from counter_app.services.settlement import SettlementData

SATISFIED_SCORE = 4  # a rating of 4 or 5 counts as satisfied


@dataclass
class CategoryRow:
    code: str
    name_zh: str
    name_en: str
    target_min: int
    issued: int = 0
    served: int = 0
    noshow: int = 0
    waiting: int = 0  # still in the queue at the end of the day (or now)
    avg_wait_s: float | None = None
    p90_wait_s: float | None = None
    avg_service_s: float | None = None
    p90_service_s: float | None = None
    within_target: float | None = None  # share 0..1


@dataclass
class HourRow:
    hour: int
    arrivals: int
    avg_wait_s: float | None  # of the services whose customers entered the queue in this hour


@dataclass
class ClerkRow:
    staff_no: str
    name: str
    served: int = 0
    businesses: dict[str, int] = field(default_factory=dict)
    service_s: float = 0.0
    avg_service_s: float | None = None
    idle_s: float = 0.0
    ratings: int = 0
    avg_score: float | None = None


@dataclass
class BusinessRow:
    code: str
    name_zh: str
    name_en: str
    count: int
    fee_fen: int
    voided: int


@dataclass
class DailySummary:
    hall_code: str
    hall_name: str
    day: dt.date
    generated_at: dt.datetime
    categories: list[CategoryRow]
    total: CategoryRow
    hours: list[HourRow]
    clerks: list[ClerkRow]
    businesses: list[BusinessRow]
    # Payments by method, takings, reversals, credits, expected cash and the day-close state,
    # from the settlement service itself so the summary and the settlement sheet agree.
    settlement: SettlementData
    complaints_opened: int
    complaints_closed: int
    complaints_overdue: int
    complaints_escalated: int
    ratings: dict[int, int]  # score -> count, 1..5
    satisfaction: float | None  # share of ratings of 4 or 5
    # (count, fen) the day's payments put into customers' ledgers (services.ledger)
    posted: tuple[int, int] = (0, 0)

    @property
    def settled(self) -> bool:
        return self.settlement.closed_at is not None

    @property
    def empty(self) -> bool:
        return not (self.total.issued or self.businesses or self.settlement.count or self.complaints_opened
                    or self.complaints_closed or sum(self.ratings.values()))


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def _raw(query: Query) -> list[tuple[Any, ...]]:
    return list(db.execute(query).fetchall())


def _when(value: dt.datetime | str) -> dt.datetime:
    """A timestamp as the driver gave it: PostgreSQL a datetime, SQLite ISO text."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def load_lives(hall_code: str, first: dt.date, last: dt.date, until: dt.datetime | None = None) -> list[TicketLife]:
    """Every ticket of the business days ``first``..``last`` replayed from its events.

    ``until`` cuts the events (the board asks "as of now"); still-waiting stretches end there.
    """
    # Raw driver rows: converting every id to a UUID object and every time through peewee's
    # format guessing would cost more than the replay itself on a busy month.
    tickets = _raw(Ticket.select(Ticket.id, Ticket.category, Ticket.code, Ticket.issued_at)
                   .where((Ticket.hall == hall_code) & (Ticket.business_date >= first)
                          & (Ticket.business_date <= last)))
    if not tickets:
        return []
    by_prefix = {prefix: code for code, prefix in tuples(QueueCategory.select(QueueCategory.code, QueueCategory.prefix))}
    events: dict[object, list[Event]] = defaultdict(list)
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time()) + dt.timedelta(hours=6)
    query = (TicketEvent.select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at, TicketEvent.counter_number,
                                TicketEvent.staff_no, TicketEvent.detail)
             .where((TicketEvent.hall == hall_code) & (TicketEvent.at >= start) & (TicketEvent.at < end))
             .order_by(TicketEvent.at, TicketEvent.id))
    if until is not None:
        query = query.where(TicketEvent.at <= until)
    for ticket_id, kind, at, counter_number, staff_no, detail in _raw(query):
        events[ticket_id].append(Event(kind, _when(at), counter_number, staff_no or "", detail or ""))
    lives = []
    for ticket_id, category, code, issued_at in tickets:
        # A transfer rewrites the ticket's category; its number keeps the prefix it was issued under.
        first_category = by_prefix.get(code.rstrip("0123456789"), category)
        lives.append(replay(ticket_id, first_category, _when(issued_at), events.get(ticket_id, ())))
    return lives


def _category_rows(lives: list[TicketLife], categories: list[QueueCategory]) -> tuple[list[CategoryRow], CategoryRow]:
    rows = {c.code: CategoryRow(c.code, c.name_zh, c.name_en, c.wait_target_min) for c in categories}
    targets = {c.code: c.wait_target_min * 60 for c in categories}

    def row(code: str) -> CategoryRow:
        if code not in rows:
            rows[code] = CategoryRow(code, code, code, 15)
            targets[code] = 15 * 60
        return rows[code]

    services: dict[str, list[Service]] = defaultdict(list)
    for life in lives:
        row(life.first_category).issued += 1
        if life.outcome == "noshow":
            row(life.category).noshow += 1
        elif life.outcome == "waiting":
            row(life.category).waiting += 1
        for service in life.services:
            services[service.category].append(service)
    total = CategoryRow("", "合计", "Total", 0)
    all_services: list[Service] = []
    for code, items in services.items():
        _fill_times(row(code), items, {code: targets[code]})
        all_services.extend(items)
    _fill_times(total, all_services, targets)
    for r in rows.values():
        total.issued += r.issued
        total.noshow += r.noshow
        total.waiting += r.waiting
    known = {c.code for c in categories}
    ordered = [rows[c.code] for c in categories] + [r for code, r in rows.items() if code not in known]
    return ordered, total


def _fill_times(row: CategoryRow, services: list[Service], targets: dict[str, int]) -> None:
    waits = [s.wait_s for s in services]
    times = [s.service_s for s in services]
    row.served = len(services)
    row.avg_wait_s, row.p90_wait_s = mean(waits), percentile(waits, 0.9)
    row.avg_service_s, row.p90_service_s = mean(times), percentile(times, 0.9)
    if services:
        row.within_target = sum(1 for s in services if s.wait_s <= targets[s.category]) / len(services)


def _hours(lives: list[TicketLife]) -> list[HourRow]:
    arrivals: Tally[int] = Tally(life.issued_at.hour for life in lives)
    waits: dict[int, list[float]] = defaultdict(list)
    for life in lives:
        for service in life.services:
            waits[service.queued_at.hour].append(service.wait_s)
    hours = sorted(set(arrivals) | set(waits))
    if not hours:
        return []
    return [HourRow(h, arrivals.get(h, 0), mean(waits.get(h, []))) for h in range(hours[0], hours[-1] + 1)]


def _clerks(hall_code: str, day: dt.date, lives: list[TicketLife], end: dt.datetime) -> list[ClerkRow]:
    names = dict(tuples(Staff.select(Staff.staff_no, Staff.name).where(Staff.hall == hall_code)))
    rows: dict[str, ClerkRow] = {}

    def row(staff_no: str) -> ClerkRow:
        if staff_no not in rows:
            rows[staff_no] = ClerkRow(staff_no, names.get(staff_no, staff_no))
        return rows[staff_no]

    busy: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    waiting = union((a, b or end) for life in lives for a, b in life.waiting)
    for life in lives:
        for service in life.services:
            r = row(service.staff_no)
            r.served += 1
            r.service_s += service.service_s
        for staff_no, a, b in life.busy:
            busy[staff_no].append((a, b))
    for staff_no, stretches in busy.items():
        row(staff_no).idle_s = idle_while_waiting(stretches, waiting)
    for staff_no, code, count in (tuples(ServiceOrder.select(ServiceOrder.staff_no, ServiceOrder.business_code,
                                                             fn.COUNT(ServiceOrder.id))
                                         .where((ServiceOrder.hall == hall_code) & (ServiceOrder.business_date == day)
                                                & (ServiceOrder.status == "done"))
                                         .group_by(ServiceOrder.staff_no, ServiceOrder.business_code))):
        row(staff_no).businesses[code] = count
    start, stop = _day_bounds(day)
    for staff_no, count, total in (tuples(Rating.select(Rating.staff_no, fn.COUNT(Rating.id), fn.SUM(Rating.score))
                                          .where((Rating.hall == hall_code) & (Rating.created_at >= start)
                                                 & (Rating.created_at < stop) & (Rating.staff_no != ""))
                                          .group_by(Rating.staff_no))):
        r = row(staff_no)
        r.ratings, r.avg_score = count, total / count
    for r in rows.values():
        r.avg_service_s = r.service_s / r.served if r.served else None
    return sorted(rows.values(), key=lambda r: r.staff_no)


def _businesses(hall_code: str, day: dt.date) -> list[BusinessRow]:
    names = {code: (zh, en) for code, zh, en, _ in tuples(BusinessType.select(
        BusinessType.code, BusinessType.name_zh, BusinessType.name_en, BusinessType.sort))}
    order = {code: sort for code, _, _, sort in tuples(BusinessType.select(
        BusinessType.code, BusinessType.name_zh, BusinessType.name_en, BusinessType.sort))}
    rows: dict[str, BusinessRow] = {}
    for code, status, count, fees in (tuples(ServiceOrder.select(ServiceOrder.business_code, ServiceOrder.status,
                                                                 fn.COUNT(ServiceOrder.id), fn.SUM(ServiceOrder.fee_fen))
                                             .where((ServiceOrder.hall == hall_code) & (ServiceOrder.business_date == day))
                                             .group_by(ServiceOrder.business_code, ServiceOrder.status))):
        zh, en = names.get(code, (code, code))
        row = rows.setdefault(code, BusinessRow(code, zh, en, 0, 0, 0))
        if status == "voided":
            row.voided += count
        else:
            row.count += count
            row.fee_fen += int(fees or 0)
    return sorted(rows.values(), key=lambda r: (order.get(r.code, 999), r.code))


def complaint_counts(hall_code: str, start: dt.datetime, stop: dt.datetime) -> dict[str, int]:
    """Complaints opened, closed and escalated in [start, stop); overdue = still without a reply
    at ``stop`` although their reply deadline had passed (the deadline is a reply deadline, as
    in services.complaints)."""
    in_hall = Complaint.hall == hall_code
    return {
        "opened": Complaint.select().where(in_hall & (Complaint.opened_at >= start) & (Complaint.opened_at < stop)).count(),
        "closed": Complaint.select().where(in_hall & (Complaint.closed_at >= start) & (Complaint.closed_at < stop)).count(),
        "escalated": Complaint.select().where(in_hall & (Complaint.escalated_at >= start)
                                              & (Complaint.escalated_at < stop)).count(),
        "overdue": Complaint.select().where(in_hall & (Complaint.opened_at < stop) & (Complaint.deadline_at < stop)
                                            & (Complaint.replied_at.is_null() | (Complaint.replied_at >= stop))).count(),
    }


def rating_counts(hall_code: str, start: dt.datetime, stop: dt.datetime) -> dict[int, int]:
    counts = {score: 0 for score in range(1, 6)}
    for score, count in (tuples(Rating.select(Rating.score, fn.COUNT(Rating.id))
                                .where((Rating.hall == hall_code) & (Rating.created_at >= start) & (Rating.created_at < stop))
                                .group_by(Rating.score))):
        counts[int(score)] = counts.get(int(score), 0) + count
    return counts


def satisfaction(counts: dict[int, int]) -> float | None:
    total = sum(counts.values())
    return sum(n for score, n in counts.items() if score >= SATISFIED_SCORE) / total if total else None


def daily_summary(session: Session, day: dt.date) -> DailySummary:
    require(session, Permission.VIEW_REPORTS)
    not_in_future_day(day)
    hall_code = session.hall_code
    hall = Hall.get_by_id(hall_code)
    start, stop = _day_bounds(day)
    now = clock.now()
    # A day still running is summarised as of now: its waiting customers are waiting now.
    end = min(stop, now) if start <= now else stop
    lives = load_lives(hall_code, day, day)
    categories = queue.hall_categories(hall_code)
    rows, total = _category_rows(lives, categories)
    sheet = settling.figures(session, day)  # the summary's reader may see the day's takings
    complaints = complaint_counts(hall_code, start, stop)
    ratings = rating_counts(hall_code, start, stop)
    return DailySummary(
        hall_code=hall_code,
        hall_name=hall.name,
        day=day,
        generated_at=now,
        categories=rows,
        total=total,
        hours=_hours(lives),
        clerks=_clerks(hall_code, day, lives, end),
        businesses=_businesses(hall_code, day),
        settlement=sheet,
        complaints_opened=complaints["opened"],
        complaints_closed=complaints["closed"],
        complaints_overdue=complaints["overdue"],
        complaints_escalated=complaints["escalated"],
        ratings=ratings,
        satisfaction=satisfaction(ratings),
        posted=ledger.posted_on(hall_code, day),
    )
