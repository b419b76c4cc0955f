"""Seeing the customer whole: everything the counter shows about one line and its owner.

:func:`load_view` assembles it with a handful of indexed queries (the benchmark measures
them at 1,000,000 customers); :func:`open_view` does the same and records the audit event
that looking at a customer's record is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from counter_app import clock
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
from counter_app.models.rows import tuples
from counter_app.services import audit, ledger
from counter_app.services.identify import by_phone
from counter_app.services.permissions import Permission, require
from counter_app.services.prepared import Prepared
from counter_app.services.session import Session
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
    """One bill as the ledger states it (services.ledger)."""

    period: str
    charges_fen: int
    credits_fen: int
    closing_fen: int  # the balance the month closed with (+ credit, − owed)


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
    what: str  # a ticket code or a business name (Chinese)
    counter_number: int | None
    staff_no: str
    what_en: str = ""  # the business name in English; a ticket code is the same in both


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
    balance_fen: int  # + credit, − owed (services.ledger)
    due_fen: int
    over_limit: bool  # owes more than the hall's arrears limit
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


_LINE = Prepared(lambda account_id: (
    Account.select(Account.id, Account.phone, Account.plan, Account.next_plan, Account.next_plan_from, Account.status,
                   Account.balance_fen, Account.home_city, Account.opened_at, Customer.id, Customer.name,
                   Customer.id_number, Customer.phone, Customer.vip_tier, Customer.vip_member_no, Customer.home_city,
                   TariffPlan.name_zh, TariffPlan.name_en)
    .join(Customer).switch(Account).join(TariffPlan, on=(Account.plan == TariffPlan.code))
    .where(Account.id == account_id)))
_PLAN = Prepared(lambda code: TariffPlan.select(TariffPlan.name_zh, TariffPlan.name_en).where(TariffPlan.code == code))
_SIM = Prepared(lambda account_id: SimCard.select(SimCard.serial)
                .where((SimCard.account == account_id) & (SimCard.status == "active"))
                .order_by(SimCard.issued_at.desc()).limit(1))
_OTHER_LINES = Prepared(lambda customer_id, account_id: Account.select(Account.id, Account.phone)
                        .where((Account.customer == customer_id) & (Account.id != account_id)).order_by(Account.phone))
_SUBS = Prepared(lambda account_id: SpSubscription.select(
    SpSubscription.id, SpService.code, SpService.name_zh, SpService.name_en, SpService.provider,
    SpService.monthly_fee_fen, SpService.per_use_fen, SpSubscription.start_date).join(SpService)
    .where((SpSubscription.account == account_id) & SpSubscription.end_date.is_null())
    .order_by(SpSubscription.start_date))
_BILLS = Prepared(lambda account_id: Bill.select(Bill.period)
                  .where(Bill.account == account_id).order_by(Bill.period.desc()).limit(BILLS_SHOWN))
_ORDERS = Prepared(lambda account_id: ServiceOrder.select(
    ServiceOrder.id, ServiceOrder.order_no, ServiceOrder.business_code, ServiceOrder.created_at, ServiceOrder.status)
    .where(ServiceOrder.account_id == account_id).order_by(ServiceOrder.created_at.desc()).limit(ORDERS_SHOWN))
_COMPLAINTS = Prepared(lambda account_id: Complaint.select(
    Complaint.complaint_no, Complaint.category, Complaint.status, Complaint.deadline_at)
    .where((Complaint.account_id == account_id) & (Complaint.status != "closed"))
    .order_by(Complaint.opened_at.desc()).limit(10))
# Two indexes (customer, date) and (phone, date) answer each side of the OR.
_VISITS = Prepared(lambda customer_id, phone, since: Ticket.select(
    Ticket.issued_at, Ticket.code, Ticket.counter_number, Ticket.staff_no)
    .where((Ticket.business_date >= since) & ((Ticket.customer_id == customer_id) | (Ticket.phone == phone)))
    .order_by(Ticket.issued_at.desc()).limit(VISITS_SHOWN))
VISIT_DAYS = 180


def load_view(session: Session, account_id: uuid.UUID, hall_city: str = "") -> CustomerView:
    """Assemble the view of one line; no audit (see :func:`open_view`). Runs on every Enter
    at the counter: one join for line, owner and plan, then one small indexed query per
    table, each prepared once (see ``services.prepared``)."""
    require(session, Permission.SERVE)
    row = _LINE.first(account_id)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such customer line."))
    (aid, phone, plan_code, next_code, next_from, status, balance, line_city, opened_at, cid, name, id_number,
     contact, vip_tier, vip_no, customer_city, plan_zh, plan_en) = row
    next_plan = _PLAN.first(next_code) if next_code else None
    sim = _SIM.first(aid)
    subs = [SubscriptionLine(*r) for r in _SUBS.rows(aid)]
    periods = [r[0] for r in _BILLS.rows(aid)]
    # Balance, amount due and the bills from the ledger, with this terminal's unconfirmed payments.
    where, months = ledger.summary(aid, balance, periods)
    bills = [BillLine(p, months[p].charges_fen, months[p].credits_fen, months[p].closing_fen) for p in periods]
    orders = _ORDERS.rows(aid)
    order_lines: list[OrderLine] = []
    if orders:
        open_jobs = {r[0] for r in tuples(Job.select(Job.order_id)
                     .where(Job.order_id.in_([o[0] for o in orders]) & (Job.status == "open")))}
        names = _business_names()
        for oid, no, code, at, state in orders:
            name_zh, name_en = names.get(code, (code, code))
            order_lines.append(OrderLine(oid, no, code, name_zh, name_en, at, state, oid in open_jobs))
    complaints = [ComplaintLine(*r) for r in _COMPLAINTS.rows(aid)]
    since = clock.today() - dt.timedelta(days=VISIT_DAYS)
    visits = [VisitLine(*r) for r in _VISITS.rows(cid, phone, since)]
    if not visits:  # a hall without queue tickets yet still shows when the customer was served
        visits = [VisitLine(o.created_at, o.business_zh, None, "", o.business_en) for o in order_lines[:VISITS_SHOWN]]
    home = line_city or customer_city
    return CustomerView(
        account_id=aid, customer_id=cid, name=name, masked_id=mask_id_number(id_number), phone=phone,
        contact_phone=contact, plan_code=plan_code, plan_zh=plan_zh, plan_en=plan_en,
        next_plan_zh=next_plan[0] if next_plan else "", next_plan_en=next_plan[1] if next_plan else "",
        next_plan_from=next_from if next_plan else "", status=status, balance_fen=where.balance_fen,
        due_fen=where.due_fen, over_limit=where.due_fen > ledger.arrears_limit(), vip_tier=vip_tier,
        vip_member_no=vip_no or "", home_city=home, remote=bool(hall_city and home and home != hall_city),
        sim_serial=sim[0] if sim else "", opened_at=opened_at, other_lines=_OTHER_LINES.rows(cid, aid),
        subscriptions=subs, bills=bills, orders=order_lines, complaints=complaints, visits=visits)


def _business_names() -> dict[str, tuple[str, str]]:
    from counter_app.models import BusinessType

    return {b.code: (b.name_zh, b.name_en) for b in BusinessType.select(BusinessType.code, BusinessType.name_zh,
                                                                        BusinessType.name_en)}


def open_view(session: Session, account_id: uuid.UUID) -> CustomerView:
    """The view the clerk opens; looking at a customer's record is an audit event."""
    require(session, Permission.SERVE)
    view = load_view(session, account_id, session.hall.city)
    with db.atomic():
        audit.record(session, "customer.view", view.phone, account=str(view.account_id))
    return view


def find_by_phone(session: Session, phone_text: str) -> CustomerView:
    """The view of the line with this phone number (no audit; for scripts and the kiosk)."""
    require(session, Permission.SERVE)
    return load_view(session, by_phone(session, phone_text)[0].account_id)
