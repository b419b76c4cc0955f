"""Money at the counter: bill payments, business fees, reversals (冲正) and credits.

Rules every function here keeps:

- amounts are ``int`` fen; a float is a programming error and raises ``TypeError``;
- a payment row is never updated: a correction is a new row pointing at the old one;
- each write is one ``db.atomic()`` block (a savepoint when the caller already holds a
  transaction, as an order does for its fee) holding the closed-day check, the receipt number,
  the payment, its outbox entry and any audit event: a crash leaves all
  of it or none of it;
- an ``idempotency_key`` is made once per attempt by the caller (the panel makes a new one
  after each completed payment): a double click or a retried request finds the first row
  and returns it instead of paying twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from peewee import IntegrityError

from counter_app import clock
from counter_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Customer, Payment, Staff, db
from counter_app.models.payments import KINDS, METHODS
from counter_app.money import MAX_FEN_DEFAULT, format_yuan
from counter_app.services import audit, ledger, signing
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.idempotency import same_request
from counter_app.services.numbering import next_document_no
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting
from counter_app.services.validation import mask_name, normalize_phone

COUNTER_METHODS = ("cash", "pos", "card", "remote")  # what a customer can pay with at the counter
CREDIT_KINDS = ("refund", "compensation")
# Document letters for receipt numbers (see services/numbering).
# One letter per kind, never shared with another document: complaints are C, orders O.
RECEIPT_LETTER = {"payment": "R", "fee": "F", "reversal": "X", "refund": "D", "compensation": "D"}


@dataclass(frozen=True)
class Bounds:
    min_fen: int
    max_fen: int


def payment_bounds(hall_code: str) -> Bounds:
    """The smallest and largest single counter payment (hall settings, fen)."""
    return Bounds(int(hall_setting(hall_code, "payment_min_fen", 1)),
                  int(hall_setting(hall_code, "payment_max_fen", MAX_FEN_DEFAULT)))


def new_key() -> str:
    return uuid.uuid4().hex


def _check_fen(value: object, *, field: str = "amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field} must be int fen, not {type(value).__name__}")
    return value


def _account(account_id: uuid.UUID | str | None = None, phone: str = "") -> Account:
    if account_id is not None:
        account = Account.get_or_none(Account.id == account_id)
    else:
        account = Account.get_or_none(Account.phone == normalize_phone(phone))
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the number {phone}."), phone=phone or "?")
    return account


def _existing(key: str) -> Payment | None:
    return Payment.get_or_none(Payment.idempotency_key == key)


def _same_request(found: Payment, **expected: object) -> Payment:
    return same_request(found, found.receipt_no, **expected)


def is_cross_city(session: Session, account: Account) -> bool:
    return bool(account.home_city) and account.home_city != session.hall.city


def check_reference(method: str, reference: str) -> str:
    """The POS slip's reference or the payment card's serial that a bank card or card payment
    must carry, so the bank's reconciliation can match it (fees and bill payments alike)."""
    reference = (reference or "").strip()
    if method == "pos" and not (reference.isdigit() and 6 <= len(reference) <= 20):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the reference number printed on the POS slip "
                                                          "(6–20 digits)."), field="reference")
    if method == "card" and not (reference.isalnum() and 8 <= len(reference) <= 24):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the payment card's serial number "
                                                          "(8–24 letters or digits)."), field="reference")
    return reference


def take_payment(session: Session, *, phone: str = "", account_id: uuid.UUID | str | None = None, method: str,
                 amount_fen: int,
                 tendered_fen: int | None = None, reference: str = "", idempotency_key: str) -> Payment:
    """A customer pays ``amount_fen`` towards the bill of a number.

    ``method``: ``cash`` (``tendered_fen`` given, change computed), ``pos`` (the POS slip's
    reference number), ``card`` (the payment card's serial), ``remote`` (异地缴费: cash for a
    number of another city; the only method for such a number). Raises ValidationError for bad
    input, Conflict when the day is closed; returns the stored payment (or the one already
    stored under ``idempotency_key``)."""
    require(session, Permission.SERVE)
    amount_fen = _check_fen(amount_fen)
    if tendered_fen is not None:
        tendered_fen = _check_fen(tendered_fen, field="tendered")
    found = _existing(idempotency_key)
    if found is not None:
        return _same_request(found, kind="payment", amount_fen=amount_fen, method=method,
                             account_id=_account(account_id, phone).id, reference=(reference or "").strip()[:64])
    if method not in COUNTER_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose how the customer pays."), field="method")
    bounds = payment_bounds(session.hall_code)
    if amount_fen < bounds.min_fen:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount must be at least {minimum} yuan."),
                              field="amount", minimum=format_yuan(bounds.min_fen))
    if amount_fen > bounds.max_fen:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount is above the limit of {maximum} yuan."),
                              field="amount", maximum=format_yuan(bounds.max_fen))
    account = _account(account_id, phone)
    reference = (reference or "").strip()
    change_fen = None
    if method in ("cash", "remote"):
        tendered_fen = amount_fen if tendered_fen is None else tendered_fen
        if tendered_fen < amount_fen:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The customer gave {tendered} yuan, less than the "
                                                              "{amount} yuan to pay."), field="tendered",
                                  tendered=format_yuan(tendered_fen), amount=format_yuan(amount_fen))
        change_fen = tendered_fen - amount_fen
    else:
        tendered_fen = None
    check_reference(method, reference)
    cross = is_cross_city(session, account)
    if method == "remote" and not cross:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{phone} is a number of this city: take the payment "
                                                          "as cash, bank card or payment card."),
                              field="method", phone=account.phone)
    if cross and method != "remote":
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{phone} belongs to {city}: take it as a cross-city "
                                                          "payment (异地缴费)."),
                              field="method", phone=account.phone, city=account.home_city)
    return _write(session, kind="payment", account=account, method=method, amount_fen=amount_fen,
                  tendered_fen=tendered_fen, change_fen=change_fen, reference=reference,
                  idempotency_key=idempotency_key)


def record_fee(session: Session, *, account_id: uuid.UUID | str | None = None, phone: str = "", amount_fen: int,
               method: str, order_id: uuid.UUID,
               idempotency_key: str, tendered_fen: int | None = None, reference: str = "") -> Payment | None:
    """The fee of a business order, paid at the counter with the order.

    Call it inside the order's transaction: it joins it (savepoint), so the order and its
    fee commit together. A free business (``amount_fen == 0``) takes no payment: None."""
    require(session, Permission.SERVE)
    amount_fen = _check_fen(amount_fen)
    if amount_fen == 0:
        return None
    found = _existing(idempotency_key)
    if found is not None:
        return _same_request(found, kind="fee", amount_fen=amount_fen, order_id=order_id)
    if amount_fen < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount cannot be negative."), field="amount")
    if method not in COUNTER_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose how the customer pays."), field="method")
    reference = check_reference(method, reference)
    account = _account(account_id, phone) if (account_id is not None or phone) else None
    change_fen = None
    if method in ("cash", "remote"):
        tendered_fen = amount_fen if tendered_fen is None else _check_fen(tendered_fen, field="tendered")
        if tendered_fen < amount_fen:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The customer gave {tendered} yuan, less than the "
                                                              "{amount} yuan to pay."), field="tendered",
                                  tendered=format_yuan(tendered_fen), amount=format_yuan(amount_fen))
        change_fen = tendered_fen - amount_fen
    return _write(session, kind="fee", account=account, method=method, amount_fen=amount_fen,
                  tendered_fen=tendered_fen if method in ("cash", "remote") else None, change_fen=change_fen,
                  reference=reference, idempotency_key=idempotency_key, order_id=order_id)


def record_credit(session: Session, *, kind: str = "compensation", account_id: uuid.UUID | str | None = None,
                  phone: str = "", amount_fen: int,
                  reason: str, idempotency_key: str, reference: str = "") -> Payment:
    """Credit ``amount_fen`` (> 0) to a customer's account: a refund or an SP advance
    compensation (先行赔付). Method "credit": no cash leaves the drawer. Stored negative (the
    hall gives the money); the account's ledger rises by ``amount_fen``. Joins the caller's
    transaction; audited. Permission (who may approve) is the caller's business rule."""
    require(session, Permission.SERVE)
    amount_fen = _check_fen(amount_fen)
    if kind not in CREDIT_KINDS:
        raise ValueError(f"kind must be one of {CREDIT_KINDS}")
    found = _existing(idempotency_key)
    if found is not None:
        return _same_request(found, kind=kind, amount_fen=-amount_fen, account_id=_account(account_id, phone).id)
    if amount_fen <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount must be at least {minimum} yuan."),
                              field="amount", minimum=format_yuan(1))
    if not reason.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the reason."), field="reason")
    account = _account(account_id, phone)
    return _write(session, kind=kind, account=account, method="credit", amount_fen=-amount_fen,
                  reference=reference, reason=reason.strip(), idempotency_key=idempotency_key,
                  audit_action=f"payment.{kind}")


def may_reverse(staff: Staff) -> bool:
    from counter_app.services.permissions import permissions_of

    return Permission.REVERSE_PAYMENT in permissions_of(staff)


def reverse_payment(session: Session, payment_id: uuid.UUID | str, *, reason: str, idempotency_key: str,
                    authoriser: Staff | None = None) -> Payment:
    """冲正: cancel a payment or fee of today with a new, opposite row.

    Only a manager or a clerk on the allowed list, only on the payment's own business day
    (which must still be open), only once, and always with a reason. ``authoriser``: whoever
    typed their own password at this counter for it (``services.reversals``); the reversal
    row is the counter clerk's, the audit event names both."""
    # The permission first: a key must not fetch a reversal its caller may not make.
    staff = session.require_staff()
    authoriser = authoriser or staff
    if authoriser is staff:
        require(session, Permission.REVERSE_PAYMENT)
    elif not may_reverse(authoriser):
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a manager or a clerk allowed to reverse "
                                                           "payments may do this."))
    found = _existing(idempotency_key)
    if found is not None:
        return _same_request(found, kind="reversal", reverses_id=payment_id)
    if not reason.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the reason for the reversal."), field="reason")
    original = Payment.get_or_none(Payment.id == payment_id)
    if original is None or original.hall != session.hall_code:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such payment."))
    if original.kind not in ("payment", "fee"):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} is not a payment and cannot be reversed."),
                       receipt=original.receipt_no)
    if original.business_date != clock.today():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} is from {date}: a payment can only be "
                                                   "reversed on its own day."),
                       receipt=original.receipt_no, date=original.business_date.isoformat())
    ensure_day_open(session.hall_code, original.business_date)
    if Payment.select().where(Payment.reverses_id == original.id).exists():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} has already been reversed."),
                       receipt=original.receipt_no)
    account = Account.get_or_none(Account.id == original.account_id) if original.account_id else None
    return _write(session, kind="reversal", account=account, method=original.method,
                  amount_fen=-original.amount_fen, reference=original.receipt_no, reason=reason.strip(),
                  idempotency_key=idempotency_key, reverses_id=original.id, order_id=original.order_id,
                  audit_action="payment.reverse", phone=original.phone,
                  audit_detail={"clerk": staff.staff_no, "authoriser": authoriser.staff_no,
                                "original_clerk": original.staff_no})


def _write(session: Session, *, kind: str, account: Account | None, method: str, amount_fen: int, idempotency_key: str,
           tendered_fen: int | None = None, change_fen: int | None = None,
           reference: str = "", reason: str = "", reverses_id: uuid.UUID | None = None,
           order_id: uuid.UUID | None = None, audit_action: str = "",
           phone: str = "", audit_detail: dict[str, Any] | None = None) -> Payment:
    assert kind in KINDS and method in METHODS
    today = clock.today()
    try:
        with db.atomic():
            ensure_day_open(session.hall_code, today)
            receipt_no = next_document_no(RECEIPT_LETTER[kind], session.hall_code, session.terminal_id, today)
            payment = Payment.create(
                hall=session.hall_code, terminal=session.terminal_id, receipt_no=receipt_no, business_date=today,
                staff_no=session.staff_no, counter_number=session.counter_number,
                account_id=account.id if account else None, phone=account.phone if account else phone,
                kind=kind, method=method, amount_fen=amount_fen, tendered_fen=tendered_fen, change_fen=change_fen,
                reference=reference[:64], reverses_id=reverses_id, order_id=order_id, reason=reason,
                idempotency_key=idempotency_key,
            )
            if audit_action:
                audit.record(session, audit_action, receipt_no, amount_fen=amount_fen, method=method,
                             reason=reason, reverses=str(reverses_id) if reverses_id else "", **(audit_detail or {}))
            if account is not None and kind in ("payment", "refund", "compensation"):
                ledger.resume_if_paid(account.id)  # a line suspended for arrears works again once paid
    except IntegrityError:
        # Another click or terminal stored the same request (or the same reversal) first.
        found = _existing(idempotency_key)
        if found is not None:
            return found
        if reverses_id is not None:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "This payment has already been reversed.")) from None
        raise
    return payment


# -- reading ----------------------------------------------------------------------------------


def amount_due(session: Session, account_id: uuid.UUID | str) -> int:
    """What the number owes now, from its ledger (``services.ledger``): never below zero."""
    require(session, Permission.SERVE)
    return ledger.amount_due(account_id)


def payments_of_day(session: Session, business_date: dt.date, *, staff_no: str = "") -> list[Payment]:
    require(session, Permission.SERVE)
    hall_code = session.hall_code
    query = Payment.select().where((Payment.hall == hall_code) & (Payment.business_date == business_date))
    if staff_no:
        query = query.where(Payment.staff_no == staff_no)
    return list(query.order_by(Payment.created_at, Payment.receipt_no))


def is_reversed(payment: Payment) -> bool:
    return Payment.select().where(Payment.reverses_id == payment.id).exists()


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt shows; plain values for documents/receipt.py."""

    hall_name: str
    hall_address: str
    receipt_no: str
    kind: str
    method: str
    printed_at: dt.datetime
    paid_at: dt.datetime
    staff_no: str
    staff_name: str
    counter_number: int | None
    phone: str
    customer_name: str  # masked
    amount_fen: int
    tendered_fen: int | None
    change_fen: int | None
    reference: str
    reason: str
    reverses_receipt: str
    qr_payload: str = ""  # the receipt's signed verification code (services/signing.py)


def receipt_data(session: Session, payment_id: uuid.UUID | str) -> ReceiptData:
    require(session, Permission.SERVE)
    payment = Payment.get_or_none(Payment.id == payment_id)
    if payment is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such payment."))
    name = ""
    if payment.account_id:
        row = (Account.select(Account, Customer).join(Customer)
               .where(Account.id == payment.account_id).first())
        if row is not None:
            name = mask_name(row.customer.name)
    staff = Staff.get_or_none(Staff.staff_no == payment.staff_no)
    reverses = ""
    if payment.reverses_id:
        original = Payment.get_or_none(Payment.id == payment.reverses_id)
        reverses = original.receipt_no if original else ""
    return ReceiptData(
        hall_name=session.hall.name, hall_address=session.hall.address, receipt_no=payment.receipt_no,
        kind=payment.kind, method=payment.method, printed_at=clock.now(), paid_at=payment.created_at,
        staff_no=payment.staff_no, staff_name=staff.name if staff else "", counter_number=payment.counter_number,
        phone=payment.phone, customer_name=name, amount_fen=payment.amount_fen, tendered_fen=payment.tendered_fen,
        change_fen=payment.change_fen, reference=payment.reference, reason=payment.reason,
        reverses_receipt=reverses, qr_payload=signing.payload(payment.hall, "receipt", payment.receipt_no),
    )


@dataclass(frozen=True)
class PaymentRow:
    """One line of a clerk's list of today's payments."""

    id: uuid.UUID
    receipt_no: str
    at: dt.datetime
    phone: str
    kind: str
    method: str
    amount_fen: int
    change_fen: int | None
    reference: str
    reason: str
    reversed: bool
    staff_no: str


def todays_rows(session: Session, *, mine_only: bool = True) -> list[PaymentRow]:
    """Today's payments at this hall (the signed-in clerk's only, unless ``mine_only`` is off)."""
    require(session, Permission.SERVE)
    rows = payments_of_day(session, clock.today(), staff_no=session.staff_no if mine_only else "")
    reversed_ids = {p.reverses_id for p in Payment.select(Payment.reverses_id).where(
        (Payment.hall == session.hall_code) & (Payment.business_date == clock.today())
        & Payment.reverses_id.is_null(False))}
    return [PaymentRow(p.id, p.receipt_no, p.created_at, p.phone, p.kind, p.method, p.amount_fen, p.change_fen,
                       p.reference, p.reason, p.id in reversed_ids, p.staff_no) for p in rows]


@dataclass(frozen=True)
class PayeeInfo:
    """What the payment panel shows about the number being paid for."""

    account_id: uuid.UUID
    phone: str
    name: str  # masked
    home_city: str
    cross_city: bool
    balance_fen: int
    due_fen: int


def payee(session: Session, account_id: uuid.UUID | str) -> PayeeInfo:
    require(session, Permission.SERVE)
    row = Account.select(Account, Customer).join(Customer).where(Account.id == account_id).first()
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such customer."))
    where = ledger.position(row.id)
    return PayeeInfo(row.id, row.phone, mask_name(row.customer.name), row.home_city, is_cross_city(session, row),
                     where.balance_fen, where.due_fen)
