"""The queue's plumbing and reference data: the write transaction and the cross-process lock
that make number assignment and call-next safe (see ``queue.py``), the queue categories of a
hall (cached briefly), its wait targets and its opening hours."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar, cast

from peewee import ModelSelect, SqliteDatabase

from counter_app import clock
from counter_app.errors import Conflict, NotFound
from counter_app.filelock import lock_exclusive, unlock
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Counter,
    CounterState,
    Hall,
    QueueCategory,
    Staff,
    Ticket,
    db,
)
from counter_app.models.rows import tuples
from counter_app.services import queue_rules
from counter_app.services.session import hall_setting

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
def write_tx() -> Iterator[None]:
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
def _queue_lock(path: str) -> Iterator[None]:
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


def _as_uuid(value: object) -> uuid.UUID | None:
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


_T = TypeVar("_T")
REFERENCE_TTL_S = 10.0
_reference_cache: dict[tuple[object, ...], tuple[float, object]] = {}


def _cached(name: str, load: Callable[[], _T], *key: object) -> _T:
    """Reference rows (categories, counter setup) read at most every few seconds per process:
    call-next should spend its time on the queue, not on re-reading what rarely changes."""
    full_key = (id(db.obj), getattr(db.obj, "database", ""), name, *key)
    now = time.monotonic()
    hit = _reference_cache.get(full_key)
    if hit is not None and now - hit[0] < REFERENCE_TTL_S:
        return cast(_T, hit[1])  # stored by this function from load()
    value = load()
    _reference_cache[full_key] = (now, value)
    return value


def forget_cached_reference() -> None:
    """After the catalogue or a counter's setup changed in this process."""
    _reference_cache.clear()


def _category_maps(hall_code: str = "") -> tuple[dict[str, list[str]], dict[str, int]]:
    """Specialties per category, and the hall's wait targets (the catalogue's without a hall)."""
    def load() -> tuple[dict[str, list[str]], dict[str, int]]:
        specialties: dict[str, list[str]] = {}
        targets: dict[str, int] = {}
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

def hall_is_open(hall: Hall, at: dt.datetime | None = None) -> bool:
    """Whether ``at`` (default now) is within the hall's opening hours ("24:00" closes at midnight)."""
    at = at or clock.now()
    now_min = at.hour * 60 + at.minute
    return clock.minutes(hall.opens) <= now_min < clock.minutes(hall.closes)


def ensure_hall_open(hall: Hall) -> None:
    if not hall_is_open(hall):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The hall is closed. Opening hours: {opens}–{closes}."),
                       opens=hall.opens, closes=hall.closes)


# ---------------------------------------------------------------------------- estimates

def _waiting(hall_code: str, business_date: dt.date) -> ModelSelect[Ticket]:
    return Ticket.select().where((Ticket.hall == hall_code) & (Ticket.business_date == business_date)
                                 & (Ticket.status == "waiting"))


def average_service_min(hall_code: str, category_code: str) -> float:
    """The mean of the category's recent services today; the category's default before any."""
    rows = (Ticket.select(Ticket.called_at, Ticket.finished_at)
            .where((Ticket.hall == hall_code) & (Ticket.business_date == clock.today())
                   & (Ticket.category == category_code) & (Ticket.status == "done")
                   & Ticket.finished_at.is_null(False) & Ticket.called_at.is_null(False))
            .order_by(Ticket.finished_at.desc()).limit(RECENT_SERVICES))
    spans = [(finished - called).total_seconds() / 60 for called, finished in tuples(rows) if finished >= called]
    if spans:
        return float(max(0.5, sum(spans) / len(spans)))
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
