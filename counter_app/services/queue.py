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

import contextlib
import datetime as dt
import functools
import os
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import SqliteDatabase, fn

from counter_app import clock
from counter_app.errors import Conflict, NotFound, UserError, ValidationError
from counter_app.filelock import lock_exclusive, unlock
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Account,
    Counter,
    CounterState,
    Customer,
    Hall,
    NumberSequence,
    QueueCategory,
    Staff,
    Ticket,
    TicketEvent,
    db,
)
from counter_app.models.base import select_one, update_values
from counter_app.services import queue_rules
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.idempotency import same_request
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting
from counter_app.services.validation import normalize_phone

DEFAULT_MAX_RECALLS = 2
DEFAULT_NOSHOW_REQUEUES = 1
# Typical minutes at the counter per category until the hall has its own figures today.
DEFAULT_SERVICE_MIN = {"payment": 3, "general": 8, "new_data": 8, "plan": 6, "complaint": 10, "vip": 6, "green": 5}
RECENT_SERVICES = 20  # how many finished services of a category the estimate averages
PRIORITY_FLAG = 2  # the class a --vip / --green flag gives a ticket of any category
WAIT_TARGETS_KEY = "wait_target_min"  # hall setting: {category code: minutes}

_ANY = object()


# ---------------------------------------------------------------------------- plumbing

@contextlib.contextmanager
def write_tx():
    """A write transaction that takes SQLite's write lock before its first read.

    On SQLite the queue's writers first queue up on an OS file lock beside the database:
    SQLite's own busy handler polls with sleeps of up to 100 ms, so eight counters calling at
    once would wait far longer than the lock is held; a waiter on ``flock`` is woken the
    moment the lock is free. Other writers (payments, orders) still meet at BEGIN IMMEDIATE.
    """
    if not isinstance(db.obj, SqliteDatabase):
        with db.atomic():
            yield
        return
    if db.in_transaction():  # inside a caller's transaction, which already holds the lock
        with db.atomic():
            yield
        return
    with _queue_lock(db.obj.database), db.atomic("IMMEDIATE"):
        yield


_thread_lock = threading.Lock()
_lock_files: dict[str, int] = {}


@contextlib.contextmanager
def _queue_lock(path: str):
    if path in ("", ":memory:") or path.startswith("file:"):
        yield
        return
    with _thread_lock:  # the file lock excludes processes; threads of this one share the descriptor
        fd = _lock_files.get(path)
        if fd is None:
            fd = _lock_files[path] = os.open(f"{path}-queue.lock", os.O_CREAT | os.O_RDWR, 0o644)
        lock_exclusive(fd)
        try:
            yield
        finally:
            unlock(fd)


def _on_postgres() -> bool:
    return not isinstance(db.obj, SqliteDatabase)


def _as_uuid(value) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value).strip())
    except ValueError:
        return None


# ---------------------------------------------------------------------------- categories

def categories() -> list[QueueCategory]:
    return list(QueueCategory.select().order_by(QueueCategory.sort))


def category(code: str) -> QueueCategory:
    row = QueueCategory.get_or_none(QueueCategory.code == code)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no queue category “{code}”."), code=code)
    return row


REFERENCE_TTL_S = 10.0
_reference_cache: dict[tuple, tuple[float, object]] = {}


def _cached(name: str, load, *key):
    """Reference rows (categories, counter setup) read at most every few seconds per process:
    call-next should spend its time on the queue, not on re-reading what rarely changes."""
    full_key = (id(db.obj), getattr(db.obj, "database", ""), name, *key)
    now = time.monotonic()
    hit = _reference_cache.get(full_key)
    if hit is not None and now - hit[0] < REFERENCE_TTL_S:
        return hit[1]
    value = load()
    _reference_cache[full_key] = (now, value)
    return value


def forget_cached_reference() -> None:
    """After the catalogue or a counter's setup changed in this process."""
    _reference_cache.clear()


def _category_maps(hall_code: str = "") -> tuple[dict[str, list[str]], dict[str, int]]:
    """Specialties per category, and the hall's wait targets (the catalogue's without a hall)."""
    def load():
        specialties, targets = {}, {}
        for row in QueueCategory.select():
            specialties[row.code] = list(row.specialties or [])
            targets[row.code] = row.wait_target_min
        if hall_code:
            targets.update(_hall_targets(hall_code, targets))
        return specialties, targets

    return _cached("categories", load, hall_code)


def _hall_targets(hall_code: str, catalogue: dict[str, int]) -> dict[str, int]:
    stored = hall_setting(hall_code, WAIT_TARGETS_KEY, {}) or {}
    return {code: int(minutes) for code, minutes in stored.items() if code in catalogue}


def wait_targets(hall_code: str) -> dict[str, int]:
    """Minutes a ticket of each category should wait at most in this hall: the hall's own
    setting (managers set it, the hub carries it to the hall's other terminals) over the
    catalogue's value."""
    return dict(_category_maps(hall_code)[1])


def hall_categories(hall_code: str) -> list[QueueCategory]:
    """The queue categories, each with this hall's wait target (rows not to be saved)."""
    targets = wait_targets(hall_code)
    rows = categories()
    for row in rows:
        row.wait_target_min = targets.get(row.code, row.wait_target_min)
    return rows


def ticket_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


# ---------------------------------------------------------------------------- opening hours

def _minutes(hhmm: str) -> int:
    hours, _, minutes = hhmm.partition(":")
    return int(hours) * 60 + int(minutes or 0)


def hall_is_open(hall: Hall, at: dt.datetime | None = None) -> bool:
    """Whether ``at`` (default now) is within the hall's opening hours ("24:00" closes at midnight)."""
    at = at or clock.now()
    now_min = at.hour * 60 + at.minute
    return _minutes(hall.opens) <= now_min < _minutes(hall.closes)


def ensure_hall_open(hall: Hall) -> None:
    if not hall_is_open(hall):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The hall is closed. Opening hours: {opens}–{closes}."),
                       opens=hall.opens, closes=hall.closes)


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
    return NumberSequence.select(NumberSequence.last_number).where(key).scalar()


def _waiting(hall_code: str, business_date: dt.date):
    return Ticket.select().where((Ticket.hall == hall_code) & (Ticket.business_date == business_date)
                                 & (Ticket.status == "waiting"))


def average_service_min(hall_code: str, category_code: str) -> float:
    """The mean of the category's recent services today; the category's default before any."""
    rows = (Ticket.select(Ticket.called_at, Ticket.finished_at)
            .where((Ticket.hall == hall_code) & (Ticket.business_date == clock.today())
                   & (Ticket.category == category_code) & (Ticket.status == "done")
                   & Ticket.finished_at.is_null(False) & Ticket.called_at.is_null(False))
            .order_by(Ticket.finished_at.desc()).limit(RECENT_SERVICES).tuples())
    spans = [(finished - called).total_seconds() / 60 for called, finished in rows if finished >= called]
    if spans:
        return max(0.5, sum(spans) / len(spans))
    defaults = hall_setting(hall_code, "queue_service_min", None) or DEFAULT_SERVICE_MIN
    return float(defaults.get(category_code, 5))


# Ticket.est_wait_min when no open counter serves the ticket's category although the hall is
# working (counters are open for other categories): no honest number of minutes can be given.
NO_COUNTER_NOW = -1


def open_counters_for(hall_code: str, category_code: str) -> int:
    """Counters open now that serve the category; before any counter opens today, the counters
    set up for it; 0 when counters are open but none of them serves it (a VIP club ticket while
    the VIP counter is closed)."""
    specialties, _ = _category_maps()
    counters = {c.number: c for c in Counter.select().where((Counter.hall == hall_code) & Counter.active)}
    open_count = 0
    any_open = False
    today = dt.datetime.combine(clock.today(), dt.time())
    for state in CounterState.select().where((CounterState.hall == hall_code) & (CounterState.status == "open")
                                             & (CounterState.since >= today)):
        counter = counters.get(state.counter_number)
        if counter is None:
            continue
        any_open = True
        staff = Staff.get_or_none(Staff.staff_no == state.staff_no) if state.staff_no else None
        served = queue_rules.served_categories(counter.categories, specialties,
                                               staff.specialties if staff else None)
        open_count += category_code in served
    if open_count or any_open:
        return open_count
    return sum(category_code in (c.categories or []) for c in counters.values())


def estimate_for(ahead: int, service_min: float, counters: int) -> int:
    """The wait told to a new ticket, or NO_COUNTER_NOW when no open counter serves it."""
    if counters <= 0:
        return NO_COUNTER_NOW
    return queue_rules.estimate_wait_min(ahead, service_min, counters)


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
    return state


def _save_state(state: CounterState) -> None:
    update_values(CounterState, {name: state.__data__.get(name) for name in _STATE_COLUMNS}, state.id)


_STATE_COLUMNS = ("status", "staff_no", "current_ticket", "since")


def _event(session: Session, ticket: Ticket, kind: str, counter_number: int | None, at: dt.datetime,
           detail: str = "") -> TicketEvent:
    return TicketEvent.create(hall=ticket.hall, terminal=session.terminal_id, ticket_id=ticket.id, kind=kind,
                              at=at, counter_number=counter_number, staff_no=session.staff_no, detail=detail)


def _heads(hall_code: str, business_date: dt.date, served: Iterable[str], counter_number: int,
           excluded: set, levels: tuple[int, ...]) -> list[queue_rules.Head]:
    """The first waiting ticket of each served category and priority level, and those sent to
    this counter.

    One statement of index lookups: each part is equality on the leading columns of the
    Ticket index and reads its first entry in (queued_at, number) order. It runs under the
    write lock, so its text is made once per shape rather than by the query builder each call.
    """
    served = tuple(served)
    sql = _heads_sql(len(served), len(levels), len(excluded), db.param, db.quote, _on_postgres())
    base = [hall_code, Ticket.business_date.db_value(business_date)]
    skip = [Ticket.id.db_value(x) for x in excluded]
    params: list = []
    for code in served:
        for level in levels:
            params += [*base, *skip, code, level]
    params += [*base, *skip, counter_number]
    cursor = db.execute_sql(sql, params)
    return [queue_rules.Head(Ticket.id.python_value(row[0]), row[1], row[2],
                             Ticket.queued_at.python_value(row[3]), row[4]) for row in cursor.fetchall()]


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
    def load():
        levels = {0, PRIORITY_FLAG}
        levels.update(row.priority for row in QueueCategory.select(QueueCategory.priority))
        return tuple(sorted(levels, reverse=True))

    return _cached("levels", load)


def _claim(ticket_id) -> Ticket | None:
    # The heads query took the row lock on PostgreSQL and the write lock on SQLite already.
    return select_one(Ticket, id=ticket_id, status="waiting")


def current_ticket(session, counter_number: int) -> Ticket | None:
    require(session, Permission.SERVE)
    hall_code = session.hall_code
    state = CounterState.get_or_none((CounterState.hall == hall_code) & (CounterState.counter_number == counter_number))
    if state is None or state.current_ticket is None:
        return None
    ticket = Ticket.get_or_none(Ticket.id == state.current_ticket)
    return ticket if ticket is not None and ticket.status == "called" else None


def call_next(session: Session, counter_number: int | None = None, *, expect_current=_ANY) -> Ticket | None:
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
        excluded: set = set()
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
    """Call the current ticket again (shown and spoken again); its wait counts to this call."""
    require(session, Permission.SERVE)
    with write_tx():
        counter, state, ticket = _serving(session, counter_number)
        limit = max_recalls(session.hall_code)
        if ticket.recalls >= limit:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "{code} has been recalled {count} times already. "
                                                       "Mark it as a no-show."), code=ticket.code, count=ticket.recalls)
        now = clock.now()
        ticket.recalls += 1
        ticket.called_at = now
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


def counter_numbers(hall_code: str) -> list[int]:
    return [c.number for c in Counter.select(Counter.number).where((Counter.hall == hall_code) & Counter.active)
            .order_by(Counter.number)]


def counter_status(hall_code: str, counter_number: int) -> str:
    state = CounterState.get_or_none((CounterState.hall == hall_code) & (CounterState.counter_number == counter_number))
    return state.status if state else "closed"


# ---------------------------------------------------------------------------- reading

def ticket_by_id(session, ticket_id) -> Ticket | None:
    """The ticket with this id (a UUID or its text, as a ticket's QR carries it)."""
    require(session, Permission.SERVE)
    value = _as_uuid(ticket_id)
    return Ticket.get_or_none(Ticket.id == value) if value is not None else None


def account_for_ticket(session, ticket: Ticket) -> object | None:
    """The account id of the line the customer gave at the kiosk (phone or member number)."""
    require(session, Permission.SERVE)
    if ticket.phone:
        line = Account.select(Account.id).where(Account.phone == ticket.phone).first()
        if line is not None:
            return line.id
    if ticket.customer_id is not None:
        line = (Account.select(Account.id).where(Account.customer == ticket.customer_id)
                .order_by(Account.opened_at).first())
        if line is not None:
            return line.id
    return None


def customer_name(session, ticket: Ticket) -> str:
    """For the clerk's screen only; the calling display never shows it."""
    require(session, Permission.SERVE)
    if ticket.customer_id is None:
        return ""
    customer = Customer.select(Customer.name).where(Customer.id == ticket.customer_id).first()
    return customer.name if customer else ""


@dataclass(frozen=True)
class WaitingTicket:
    id: object
    code: str
    category: str
    priority: bool
    overdue: bool
    waited_min: int
    targeted: bool


def waiting_list(session: Session, counter_number: int | None = None, limit: int = 200) -> list[WaitingTicket]:
    """The tickets this counter may call, in the order it would call them."""
    require(session, Permission.SERVE)
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

    def as_json(self) -> dict:
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
    counts = dict(_waiting(hall_code, today).select(Ticket.category, fn.COUNT(Ticket.id))
                  .group_by(Ticket.category).tuples())
    return {cat.code: counts.get(cat.code, 0) for cat in categories()}


@dataclass(frozen=True)
class Outlook:
    """What the kiosk's start page says of one category: how many wait, and the wait a ticket
    taken now would be told (the estimate printed on it)."""

    waiting: int
    estimate_min: int


def kiosk_outlook(hall_code: str) -> dict[str, Outlook]:
    today = clock.today()
    ahead = dict(_waiting(hall_code, today).where(Ticket.target_counter.is_null())
                 .select(Ticket.category, fn.COUNT(Ticket.id)).group_by(Ticket.category).tuples())
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
              .order_by(TicketEvent.at.desc(), TicketEvent.id.desc()).limit(recent).tuples())
    for event_id, kind, at, counter_number, code, cat in events:
        status.calls.append(CallView(str(event_id), code, cat, counter_number, at, kind == "recalled"))
    return status


from counter_app.services.queue_ticket import ticket_data as ticket_data  # noqa: E402  (callers ask queue for it)
