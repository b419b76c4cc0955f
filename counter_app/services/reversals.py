"""冲正 with a supervisor's override: any payment of the day, found by its receipt number or
its customer, reversed at any counter.

The counter's clerk does the reversal; if they are not allowed to reverse, someone who is (a
manager, or a clerk on the allowed list) types their own staff number and password at that
counter (``approvals.typed_approver``: the sign-in throttle counts a wrong password against
the number typed, and a locked authoriser authorises nothing). The reversal row is the
counter clerk's; its audit event names the clerk, the authoriser and the clerk who took the
original payment.
"""

from __future__ import annotations

import uuid

from counter_app import clock
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Payment
from counter_app.services import approvals, payments
from counter_app.services.payments import PaymentRow
from counter_app.services.permissions import Permission, allowed, require
from counter_app.services.session import Session
from counter_app.services.validation import normalize_phone

REVERSIBLE_KINDS = ("payment", "fee")


def find_payments(session: Session, text: str, *, limit: int = 50) -> list[PaymentRow]:
    """Today's payments and fees at this hall, of every clerk, whose receipt number is
    ``text`` or whose number (phone) is ``text``; newest first."""
    require(session, Permission.SERVE)
    text = (text or "").strip()
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Type the receipt number or the customer's phone number."),
                              field="query")
    query = Payment.select().where((Payment.hall == session.hall_code) & (Payment.business_date == clock.today())
                                   & Payment.kind.in_(REVERSIBLE_KINDS))
    if text[:1].isalpha():
        query = query.where(Payment.receipt_no == text.upper())
    else:
        phone = normalize_phone(text)
        accounts = [a.id for a in Account.select(Account.id).where(Account.phone == phone)]
        query = query.where((Payment.phone == phone) | Payment.account_id.in_(accounts)) if accounts else \
            query.where(Payment.phone == phone)
    rows = list(query.order_by(Payment.created_at.desc(), Payment.id.desc()).limit(limit))
    reversed_ids = {p.reverses_id for p in Payment.select(Payment.reverses_id).where(
        Payment.reverses_id.in_([r.id for r in rows]))} if rows else set()
    return [PaymentRow(p.id, p.receipt_no, p.created_at, p.phone, p.kind, p.method, p.amount_fen, p.change_fen,
                       p.reference, p.reason, p.id in reversed_ids, p.staff_no) for p in rows]


def needs_authoriser(session: Session) -> bool:
    """Whether the clerk signed in here needs someone else's password to reverse."""
    require(session, Permission.SERVE)
    return not allowed(session, Permission.REVERSE_PAYMENT)


def reverse(session: Session, payment_id: uuid.UUID, *, reason: str, idempotency_key: str, authoriser_no: str = "",
            authoriser_password: str = "") -> Payment:
    """Reverse ``payment_id`` at this counter. A clerk who may not reverse needs an
    authoriser's staff number and password; a clerk who may needs none (a number typed anyway
    is checked and named as the authoriser)."""
    staff = require(session, Permission.SERVE)
    if not (reason or "").strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the reason for the reversal."), field="reason")
    authoriser_no = (authoriser_no or "").strip()
    signed_in = approvals.signed_in_approver(session, Permission.REVERSE_PAYMENT, purpose="payment.reverse")
    if authoriser_no and authoriser_no != staff.staff_no:
        authoriser = approvals.typed_approver(session, Permission.REVERSE_PAYMENT, authoriser_no,
                                              authoriser_password, purpose="payment.reverse")
    elif signed_in is not None:
        authoriser = signed_in
    else:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "A manager, or a clerk allowed to reverse payments, types "
                                                           "their staff number and password to authorise this."))
    return payments.reverse_payment(session, payment_id, reason=reason, idempotency_key=idempotency_key,
                                    authoriser=authoriser)
