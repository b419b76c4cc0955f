"""Complaints: intake with a reply deadline, the handling steps, and escalation.

Every write here is one ``db.atomic()`` block with its audit event; nested in an outer
transaction (the form-free order commit) it becomes a savepoint of that transaction, so the
order and its complaint commit or roll back together.

Deadlines come from the hall setting ``complaint_deadline_hours`` ({category: hours}),
counted in wall-clock hours from the moment of intake: a complaint filed at 23:59 with a
24-hour target is due at 23:59 the next day, whatever month that is. No category's target may
reach the legal 15 days (at most 12). A complaint is *near* its deadline when less than
``complaint_near_percent`` (default 25 %) of its reply window is left, and *overdue* when the
deadline passed without a reply; :func:`check_escalations` hands near and overdue ones to the
manager, so a complaint escalates before its deadline is breached.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from counter_app import clock
from counter_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Account,
    Complaint,
    ComplaintStep,
    Customer,
    Payment,
    SpClaim,
    Staff,
    db,
)
from counter_app.models.complaints import CATEGORIES
from counter_app.services import appeal, audit, setup_record, signing
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.idempotency import same_request
from counter_app.services.numbering import next_document_no
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting
from counter_app.services.validation import mask_name, normalize_phone

LEGAL_HOURS = 15 * 24  # the national rule: an answer within 15 days (see services.appeal)
# The hall's own targets stay below the legal 15 days, with three days to spare: a complaint
# escalates near its target, and the manager still has days before the legal deadline.
MAX_DEADLINE_HOURS = 12 * 24
DEFAULT_DEADLINE_HOURS = {
    "sp_charge": 24,  # the hall's own target for SP charge disputes
    "billing": 72,
    "attitude": 48,
    "network": 168,
    "repair": 168,
    "other": 10 * 24,
}
DEFAULT_NEAR_PERCENT = 25
ESCALATION_BATCH = 100
VIEWS = ("satisfied", "unsatisfied")
OPEN_STATUSES = ("open", "assigned")  # not yet answered
ACTIVE_STATUSES = ("open", "assigned", "replied")  # not closed

# Category labels for printed documents and reports (the UI has its own translated ones).
CATEGORY_NAMES = {
    "billing": ("计费", "Billing"),
    "sp_charge": ("SP收费", "SP charges"),
    "network": ("网络质量", "Network quality"),
    "attitude": ("服务态度", "Service attitude"),
    "repair": ("手机维修", "Handset repair"),
    "other": ("其他", "Other"),
}


# --- settings -----------------------------------------------------------------------------

def deadline_hours(hall_code: str) -> dict[str, int]:
    """Reply window per category in hours; the stored setting over the defaults."""
    stored = hall_setting(hall_code, "complaint_deadline_hours", {}) or {}
    out = dict(DEFAULT_DEADLINE_HOURS)
    for category, hours in stored.items():
        if category in out:
            out[category] = min(int(hours), MAX_DEADLINE_HOURS)
    return out


def near_percent(hall_code: str) -> int:
    return int(hall_setting(hall_code, "complaint_near_percent", DEFAULT_NEAR_PERCENT))


def set_deadline_hours(session: Session, category: str, hours: int) -> None:
    """A manager sets one category's reply window (1 hour to 15 days)."""
    require(session, Permission.MANAGE_HALL)
    _check_category(category)
    if not isinstance(hours, int) or hours < 1 or hours > MAX_DEADLINE_HOURS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A reply target is between 1 hour and {days} days "
                                                          "({maximum} hours): below the legal 15 days."),
                              field="hours", maximum=MAX_DEADLINE_HOURS, days=MAX_DEADLINE_HOURS // 24)
    with db.atomic():
        current = dict(hall_setting(session.hall_code, "complaint_deadline_hours", {}) or {})
        old = deadline_hours(session.hall_code)[category]
        current[category] = hours
        setup_record.put_hall_setting(session.hall_code, "complaint_deadline_hours", current)
        audit.record(session, "complaint.settings", category, old_hours=old, hours=hours)


def deadline_for(hall_code: str, category: str, opened_at: dt.datetime) -> dt.datetime:
    return opened_at + dt.timedelta(hours=deadline_hours(hall_code)[category])


# --- reading ------------------------------------------------------------------------------

def urgency(complaint: Complaint, now: dt.datetime | None = None, percent: int = DEFAULT_NEAR_PERCENT) -> str:
    """"overdue", "near", "ok" for an unanswered complaint; "done" once replied or closed."""
    if complaint.status not in OPEN_STATUSES:
        return "done"
    now = now or clock.now()
    if now > complaint.deadline_at:
        return "overdue"
    window = (complaint.deadline_at - complaint.opened_at).total_seconds()
    if (complaint.deadline_at - now).total_seconds() <= window * percent / 100:
        return "near"
    return "ok"


@dataclass(frozen=True)
class ComplaintRow:
    id: uuid.UUID
    complaint_no: str
    phone: str
    category: str
    status: str
    opened_at: dt.datetime
    deadline_at: dt.datetime
    assigned_to: str
    escalated: bool
    replied_at: dt.datetime | None
    urgency: str
    description: str


def _row(c: Complaint, now: dt.datetime, percent: int) -> ComplaintRow:
    return ComplaintRow(c.id, c.complaint_no, c.phone, c.category, c.status, c.opened_at, c.deadline_at,
                        c.assigned_to, c.escalated_at is not None, c.replied_at, urgency(c, now, percent),
                        c.description)


def list_complaints(session: Session, *, account_id: uuid.UUID | str | None = None, active_only: bool = True, escalated_only: bool = False,
                    limit: int = 500) -> list[ComplaintRow]:
    """The hall's complaints, most urgent first: escalated, then by deadline."""
    require(session, Permission.SERVE)
    hall_code = session.hall_code
    query = Complaint.select().where(Complaint.hall == hall_code)
    if account_id is not None:
        query = query.where(Complaint.account_id == account_id)
    if active_only:
        query = query.where(Complaint.status.in_(ACTIVE_STATUSES))
    if escalated_only:
        query = query.where(Complaint.escalated_at.is_null(False) & Complaint.status.in_(OPEN_STATUSES))
    now, percent = clock.now(), near_percent(hall_code)
    rows = [_row(c, now, percent) for c in query.order_by(Complaint.deadline_at).limit(limit)]
    order = {"overdue": 0, "near": 1, "ok": 2, "done": 3}
    rows.sort(key=lambda r: (order[r.urgency], not r.escalated, r.deadline_at))
    return rows


def flag_counts(session: Session, account_id: uuid.UUID | str | None = None) -> dict[str, int]:
    """How many unanswered complaints are near, overdue, escalated (for the screens' banners)."""
    require(session, Permission.SERVE)
    counts = {"near": 0, "overdue": 0, "escalated": 0}
    for row in list_complaints(session, account_id=account_id):
        if row.urgency in ("near", "overdue"):
            counts[row.urgency] += 1
        if row.escalated and row.urgency != "done":
            counts["escalated"] += 1
    return counts


def overdue_in_period(hall_code: str, start: dt.datetime, stop: dt.datetime) -> int:
    """Complaints whose reply deadline fell in [start, stop) and that had no reply by it:
    the count the grade and the daily summary should share with the monthly analysis (the
    deadline is a reply deadline; closing with the customer's view may come later)."""
    return Complaint.select().where(
        (Complaint.hall == hall_code) & (Complaint.deadline_at >= start) & (Complaint.deadline_at < stop)
        & (Complaint.replied_at.is_null() | (Complaint.replied_at > Complaint.deadline_at))).count()


def get(session: Session, complaint_id: uuid.UUID | str) -> Complaint:
    require(session, Permission.SERVE)
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such complaint."))
    return complaint


def staff_name(staff_no: str) -> str:
    staff = Staff.get_or_none(Staff.staff_no == staff_no)
    return staff.name if staff else ""


def from_qr(session: Session, text: str) -> Complaint:
    """The complaint whose printed acknowledgment carries this QR (a scanner types it);
    NotFound for anything else, including a forged code."""
    require(session, Permission.SERVE)
    check = signing.verify(text or "")
    if not check.ok:  # forged, altered, unknown key, ...: says which
        raise NotFound(signing.REFUSED[check.status], hall=check.hall, date=str(check.issued or ""))
    if check.kind != "complaint":
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "This code is not one of our complaint acknowledgments."))
    try:
        return get(session, uuid.UUID(check.ident))
    except ValueError:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such complaint.")) from None


def find(session: Session, text: str) -> Complaint:
    """By complaint number, or by the QR of its acknowledgment (what a scanner types)."""
    require(session, Permission.SERVE)
    text = (text or "").strip()
    if signing.is_code(text):
        return from_qr(session, text)
    complaint = Complaint.get_or_none(Complaint.complaint_no == text.upper()) if text else None
    if complaint is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No complaint has the number {number}."), number=text)
    return complaint


def steps(session: Session, complaint_id: uuid.UUID | str) -> list[ComplaintStep]:
    require(session, Permission.SERVE)
    return list(ComplaintStep.select().where(ComplaintStep.complaint_id == complaint_id)
                .order_by(ComplaintStep.at, ComplaintStep.id))


# --- intake -------------------------------------------------------------------------------

def _check_category(category: str) -> None:
    if category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Pick the kind of complaint."), field="category")


def _step(session: Session, complaint: Complaint, kind: str, note: str = "", at: dt.datetime | None = None,
          staff_no: str | None = None) -> ComplaintStep:
    return ComplaintStep.create(hall=complaint.hall, terminal=session.terminal_id, complaint_id=complaint.id,
                                kind=kind, at=at or clock.now(),
                                staff_no=session.staff_no if staff_no is None else staff_no, note=note)


def open_complaint(session: Session, *, customer_id: uuid.UUID | str | None = None, account_id: uuid.UUID | str | None = None, phone: str = "", category: str,
                   description: str, wish: str = "", linked: list[Any] | None = None, order_id: uuid.UUID | str | None = None,
                   idempotency_key: str | None = None) -> Complaint:
    """Record a complaint and its reply deadline. Works standalone (its own transaction) and
    inside the caller's transaction (a savepoint of it). ``linked``: a list of dicts naming
    what the complaint is about, e.g. ``{"kind": "sp_subscription", "id": ..., "service_code": ...}``
    or ``{"kind": "bill_item", "id": ..., "period": ...}``. A repeated ``idempotency_key`` or
    ``order_id`` returns the complaint already stored."""
    require(session, Permission.SERVE)
    _check_category(category)
    description = (description or "").strip()
    if not description:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Describe what the customer complains about."),
                              field="description")
    phone = normalize_phone(phone) if (phone or "").strip() else ""
    with db.atomic():
        existing = _existing(idempotency_key, order_id)
        if existing is not None:
            return same_request(existing, existing.complaint_no, category=category,
                                account_id=account_id or existing.account_id)
        account = Account.get_or_none(Account.id == account_id) if account_id else None
        if account_id and account is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such customer line."))
        if account is not None:
            phone = phone or account.phone
            customer_id = customer_id or account.customer_id
        if not phone:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter a phone number."), field="phone")
        now = clock.now()
        ensure_day_open(session.hall_code, now.date())
        complaint = Complaint.create(
            hall=session.hall_code, terminal=session.terminal_id,
            complaint_no=next_document_no("C", session.hall_code, session.terminal_id, now.date()),
            customer_id=customer_id, account_id=account.id if account else None, phone=phone,
            category=category, description=description, wish=(wish or "").strip(), linked=_plain(linked or []),
            status="open", opened_by=session.staff_no, opened_at=now,
            deadline_at=deadline_for(session.hall_code, category, now), order_id=order_id,
            idempotency_key=idempotency_key,
        )
        _step(session, complaint, "opened", description[:200], at=now)
        audit.record(session, "complaint.open", complaint.complaint_no, category=category,
                     deadline=complaint.deadline_at.isoformat(), phone=phone)
    return complaint


def _existing(idempotency_key: str | None, order_id: uuid.UUID | str | None) -> Complaint | None:
    if idempotency_key:
        found = Complaint.get_or_none(Complaint.idempotency_key == idempotency_key)
        if found is not None:
            return found
    if order_id:
        return Complaint.get_or_none(Complaint.order_id == order_id)
    return None


def _plain(linked: list[Any]) -> list[Any]:
    return [{k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in dict(item).items()} for item in linked]


# --- handling -----------------------------------------------------------------------------

def _for_update(session: Session, complaint_id: uuid.UUID | str) -> Complaint:
    complaint = get(session, complaint_id)
    if complaint.hall != session.hall_code:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "This complaint belongs to another hall."))
    return complaint


def _require_active(complaint: Complaint) -> None:
    if complaint.status == "closed":
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Complaint {number} is already closed."),
                       number=complaint.complaint_no)


def assign(session: Session, complaint_id: uuid.UUID | str, staff_no: str) -> Complaint:
    require(session, Permission.SERVE)
    staff_no = (staff_no or "").strip()
    with db.atomic():
        complaint = _for_update(session, complaint_id)
        _require_active(complaint)
        staff = Staff.get_or_none((Staff.staff_no == staff_no) & (Staff.hall == session.hall_code) & Staff.active)
        if staff is None:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "No active staff member has the number {number}."),
                                  field="staff_no", number=staff_no)
        complaint.assigned_to = staff.staff_no
        if complaint.status == "open":
            complaint.status = "assigned"
        complaint.save()
        _step(session, complaint, "assigned", staff.staff_no)
        audit.record(session, "complaint.assign", complaint.complaint_no, to=staff.staff_no)
    return complaint


def _text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Write the text first."), field=field)
    return text


def add_note(session: Session, complaint_id: uuid.UUID | str, text: str) -> ComplaintStep:
    require(session, Permission.SERVE)
    text = _text(text, "note")
    with db.atomic():
        complaint = _for_update(session, complaint_id)
        step = _step(session, complaint, "note", text)
        audit.record(session, "complaint.note", complaint.complaint_no)
    return step


def reply(session: Session, complaint_id: uuid.UUID | str, text: str) -> Complaint:
    """The answer given to the customer; its time decides whether the reply was on time."""
    require(session, Permission.SERVE)
    text = _text(text, "reply")
    with db.atomic():
        complaint = _for_update(session, complaint_id)
        _require_active(complaint)
        replied_at = _mark_replied(session, complaint, text)
        audit.record(session, "complaint.reply", complaint.complaint_no,
                     on_time=replied_at <= complaint.deadline_at)
    return complaint


def _mark_replied(session: Session, complaint: Complaint, text: str) -> dt.datetime:
    """Mark the complaint replied; returns when it was first replied to."""
    now = clock.now()
    if complaint.replied_at is None:
        complaint.replied_at = now
    replied_at = complaint.replied_at
    complaint.status = "replied"
    complaint.save()
    _step(session, complaint, "replied", text, at=now)
    return replied_at


def close(session: Session, complaint_id: uuid.UUID | str, view: str, note: str = "") -> Complaint:
    """Close a replied complaint with the customer's view of the answer."""
    require(session, Permission.SERVE)
    if view not in VIEWS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Ask the customer whether they are satisfied."),
                              field="view")
    with db.atomic():
        complaint = _for_update(session, complaint_id)
        _require_active(complaint)
        if complaint.replied_at is None:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Reply to the customer before closing the complaint."))
        complaint.status = "closed"
        complaint.closed_at = clock.now()
        complaint.customer_view = view
        complaint.save()
        _step(session, complaint, "closed", f"{view} {note}".strip(), at=complaint.closed_at)
        detail = {"view": view}
        if view == "unsatisfied":  # the customer is told where to appeal (services.appeal)
            body = appeal.appeal_body(session.hall_code)
            detail["appeal_to"] = f"{body.name_zh} {body.phone}"
        audit.record(session, "complaint.close", complaint.complaint_no, **detail)
    return complaint


def check_escalations(session: Session) -> list[str]:
    """Escalate every unanswered complaint near or past its deadline to the manager (before
    the deadline is breached); returns their numbers. Idempotent and safe when several
    terminals run it at once: the conditional UPDATE lets exactly one of them take each."""
    require(session, Permission.ESCALATE)
    now = clock.now()
    percent = near_percent(session.hall_code)
    candidates = Complaint.select(Complaint.id, Complaint.opened_at, Complaint.deadline_at).where(
        (Complaint.hall == session.hall_code) & Complaint.status.in_(OPEN_STATUSES)
        & Complaint.escalated_at.is_null() & (Complaint.deadline_at < now + dt.timedelta(hours=MAX_DEADLINE_HOURS)))
    due = [c for c in candidates
           if (c.deadline_at - now).total_seconds() <= (c.deadline_at - c.opened_at).total_seconds() * percent / 100]
    done: list[str] = []
    # Batches keep the write lock short while a backlog (a terminal offline for a day) clears.
    for start in range(0, len(due), ESCALATION_BATCH):
        with db.atomic():
            for row in due[start:start + ESCALATION_BATCH]:
                taken = Complaint.update(escalated_at=now).where(
                    (Complaint.id == row.id) & Complaint.escalated_at.is_null()).execute()
                if not taken:
                    continue
                complaint = Complaint.get_by_id(row.id)
                complaint.save()  # the outbox carries the escalation to the hub
                _step(session, complaint, "escalated", "", at=now, staff_no="")
                audit.record(session, "complaint.escalate", complaint.complaint_no, auto=True,
                             deadline=complaint.deadline_at.isoformat())
                done.append(complaint.complaint_no)
    return done


# --- the acknowledgment -------------------------------------------------------------------

def acknowledgment(session: Session, complaint_id: uuid.UUID | str, lang: str = "zh_CN") -> dict[str, Any]:
    """Plain data for documents.complaint_ack (the print preview logs each print)."""
    require(session, Permission.SERVE)
    complaint = _for_update(session, complaint_id)
    name = ""
    if complaint.customer_id:
        customer = Customer.get_or_none(Customer.id == complaint.customer_id)
        name = mask_name(customer.name) if customer else ""
    claims = list(SpClaim.select().where(SpClaim.complaint_id == complaint.id).order_by(SpClaim.period))
    refund = sum(c.amount_fen for c in claims)
    payment = None
    if claims and claims[0].payment_id:
        payment = Payment.get_or_none(Payment.id == claims[0].payment_id)
    staff = Staff.get_or_none(Staff.staff_no == complaint.opened_by)
    zh, en = CATEGORY_NAMES[complaint.category]
    body = appeal.appeal_body(session.hall_code)
    return {
        "lang": lang,
        "hall_name": session.hall.name,
        "hall_address": session.hall.address,
        "id": str(complaint.id),
        "complaint_no": complaint.complaint_no,
        "opened_at": complaint.opened_at,
        "deadline_at": complaint.deadline_at,
        "category": zh if lang.startswith("zh") else en,
        "customer": name,
        "phone": complaint.phone,
        "description": complaint.description,
        "wish": complaint.wish,
        "staff": f"{complaint.opened_by} {staff.name if staff else ''}".strip(),
        "refund_fen": refund,
        "refund_receipt": payment.receipt_no if payment else "",
        "refund_items": [(c.period, c.sp_code, c.service_code, c.amount_fen) for c in claims],
        "status": complaint.status,
        "customer_view": complaint.customer_view,
        "appeal_body": body.name(lang),
        "appeal_phone": body.phone,
        "legal_deadline_at": appeal.legal_deadline(complaint.opened_at),
        "qr": signing.payload(complaint.hall, "complaint", complaint.id.hex),
    }


__all__ = [
    "CATEGORIES", "acknowledgment", "add_note", "assign", "check_escalations", "close",
    "deadline_for", "deadline_hours", "flag_counts", "get", "list_complaints", "open_complaint", "reply",
    "set_deadline_hours", "steps", "urgency",
]
