"""月度投诉分析: the monthly complaint analysis, as plain data for documents.complaint_report.

Definitions (printed on the report too):

- a complaint belongs to the month it was *opened* in;
- its answer is *due* once it was replied to or its deadline has passed (as of the report's
  time); the on-time rate is replied-by-the-deadline / due;
- *overdue*: replied after the deadline, or still unanswered past it;
- refunds and SP claims belong to the month the hall paid them (business date);
- a *repeat complainant* is a phone number with two or more complaints in the month.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.models import Complaint, Customer, Hall, Payment, SpClaim
from counter_app.models.complaints import CATEGORIES
from counter_app.services.complaint_refunds import claims_for_month, month_bounds
from counter_app.services.permissions import Permission, require
from counter_app.services.report_period import not_in_future_month
from counter_app.services.session import Session
from counter_app.services.validation import mask_name, mask_phone

TREND_MONTHS = 6
TOP_SPS = 5


@dataclass(frozen=True)
class OverdueRow:
    complaint_no: str
    category: str
    phone: str  # masked
    opened_at: dt.datetime
    deadline_at: dt.datetime
    replied_at: dt.datetime | None
    late_hours: int  # whole hours past the deadline (to the reply, or to the report's time)
    escalated: bool


@dataclass(frozen=True)
class SpRow:
    sp_code: str
    sp_name: str
    claims: int
    amount_fen: int


@dataclass(frozen=True)
class RepeatRow:
    phone: str  # masked
    name: str  # masked
    in_month: int
    in_six_months: int


@dataclass
class MonthlyAnalysis:
    hall_name: str
    month: str
    as_of: dt.datetime
    lang: str = "zh_CN"
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    trend_months: list[str] = field(default_factory=list)
    trend: dict[str, list[int]] = field(default_factory=dict)  # category -> counts, oldest month first
    trend_totals: list[int] = field(default_factory=list)
    due: int = 0
    on_time: int = 0
    closed: int = 0
    satisfied: int = 0
    overdue: list[OverdueRow] = field(default_factory=list)
    top_sps: list[SpRow] = field(default_factory=list)
    refunds: int = 0
    refunds_fen: int = 0
    refunds_approved: int = 0
    repeat: list[RepeatRow] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def months_ending(month: str, count: int) -> list[str]:
    start, _ = month_bounds(month)
    year, mon = start.year, start.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{mon:02d}")
        mon -= 1
        if mon == 0:
            year, mon = year - 1, 12
    return list(reversed(out))


def _opened_between(hall_code: str, start: dt.date, end: dt.date) -> Iterable[Any]:
    # Named tuples of the columns the report reads: a busy half year is ~10,000 rows, and
    # building model instances for them cost ten times the query.
    c = Complaint
    return c.select(c.complaint_no, c.category, c.phone, c.customer_id, c.status, c.opened_at, c.deadline_at,
                    c.replied_at, c.escalated_at, c.customer_view).where((Complaint.hall == hall_code)
                                    & (Complaint.opened_at >= dt.datetime.combine(start, dt.time()))
                                    & (Complaint.opened_at < dt.datetime.combine(end, dt.time()))).namedtuples()


def monthly_analysis(session: Session, month: str, lang: str = "zh_CN") -> MonthlyAnalysis:
    require(session, Permission.VIEW_REPORTS)
    hall_code = session.hall_code
    start, end = month_bounds(month)
    not_in_future_month(month)
    hall = Hall.get_by_id(hall_code)
    now = clock.now()
    data = MonthlyAnalysis(hall_name=hall.name, month=month, as_of=now, lang=lang)
    trend_months = months_ending(month, TREND_MONTHS)
    six_start, _ = month_bounds(trend_months[0])
    six = list(_opened_between(hall_code, six_start, end))
    this_month = [c for c in six if start <= c.opened_at.date() < end]
    _count_trend(data, trend_months, six)
    _count_month(data, this_month, now)
    data.top_sps = _top_sps(session, month)
    _count_refunds(data, hall_code, start, end)
    data.repeat = _repeat_complainants(this_month, six)
    return data


def _count_trend(data: MonthlyAnalysis, trend_months: list[str], six: list[Any]) -> None:
    """Complaints per category in each of the six months, and each month's total."""
    data.trend_months = trend_months
    data.trend = {c: [0] * TREND_MONTHS for c in CATEGORIES}
    for c in six:
        data.trend[c.category][trend_months.index(f"{c.opened_at:%Y-%m}")] += 1
    data.trend_totals = [sum(data.trend[c][i] for c in CATEGORIES) for i in range(TREND_MONTHS)]


def _count_month(data: MonthlyAnalysis, this_month: list[Any], now: dt.datetime) -> None:
    """The month's complaints per category; those due, answered on time, overdue (with the hours
    late), closed and closed satisfied."""
    data.counts = {c: sum(1 for x in this_month if x.category == c) for c in CATEGORIES}
    data.total = len(this_month)
    for c in sorted(this_month, key=lambda x: x.opened_at):
        replied = c.replied_at
        if replied is not None or c.deadline_at <= now:
            data.due += 1
            if replied is not None and replied <= c.deadline_at:
                data.on_time += 1
        late_until = replied if replied is not None else (now if c.deadline_at < now else None)
        if late_until is not None and late_until > c.deadline_at:
            hours = int((late_until - c.deadline_at).total_seconds() // 3600)
            data.overdue.append(OverdueRow(c.complaint_no, c.category, mask_phone(c.phone), c.opened_at,
                                           c.deadline_at, replied, hours, c.escalated_at is not None))
        if c.status == "closed":
            data.closed += 1
            data.satisfied += c.customer_view == "satisfied"


def _top_sps(session: Session, month: str) -> list[SpRow]:
    """The SPs with the most claimed (disputed) charges the hall paid this month."""
    by_sp: dict[str, list[Any]] = defaultdict(lambda: ["", 0, 0])
    for claim in claims_for_month(session, month):
        row = by_sp[claim.sp_code]
        row[0] = claim.sp_name
        row[1] += 1
        row[2] += claim.amount_fen
    return sorted((SpRow(code, name, n, fen) for code, (name, n, fen) in by_sp.items()),
                  key=lambda r: (-r.amount_fen, -r.claims, r.sp_code))[:TOP_SPS]


def _count_refunds(data: MonthlyAnalysis, hall_code: str, start: dt.date, end: dt.date) -> None:
    """Advance compensation paid in the month: how many, how much, how many claims approved."""
    refunds = list(Payment.select().where((Payment.hall == hall_code) & (Payment.kind == "compensation")
                                          & (Payment.business_date >= start) & (Payment.business_date < end)))
    data.refunds = len(refunds)
    data.refunds_fen = -sum(p.amount_fen for p in refunds)  # payment rows are negative credits
    approved = {c.payment_id for c in SpClaim.select(SpClaim.payment_id).where(
        SpClaim.payment_id.in_([p.id for p in refunds]) & (SpClaim.approved_by != ""))} if refunds else set()
    data.refunds_approved = len(approved)


def _repeat_complainants(this_month: list[Any], six: list[Any]) -> list[RepeatRow]:
    """Numbers with two or more complaints this month (masked), with their six-month count."""
    month_counts = Counter(c.phone for c in this_month)
    six_counts = Counter(c.phone for c in six)
    customers = {c.phone: c.customer_id for c in this_month if c.customer_id}
    names = {x.id: x.name for x in Customer.select().where(Customer.id.in_(list(customers.values())))} \
        if customers else {}
    return sorted(
        (RepeatRow(mask_phone(phone), mask_name(names.get(customers[phone], "") if phone in customers else ""), n, six_counts[phone])
         for phone, n in month_counts.items() if n >= 2),
        key=lambda r: (-r.in_month, -r.in_six_months, r.phone))
