"""The hall's queue: issuing tickets, calling them at the counters, and the events that make
wait and service times exact.

One queue serves the whole hall, whether its terminals share one SQLite file on one PC or a
PostgreSQL hub. Number assignment and call-next run inside :func:`write_tx`: ``BEGIN
IMMEDIATE`` on SQLite (one writer at a time, taken before anything is read), and a row lock
``SELECT … FOR UPDATE SKIP LOCKED`` on the chosen ticket on PostgreSQL, so two counters never
call the same ticket and two kiosks never hand out the same number. The calling order itself
is in :mod:`counter_app.services.queue_rules`; event semantics are in docs/queue.md.

Every function that writes is one transaction; none of them needs the GUI.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Iterable
from typing import Any

from counter_app import clock
from counter_app.errors import Conflict, NotFound, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import (
    Account,
    Counter,
    CounterState,
    Customer,
    NumberSequence,
    QueueCategory,
    Ticket,
    TicketEvent,
    db,
)
from counter_app.models.base import select_one, update_values
from counter_app.models.rows import read_value, stored_value
from counter_app.services import queue_rules
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.idempotency import same_request
from counter_app.services.permissions import Permission, require
from counter_app.services.queue_reads import (
    CallView,
    CounterView,
    Outlook,
    QueueStatus,
    WaitingTicket,
    account_for_ticket,
    counter_numbers,
    counter_status,
    customer_name,
    hall_status,
    kiosk_outlook,
    ticket_by_id,
    waiting_counts,
    waiting_list,
)
from counter_app.services.queue_store import (
    _ANY,
    DEFAULT_MAX_RECALLS,
    DEFAULT_NOSHOW_REQUEUES,
    NO_COUNTER_NOW,
    PRIORITY_FLAG,
    WAIT_TARGETS_KEY,
    _as_uuid,
    _cached,
    _category_maps,
    _on_postgres,
    _waiting,
    average_service_min,
    categories,
    category,
    ensure_hall_open,
    estimate_for,
    forget_cached_reference,
    hall_categories,
    hall_is_open,
    open_counters_for,
    ticket_code,
    wait_targets,
    write_tx,
)
from counter_app.services.queue_ticket import TicketData, ticket_data
from counter_app.services.session import Session, hall_setting
from counter_app.services.validation import normalize_phone

# What callers ask ``queue`` for: its own calls and, from the modules split out of it, the reads
# (queue_reads.py), reference data and estimates (queue_store.py) and a ticket's data (queue_ticket.py).
__all__ = ["DEFAULT_MAX_RECALLS", "DEFAULT_NOSHOW_REQUEUES", "NO_COUNTER_NOW", "PRIORITY_FLAG", "WAIT_TARGETS_KEY",
           "CallView", "CounterView", "Outlook", "QueueStatus", "TicketData", "WaitingTicket", "account_for_ticket",
           "average_service_min", "call_next", "categories", "category", "close_counter", "counter_numbers",
           "counter_status", "current_ticket", "customer_name", "ensure_hall_open", "estimate_for", "finish",
           "forget_cached_reference", "hall_categories", "hall_is_open", "hall_status", "kiosk_outlook", "max_recalls",
           "no_show", "open_counters_for", "pause", "recall", "resume", "served_by", "take_ticket", "ticket_by_id",
           "ticket_code", "ticket_data", "transfer", "wait_targets", "waiting_counts", "waiting_list", "write_tx"]

# ---------------------------------------------------------------------------- issuing

def take_ticket(session: Session, category_code: str, *, vip: bool = False, green: bool = False,
                phone: str = "", member_no: str = "", idempotency_key: str | None = None) -> Ticket:
    """Issue the next number of a category. A VIP club ticket needs the member number; a phone
    number or member number lets the counter know who is coming. The same ``idempotency_key``
    (one press of the kiosk's button) always returns the same ticket."""
    cat = category(category_code)
    phone = normalize_phone(phone) if phone.strip() else ""
    member_no = member_no.strip().upper()
    customer_id = None
    if member_no:
        member = Customer.get_or_none(Customer.vip_member_no == member_no)
        if member is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "No VIP club member has the number {member_no}."),
                           member_no=member_no)
        customer_id = member.id
        if not phone:
            line = Account.select(Account.phone).where(Account.customer == member.id).order_by(Account.opened_at).first()
            phone = line.phone if line else ""
    elif cat.code == "vip":
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A VIP club ticket needs the member number."),
                              field="member_no")
    if phone and customer_id is None:
        line = Account.get_or_none(Account.phone == phone)
        customer_id = line.customer_id if line else None
    vip = vip or cat.code == "vip"
    green = green or cat.code == "green"
    priority = max(cat.priority, PRIORITY_FLAG if (vip or green) else 0)
    ensure_hall_open(session.hall)
    # Read before the write lock: the lock is held only for what must be exact (number, ahead).
    service_min = average_service_min(session.hall_code, cat.code)
    counters = open_counters_for(session.hall_code, cat.code)

    with write_tx():
        if idempotency_key:
            earlier = Ticket.get_or_none(Ticket.idempotency_key == idempotency_key)
            if earlier is not None:
                return same_request(earlier, earlier.code, issued_category=cat.code, phone=phone)
        now = clock.now()
        today = now.date()
        ensure_day_open(session.hall_code, today)
        number = _next_number(session.hall_code, today, cat.code)
        ahead = _waiting(session.hall_code, today).where(
            (Ticket.category == cat.code) & Ticket.target_counter.is_null()).count()
        estimate = estimate_for(ahead, service_min, counters)
        ticket = Ticket.create(
            hall=session.hall_code, terminal=session.terminal_id, business_date=today,
            category=cat.code, issued_category=cat.code, number=number, code=ticket_code(cat.prefix, number),
            priority=priority, vip=vip, green=green, member_no=member_no, phone=phone,
            customer_id=customer_id, status="waiting", issued_at=now, queued_at=now,
            ahead_at_issue=ahead, est_wait_min=estimate, idempotency_key=idempotency_key or None,
        )
        _event(session, ticket, "issued", None, now)
    return ticket


def _next_number(hall_code: str, business_date: dt.date, category_code: str) -> int:
    # Under BEGIN IMMEDIATE (SQLite) or the row lock the UPDATE takes (PostgreSQL) no other
    # transaction can read the same value between the increment and the read-back.
    key = (NumberSequence.hall == hall_code) & (NumberSequence.business_date == business_date) & (
        NumberSequence.category == category_code)
    NumberSequence.insert(hall=hall_code, business_date=business_date, category=category_code,
                          last_number=0).on_conflict_ignore().execute()
    NumberSequence.update(last_number=NumberSequence.last_number + 1).where(key).execute()
    return int(NumberSequence.select(NumberSequence.last_number).where(key).scalar())


# ---------------------------------------------------------------------------- the counter

def _counter(session: Session, counter_number: int | None) -> Counter:
    number = counter_number if counter_number is not None else session.counter_number
    if number is None:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "This terminal has no counter number."))
    counter = _cached("counter", lambda: Counter.get_or_none(
        (Counter.hall == session.hall_code) & (Counter.number == number) & Counter.active), session.hall_code, number)
    if counter is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no counter {number} in this hall."), number=number)
    return counter


def served_by(session: Session, counter: Counter) -> list[str]:
    require(session, Permission.SERVE)
    specialties, _ = _category_maps()
    staff = session.staff
    return queue_rules.served_categories(counter.categories or [], specialties,
                                         staff.specialties if staff is not None else None)


def _state(hall_code: str, number: int) -> CounterState:
    # Locked on PostgreSQL: two windows signed in to one counter take turns.
    state = select_one(CounterState, for_update=True, hall=hall_code, counter_number=number)
    if state is None:
        CounterState.insert(hall=hall_code, counter_number=number).on_conflict_ignore().execute()
        state = select_one(CounterState, for_update=True, hall=hall_code, counter_number=number)
    if state is None:  # inserted just above, in this transaction
        raise RuntimeError(f"counter {number}'s state was not written")
    return state


def _save_state(state: CounterState) -> None:
    update_values(CounterState, {name: state.__data__.get(name) for name in _STATE_COLUMNS}, state.id)


_STATE_COLUMNS = ("status", "staff_no", "current_ticket", "since")


def _event(session: Session, ticket: Ticket, kind: str, counter_number: int | None, at: dt.datetime,
           detail: str = "") -> TicketEvent:
    return TicketEvent.create(hall=ticket.hall, terminal=session.terminal_id, ticket_id=ticket.id, kind=kind,
                              at=at, counter_number=counter_number, staff_no=session.staff_no, detail=detail)


def _heads(hall_code: str, business_date: dt.date, served: Iterable[str], counter_number: int,
           excluded: set[uuid.UUID], levels: tuple[int, ...]) -> list[queue_rules.Head]:
    """The first waiting ticket of each served category and priority level, and those sent to
    this counter.

    One statement of index lookups: each part is equality on the leading columns of the
    Ticket index and reads its first entry in (queued_at, number) order. It runs under the
    write lock, so its text is made once per shape rather than by the query builder each call.
    """
    served = tuple(served)
    sql = _heads_sql(len(served), len(levels), len(excluded), db.param, db.quote, _on_postgres())
    base = [hall_code, stored_value(Ticket.business_date, business_date)]
    skip = [stored_value(Ticket.id, x) for x in excluded]
    params: list[Any] = []
    for code in served:
        for level in levels:
            params += [*base, *skip, code, level]
    params += [*base, *skip, counter_number]
    cursor = db.execute_sql(sql, params)
    return [queue_rules.Head(read_value(Ticket.id, row[0]), row[1], row[2],
                             read_value(Ticket.queued_at, row[3]), row[4]) for row in cursor.fetchall()]


@functools.lru_cache(maxsize=64)
def _heads_sql(categories: int, levels: int, excluded: int, param: str, quote: str, lock: bool) -> str:
    # PostgreSQL: each head is the first row of its group that no other counter holds, locked
    # for this transaction (LIMIT applies after the lock, so a row another counter took in
    # the meantime is passed over, not returned). SQLite: BEGIN IMMEDIATE already excludes.
    locking = " FOR UPDATE SKIP LOCKED" if lock else ""
    table = f"{quote[0]}{Ticket._meta.table_name}{quote[1]}"
    where = f"hall = {param} AND business_date = {param} AND status = 'waiting'"
    if excluded:
        where += f" AND id NOT IN ({', '.join([param] * excluded)})"
    columns = "id, category, priority, queued_at, number"
    parts = [f"SELECT * FROM (SELECT {columns} FROM {table} WHERE {where} AND category = {param} "
             f"AND priority = {param} AND target_counter IS NULL ORDER BY queued_at, number LIMIT 1{locking}) AS h{i}"
             for i in range(categories * levels)]
    parts.append(f"SELECT * FROM (SELECT {columns} FROM {table} WHERE {where} AND target_counter = {param} "
                 f"ORDER BY queued_at, number LIMIT 20{locking}) AS t")
    return " UNION ALL ".join(parts)


def _priority_levels() -> tuple[int, ...]:
    def load() -> tuple[int, ...]:
        levels = {0, PRIORITY_FLAG}
        levels.update(row.priority for row in QueueCategory.select(QueueCategory.priority))
        return tuple(sorted(levels, reverse=True))

    return _cached("levels", load)


def _claim(ticket_id: uuid.UUID) -> Ticket | None:
    # The heads query took the row lock on PostgreSQL and the write lock on SQLite already.
    return select_one(Ticket, id=ticket_id, status="waiting")


def current_ticket(session: Session, counter_number: int) -> Ticket | None:
    require(session, Permission.SERVE)
    hall_code = session.hall_code
    state = CounterState.get_or_none((CounterState.hall == hall_code) & (CounterState.counter_number == counter_number))
    if state is None or state.current_ticket is None:
        return None
    ticket = Ticket.get_or_none(Ticket.id == state.current_ticket)
    return ticket if ticket is not None and ticket.status == "called" else None


def call_next(session: Session, counter_number: int | None = None, *, expect_current: object = _ANY) -> Ticket | None:
    """Finish the ticket this counter is serving, then call the next one it may serve.

    ``expect_current`` is the ticket the clerk saw as current (None for none): when the
    counter has moved on since (a double press), nothing more is called and the counter's
    current ticket is returned. Returns None when nobody is waiting.
    """
    require(session, Permission.SERVE)
    counter = _counter(session, counter_number)
    served = served_by(session, counter)
    _, targets = _category_maps(session.hall_code)
    levels = _priority_levels()
    hall_code = session.hall_code
    with write_tx():
        state = _state(hall_code, counter.number)
        if state.status == "paused":
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Counter {number} is paused. Resume it to call the next customer."),
                           number=counter.number)
        if expect_current is not _ANY and _as_uuid(expect_current) != state.current_ticket:
            return current_ticket(session, counter.number)
        now = clock.now()
        if state.current_ticket is not None:
            current = select_one(Ticket, id=state.current_ticket)
            if current is not None and current.status == "called":
                _finish(session, current, counter.number, now)
        excluded: set[uuid.UUID] = set()
        ticket = None
        while True:
            head = queue_rules.pick_next(_heads(hall_code, now.date(), served, counter.number, excluded, levels),
                                          targets, now)
            if head is None:
                break
            ticket = _claim(head.ticket_id)
            if ticket is not None:
                break
            excluded.add(head.ticket_id)
        if ticket is None and not served:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "Counter {number} serves no queue category that your "
                                                        "specialties cover. Ask the manager to set it up."),
                            number=counter.number)
        if ticket is not None:
            ticket.status = "called"
            ticket.called_at = now
            ticket.counter_number = counter.number
            ticket.staff_no = session.staff_no
            ticket.target_counter = None
            ticket.recalls = 0
            ticket.save()
            _event(session, ticket, "called", counter.number, now)
        state.status = "open"
        state.staff_no = session.staff_no
        state.current_ticket = ticket.id if ticket is not None else None
        state.since = now
        _save_state(state)
    return ticket


def _serving(session: Session, counter_number: int | None) -> tuple[Counter, CounterState, Ticket]:
    """The counter, its state row (locked) and the ticket it is serving; inside write_tx."""
    counter = _counter(session, counter_number)
    state = _state(session.hall_code, counter.number)
    ticket = select_one(Ticket, id=state.current_ticket) if state.current_ticket else None
    if ticket is None or ticket.status != "called":
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Counter {number} is not serving a ticket now."),
                       number=counter.number)
    return counter, state, ticket


def _release(state: CounterState, now: dt.datetime) -> None:
    state.current_ticket = None
    state.since = now
    _save_state(state)


def _finish(session: Session, ticket: Ticket, counter_number: int, now: dt.datetime) -> None:
    ticket.status = "done"
    ticket.finished_at = now
    ticket.save()
    _event(session, ticket, "finished", counter_number, now)


def finish(session: Session, counter_number: int | None = None) -> Ticket:
    require(session, Permission.SERVE)
    with write_tx():
        counter, state, ticket = _serving(session, counter_number)
        now = clock.now()
        _finish(session, ticket, counter.number, now)
        _release(state, now)
    return ticket


def max_recalls(hall_code: str) -> int:
    return int(hall_setting(hall_code, "queue_max_recalls", DEFAULT_MAX_RECALLS))


def recall(session: Session, counter_number: int | None = None) -> Ticket:
    """Call the current ticket again (shown and spoken again). The service keeps its start:
    ``called_at`` stays the first call, which the counter's timer, the board and the reports
    all read (docs/queue.md, "Events")."""
    require(session, Permission.SERVE)
    with write_tx():
        counter, state, ticket = _serving(session, counter_number)
        limit = max_recalls(session.hall_code)
        if ticket.recalls >= limit:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "{code} has been recalled {count} times already. "
                                                       "Mark it as a no-show."), code=ticket.code, count=ticket.recalls)
        now = clock.now()
        ticket.recalls += 1
        ticket.save()
        _event(session, ticket, "recalled", counter.number, now, detail=str(ticket.recalls))
    return ticket


def no_show(session: Session, counter_number: int | None = None) -> Ticket:
    """The customer did not come. The first times (a hall setting, default once) the ticket
    goes to the back of its queue; after that it is dropped. Returns the ticket: status
    ``waiting`` when requeued, ``noshow`` when dropped."""
    require(session, Permission.SERVE)
    with write_tx():
        counter, state, ticket = _serving(session, counter_number)
        now = clock.now()
        _event(session, ticket, "noshow", counter.number, now)
        if ticket.requeues < int(hall_setting(session.hall_code, "queue_noshow_requeues", DEFAULT_NOSHOW_REQUEUES)):
            ticket.status = "waiting"
            ticket.requeues += 1
            ticket.queued_at = now
            ticket.counter_number = None
            ticket.save()
            _event(session, ticket, "requeued", counter.number, now)
        else:
            ticket.status = "noshow"
            ticket.finished_at = now
            ticket.save()
        _release(state, now)
    return ticket


def transfer(session: Session, counter_number: int | None = None, *, to_category: str | None = None,
             to_counter: int | None = None) -> Ticket:
    """Send the current customer to another category's queue or to a named counter. The ticket
    keeps its number and its place by original issue time; its service here ends."""
    require(session, Permission.SERVE)
    if (to_category is None) == (to_counter is None):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Transfer either to a category or to a counter."))
    target_category = category(to_category) if to_category else None
    with write_tx():
        counter, state, ticket = _serving(session, counter_number)
        if to_counter is not None:
            target = Counter.get_or_none((Counter.hall == session.hall_code) & (Counter.number == to_counter)
                                         & Counter.active)
            if target is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no counter {number} in this hall."),
                               number=to_counter)
            if to_counter == counter.number:
                raise Conflict(QT_TRANSLATE_NOOP("Errors", "The customer is already at counter {number}."),
                               number=to_counter)
        if target_category is not None and target_category.code == ticket.category:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "{code} is already in the queue of {category}. Choose another "
                                                       "queue or a counter."),
                           code=ticket.code, category=pick(session.lang, target_category.name_zh, target_category.name_en))
        now = clock.now()
        if target_category is not None:
            ticket.category = target_category.code
            flagged = PRIORITY_FLAG if (ticket.vip or ticket.green) else 0
            ticket.priority = max(target_category.priority, flagged)
            detail = f"category={target_category.code}"
        else:
            detail = f"counter={to_counter}"
        ticket.status = "waiting"
        ticket.target_counter = to_counter
        ticket.counter_number = None
        ticket.save()
        _event(session, ticket, "transferred", counter.number, now, detail=detail)
        _release(state, now)
    return ticket


def pause(session: Session, counter_number: int | None = None) -> None:
    require(session, Permission.SERVE)
    counter = _counter(session, counter_number)
    with write_tx():
        state = _state(session.hall_code, counter.number)
        if current_ticket(session, counter.number) is not None:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Finish or transfer the current ticket before pausing."))
        state.status = "paused"
        state.staff_no = session.staff_no
        state.since = clock.now()
        _save_state(state)


def resume(session: Session, counter_number: int | None = None) -> None:
    require(session, Permission.SERVE)
    counter = _counter(session, counter_number)
    with write_tx():
        state = _state(session.hall_code, counter.number)
        state.status = "open"
        state.staff_no = session.staff_no
        state.since = clock.now()
        _save_state(state)


def close_counter(session: Session, counter_number: int | None = None) -> bool:
    """The clerk leaves the counter (signing out, closing the program): the board and the
    kiosk's estimates no longer count it as open. Only the clerk the counter is open for
    closes it; a ticket still in service keeps the counter open (it must be finished or
    transferred first). Returns whether the counter was closed."""
    require(session, Permission.SERVE)
    number = counter_number if counter_number is not None else session.counter_number
    if number is None:
        return False
    with write_tx():
        state = select_one(CounterState, for_update=True, hall=session.hall_code, counter_number=number)
        if state is None or state.status == "closed" or state.staff_no != session.staff_no:
            return False
        if current_ticket(session, number) is not None:
            return False
        state.status = "closed"
        state.current_ticket = None
        state.since = clock.now()
        _save_state(state)
    return True

