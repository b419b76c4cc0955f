"""What the queue shows: the waiting list, the hall's status for the wall display and the
manager, the kiosk's outlook, and the ticket a counter looks at (with its customer)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from counter_app import clock
from counter_app.models import (
    Account,
    Counter,
    CounterState,
    Customer,
    Ticket,
    TicketEvent,
)
from counter_app.models.rows import tuples
from counter_app.services import queue_rules
from counter_app.services.permissions import Permission, require
from counter_app.services.queue_store import (
    _as_uuid,
    _category_maps,
    _waiting,
    average_service_min,
    categories,
    estimate_for,
    open_counters_for,
)
from counter_app.services.session import Session

# ---------------------------------------------------------------------------- reading

def ticket_by_id(session: Session, ticket_id: uuid.UUID | str) -> Ticket | None:
    """The ticket with this id (a UUID or its text, as a ticket's QR carries it)."""
    require(session, Permission.SERVE)
    value = _as_uuid(ticket_id)
    return Ticket.get_or_none(Ticket.id == value) if value is not None else None


def account_for_ticket(session: Session, ticket: Ticket) -> uuid.UUID | None:
    """The account id of the line the customer gave at the kiosk (phone or member number)."""
    require(session, Permission.SERVE)
    if ticket.phone:
        line: Account | None = Account.select(Account.id).where(Account.phone == ticket.phone).first()
        if line is not None:
            return line.id
    if ticket.customer_id is not None:
        line = (Account.select(Account.id).where(Account.customer == ticket.customer_id)
                .order_by(Account.opened_at).first())
        if line is not None:
            return line.id
    return None


def customer_name(session: Session, ticket: Ticket) -> str:
    """For the clerk's screen only; the calling display never shows it."""
    require(session, Permission.SERVE)
    if ticket.customer_id is None:
        return ""
    customer = Customer.select(Customer.name).where(Customer.id == ticket.customer_id).first()
    return customer.name if customer else ""


@dataclass(frozen=True)
class WaitingTicket:
    id: uuid.UUID
    code: str
    category: str
    priority: bool
    overdue: bool
    waited_min: int
    targeted: bool


def waiting_list(session: Session, counter_number: int | None = None, limit: int = 200) -> list[WaitingTicket]:
    """The tickets this counter may call, in the order it would call them."""
    require(session, Permission.SERVE)
    from counter_app.services.queue import _counter, served_by  # the counter's own rules

    counter = _counter(session, counter_number)
    served = served_by(session, counter)
    _, targets = _category_maps(session.hall_code)
    now = clock.now()
    mine = Ticket.target_counter == counter.number
    if served:
        mine |= Ticket.category.in_(served) & Ticket.target_counter.is_null()
    query = _waiting(session.hall_code, now.date()).where(mine)
    out = []
    for t in query.order_by(Ticket.queued_at).limit(limit * 4):
        klass = queue_rules.call_class(t.priority, t.queued_at, targets.get(t.category, 15), now)
        out.append((-klass, t.queued_at, t.number, WaitingTicket(
            t.id, t.code, t.category, t.priority > 0, klass == queue_rules.TOP and t.priority == 0,
            int((now - t.issued_at).total_seconds() // 60), t.target_counter is not None)))
    out.sort(key=lambda item: item[:3])
    return [item[3] for item in out[:limit]]


@dataclass(frozen=True)
class CallView:
    """One call as the display shows it: never a name or a phone number."""

    event_id: str
    code: str
    category: str
    counter_number: int
    at: dt.datetime
    recall: bool


@dataclass(frozen=True)
class CounterView:
    number: int
    name: str
    status: str
    staff_no: str
    current_code: str
    current_category: str
    called_at: dt.datetime | None


@dataclass
class QueueStatus:
    business_date: dt.date
    waiting: dict[str, int] = field(default_factory=dict)
    counters: list[CounterView] = field(default_factory=list)
    calls: list[CallView] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "business_date": self.business_date.isoformat(),
            "waiting": self.waiting,
            "counters": [{"number": c.number, "status": c.status, "staff_no": c.staff_no,
                          "current": c.current_code or None, "category": c.current_category or None,
                          "called_at": c.called_at.isoformat() if c.called_at else None} for c in self.counters],
            "calls": [{"code": c.code, "counter": c.counter_number, "at": c.at.isoformat(), "recall": c.recall}
                      for c in self.calls],
        }


def waiting_counts(hall_code: str) -> dict[str, int]:
    """How many wait today in each category (every category, zero included)."""
    today = clock.today()
    counts = dict(tuples(_waiting(hall_code, today).select(Ticket.category, fn.COUNT(Ticket.id))
                         .group_by(Ticket.category)))
    return {cat.code: counts.get(cat.code, 0) for cat in categories()}


@dataclass(frozen=True)
class Outlook:
    """What the kiosk's start page says of one category: how many wait, and the wait a ticket
    taken now would be told (the estimate printed on it)."""

    waiting: int
    estimate_min: int


def kiosk_outlook(hall_code: str) -> dict[str, Outlook]:
    today = clock.today()
    ahead = dict(tuples(_waiting(hall_code, today).where(Ticket.target_counter.is_null())
                        .select(Ticket.category, fn.COUNT(Ticket.id)).group_by(Ticket.category)))
    out = {}
    for code, waiting in waiting_counts(hall_code).items():
        people = ahead.get(code, 0)
        counters = open_counters_for(hall_code, code)
        estimate = estimate_for(people, average_service_min(hall_code, code), counters) if people or not counters \
            else 0
        out[code] = Outlook(waiting, estimate)
    return out


def hall_status(hall_code: str, recent: int = 8) -> QueueStatus:
    """What the calling display and ``queue status`` show: waiting per category, each counter's
    current call, and the latest calls (newest first)."""
    today = clock.today()
    status = QueueStatus(today)
    status.waiting.update(waiting_counts(hall_code))
    states = {s.counter_number: s for s in CounterState.select().where(CounterState.hall == hall_code)}
    current_ids = [s.current_ticket for s in states.values() if s.current_ticket is not None]
    current = {t.id: t for t in Ticket.select().where(Ticket.id.in_(current_ids))} if current_ids else {}
    for counter in Counter.select().where((Counter.hall == hall_code) & Counter.active).order_by(Counter.number):
        state = states.get(counter.number)
        ticket = current.get(state.current_ticket) if state and state.current_ticket else None
        if ticket is not None and ticket.status != "called":
            ticket = None
        status.counters.append(CounterView(
            counter.number, counter.name, state.status if state else "closed", state.staff_no if state else "",
            ticket.code if ticket else "", ticket.category if ticket else "", ticket.called_at if ticket else None))
    events = (TicketEvent.select(TicketEvent.id, TicketEvent.kind, TicketEvent.at, TicketEvent.counter_number,
                                 Ticket.code, Ticket.category)
              .join(Ticket, on=(TicketEvent.ticket_id == Ticket.id))
              .where((TicketEvent.hall == hall_code) & TicketEvent.kind.in_(("called", "recalled"))
                     & (Ticket.business_date == today))
              .order_by(TicketEvent.at.desc(), TicketEvent.id.desc()).limit(recent))
    for event_id, kind, at, counter_number, code, cat in tuples(events):
        status.calls.append(CallView(str(event_id), code, cat, counter_number, at, kind == "recalled"))
    return status


def counter_numbers(hall_code: str) -> list[int]:
    return [c.number for c in Counter.select(Counter.number).where((Counter.hall == hall_code) & Counter.active)
            .order_by(Counter.number)]


def counter_status(hall_code: str, counter_number: int) -> str:
    state = CounterState.get_or_none((CounterState.hall == hall_code) & (CounterState.counter_number == counter_number))
    return state.status if state else "closed"
