"""The demo hall's working days: the last 30 business days and this morning up to now.

What a hall manager and a clerk expect to see on their first look: customers arriving by the
hour curve of a real hall (a morning peak, a lunch dip, an after-work peak; busier Fridays and
Saturdays), tickets called at the counters by the clerks on duty (each with a day off a week
and a lunch break), waits and service times that follow from that, recalls, no-shows and
transfers, ratings; bill payments of every method (the lines' own bills, paid at the counter
instead of through the bank) with a few reversals, business orders of every catalogue type
with their effects on the lines, fees, shift handovers and day closes (日结), complaints (most
answered in time, some late, some escalated, SP advance compensations with their claims), and
the audit trail of all of it. Today the hall is open up to the current time: customers wait,
counters serve, nothing of today is closed.

Everything is written in bulk (a few statements per table) from a seeded random stream, so the
same seed and day give the same hall. The rows are the ones the services write (the same
columns, numbers, effect data and hash chain), so every screen, paper and command reads them
as it reads a real day. They are the hall's past, not work to send: nothing goes to the sync
outbox (``docs/demo.md``).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models import (
    BusinessType,
    Rating,
    SpService,
    TariffPlan,
)
from counter_app.services.demo_arrivals import WEEKDAY_SLOTS, WEEKDAY_VISITS, WEEKEND_SLOTS, Arrivals
from counter_app.services.demo_complaints import Complaints
from counter_app.services.demo_day_end import DayEnd
from counter_app.services.demo_new_lines import NewLines
from counter_app.services.demo_orders import Orders
from counter_app.services.demo_payments import Payments
from counter_app.services.demo_repairs import Repairs
from counter_app.services.demo_rota import Rota
from counter_app.services.demo_rows import Duty, Line, Segment, Visit, Wanted, Writer, _pick

# Business done at a visit, by the queue it was called from (weights).
BUSINESS_MIX = {
    "payment": (("pay", 92), ("value_card", 8)),
    "vip": (("pay", 45), ("plan_change", 15), ("statement_print", 15), ("sp_subscribe", 10), ("invoice", 15)),
    "green": (("pay", 60), ("sim_replace", 20), ("puk_unlock", 20)),
    "general": (("statement_print", 18), ("puk_unlock", 8), ("sim_replace", 7), ("suspend", 6), ("resume", 5),
                ("loss_report", 4), ("loss_cancel", 3), ("value_card", 6), ("invoice", 7), ("phonebook", 6),
                ("repair_intake", 8), ("repair_close", 7), ("repair_pickup", 6), ("transfer", 2), ("sp_cancel", 7)),
    "new_data": (("new_subscription", 12), ("sp_subscribe", 55), ("sp_cancel", 33)),
    "plan": (("plan_change", 70), ("statement_print", 30)),
    # the after-sales queue: mostly handsets; a complaint is rare (the grade counts them per 1,000)
    "complaint": (("complaint", 4), ("sp_dispute", 2), ("repair_intake", 35), ("repair_close", 22),
                  ("repair_pickup", 22), ("sim_replace", 14)),
}


class HallActivity(Rota, Arrivals, Payments, Orders, NewLines, Repairs, Complaints, DayEnd):
    """Builds the hall's days month by month (``run_month``), interleaved with the demo's bill
    run: a month's counter payments, plan changes and SP orders are in place before its bill
    is made, as they would be at a real hall. ``finish`` writes what spans the whole window
    (day closes, sequences, today's counters, the audit chain)."""


    def __init__(self, *, rng: random.Random, hall: dict[str, Any], terminal: str, lines: list[Line], now: dt.datetime,
                 days: int, cities: list[str], service_hash: str = "") -> None:
        # Each attribute is declared, with its type, in DayState (services/demo_state.py).
        self.rng = rng
        self.hall = hall["code"]
        self.city = hall["city"]
        self.opens, self.closes = clock.minutes(hall.get("opens", "08:30")), clock.minutes(hall.get("closes", "18:00"))
        self.terminal = terminal
        self.short = terminal.removeprefix("T-")[-4:].upper()
        self.now = now
        self.today = now.date()
        self.cities = cities
        self.lines = lines
        self.by_id = {line.id: line for line in lines}
        self.first_day = self.today - dt.timedelta(days=days)
        self.days = [self.first_day + dt.timedelta(days=n) for n in range(days + 1)]
        self.writer = Writer()
        self.plans = [p.code for p in TariffPlan.select(TariffPlan.code).order_by(TariffPlan.monthly_fee_fen)]
        self.services = {s.code: s for s in SpService.select()}
        self.monthly = sorted(code for code, s in self.services.items() if s.monthly_fee_fen > 0)
        self.business = {b.code: b for b in BusinessType.select()}
        self.sequences = {}
        self.audit = []  # (at, staff_no, action, target, detail)
        self.jobs = []  # repair jobs: id, line, status, charge
        self.paid_here = {}  # (line, month) → payments
        self.invoiced = set()
        self.complaints = []
        self.cards = 0
        self.sims = 0
        self.counts = {"tickets": 0, "payments": 0, "orders": 0, "complaints": 0}
        self._queue = list(lines)
        rng.shuffle(self._queue)
        self._next = 0
        self._new_people = 0
        self.day_payments = []
        self.day_orders = []
        self.ticket_numbers = {}
        self.today_counters = {}
        self.today_visits = []
        self.remote_ok = True
        self.staff_now = ""
        self.service_hash = service_hash  # the demo lines' service password (all the same)
        self.pending_effect = {}  # what the counter's payments add to each ledger
        self.new_lines = []
        self.claimed = set()
        self._issued = set()
        from counter_app.models import Counter
        from counter_app.services.demo_hall import DEMO_STAFF

        self.counter_categories = {c.number: set(c.categories) for c in Counter.select().where(Counter.hall == self.hall)}
        self.specialties = {no: (role, set(specs)) for no, _name, role, specs in DEMO_STAFF}

    def days_of(self, period: str) -> list[dt.date]:
        return [d for d in self.days if f"{d:%Y-%m}" == period]

    def at(self, day: dt.date, minute: float) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=int(minute * 60))

    def number(self, letter: str, day: dt.date) -> str:
        key = f"seq:{letter}:{day:%Y%m%d}"
        value = self.sequences.get(key, 0) + 1
        self.sequences[key] = value
        return f"{letter}{self.hall}{day:%Y%m%d}{self.short}{value:05d}"

    def visitor(self) -> Line:
        line = self._queue[self._next % len(self._queue)]
        self._next += 1
        return line

    def suits(self, line: Line | None, wanted: Wanted) -> bool:
        # Another city's number: only the businesses the catalogue allows for it (异地业务).
        return line is not None and wanted(line) and (self.remote_ok or line.home_city == self.city)

    def find(self, wanted: Wanted, tries: int = 40) -> Line | None:
        """A visitor whose line suits a business (``wanted(line)``), else None."""
        for _ in range(tries):
            line = self.visitor()
            if self.suits(line, wanted):
                return line
        return None

    def line_for(self, visit: Visit, wanted: Wanted = lambda line: True) -> Line | None:
        """The visitor's own line when it suits the business, else another visitor's."""
        return visit.line if self.suits(visit.line, wanted) else self.find(wanted)

    def run_month(self, period: str, payers: dict[uuid.UUID, int]) -> dict[uuid.UUID, int]:
        """The hall's days of ``period`` in the window. ``payers`` are the lines that pay this
        month's bill at the counter (and how much); those no visit took are returned, to pay
        through the bank as before."""
        pool = list(payers.items())
        self.rng.shuffle(pool)
        for day in self.days_of(period):
            self.day_payments, self.day_orders = [], []
            self._day(day, pool)
        self.writer.flush()
        return dict(pool)

    def _day(self, day: dt.date, pool: list[tuple[uuid.UUID, int]]) -> None:
        rng = self.rng
        weekend = day.weekday() >= 5
        visits_n = int(WEEKDAY_VISITS[day.weekday()] * (0.88 + rng.random() * 0.24))
        slots = WEEKEND_SLOTS if weekend else WEEKDAY_SLOTS
        span = self.closes - self.opens
        arrivals = sorted(self.opens + min(span - 1, (_pick(rng, ((i, w) for i, w in enumerate(slots)))
                                                      + rng.random()) * 30) for _ in range(visits_n))
        counters = self._duty(day)
        until = self.now if day == self.today else None
        if until is not None:  # today: the customers who have come so far
            arrivals = [m for m in arrivals if self.at(day, m) <= until]
        visits = self._simulate(day, arrivals, counters)
        for visit in visits:
            self._write_ticket(day, visit, until)
        self._business(day, visits, pool, until)
        if day == self.today - dt.timedelta(days=1):
            self._showcase_order(day, counters)
        on_duty = sorted({staff for staff, *_rest in counters.values()})
        for staff in on_duty:
            self.audit.append((self.at(day, self.opens - rng.randrange(5, 20)), staff, "login", staff, {}))
        if until is None:
            self._handovers(day, on_duty)
            for staff in on_duty:
                self.audit.append((self.at(day, self.closes + rng.randrange(12, 25)), staff, "logout", staff, {}))
        else:
            self.today_counters, self.today_visits = counters, visits

    def _showcase_order(self, day: dt.date, counters: Duty) -> None:
        """The showcase line (the first) prints last month's bill at a counter yesterday: the
        README's slip reprint finds an order of its number in every demo."""
        showcase = self.lines[0]
        number = min(counters)
        staff = counters[number][0]
        at = self.at(day, 10 * 60 + 5)
        visit = Visit(uuid7(), "general", 0, at, False, False, showcase, True, 0, 0)
        seg = Segment("general", at, at, at + dt.timedelta(minutes=4), number, staff, "finished")
        self.remote_ok = True
        self.staff_now = staff
        self._order(day, visit, seg, at + dt.timedelta(minutes=3), "statement_print")

    def _business(self, day: dt.date, visits: list[Visit], pool: list[tuple[uuid.UUID, int]],
                  until: dt.datetime | None) -> None:
        rng = self.rng
        for visit in visits:
            if getattr(visit, "status", "") != "done" or not visit.segments:
                continue
            seg = visit.segments[-1]
            kind = _pick(rng, BUSINESS_MIX[seg.category])
            at = seg.called + (seg.ended - seg.called) * 0.7
            order_id = None
            if kind == "pay":
                self._pay(day, visit, seg, at, pool)
            else:
                order_id = self._order(day, visit, seg, at, kind)
            if rng.random() < 0.45:  # the customer rates the service on the last page
                score = int(_pick(rng, (("5", 74), ("4", 22), ("3", 2.6), ("2", 0.9), ("1", 0.5))))
                self.writer.add(Rating, id=uuid7(), hall=self.hall, terminal=self.terminal,
                                created_at=seg.ended + dt.timedelta(seconds=20), hlc="", ticket_id=visit.ticket_id,
                                order_id=order_id, staff_no=seg.staff, score=score, channel="counter")
        self._reversals(day, until)
        self._voids(day, until)
