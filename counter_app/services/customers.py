"""Seeing the customer whole: everything the counter shows about one line and its owner.

:func:`load_view` assembles it with a handful of indexed queries (the benchmark measures
them at 1,000,000 customers); :func:`open_view` does the same and records the audit event
that looking at a customer's record is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from counter_app.errors import NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Account,
    Bill,
    Complaint,
    Customer,
    Job,
    ServiceOrder,
    SimCard,
    SpService,
    SpSubscription,
    TariffPlan,
    Ticket,
    db,
)
from counter_app.services import audit
from counter_app.services.identify import by_phone
from counter_app.services.validation import mask_id_number

BILLS_SHOWN = 6
ORDERS_SHOWN = 8
VISITS_SHOWN = 5


@dataclass(frozen=True)
class SubscriptionLine:
    subscription_id: uuid.UUID
    service_code: str
    name_zh: str
    name_en: str
    provider: str
    monthly_fee_fen: int
    per_use_fen: int
    start_date: dt.date


@dataclass(frozen=True)
class BillLine:
    period: str
    total_fen: int
    payments_fen: int
    due_fen: int


@dataclass(frozen=True)
class OrderLine:
    order_id: uuid.UUID
    order_no: str
    business_code: str
    business_zh: str
    business_en: str
    created_at: dt.datetime
    status: str
    open_job: bool


@dataclass(frozen=True)
class ComplaintLine:
    complaint_no: str
    category: str
    status: str
    deadline_at: dt.datetime | None


@dataclass(frozen=True)
class VisitLine:
    at: dt.datetime
    what: str  # a ticket code or a business name
    counter_number: int | None
    staff_no: str


@dataclass
class CustomerView:
    account_id: uuid.UUID
    customer_id: uuid.UUID
    name: str
    masked_id: str
    phone: str
    contact_phone: str
    plan_code: str
    plan_zh: str
    plan_en: str
    next_plan_zh: str
    next_plan_en: str
    next_plan_from: str
    status: str
    balance_fen: int
    vip_tier: str
    vip_member_no: str
    home_city: str
    remote: bool  # 异地: homed in another city than this hall's
    sim_serial: str
    opened_at: dt.date | None
    other_lines: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    subscriptions: list[SubscriptionLine] = field(default_factory=list)
    bills: list[BillLine] = field(default_factory=list)
    orders: list[OrderLine] = field(default_factory=list)
    complaints: list[ComplaintLine] = field(default_factory=list)
    visits: list[VisitLine] = field(default_factory=list)

    @property
    def open_orders(self) -> list[OrderLine]:
        return [o for o in self.orders if o.open_job or (o.business_code == "plan_change" and self.next_plan_from
                                                         and o.status == "done")]


def load_view(account_id, hall_city: str = "") -> CustomerView:
    """Assemble the view of one line; no audit (see :func:`open_view`)."""
    row = (Account.select(Account, Customer).join(Customer).where(Account.id == account_id).first())
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such customer line."))
    customer: Customer = row.customer
    plans = {p.code: p for p in TariffPlan.select().where(TariffPlan.code.in_([row.plan_id, row.next_plan_id or ""]))}
    plan = plans[row.plan_id]
    next_plan = plans.get(row.next_plan_id or "")
    sim = (SimCard.select(SimCard.serial).where((SimCard.account == row.id) & (SimCard.status == "active"))
           .order_by(SimCard.issued_at.desc()).first())
    lines = [(a.id, a.phone) for a in Account.select(Account.id, Account.phone)
             .where((Account.customer == customer.id) & (Account.id != row.id)).order_by(Account.phone)]
    subs = [SubscriptionLine(s.id, s.service.code, s.service.name_zh, s.service.name_en, s.service.provider_id,
                             s.service.monthly_fee_fen, s.service.per_use_fen, s.start_date)
            for s in SpSubscription.select(SpSubscription, SpService).join(SpService)
            .where((SpSubscription.account == row.id) & SpSubscription.end_date.is_null())
            .order_by(SpSubscription.start_date)]
    bills = [BillLine(b.period, b.total_fen, b.payments_fen, b.due_fen)
             for b in Bill.select(Bill.period, Bill.total_fen, Bill.payments_fen, Bill.due_fen)
             .where(Bill.account == row.id).order_by(Bill.period.desc()).limit(BILLS_SHOWN)]
    orders = list(ServiceOrder.select(ServiceOrder.id, ServiceOrder.order_no, ServiceOrder.business_code,
                                      ServiceOrder.created_at, ServiceOrder.status, ServiceOrder.counter_number,
                                      ServiceOrder.staff_no)
                  .where(ServiceOrder.account_id == row.id).order_by(ServiceOrder.created_at.desc()).limit(ORDERS_SHOWN))
    open_jobs: set = set()
    if orders:
        open_jobs = {j.order_id for j in Job.select(Job.order_id)
                     .where(Job.order_id.in_([o.id for o in orders]) & (Job.status == "open"))}
    names = _business_names()
    order_lines = [OrderLine(o.id, o.order_no, o.business_code, *names.get(o.business_code, (o.business_code,) * 2),
                             o.created_at, o.status, o.id in open_jobs) for o in orders]
    complaints = [ComplaintLine(c.complaint_no, c.category, c.status, c.deadline_at)
                  for c in Complaint.select(Complaint.complaint_no, Complaint.category, Complaint.status,
                                            Complaint.deadline_at)
                  .where((Complaint.account_id == row.id) & (Complaint.status != "closed"))
                  .order_by(Complaint.opened_at.desc()).limit(10)]
    visits = [VisitLine(t.issued_at, t.code, t.counter_number, t.staff_no)
              for t in Ticket.select(Ticket.issued_at, Ticket.code, Ticket.counter_number, Ticket.staff_no)
              .where((Ticket.customer_id == customer.id) | (Ticket.phone == row.phone))
              .order_by(Ticket.issued_at.desc()).limit(VISITS_SHOWN)]
    if not visits:  # a hall without queue tickets yet still shows when the customer was served
        visits = [VisitLine(o.created_at, o.business_zh, None, "") for o in order_lines[:VISITS_SHOWN]]
    home = row.home_city or customer.home_city
    return CustomerView(
        account_id=row.id, customer_id=customer.id, name=customer.name, masked_id=mask_id_number(customer.id_number),
        phone=row.phone, contact_phone=customer.phone, plan_code=plan.code, plan_zh=plan.name_zh, plan_en=plan.name_en,
        next_plan_zh=next_plan.name_zh if next_plan else "", next_plan_en=next_plan.name_en if next_plan else "",
        next_plan_from=row.next_plan_from if next_plan else "", status=row.status, balance_fen=row.balance_fen,
        vip_tier=customer.vip_tier, vip_member_no=customer.vip_member_no or "", home_city=home,
        remote=bool(hall_city and home and home != hall_city), sim_serial=sim.serial if sim else "",
        opened_at=row.opened_at, other_lines=lines, subscriptions=subs, bills=bills, orders=order_lines,
        complaints=complaints, visits=visits)


def _business_names() -> dict[str, tuple[str, str]]:
    from counter_app.models import BusinessType

    return {b.code: (b.name_zh, b.name_en) for b in BusinessType.select(BusinessType.code, BusinessType.name_zh,
                                                                        BusinessType.name_en)}


def open_view(session, account_id) -> CustomerView:
    """The view the clerk opens; looking at a customer's record is an audit event."""
    session.require_staff()
    view = load_view(account_id, session.hall.city)
    with db.atomic():
        audit.record(session, "customer.view", view.phone, account=str(view.account_id))
    return view


def find_by_phone(phone_text: str) -> CustomerView:
    """The view of the line with this phone number (no audit; for scripts and the kiosk)."""
    return load_view(by_phone(phone_text)[0].account_id)
