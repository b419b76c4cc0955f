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
import heapq
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from counter_app.ids import uuid7
from counter_app.models import (
    Account,
    AuditEvent,
    Bill,
    BillItem,
    BusinessType,
    Complaint,
    ComplaintStep,
    CounterState,
    Customer,
    DayClose,
    DocumentSequence,
    Job,
    NumberSequence,
    Payment,
    Rating,
    ServiceOrder,
    ShiftHandover,
    SimCard,
    SpClaim,
    SpService,
    SpSubscription,
    TariffPlan,
    Ticket,
    TicketEvent,
    ValueCardSale,
    db,
)
from counter_app.models.base import JSONField, _insert_sql
from counter_app.models.regulatory import InvoiceRequest
from counter_app.services import audit_chain

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
# Who serves where (counter: staff, categories as the hall's counter setup) and when they pause.
DUTY = {1: "1001", 2: "1004", 3: "1002", 4: "1003", 6: "2001"}
DAY_OFF = {"1001": 0, "1003": 1, "1004": 2, "1002": 3, "2001": 6}  # weekday of each one's day off
LUNCH = {"1001": (11, 30), "1004": (12, 0), "1002": (12, 30), "1003": (13, 0)}
LUNCH_MIN = 30
# The manager serves at counter 6 between rounds of the hall (minutes of the day).
MANAGER_AT_COUNTER = ((9 * 60, 10 * 60 + 15), (10 * 60 + 45, 11 * 60 + 45), (13 * 60, 14 * 60),
                      (14 * 60 + 30, 15 * 60 + 45), (16 * 60 + 15, 18 * 60))
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
COMPLAINT_TEXTS = {
    "billing": ("上月话费比平时高出许多，怀疑长途费计算有误", "核对长途费并说明"),
    "sp_charge": ("从未订购的手机报每月扣费", "退还费用并退订"),
    "network": ("小区室内信号差，经常掉话", "尽快改善信号"),
    "attitude": ("上次办理业务时营业员态度冷淡", "希望改进服务"),
    "repair": ("送修手机超过一周仍未修好", "尽快修好或更换"),
    "other": ("营业厅停车位不足", "增加停车位"),
}
REVERSAL_REASONS = ("金额输错，客户当场发现", "客户改用银行卡支付", "号码输错")
HANDOVER_NOTES = ("找零少收一元硬币", "一张五十元假币已上交")
METHODS_LOCAL = (("cash", 56), ("pos", 30), ("card", 14))


@dataclass
class Line:
    """What the activity needs of a demo line (read from the rows the demo built)."""

    id: uuid.UUID
    phone: str
    customer_id: uuid.UUID
    name: str
    id_number: str
    home_city: str
    plan: str
    status: str = "active"
    sims: list[str] = field(default_factory=list)  # serials of its issued card
    sim_ids: list[str] = field(default_factory=list)  # their row ids (hex)
    subs: dict[str, str] = field(default_factory=dict)  # active subscription id (hex) → service code
    next_plan: str | None = None
    next_from: str = ""
    opened: dt.date | None = None
    vip_no: str = ""


@dataclass
class Segment:
    """One service of a ticket at one counter."""

    category: str
    queued: dt.datetime
    called: dt.datetime
    ended: dt.datetime
    counter: int
    staff: str
    end: str  # finished | transferred | noshow
    recalled: bool = False


@dataclass
class Visit:
    ticket_id: uuid.UUID
    category: str
    number: int
    issued: dt.datetime
    vip: bool
    green: bool
    line: Line | None
    phone_given: bool
    ahead: int
    est_min: int
    segments: list[Segment] = field(default_factory=list)
    status: str = "waiting"
    serving: int | None = None  # today: the counter serving it now


def _needs_conversion(f) -> bool:
    """Fields whose Python value the driver cannot take as it is (ids, JSON); text, numbers,
    dates and flags go as they are."""
    from peewee import ForeignKeyField, UUIDField

    return isinstance(f, (UUIDField, JSONField)) or (isinstance(f, ForeignKeyField)
                                                      and isinstance(f.rel_field, UUIDField))


def _pick(rng: random.Random, weighted: Iterable[tuple[str, int]]) -> str:
    items = list(weighted)
    total = sum(w for _, w in items)
    roll = rng.random() * total
    for name, weight in items:
        roll -= weight
        if roll < 0:
            return name
    return items[-1][0]


def _minutes(hhmm: str) -> int:
    hours, _, minutes = hhmm.partition(":")
    return int(hours) * 60 + int(minutes or 0)


class Writer:
    """Rows gathered per table and written with one ``executemany`` each."""

    def __init__(self) -> None:
        self.rows: dict[type, tuple[tuple[str, ...], list[tuple]]] = {}
        self.updates: list[tuple[str, tuple]] = []  # run after the inserts, in order

    def later(self, sql: str, *params) -> None:
        """An update of rows that may still be waiting here to be inserted."""
        self.updates.append((sql.replace("?", db.param), params))

    def add(self, model, **values) -> None:
        columns = tuple(values)
        found = self.rows.get(model)
        if found is None:
            self.rows[model] = (columns, [tuple(values.values())])
        else:
            if found[0] != columns:
                raise ValueError(f"{model.__name__}: rows of different columns")
            found[1].append(tuple(values.values()))

    def flush(self) -> None:
        # Parents before the rows that point at them (foreign keys are checked at once).
        order = {Customer: 0, Account: 1, SimCard: 2, SpSubscription: 3}
        for model, (columns, rows) in sorted(self.rows.items(), key=lambda item: order.get(item[0], 9)):
            sql, fields = _insert_sql(model, columns, db.param, db.quote)
            convert = [(n, f.db_value) for n, f in enumerate(fields) if _needs_conversion(f)]
            if convert:
                stored = []
                for row in rows:
                    row = list(row)
                    for n, to_db in convert:
                        row[n] = to_db(row[n])
                    stored.append(row)
                rows = stored
            db.cursor().executemany(sql, rows)
        self.rows.clear()
        for sql, params in self.updates:
            db.execute_sql(sql, params)
        self.updates.clear()


class HallActivity:
    """Builds the hall's days month by month (``run_month``), interleaved with the demo's bill
    run: a month's counter payments, plan changes and SP orders are in place before its bill
    is made, as they would be at a real hall. ``finish`` writes what spans the whole window
    (day closes, sequences, today's counters, the audit chain)."""

    def __init__(self, *, rng: random.Random, hall: dict, terminal: str, lines: list[Line], now: dt.datetime,
                 days: int, cities: list[str], service_hash: str = "") -> None:
        self.rng = rng
        self.hall = hall["code"]
        self.city = hall["city"]
        self.opens, self.closes = _minutes(hall.get("opens", "08:30")), _minutes(hall.get("closes", "18:00"))
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
        self.sequences: dict[str, int] = {}
        self.audit: list[tuple] = []  # (at, staff_no, action, target, detail)
        self.jobs: list[dict] = []  # repair jobs: id, line, status, charge
        self.paid_here: dict[tuple[uuid.UUID, str], list[tuple[uuid.UUID, int]]] = {}  # (line, month) → payments
        self.invoiced: set[tuple[uuid.UUID, str]] = set()
        self.complaints: list[dict] = []
        self.cards = 0
        self.sims = 0
        self.counts = {"tickets": 0, "payments": 0, "orders": 0, "complaints": 0}
        self._queue = list(lines)
        rng.shuffle(self._queue)
        self._next = 0
        self._new_people = 0
        self.day_payments: list[dict] = []
        self.day_orders: list[tuple] = []
        self.ticket_numbers: dict[tuple[dt.date, str], int] = {}
        self.today_counters: dict = {}
        self.today_visits: list[Visit] = []
        self.remote_ok = True
        self.staff_now = ""
        self.service_hash = service_hash  # the demo lines' service password (all the same)
        self.pending_effect: dict[uuid.UUID, int] = {}  # what the counter's payments add to each ledger
        self.new_lines: list[Line] = []
        self.claimed: set[int] = set()
        self._issued: set[str] = set()
        from counter_app.models import Counter
        from counter_app.services.demo import DEMO_STAFF

        self.counter_categories = {c.number: set(c.categories) for c in Counter.select().where(Counter.hall == self.hall)}
        self.specialties = {no: (role, set(specs)) for no, _name, role, specs in DEMO_STAFF}

    # -- calendar --------------------------------------------------------------------------

    def days_of(self, period: str) -> list[dt.date]:
        return [d for d in self.days if f"{d:%Y-%m}" == period]

    def at(self, day: dt.date, minute: float) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=int(minute * 60))

    # -- numbers ---------------------------------------------------------------------------

    def number(self, letter: str, day: dt.date) -> str:
        key = f"seq:{letter}:{day:%Y%m%d}"
        value = self.sequences.get(key, 0) + 1
        self.sequences[key] = value
        return f"{letter}{self.hall}{day:%Y%m%d}{self.short}{value:05d}"

    # -- lines -----------------------------------------------------------------------------

    def visitor(self) -> Line:
        line = self._queue[self._next % len(self._queue)]
        self._next += 1
        return line

    def suits(self, line: Line | None, wanted) -> bool:
        # Another city's number: only the businesses the catalogue allows for it (异地业务).
        return line is not None and wanted(line) and (self.remote_ok or line.home_city == self.city)

    def find(self, wanted, tries: int = 40) -> Line | None:
        """A visitor whose line suits a business (``wanted(line)``), else None."""
        for _ in range(tries):
            line = self.visitor()
            if self.suits(line, wanted):
                return line
        return None

    def line_for(self, visit: Visit, wanted=lambda line: True) -> Line | None:
        """The visitor's own line when it suits the business, else another visitor's."""
        return visit.line if self.suits(visit.line, wanted) else self.find(wanted)

    # -- one month -------------------------------------------------------------------------

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

    def _showcase_order(self, day: dt.date, counters: dict) -> None:
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

    def _duty(self, day: dt.date) -> dict[int, tuple[str, set[str], list[tuple[float, float]]]]:
        """Counter → (staff, categories, the spans it does not serve) of the staff on duty."""
        categories = self.counter_categories
        out = {}
        for counter, staff in DUTY.items():
            if DAY_OFF.get(staff) == day.weekday() or counter not in categories:
                continue
            if staff in LUNCH:
                hour, minute = LUNCH[staff]
                away = [(hour * 60 + minute, hour * 60 + minute + LUNCH_MIN)]
            else:  # the manager: only at the peaks
                edges = [self.opens] + [m for span in MANAGER_AT_COUNTER for m in span] + [self.closes + 60]
                away = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i] < edges[i + 1]]
            out[counter] = (staff, categories[counter], away)
        return out

    def _simulate(self, day: dt.date, arrivals: list[float], counters: dict) -> list[Visit]:
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
            best, start = None, None
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

    # -- tickets ---------------------------------------------------------------------------

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
            status, called_at, counter, staff, category = "called", seg.called, seg.counter, seg.staff, seg.category
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

    # -- business --------------------------------------------------------------------------

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

    def _payment_row(self, day, at, staff, counter, line: Line | None, kind, method, amount, *, tendered=None,
                     change=None, reference="", reverses=None, order=None, reason="", phone="") -> uuid.UUID:
        letter = {"payment": "R", "fee": "F", "reversal": "X", "compensation": "D", "refund": "D"}[kind]
        pid = uuid7()
        receipt = self.number(letter, day)
        if line is not None and kind in ("payment", "reversal", "compensation", "refund"):
            # As ledger.payment_effect: a reversal here only ever reverses a bill payment.
            self.pending_effect[line.id] = self.pending_effect.get(line.id, 0) + (
                -amount if kind in ("compensation", "refund") else amount)
        self.day_payments.append({"id": pid, "receipt_no": receipt, "staff_no": staff, "kind": kind, "method": method,
                                  "amount_fen": amount, "line": line, "counter": counter, "at": at,
                                  "reverses": reverses})
        self.writer.add(Payment, id=pid, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        receipt_no=receipt, business_date=day, staff_no=staff,
                        account_id=line.id if line else None, phone=line.phone if line else phone, kind=kind,
                        method=method, amount_fen=amount, tendered_fen=tendered, change_fen=change,
                        reference=reference, reverses_id=reverses, order_id=order, counter_number=counter,
                        reason=reason, idempotency_key=f"demo-{pid.hex}")
        self.counts["payments"] += 1
        return pid

    def _method(self, line: Line) -> str:
        return "remote" if line.home_city != self.city else _pick(self.rng, METHODS_LOCAL)

    def _reference(self, method: str) -> str:
        if method == "pos":
            return f"{self.rng.randrange(10**11, 10**12)}"
        if method == "card":
            return f"JF{self.rng.randrange(10**9, 10**10)}"
        return ""

    def _pay(self, day, visit: Visit, seg: Segment, at, pool) -> None:
        """A bill payment: a line due to pay this month's bill, else a top-up."""
        rng = self.rng
        line, amount = None, 0
        if pool and day.day >= 4:  # bills are issued on the 3rd
            aid, amount = pool.pop()
            line = self.by_id[aid]
        if line is None or amount <= 0:
            line = visit.line or self.visitor()
            amount = rng.choice((3000, 5000, 5000, 10000, 10000, 20000))
        method = self._method(line)
        tendered = change = None
        if method in ("cash", "remote"):
            step = 1000 if amount < 5000 else 5000
            tendered = -(-amount // step) * step
            change = tendered - amount
        pid = self._payment_row(day, at, seg.staff, seg.counter, line, "payment", method, amount, tendered=tendered,
                                change=change, reference=self._reference(method))
        self.paid_here.setdefault((line.id, f"{day:%Y-%m}"), []).append((pid, amount))

    def _reversals(self, day: dt.date, until) -> None:
        """Every third day or so a payment is reversed the same day (by 1004, who may; else
        the manager authorises it)."""
        if until is not None or self.rng.random() > 0.35:
            return
        taken = [p for p in self.day_payments if p["kind"] == "payment"]
        if not taken:
            return
        original = self.rng.choice(taken)
        at = original["at"] + dt.timedelta(minutes=self.rng.randrange(2, 9))
        by = original["staff_no"]
        reason = self.rng.choice(REVERSAL_REASONS)
        rid = self._payment_row(day, at, by, original["counter"], original["line"], "reversal", original["method"],
                                -original["amount_fen"], reference=original["receipt_no"], reverses=original["id"],
                                reason=reason)
        approver = by if by == "1004" else "2001"
        self.audit.append((at, by, "payment.reverse", original["receipt_no"],
                           {"amount_fen": -original["amount_fen"], "method": original["method"], "reason": reason,
                            "reverses": str(original["id"]), "approved_by": approver, "reversal": rid.hex}))
        for paid in self.paid_here.values():
            paid[:] = [(p, a) for p, a in paid if p != original["id"]]

    # -- orders ----------------------------------------------------------------------------

    def _order(self, day, visit: Visit, seg: Segment, at: dt.datetime, kind: str) -> uuid.UUID:
        biz = self.business.get(kind)
        role, specs = self.specialties.get(seg.staff, ("clerk", set()))
        if biz is not None and biz.restricted and role != "manager" and biz.specialty not in specs:
            kind = "statement_print"  # only a specialist (or a manager) does it
        maker = getattr(self, f"_biz_{kind}", None)
        self.staff_now = seg.staff
        self.remote_ok = bool(self.business[kind].remote_allowed) if kind in self.business else False
        made = maker(day, visit, at) if maker else None
        if made is None:
            self.remote_ok = bool(self.business["statement_print"].remote_allowed)
            made = self._biz_statement_print(day, visit, at)
        code, line, customer_id, values, shown, effect, fee, fee_method = made
        biz = self.business[code]
        order_id = effect.pop("_order_id", None) or uuid7()
        order_no = self.number("S", day)
        display = []
        for spec in biz.fields or []:
            name = spec["name"]
            if name in shown:
                display.append((spec["label_zh"], spec.get("label_en") or spec["label_zh"], shown[name]))
        started = seg.called + dt.timedelta(seconds=30)
        self.writer.add(ServiceOrder, id=order_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        order_no=order_no, business_date=day, business_code=code, staff_no=seg.staff,
                        counter_number=seg.counter, customer_id=customer_id, account_id=line.id if line else None,
                        ticket_id=visit.ticket_id if visit.number else None,
                        fields={"values": values, "display": display},
                        effect_data=effect, fee_fen=fee, fee_method=fee_method if fee else "",
                        id_checked=bool(biz.real_name_required), status="done", signature_png=None,
                        idempotency_key=f"demo-{order_id.hex}", started_at=started, voided_at=None, voided_by="",
                        void_reason="", prints=1)
        if fee:
            self._payment_row(day, at, seg.staff, seg.counter, line, "fee", fee_method, fee, order=order_id,
                              tendered=fee if fee_method == "cash" else None, change=0 if fee_method == "cash" else None,
                              reference=self._reference(fee_method))
        if code in VERIFIED and line is not None:  # the subscriber showed their ID card first
            self.audit.append((at - dt.timedelta(minutes=1), seg.staff, "subscriber.verify", line.phone,
                               {"method": "id_document", "business": code}))
        self.audit.append((at, seg.staff, "order.create", order_no,
                           {"business": code, "fee_fen": fee, "account": str(line.id) if line else ""}))
        self.day_orders.append((day, order_id, order_no, code, at))
        self.counts["orders"] += 1
        return order_id

    def _base(self, line: Line) -> dict:
        return {"phone": line.phone}

    def _biz_statement_print(self, day, visit, at):
        line = self.line_for(visit)
        if line is None:
            return None
        month = _shift(f"{day:%Y-%m}", -1)
        return ("statement_print", line, line.customer_id, {**self._base(line), "month": month},
                {"phone": line.phone, "month": month}, {}, 0, "")

    def _biz_puk_unlock(self, day, visit, at):
        line = self.find(lambda x: x.status == "active" and x.sims)
        if line is None:
            return None
        return ("puk_unlock", line, line.customer_id, {**self._base(line), "sim_serial": line.sims[-1]},
                {"phone": line.phone, "sim_serial": line.sims[-1]}, {"sim_serial": line.sims[-1]}, 0, "")

    def _new_serial(self) -> str:
        self.sims += 1
        return f"89860112{self.rng.randrange(10**11):011d}{self.sims % 10}"

    def _biz_sim_replace(self, day, visit, at):
        line = self.find(lambda x: x.status in ("active", "lost") and x.sims)
        if line is None:
            return None
        serial = self._new_serial()
        reason = "lost" if line.status == "lost" else self.rng.choice(("damaged", "upgrade"))
        old, retired_ids = list(line.sims), list(line.sim_ids)
        new_id = uuid7()
        for sim_hex in retired_ids:
            self.writer.later("UPDATE sim_card SET status = 'retired', retired_at = ? WHERE id = ?", at, sim_hex)
        self.writer.add(SimCard, id=new_id, account=line.id, serial=serial, status="active", issued_at=at,
                        retired_at=None, puk=f"{self.rng.randrange(10**8):08d}")
        before = line.status
        line.status, line.sims, line.sim_ids = "active", [serial], [new_id.hex]
        if before != "active":
            self.writer.later("UPDATE account SET status = 'active' WHERE id = ?", line.id.hex)
        names = {"lost": "丢失", "damaged": "损坏", "upgrade": "换卡升级"}
        effect = {"retired_ids": retired_ids, "retired_serials": old, "new_sim_id": new_id.hex,
                  "new_serial": serial, "previous_status": before, "status": "active"}
        return ("sim_replace", line, line.customer_id, {**self._base(line), "old_sim": old[-1] if old else "",
                                                        "sim_serial": serial, "reason": reason},
                {"phone": line.phone, "old_sim": old[-1] if old else "", "sim_serial": serial, "reason": names[reason]},
                effect, self.business["sim_replace"].fee_fen,
                _pick(self.rng, METHODS_LOCAL) if line.home_city == self.city else "cash")

    def _status(self, day, at, line: Line, code: str, target: str, shown_extra: dict, values_extra: dict):
        before = line.status
        line.status = target
        self.writer.later("UPDATE account SET status = ? WHERE id = ?", target, line.id.hex)
        effect = {"previous_status": before, "status": target}
        if line.sims:
            effect["sim_serial"] = line.sims[-1]
        return (code, line, line.customer_id, {**self._base(line), **values_extra},
                {"phone": line.phone, **shown_extra}, effect, 0, "")

    def _biz_suspend(self, day, visit, at):
        line = self.find(lambda x: x.status == "active")
        if line is None:
            return None
        return self._status(day, at, line, "suspend", "suspended", {"reason": "外出停机保号"}, {"reason": "travel"})

    def _biz_resume(self, day, visit, at):
        line = self.find(lambda x: x.status == "suspended", tries=len(self.lines))
        if line is None:
            return None
        return self._status(day, at, line, "resume", "active", {}, {})

    def _biz_loss_report(self, day, visit, at):
        line = self.find(lambda x: x.status == "active" and x.sims)
        if line is None:
            return None
        return self._status(day, at, line, "loss_report", "lost", {"lost_at": f"{day:%m月%d日} 公交车上"},
                            {"lost_at": f"{day:%m月%d日} 公交车上"})

    def _biz_loss_cancel(self, day, visit, at):
        line = self.find(lambda x: x.status == "lost", tries=len(self.lines))
        if line is None:
            return None
        shown = {"sim_serial": line.sims[-1] if line.sims else ""}
        return self._status(day, at, line, "loss_cancel", "active", shown, dict(shown))

    def _biz_plan_change(self, day, visit, at):
        line = self.find(lambda x: x.status == "active" and x.next_plan is None)
        if line is None:
            return None
        others = [p for p in self.plans if p != line.plan]
        to = self.rng.choice(others)
        effective = _shift(f"{day:%Y-%m}", 1)
        effect = {"previous_next_plan": None, "previous_next_from": "", "from_plan": line.plan, "to_plan": to,
                  "effective": effective}
        line.next_plan, line.next_from = to, effective
        self.writer.later("UPDATE account SET next_plan_id = ?, next_plan_from = ? WHERE id = ?", to, effective,
                          line.id.hex)
        names = self._plan_names()
        return ("plan_change", line, line.customer_id, {**self._base(line), "current_plan": names[line.plan],
                                                        "plan": to, "effective": effective},
                {"phone": line.phone, "current_plan": names[line.plan], "plan": names[to], "effective": effective},
                effect, 0, "")

    def _plan_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            self._names = {p.code: p.name_zh for p in TariffPlan.select()}
        return self._names

    def _biz_sp_subscribe(self, day, visit, at):
        line = self.find(lambda x: x.status == "active" and not set(self.monthly) <= set(x.subs.values()))
        if line is None:
            return None
        code = self.rng.choice([c for c in self.monthly if c not in line.subs.values()])
        sub_id = uuid7()
        self.writer.add(SpSubscription, id=sub_id, account=line.id, service=code, start_date=day, end_date=None)
        line.subs[sub_id.hex] = code
        service = self.services[code]
        return ("sp_subscribe", line, line.customer_id, {**self._base(line), "service": code},
                {"phone": line.phone, "service": f"{service.name_zh} {service.monthly_fee_fen // 100}元/月"},
                {"subscription_id": sub_id.hex, "service": code}, 0, "")

    def _biz_sp_cancel(self, day, visit, at):
        line = self.find(lambda x: bool(x.subs))
        if line is None:
            return None
        sub_hex, code = sorted(line.subs.items())[0]
        self.writer.later("UPDATE sp_subscription SET end_date = ? WHERE id = ?", day, sub_hex)
        del line.subs[sub_hex]
        service = self.services[code]
        return ("sp_cancel", line, line.customer_id, {**self._base(line), "subscription": sub_hex},
                {"phone": line.phone, "subscription": service.name_zh},
                {"subscription_id": sub_hex, "service": code, "end_date": day.isoformat()}, 0, "")

    def _biz_value_card(self, day, visit, at):
        line = self.line_for(visit)
        face = self.rng.choice((5000, 10000, 10000, 30000))
        count = self.rng.choice((1, 1, 1, 2))
        order_id = uuid7()
        serials = []
        for _ in range(count):
            self.cards += 1
            serial = f"YJK{day:%y%m}{self.cards:06d}"
            serials.append(serial)
            self.writer.add(ValueCardSale, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            order_id=order_id, serial=serial, face_value_fen=face, status="sold")
        return ("value_card", line, line.customer_id, {"face_value": str(face), "serials": serials},
                {"face_value": f"{face // 100}元", "serials": "，".join(serials)},
                {"serials": serials, "face_value_fen": face, "_order_id": order_id}, face * count,
                _pick(self.rng, (("cash", 70), ("pos", 30))))

    def _biz_invoice(self, day, visit, at):
        month = f"{day:%Y-%m}"
        candidates = [(key, paid) for key, paid in self.paid_here.items()
                      if key[1] == month and key not in self.invoiced and paid
                      and self.by_id[key[0]].home_city == self.city]
        if not candidates:
            return None
        (aid, _month), paid = candidates[self.rng.randrange(len(candidates))]
        line = self.by_id[aid]
        self.invoiced.add((aid, month))
        amount = sum(a for _p, a in paid)
        request_id, order_id = uuid7(), uuid7()
        request_no = self.number("I", day)
        self.writer.add(InvoiceRequest, id=request_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        request_no=request_no, order_id=order_id, account_id=aid, phone=line.phone, period=month,
                        buyer_type="person", title=line.name, tax_id="", amount_fen=amount,
                        payment_ids=[p.hex for p, _a in paid], status="requested", staff_no=self.staff_now,
                        exported_at=None)
        self.audit.append((at, self.staff_now, "invoice.request", request_no, {"amount_fen": amount, "period": month,
                                                                  "payments": len(paid), "buyer": "person"}))
        return ("invoice", line, line.customer_id,
                {**self._base(line), "month": month, "buyer_type": "person", "title": line.name, "tax_id": ""},
                {"phone": line.phone, "month": month, "buyer_type": "个人", "title": line.name},
                {"request_id": request_id.hex, "request_no": request_no, "amount_fen": amount,
                 "payments": [p.hex for p, _a in paid], "_order_id": order_id}, 0, "")

    def _job(self, day, at, line: Line, kind: str, detail: dict, order_id) -> uuid.UUID:
        job_id = uuid7()
        self.writer.add(Job, id=job_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        order_id=order_id, kind=kind, status="open", detail=detail)
        if kind == "repair_intake":
            self.jobs.append({"id": job_id, "line": line, "status": "open", "day": day, "detail": detail})
        return job_id

    def _biz_phonebook(self, day, visit, at):
        line = self.line_for(visit)
        if line is None:
            return None
        order_id = uuid7()
        values = {**self._base(line), "handset": self.rng.choice(HANDSETS), "entries": str(self.rng.randrange(40, 400))}
        job_id = self._job(day, at, line, "phonebook", values, order_id)
        return ("phonebook", line, line.customer_id, values, dict(values),
                {"job_id": job_id.hex, "kind": "phonebook", "_order_id": order_id}, 0, "")

    def _biz_repair_intake(self, day, visit, at):
        line = self.line_for(visit)
        if line is None:
            return None
        order_id = uuid7()
        imei = _imei(self.rng)
        values = {**self._base(line), "handset": self.rng.choice(HANDSETS), "imei": imei,
                  "fault": self.rng.choice(FAULTS)}
        job_id = self._job(day, at, line, "repair_intake", values, order_id)
        return ("repair_intake", line, line.customer_id, values, dict(values),
                {"job_id": job_id.hex, "kind": "repair_intake", "_order_id": order_id}, 0, "")

    def _job_step(self, day, at, status_before: str, status_after: str, code: str):
        ready = [j for j in self.jobs if j["status"] == status_before and (day - j["day"]).days >= 2]
        if not ready:
            return None
        job = ready[0]
        order_id = uuid7()
        line = job["line"]
        previous = dict(job["detail"])
        detail = dict(previous)
        fee = 0
        if code == "repair_close":
            charge = self.rng.choice((0, 0, 3000, 8000))
            result = "repaired" if self.rng.random() < 0.85 else "unrepairable"
            detail.update(result=result, charge_fen=charge, note="更换主板" if charge else "软件升级",
                          done_order=str(order_id))
            values = {**self._base(line), "job": job["id"].hex, "result": result, "charge": f"{charge / 100:.2f}",
                      "note": detail["note"]}
            shown = {"phone": line.phone, "job": f"{previous.get('handset', '')} {previous.get('imei', '')}",
                     "result": "已修复" if result == "repaired" else "无法修复", "charge": f"{charge / 100:.2f}",
                     "note": detail["note"]}
        else:
            detail.update(picked_up_order=str(order_id))
            fee = int(previous.get("charge_fen") or 0)
            values = {**self._base(line), "claim": job["id"].hex}
            shown = {"phone": line.phone, "claim": f"{previous.get('handset', '')} {previous.get('imei', '')}"}
        job["status"], job["detail"], job["day"] = status_after, detail, day
        self.writer.later("UPDATE job SET status = ?, detail = ? WHERE id = ?", status_after,
                          JSONField().db_value(detail), job["id"].hex)
        effect = {"job_id": job["id"].hex, "previous_detail": previous, "job_status": status_after,
                  "_order_id": order_id}
        return (code, line, line.customer_id, values, shown, effect, fee, "cash")

    def _biz_repair_close(self, day, visit, at):
        return self._job_step(day, at, "open", "ready", "repair_close")

    def _biz_repair_pickup(self, day, visit, at):
        return self._job_step(day, at, "ready", "picked_up", "repair_pickup")

    def _biz_new_subscription(self, day, visit, at):
        rng = self.rng
        customer_id, account_id = uuid7(), uuid7()
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        id_number = self._free_id()
        phone = self._free_phone()
        plan = rng.choice(self.plans)
        serial = self._new_serial()
        address = f"{self.city}市历下区泉城路{rng.randrange(1, 300)}号"
        self.writer.add(Customer, id=customer_id, name=name, id_number=id_number, phone=phone, address=address,
                        vip_tier="", vip_member_no=None, home_city=self.city, created_at=at, seq=0, id_type="resident",
                        hall=self.hall)
        from counter_app.services.passwords import hash_light

        self.writer.add(Account, id=account_id, customer=customer_id, phone=phone, plan=plan, next_plan=None,
                        next_plan_from="", status="active", balance_fen=0,
                        service_password_hash=self._light(hash_light), home_city=self.city, opened_at=day, seq=0)
        sim_id = uuid7()
        self.writer.add(SimCard, id=sim_id, account=account_id, serial=serial, status="active", issued_at=at,
                        retired_at=None, puk=f"{rng.randrange(10**8):08d}")
        line = Line(account_id, phone, customer_id, name, id_number, self.city, plan, sims=[serial],
                    sim_ids=[sim_id.hex], opened=day)
        self.lines.append(line)
        self.by_id[account_id] = line
        self.new_lines.append(line)
        names = self._plan_names()
        values = {"name": name, "id_type": "resident", "id_number": id_number, "birth_date": "", "address": address,
                  "new_phone": phone, "plan": plan, "sim_serial": serial}
        shown = {"name": name, "id_type": "居民身份证", "id_number": id_number[:6] + "********" + id_number[-4:],
                 "address": address, "new_phone": phone, "plan": names[plan], "sim_serial": serial,
                 "service_password": "******"}
        effect = {"customer_id": customer_id.hex, "customer_created": True, "account_id": account_id.hex,
                  "sim_id": sim_id.hex, "real_name": {"holder": "resident"}}
        return ("new_subscription", line, customer_id, values, shown, effect,
                self.business["new_subscription"].fee_fen, _pick(rng, (("cash", 60), ("pos", 40))))

    def _free_phone(self) -> str:
        """A number no line has (the demo's numbers are random, so it is asked)."""
        while True:
            phone = f"186{self.rng.randrange(10**8):08d}"
            if phone not in self._issued and not Account.select().where(Account.phone == phone).exists():
                self._issued.add(phone)
                return phone

    def _free_id(self) -> str:
        while True:
            self._new_people += 1
            value = _new_id(self.rng, self._new_people)
            if value not in self._issued and not Customer.select().where(Customer.id_number == value).exists():
                self._issued.add(value)
                return value

    def _light(self, hash_light) -> str:
        if not hasattr(self, "_password_hash"):
            from counter_app.services.demo import DEMO_SERVICE_PASSWORD

            self._password_hash = hash_light(DEMO_SERVICE_PASSWORD)
        return self._password_hash

    def _biz_transfer(self, day, visit, at):
        line = self.find(lambda x: x.status == "active" and x.opened is None)
        if line is None:
            return None
        rng = self.rng
        new_id, new_name = self._free_id(), rng.choice(SURNAMES) + rng.choice(GIVEN)
        customer_id = uuid7()
        address = f"{self.city}市市中区经七路{rng.randrange(1, 300)}号"
        self.writer.add(Customer, id=customer_id, name=new_name, id_number=new_id, phone=line.phone, address=address,
                        vip_tier="", vip_member_no=None, home_city=self.city, created_at=at, seq=0, id_type="resident",
                        hall=self.hall)
        old_hash = self.service_hash
        self.writer.later("UPDATE account SET customer_id = ? WHERE id = ?", customer_id.hex, line.id.hex)
        effect = {"previous_customer_id": line.customer_id.hex, "customer_id": customer_id.hex,
                  "customer_created": True, "previous_password_hash": old_hash}
        values = {**self._base(line), "owner": line.name, "owner_id_number": line.id_number, "new_name": new_name,
                  "new_id_number": new_id, "new_address": address}
        shown = {"phone": line.phone, "owner": line.name, "owner_id_number": _mask(line.id_number),
                 "new_name": new_name, "new_id_number": _mask(new_id), "new_address": address,
                 "service_password": "******"}
        line.customer_id, line.name, line.id_number = customer_id, new_name, new_id
        return ("transfer", line, customer_id, values, shown, effect, 0, "")

    # -- complaints ------------------------------------------------------------------------

    def _biz_complaint(self, day, visit, at, category: str | None = None):
        line = self.line_for(visit)
        if line is None:
            return None
        category = category or _pick(self.rng, (("billing", 30), ("network", 25), ("attitude", 12), ("repair", 15),
                                                ("other", 18)))
        order_id = uuid7()
        complaint = self._complaint(day, at, line, category, order_id)
        text, wish = COMPLAINT_TEXTS[category]
        names = {"billing": "计费", "sp_charge": "SP收费", "network": "网络质量", "attitude": "服务态度",
                 "repair": "手机维修", "other": "其他"}
        return ("complaint", line, line.customer_id,
                {**self._base(line), "category": category, "description": text, "wish": wish},
                {"phone": line.phone, "category": names[category], "description": text, "wish": wish},
                {"complaint_id": complaint["id"].hex, "complaint_no": complaint["no"], "_order_id": order_id}, 0, "")

    def _biz_sp_dispute(self, day, visit, at):
        line = self.find(lambda x: any(c in self.monthly for c in x.subs.values()))
        if line is None:
            return self._biz_complaint(day, visit, at)
        order_id = uuid7()
        sub_hex, code = sorted((k, c) for k, c in line.subs.items() if c in self.monthly)[-1]
        complaint = self._complaint(day, at, line, "sp_charge", order_id,
                                    linked=[{"kind": "sp_subscription", "id": sub_hex, "service_code": code}])
        self.writer.later("UPDATE sp_subscription SET end_date = ? WHERE id = ?", day, sub_hex)
        del line.subs[sub_hex]
        service = self.services[code]
        effect = {"complaint_id": complaint["id"].hex, "complaint_no": complaint["no"],
                  "subscription_id": sub_hex, "stopped_on": day.isoformat(), "_order_id": order_id}
        refund = self._compensate(day, at, line, complaint, code, visit)
        lines = [["停止收费", "Charges stop", f"{day:%Y-%m-%d} 起退订 cancelled"]]
        if refund:
            effect.update(refunded_fen=refund[0], refund_receipt=refund[1], pending_fen=0)
            lines.append(["先行赔付", "Refunded now",
                          f"¥{refund[0] / 100:.2f} 已退至话费账户 to the phone account  收据 {refund[1]}"])
        effect["slip_lines"] = lines
        text = f"未订购{service.name_zh}却被扣费"
        return ("sp_dispute", line, line.customer_id,
                {**self._base(line), "subscription": sub_hex, "description": text, "action": "refund"},
                {"phone": line.phone, "subscription": service.name_zh, "description": text,
                 "action": "退订并当场先行赔付"}, effect, 0, "")

    def _complaint(self, day, at, line: Line, category: str, order_id, linked=None) -> dict:
        from counter_app.services.complaints import deadline_for

        cid = uuid7()
        no = self.number("C", day)
        deadline = deadline_for(self.hall, category, at)
        text, wish = COMPLAINT_TEXTS[category]
        staff = self.staff_now or "2001"
        row = {"id": cid, "no": no, "opened": at, "deadline": deadline, "category": category, "line": line,
               "order_id": order_id, "linked": linked or [], "text": text, "wish": wish, "by": staff}
        self.complaints.append(row)
        self.counts["complaints"] += 1
        return row

    def _compensate(self, day, at, line: Line, complaint: dict, code: str, visit) -> tuple[int, str] | None:
        """先行赔付: the SP charges of the line's last bills refunded as a credit, claimed from the SP."""
        items = list(BillItem.select(BillItem.id, BillItem.amount_fen, BillItem.sp_code, BillItem.service_code,
                                     Bill.period)
                     .join(Bill).where((Bill.account == line.id) & (BillItem.group == "sp")
                                       & (BillItem.service_code == code))
                     .order_by(Bill.period.desc()).limit(2).tuples())
        items = [i for i in items if i[0] not in self.claimed]  # a charge is claimed at most once
        self.claimed.update(i[0] for i in items)
        if not items:
            return None
        total = sum(int(amount) for _i, amount, *_rest in items)
        pid = self._payment_row(day, at, complaint["by"], None, line, "compensation", "credit", -total,
                                reference=complaint["no"], reason="先行赔付 SP advance compensation")
        receipt = self.day_payments[-1]["receipt_no"]
        for item_id, amount, sp_code, service_code, period in items:
            self.writer.add(SpClaim, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            complaint_id=complaint["id"], sp_code=sp_code, service_code=service_code, period=period,
                            amount_fen=int(amount), payment_id=pid, approved_by="", bill_item_id=item_id,
                            account_id=line.id, business_date=day)
        complaint["compensated"] = (total, receipt)
        self.audit.append((at, complaint["by"], "complaint.refund", complaint["no"],
                           {"amount_fen": total, "receipt": receipt, "approved_by": "",
                            "items": [i[0] for i in items], "cancelled": [code]}))
        return total, receipt

    def _write_complaints(self) -> None:
        """Each complaint's life up to now: answered in time mostly, a few late, some
        escalated to the manager, the newest still open."""
        rng = self.rng
        w = self.writer
        for n, c in enumerate(self.complaints):
            opened, deadline = c["opened"], c["deadline"]
            window = deadline - opened
            steps = [("opened", opened, c["by"], "")]
            assigned_to, escalated, replied, closed, view = "1003", None, None, None, ""
            steps.append(("assigned", opened + dt.timedelta(minutes=5), c["by"], "1003"))
            late = n % 7 == 3
            escalate = n % 5 == 1 or late
            if escalate:
                escalated = opened + window * 0.8
                assigned_to = "2001"
            if c.get("compensated"):
                total, receipt = c["compensated"]
                steps.append(("compensated", opened + dt.timedelta(minutes=1), c["by"], f"{total / 100:.2f} {receipt}"))
                replied = opened + dt.timedelta(minutes=2)
            else:
                replied = opened + (window * (1.3 if late else rng.uniform(0.2, 0.7)))
            if escalated is not None and escalated <= self.now and (replied is None or escalated < replied):
                steps.append(("escalated", escalated, "", "near deadline"))
            else:
                escalated = None
            if replied > self.now:
                replied = None
            else:
                steps.append(("replied", replied, assigned_to, "已电话回复客户，说明原因并致歉"))
                done = replied + dt.timedelta(hours=rng.uniform(2, 30))
                if done <= self.now:
                    closed = done
                    view = "unsatisfied" if n % 9 == 4 else "satisfied"
                    steps.append(("closed", closed, assigned_to, view))
            status = "closed" if closed else "replied" if replied else "assigned"
            line = c["line"]
            w.add(Complaint, id=c["id"], hall=self.hall, terminal=self.terminal, created_at=opened, hlc="",
                  complaint_no=c["no"], customer_id=line.customer_id, account_id=line.id, phone=line.phone,
                  category=c["category"], description=c["text"], wish=c["wish"], linked=c["linked"], status=status,
                  opened_by=c["by"], opened_at=opened, deadline_at=deadline, assigned_to=assigned_to,
                  escalated_at=escalated, replied_at=replied, closed_at=closed, customer_view=view,
                  order_id=c["order_id"], idempotency_key=None)
            for kind, at, staff, note in steps:
                w.add(ComplaintStep, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                      complaint_id=c["id"], kind=kind, at=at, staff_no=staff, note=note)
                action = {"opened": "complaint.open", "assigned": "complaint.assign", "replied": "complaint.reply",
                          "closed": "complaint.close", "escalated": "complaint.escalate"}.get(kind)
                if action:
                    detail = {"category": c["category"]} if kind == "opened" else {"to": note} if kind == "assigned" \
                        else {"auto": True} if kind == "escalated" else {}
                    self.audit.append((at, staff, action, c["no"], detail))

    # -- voids -----------------------------------------------------------------------------

    def _voids(self, day: dt.date, until) -> None:
        """Now and then a manager voids a statement print of the day (the wrong month)."""
        if until is not None or self.rng.random() > 0.25:
            return
        mine = [o for o in self.day_orders if o[3] == "statement_print"]
        if not mine:
            return
        _day, order_id, order_no, _code, at = mine[-1]
        when = at + dt.timedelta(minutes=3)
        self.writer.later("UPDATE service_order SET status = 'voided', voided_at = ?, voided_by = '2001', "
                          "void_reason = ? WHERE id = ?", when, "打印月份选错，客户要求重打", order_id.hex)
        self.audit.append((when, "2001", "order.void", order_no, {"reason": "打印月份选错，客户要求重打",
                                                                  "business": "statement_print"}))

    # -- end of day ------------------------------------------------------------------------

    def _handovers(self, day: dt.date, staff: list[str]) -> None:
        """Each clerk counts the drawer at the end of the day: what the drawer methods took,
        less what was given back from it (settlement.drawer_cash_since_last_handover)."""
        by_id = {p["id"]: p for p in self.day_payments}
        cash: dict[str, int] = {}
        for p in self.day_payments:
            if p["method"] not in ("cash", "remote"):
                continue
            owner = p["staff_no"]
            if p["kind"] == "reversal" and p["reverses"] in by_id:
                owner = by_id[p["reverses"]]["staff_no"]
            cash[owner] = cash.get(owner, 0) + p["amount_fen"]
        for staff_no in staff:
            expected = cash.get(staff_no, 0)
            counted, note = expected, ""
            if self.rng.random() < 0.06:
                note = self.rng.choice(HANDOVER_NOTES)
                counted = expected - (100 if "一元" in note else 5000)
            at = self.at(day, self.closes + self.rng.randrange(2, 12))
            self.writer.add(ShiftHandover, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            business_date=day, staff_no=staff_no, expected_cash_fen=expected,
                            counted_cash_fen=counted, note=note, idempotency_key=None)
            self.audit.append((at, staff_no, "shift.handover", staff_no,
                               {"expected_fen": expected, "counted_fen": counted,
                                "difference_fen": counted - expected}))

    def finish(self) -> dict:
        """Complaints, day closes of every past day, today's counters and numbers, the audit
        chain; returns what was made, for the demo's summary."""
        self._write_complaints()
        self.writer.flush()
        self._day_closes()
        self._counters_now()
        self._sequences()
        self._audit_chain()
        self.writer.flush()
        return dict(self.counts)

    def _day_closes(self) -> None:
        from counter_app.models import Staff
        from counter_app.services.session import open_session
        from counter_app.services.settlement import settlement

        session = open_session()
        session.staff = Staff.get_by_id("2001")
        for day in self.days:
            if day >= self.today:
                continue
            totals = settlement(session, day).totals_json()
            at = self.at(day, self.closes + 30 + self.rng.randrange(0, 15))
            self.writer.add(DayClose, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            business_date=day, closed_by="2001", totals=totals)
            self.audit.append((at, "2001", "day.close", day.isoformat(),
                               {"net_fen": totals["net_fen"], "expected_cash_fen": totals["expected_cash_fen"]}))

    def _counters_now(self) -> None:
        """Today's counters as the clerks left them at this moment: open (or at lunch) with
        the ticket being served; none before opening or after closing."""
        counters = self.today_counters
        minute = self.now.hour * 60 + self.now.minute
        serving = {v.serving: v.ticket_id for v in self.today_visits if v.serving is not None}
        CounterState.delete().where(CounterState.hall == self.hall).execute()
        for number, (staff, _cats, away) in counters.items():
            if not (self.opens <= minute < self.closes):
                continue
            status = "paused" if any(a <= minute < b for a, b in away) and number not in serving else "open"
            CounterState.insert(hall=self.hall, counter_number=number, status=status, staff_no=staff,
                                current_ticket=serving.get(number),
                                since=self.at(self.today, self.opens - 5)).execute()

    def _sequences(self) -> None:
        for key, value in self.sequences.items():
            DocumentSequence.insert(name=key, value=value).on_conflict(
                conflict_target=[DocumentSequence.name], update={DocumentSequence.value: value}).execute()
        for (day, category), last in self.ticket_numbers.items():
            NumberSequence.insert(hall=self.hall, business_date=day, category=category, last_number=last).on_conflict(
                conflict_target=[NumberSequence.hall, NumberSequence.business_date, NumberSequence.category],
                update={NumberSequence.last_number: last}).execute()

    def _audit_chain(self) -> None:
        """The audit trail of the window, one chain in time order, as ``audit_chain.append``
        writes it event by event."""
        detail_field = JSONField()
        seq, prev = audit_chain.read_head(self.terminal) or (0, "")
        events = sorted((e for e in self.audit if e[0] <= self.now), key=lambda e: e[0])
        for at, staff_no, action, target, detail in events:
            seq += 1
            event_id = uuid7()
            text = detail_field.db_value(detail)
            digest = audit_chain.event_hash(audit_chain.ChainEvent(event_id.hex, self.hall, self.terminal, seq, at,
                                                                   staff_no, action, str(target), text, prev, ""))
            self.writer.add(AuditEvent, id=event_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            at=at, staff_no=staff_no, action=action, target=str(target), detail=detail, seq=seq,
                            prev_hash=prev, hash=digest)
            prev = digest
        self.writer.flush()
        if seq:
            audit_chain.write_head(self.terminal, seq, prev)


# Businesses done for the line's verified subscriber only (services.verification).
VERIFIED = ("puk_unlock", "sim_replace", "loss_report", "sp_subscribe", "transfer")


def _shift(period: str, months: int) -> str:
    year, month = map(int, period.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _mask(id_number: str) -> str:
    return id_number[:6] + "********" + id_number[-4:]


def _imei(rng: random.Random) -> str:
    body = f"35{rng.randrange(10**12):012d}"
    total = 0
    for i, ch in enumerate(body):
        digit = int(ch)
        if i % 2:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return body + str((10 - total % 10) % 10)


def _new_id(rng: random.Random, n: int) -> str:
    from counter_app.services.demo import check_digit

    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
    body = f"370103{birth:%Y%m%d}{(700 + n) % 1000:03d}"
    return body + check_digit(body)


SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭")
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超")
HANDSETS = ("诺基亚 N73", "诺基亚 6300", "摩托罗拉 V3", "三星 E258", "索尼爱立信 K750c", "联想 i909", "波导 S1000")
FAULTS = ("不开机", "屏幕碎裂", "按键失灵", "充电无反应", "通话无声音", "频繁死机")
