"""先行赔付: the hall refunds a disputed SP charge at once and claims it back from the SP.

The refund is a credit to the customer's account, never cash over the counter: a new
:class:`Payment` row ``kind="compensation", method="credit"`` whose ``amount_fen`` is
**negative**, as every payment row is signed from the hall's takings (the hall gives the
money), while the line's balance rises by the refunded amount (``services.ledger``).
Settlement counts method ``credit`` apart from the drawer methods: no cash moves. Each refunded bill item
gets one :class:`SpClaim` against its SP; ``SpClaim.bill_item_id`` is unique, so a charge is
refunded once at a PC, the hub holds it first so another PC or hall cannot refund it too
(``sync/hub_claims.py``), and the payment's idempotency key makes a double click pay once.

Limits (hall settings): ``sp_refund_limit_fen`` (default 50 yuan per refund) and
``sp_refund_months_back`` (default 3 bill months). Beyond either, a manager approves: signed
in themselves, or typing their staff number and password at the clerk's screen.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from peewee import IntegrityError

from counter_app import clock
from counter_app.errors import Conflict, HubUnavailable, PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Account,
    Bill,
    BillItem,
    Complaint,
    Payment,
    SpClaim,
    SpProvider,
    SpService,
    SpSubscription,
    db,
)
from counter_app.money import format_yuan
from counter_app.services import approvals, audit, setup_record
from counter_app.services.complaints import (
    _for_update,
    _mark_replied,
    _require_active,
    _step,
)
from counter_app.services.idempotency import REUSED
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting

DEFAULT_LIMIT_FEN = 5000
DEFAULT_MONTHS_BACK = 3
APPROVER_ROLES = ("manager", "admin")


@dataclass(frozen=True)
class RefundLimits:
    months_back: int
    amount_fen: int


def refund_limits(hall_code: str) -> RefundLimits:
    return RefundLimits(int(hall_setting(hall_code, "sp_refund_months_back", DEFAULT_MONTHS_BACK)),
                        int(hall_setting(hall_code, "sp_refund_limit_fen", DEFAULT_LIMIT_FEN)))


def set_refund_limits(session: Session, *, months_back: int, amount_fen: int) -> None:
    require(session, Permission.MANAGE_HALL)
    if not 1 <= months_back <= 24:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Months back is between 1 and 24."), field="months_back")
    if not 0 < amount_fen <= 100_000:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The refund limit is between 0.01 and 1000 yuan."),
                              field="amount")
    with db.atomic():
        old = refund_limits(session.hall_code)
        setup_record.put_hall_setting(session.hall_code, "sp_refund_months_back", months_back)
        setup_record.put_hall_setting(session.hall_code, "sp_refund_limit_fen", amount_fen)
        audit.record(session, "complaint.refund_limits", session.hall_code, old_months=old.months_back,
                     old_fen=old.amount_fen, months=months_back, fen=amount_fen)


def save_limits(session: Session, *, hours: dict[str, int], months_back: int, amount_fen: int) -> None:
    """The manager's form: reply deadlines and refund limits, all or nothing."""
    from counter_app.services.complaints import deadline_hours, set_deadline_hours

    require(session, Permission.MANAGE_HALL)
    with db.atomic():
        current = deadline_hours(session.hall_code)
        for category, value in hours.items():
            if value != current.get(category):
                set_deadline_hours(session, category, value)
        limits = refund_limits(session.hall_code)
        if (months_back, amount_fen) != (limits.months_back, limits.amount_fen):
            set_refund_limits(session, months_back=months_back, amount_fen=amount_fen)


def months_back_of(period: str, today: dt.date) -> int:
    """1 for last month's bill, 2 for the one before, ..."""
    year, month = map(int, period.split("-"))
    return (today.year * 12 + today.month) - (year * 12 + month)


@dataclass(frozen=True)
class RefundableItem:
    bill_item_id: int
    period: str
    sp_code: str
    sp_name: str
    service_code: str
    service_zh: str
    service_en: str
    amount_fen: int
    months_back: int
    claimed: bool
    linked: bool  # named by the complaint (its SP subscription or bill item)


def refundable_items(session: Session, complaint_id: uuid.UUID | str) -> list[RefundableItem]:
    """The SP charges on the complaint's line, newest bill first, with what was refunded."""
    require(session, Permission.SERVE)
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None or complaint.account_id is None:
        return []
    today = clock.today()
    # A linked subscription names every charge of its service; a linked bill item only itself.
    linked_services: set[str] = set()
    linked_items = {str(i.get("id")) for i in complaint.linked or [] if i.get("kind") == "bill_item"}
    for item in complaint.linked or []:
        if item.get("kind") not in ("sp_subscription", "subscription"):
            continue
        if item.get("service_code"):
            linked_services.add(str(item["service_code"]))
        elif item.get("id"):
            sub = SpSubscription.get_or_none(SpSubscription.id == _uuid(item["id"]))
            if sub is not None:
                linked_services.add(sub.service_id)
    rows = (BillItem.select(BillItem, Bill.period).join(Bill)
            .where((Bill.account == complaint.account_id) & (BillItem.group == "sp") & (BillItem.amount_fen > 0))
            .order_by(Bill.period.desc(), BillItem.sort))
    items = list(rows)
    claimed = {c.bill_item_id for c in SpClaim.select(SpClaim.bill_item_id)
               .where(SpClaim.bill_item_id.in_([i.id for i in items]))} if items else set()
    providers = {p.code: p.name for p in SpProvider.select()}
    services = {s.code: s for s in SpService.select()}
    out = []
    for item in items:
        service = services.get(item.service_code)
        out.append(RefundableItem(
            item.id, item.bill.period, item.sp_code, providers.get(item.sp_code, item.sp_code), item.service_code,
            service.name_zh if service else item.name_zh, service.name_en if service else item.name_en,
            item.amount_fen, months_back_of(item.bill.period, today), item.id in claimed,
            item.service_code in linked_services or str(item.id) in linked_items))
    return out


def _uuid(value: object) -> uuid.UUID | str:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return str(value)


def approval_reasons(limits: RefundLimits, total_fen: int, oldest_months_back: int) -> list[str]:
    """Why a manager must approve: "amount", "months", or nothing."""
    reasons = []
    if total_fen > limits.amount_fen:
        reasons.append("amount")
    if oldest_months_back > limits.months_back:
        reasons.append("months")
    return reasons


@dataclass
class Compensation:
    payment_id: uuid.UUID
    receipt_no: str
    amount_fen: int
    claims: int
    approved_by: str
    cancelled: list[str] = field(default_factory=list)
    repeated: bool = False  # the same request again (a double click): nothing new was paid


def _existing(key: str, complaint: Complaint, wanted: set[int]) -> Compensation | None:
    """The refund already stored under ``key``; Conflict when it was for another complaint or
    other charges (a key reused for another request)."""
    payment = Payment.get_or_none(Payment.idempotency_key == key)
    if payment is None:
        return None
    claims = list(SpClaim.select().where(SpClaim.payment_id == payment.id))
    if payment.reference != complaint.complaint_no or {c.bill_item_id for c in claims} != wanted:
        raise Conflict(REUSED, ref=payment.receipt_no)
    return Compensation(payment.id, payment.receipt_no, -payment.amount_fen, len(claims),
                        claims[0].approved_by if claims else "", [], repeated=True)


def _approver(session: Session, approver_no: str, approver_password: str, reasons: list[str],
              limits: RefundLimits, total: int) -> str:
    if not reasons:
        return ""
    signed_in = approvals.signed_in_approver(session, Permission.APPROVE, purpose="complaint.refund")
    if signed_in is not None:
        return signed_in.staff_no
    if not (approver_no or "").strip():
        if "amount" in reasons:
            raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "{amount} yuan is above the refund limit of {limit} "
                                                               "yuan: a manager must approve."),
                                   amount=format_yuan(total), limit=format_yuan(limits.amount_fen))
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "The charge is more than {months} bill months old: "
                                                           "a manager must approve."), months=limits.months_back)
    return approvals.typed_approver(session, Permission.APPROVE, approver_no, approver_password,
                                    purpose="complaint.refund").staff_no


def compensate(session: Session, complaint_id: uuid.UUID | str, *, bill_item_ids: list[int], idempotency_key: str,
               cancel_subscription: bool = False, approver_no: str = "",
               approver_password: str = "") -> Compensation:
    """Refund the chosen SP charges of an SP-charge complaint as one account credit.

    ``idempotency_key`` is made when the refund dialog opens: the same key again returns the
    first refund (``repeated=True``) and pays nothing more."""
    require(session, Permission.SERVE)
    if not idempotency_key:
        raise ValueError("a refund needs an idempotency key")
    complaint = _for_update(session, complaint_id)
    wanted = {int(i) for i in bill_item_ids}
    known = _existing(idempotency_key, complaint, wanted)
    if known is not None:
        return known
    _require_active(complaint)
    if complaint.category != "sp_charge" or complaint.account_id is None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Advance compensation is only for SP charge complaints "
                                                   "about one of our lines."))
    if not wanted:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Pick the SP charges to refund."), field="items")
    items = [i for i in refundable_items(session, complaint.id) if i.bill_item_id in wanted]
    if len(items) != len(wanted):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Only SP charges on this line's bills can be refunded."),
                              field="items")
    already = [i for i in items if i.claimed]
    if already:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The {period} charge of {service} was already refunded."),
                       period=already[0].period, service=already[0].service_zh)
    total = sum(i.amount_fen for i in items)
    limits = refund_limits(session.hall_code)
    reasons = approval_reasons(limits, total, max(i.months_back for i in items))
    approved_by = _approver(session, approver_no, approver_password, reasons, limits, total)
    _hold_on_hub(session, items, idempotency_key)
    try:
        with db.atomic():
            known = _existing(idempotency_key, complaint, wanted)
            if known is not None:
                return known
            result = _pay(session, complaint, items, total, idempotency_key, approved_by, reasons,
                          cancel_subscription)
    except IntegrityError:
        # Another click or terminal got there first: its refund is the refund.
        known = _existing(idempotency_key, complaint, wanted)
        if known is not None:
            return known
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "These charges were refunded meanwhile.")) from None
    return result


def _hold_on_hub(session: Session, items: list[RefundableItem], key: str) -> None:
    """Another counter PC of the hall, or another hall, may have refunded these charges since
    this PC last heard from the hub: the hub holds them for this refund or names the one
    refunded elsewhere (``sync/hub_claims.py``). A PC with a hub refunds only when the hub
    answers: the credit can wait, a charge refunded twice cannot be taken back. A hall
    without a hub (one PC) decides on its own records."""
    hub = getattr(session, "hub", None)
    if hub is None or not hasattr(hub, "hold_sp_charges"):
        return
    try:
        taken = set(hub.hold_sp_charges([i.bill_item_id for i in items], key))
    except HubUnavailable:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The hub cannot be reached to confirm that the charge was not "
                                                   "refunded at another counter or hall: refund it when the hub "
                                                   "is back.")) from None
    elsewhere = [i for i in items if i.bill_item_id in taken]
    if elsewhere:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The {period} charge of {service} was already refunded at another "
                                                   "counter or hall."),
                       period=elsewhere[0].period, service=elsewhere[0].service_zh)


def _pay(session: Session, complaint: Complaint, items: list[RefundableItem], total: int, key: str,
         approved_by: str, reasons: list[str], cancel_subscription: bool) -> Compensation:
    from counter_app.services.payments import record_credit

    today = clock.today()
    account = Account.get_by_id(complaint.account_id)
    # The credit row, the balance and the day gate are the payments service's: one code path
    # for every credit the hall gives (it joins this transaction as a savepoint).
    payment = record_credit(session, kind="compensation", account_id=account.id, amount_fen=total,
                            reason="先行赔付 SP advance compensation", idempotency_key=key,
                            reference=complaint.complaint_no)
    for item in items:
        SpClaim.create(hall=session.hall_code, terminal=session.terminal_id, complaint_id=complaint.id,
                       sp_code=item.sp_code, service_code=item.service_code, period=item.period,
                       amount_fen=item.amount_fen, payment_id=payment.id, approved_by=approved_by,
                       bill_item_id=item.bill_item_id, account_id=account.id, business_date=today)
    cancelled: list[str] = []
    if cancel_subscription:
        for code in sorted({i.service_code for i in items}):
            subs = SpSubscription.select().where(
                (SpSubscription.account == account.id) & (SpSubscription.service == code)
                & (SpSubscription.end_date.is_null() | (SpSubscription.end_date > today)))
            for sub in subs:
                sub.end_date = today
                sub.save()
                cancelled.append(code)
    note = f"{format_yuan(total)} {payment.receipt_no}"
    _step(session, complaint, "compensated", note)
    if complaint.replied_at is None:
        _mark_replied(session, complaint, f"先行赔付 {format_yuan(total)} 元")
    audit.record(session, "complaint.refund", complaint.complaint_no, amount_fen=total, receipt=payment.receipt_no,
                 approved_by=approved_by, reasons=reasons, items=[i.bill_item_id for i in items],
                 cancelled=cancelled)
    return Compensation(payment.id, payment.receipt_no, total, len(items), approved_by, cancelled)


# --- claims against the SPs -----------------------------------------------------------------

@dataclass(frozen=True)
class ClaimRow:
    sp_code: str
    sp_name: str
    complaint_no: str
    phone: str  # masked
    period: str
    service: str
    amount_fen: int
    paid_on: dt.date
    approved_by: str


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First day of ``YYYY-MM`` and first day of the month after."""
    try:
        year, mon = map(int, month.split("-"))
        start = dt.date(year, mon, 1)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A month is written YYYY-MM, e.g. 2026-11: “{text}”."),
                              field="month", text=month) from None
    end = dt.date(year + (mon == 12), 1 if mon == 12 else mon + 1, 1)
    return start, end


def claims_for_month(session: Session, month: str, sp_code: str = "") -> list[ClaimRow]:
    """Claims the hall paid in ``month`` (by the day it refunded), per SP, for settlement."""
    require(session, Permission.VIEW_REPORTS)
    hall_code = session.hall_code
    from counter_app.services.report_period import not_in_future_month
    from counter_app.services.validation import mask_phone

    start, end = month_bounds(not_in_future_month(month))
    query = (SpClaim.select(SpClaim, Complaint.complaint_no, Complaint.phone)
             .join(Complaint, on=(SpClaim.complaint_id == Complaint.id))
             .where((SpClaim.hall == hall_code) & (SpClaim.business_date >= start) & (SpClaim.business_date < end)))
    if sp_code:
        query = query.where(SpClaim.sp_code == sp_code)
    providers = {p.code: p.name for p in SpProvider.select()}
    services = {s.code: s.name_zh for s in SpService.select()}
    rows = [ClaimRow(c.sp_code, providers.get(c.sp_code, c.sp_code), c.complaint.complaint_no,
                     mask_phone(c.complaint.phone), c.period, services.get(c.service_code, c.service_code),
                     c.amount_fen, c.business_date, c.approved_by)
            for c in query.order_by(SpClaim.sp_code, SpClaim.business_date, SpClaim.created_at)
            if c.business_date is not None]  # always: the month's bounds select on it
    return rows


def providers() -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in SpProvider.select().order_by(SpProvider.code)]
