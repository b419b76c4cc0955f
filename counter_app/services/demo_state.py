"""The state of the demo hall's working days, declared once for the type checker.

``HallActivity`` (``services/demo_activity.py``) is made of one mixin per kind of work (the
rota, arrivals, payments, orders, new lines, repairs, complaints, the day's end); each reads
the state ``HallActivity.__init__`` sets up and calls methods of the others. Every mixin
inherits :class:`DayState`, which names that state and those methods with their types, so each
mixin is checked as the class it becomes. It holds annotations and, under ``TYPE_CHECKING``,
signatures only: at run time the class is empty and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import TYPE_CHECKING, Any

from counter_app.services.demo_rows import Duty, Line, Visit, Wanted, Writer

if TYPE_CHECKING:
    from counter_app.models import BusinessType, SpService

# An order of the day, for the manager's voids: (day, order id, order number, business, made at).
DayOrder = tuple[dt.date, uuid.UUID, str, str, dt.datetime]


class DayState:
    """What the working days share: set up by ``HallActivity.__init__`` unless said otherwise."""

    rng: random.Random
    hall: str
    city: str
    opens: int  # minutes after midnight
    closes: int
    terminal: str
    short: str  # the terminal's part of receipt and order numbers
    now: dt.datetime
    today: dt.date
    cities: list[str]
    lines: list[Line]
    by_id: dict[uuid.UUID, Line]
    first_day: dt.date
    days: list[dt.date]
    writer: Writer
    plans: list[str]  # plan codes, cheapest first
    services: dict[str, SpService]
    monthly: list[str]  # the SP services with a monthly fee
    business: dict[str, BusinessType]
    sequences: dict[str, int]
    audit: list[tuple[Any, ...]]  # (at, staff_no, action, target, detail)
    jobs: list[dict[str, Any]]  # repair jobs: id, line, status, day, detail
    paid_here: dict[tuple[uuid.UUID, str], list[tuple[uuid.UUID, int]]]  # (line, month) → payments
    invoiced: set[tuple[uuid.UUID, str]]
    complaints: list[dict[str, Any]]
    cards: int
    sims: int
    counts: dict[str, int]
    _queue: list[Line]
    _next: int
    _new_people: int
    day_payments: list[dict[str, Any]]
    day_orders: list[DayOrder]
    ticket_numbers: dict[tuple[dt.date, str], int]
    today_counters: Duty
    today_visits: list[Visit]
    remote_ok: bool  # may the business at hand be done for another city's line
    staff_now: str
    service_hash: str  # the demo lines' service password (all the same)
    pending_effect: dict[uuid.UUID, int]  # what the counter's payments add to each ledger
    new_lines: list[Line]
    claimed: set[int]  # bill items an SP compensation claimed
    _issued: set[str]
    counter_categories: dict[int, set[str]]
    specialties: dict[str, tuple[str, set[str]]]  # staff no → (role, specialties)
    # Set on first use by the mixin that reads it.
    _needs: dict[str, list[str]]  # Rota: queue category → the specialties it needs
    _password_hash: str  # NewLines: the new lines' service password
    _names: dict[str, str]  # Orders: plan code → name

    if TYPE_CHECKING:
        # HallActivity's own
        def at(self, day: dt.date, minute: float) -> dt.datetime: ...
        def number(self, letter: str, day: dt.date) -> str: ...
        def visitor(self) -> Line: ...
        def find(self, wanted: Wanted, tries: int = 40) -> Line | None: ...
        def line_for(self, visit: Visit, wanted: Wanted = ...) -> Line | None: ...

        # Orders
        def _base(self, line: Line) -> dict[str, Any]: ...
        def _new_serial(self) -> str: ...
        def _plan_names(self) -> dict[str, str]: ...

        # Payments
        def _payment_row(self, day: dt.date, at: dt.datetime, staff: str, counter: int | None, line: Line | None,
                         kind: str, method: str, amount: int, *, tendered: int | None = None,
                         change: int | None = None, reference: str = "", reverses: uuid.UUID | None = None,
                         order: uuid.UUID | None = None, reason: str = "", phone: str = "") -> uuid.UUID: ...
        def _reference(self, method: str) -> str: ...

        # Complaints
        def _write_complaints(self) -> None: ...
