"""Business orders: the form-free flow's commit, the slip's content, reprint and void.

One :func:`submit` is one transaction: the closed-day gate, the order number, the effect on
the line (``services.effects``), the fee payment, the audit event and the outbox entries
(written by the synced models themselves). A failure anywhere leaves none of it.

Double submits: the panel makes an idempotency key when the form opens; a second submit with
the same key returns the order the first one stored, even if the first one's effect would now
refuse (a line suspended once is not "already suspended" for its own retry).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from peewee import IntegrityError

from counter_app import clock
from counter_app.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.ids import uuid7
from counter_app.models import Account, Customer, Payment, ServiceOrder, Staff, db
from counter_app.money import format_yuan
from counter_app.services import (
    audit,
    catalogue,
    effects,
    lifecycle,
    payments,
    real_name,
    slipqr,
    verification,
)
from counter_app.services.catalogue import Business
from counter_app.services.dayclose import ensure_day_open
from counter_app.services.idempotency import same_request
from counter_app.services.numbering import next_document_no
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session
from counter_app.services.slip_data import SlipData, SlipField
from counter_app.services.validation import mask_id_number

FEE_METHODS = ("cash", "pos", "card")
ORDER_LETTER = "S"  # 受理单 numbers: S<hall><date><terminal><seq>
SPECIALTY_NAMES = {
    "new_business": ("新业务", "new business"), "plans": ("套餐", "plans"), "data": ("数据业务", "data services"),
    "billing": ("收费", "billing"), "calming": ("情绪疏导", "calming upset customers"), "etiquette": ("礼仪", "etiquette"),
}


def new_key() -> str:
    """An idempotency key, made when a form opens."""
    return uuid.uuid4().hex


def is_remote(session: Session, account: Account) -> bool:
    """异地: the number's home city is not this hall's city."""
    return bool(account.home_city) and account.home_city != session.hall.city


def check_allowed(session: Session, biz: Business, account: Account | None) -> Staff:
    """Raise unless the signed-in staff member may do ``biz`` for ``account``. The panel greys
    out what this refuses, but the rule is here."""
    staff = require(session, Permission.SERVE)
    if biz.effect not in effects.known_effects():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The business “{code}” has an effect this terminal does not know "
                                                    "({effect}); update the software."), code=biz.code, effect=biz.effect)
    if biz.roles and staff.role not in biz.roles and staff.role != "admin":
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a {roles} may do “{business}”."),
                               roles=" / ".join(biz.roles), business=biz.name(session.lang))
    if biz.restricted and staff.role not in ("manager", "admin") and biz.specialty not in (staff.specialties or []):
        names = SPECIALTY_NAMES.get(biz.specialty, (biz.specialty, biz.specialty))
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "“{business}” is done by staff with the specialty "
                                                           "“{specialty}”; please hand the customer over."),
                               business=biz.name(session.lang), specialty=pick(session.lang, *names))
    if biz.needs_customer and account is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Find the customer first."), field="customer")
    if account is not None and not biz.remote_allowed and is_remote(session, account):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "“{business}” cannot be done here for a number of {city} (异地); "
                                                   "the customer can do it in a hall of {city}."),
                       business=biz.name(session.lang), city=account.home_city)
    lifecycle.check(session.lang, biz, account)  # the line's state accepts this business
    return staff


def load_line(session: Session, account_id: uuid.UUID | str | None) -> tuple[Account | None, Customer | None]:
    require(session, Permission.SERVE)
    if account_id is None:
        return None, None
    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such customer line."))
    return account, Customer.get_by_id(account.customer_id)


def validate(session: Session, *, code: str, account_id: uuid.UUID | str | None = None, values: dict[str, str]) -> catalogue.Cleaned:
    """Check a form without writing anything (the slip preview uses it)."""
    require(session, Permission.SERVE)
    biz = catalogue.business(code)
    account, customer = load_line(session, account_id)
    check_allowed(session, biz, account)
    if biz.effect == "payment":
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Bill payments are taken in the Payment panel."))
    if account is not None and verification.needs_verification(biz):
        verification.require(session, account.id, biz.code)
    cleaned = catalogue.clean(biz, values, account, customer, session.lang)
    if biz.effect == "new_subscription":
        real_name.check_registration(session, cleaned.values)  # before the customer signs
    return cleaned


def submit(session: Session, *, code: str, account_id: uuid.UUID | str | None = None, values: dict[str, str], idempotency_key: str,
           signature_png: bytes | None, id_checked: bool = False, fee_method: str = "cash", ticket_id: uuid.UUID | str | None = None,
           started_at: dt.datetime | None = None, fee_reference: str = "") -> ServiceOrder:
    """Commit one business order (see the module docstring)."""
    require(session, Permission.SERVE)
    if not idempotency_key or len(idempotency_key) > 48:
        raise ValueError("an idempotency key of 1 to 48 characters is required (see new_key)")
    found = ServiceOrder.get_or_none(ServiceOrder.idempotency_key == idempotency_key)
    if found is not None:
        return same_request(found, found.order_no, business_code=code, account_id=account_id)
    biz = catalogue.business(code)
    verified, id_checked = _checks_before_commit(session, biz, account_id, id_checked, signature_png, fee_method)
    try:
        with db.atomic():
            order = _commit(session, biz, account_id, values, verified, idempotency_key=idempotency_key,
                            signature_png=bytes(signature_png or b""), id_checked=id_checked,
                            fee_method=fee_method, ticket_id=ticket_id, started_at=started_at,
                            fee_reference=fee_reference)
    except IntegrityError:
        # A second click or terminal stored the same request first.
        found = ServiceOrder.get_or_none(ServiceOrder.idempotency_key == idempotency_key)
        if found is not None:
            return found
        raise
    return order


def _checks_before_commit(session: Session, biz: Business, account_id: uuid.UUID | str | None, id_checked: bool, signature_png: bytes | None,
                          fee_method: str) -> tuple[verification.Verified | None, bool]:
    """What refuses the order before anything is stored: a bill payment, the subscriber's
    identity not verified, the real-name check not ticked, no signature, no fee method. Returns
    the verification and whether the ID counts as checked."""
    if biz.effect == "payment":
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Bill payments are taken in the Payment panel."))
    verified = None
    if account_id is not None and verification.needs_verification(biz):
        # The subscriber's identity was checked (services.verification): that is the ID check.
        verified = verification.require(session, account_id, biz.code)
        if not any(spec.type in ("id_number", "id_document") and not spec.readonly for spec in biz.fields):
            id_checked = True  # no other document on the form (a new owner's is ticked there)
    if biz.real_name_required and not id_checked:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{business}” needs the real-name check: look at the "
                                                          "customer's ID card and tick “ID card checked”."),
                              field="id_checked", business=biz.name(session.lang))
    if not signature_png:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The customer has not signed the slip yet."),
                              field="signature")
    if fee_method not in FEE_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose how the customer pays the fee."), field="fee_method")
    return verified, id_checked


def _commit(session: Session, biz: Business, account_id: uuid.UUID | str | None, values: dict[str, str],
            verified: verification.Verified | None, *, idempotency_key: str,
            signature_png: bytes, id_checked: bool, fee_method: str, ticket_id: uuid.UUID | str | None, started_at: dt.datetime | None,
            fee_reference: str) -> ServiceOrder:
    """Inside the transaction: the form checked again on the stored line, the business's
    effects applied, the order stored with its number, its fee taken, the audit event."""
    today = clock.today()
    ensure_day_open(session.hall_code, today)
    account, customer = load_line(session, account_id)
    check_allowed(session, biz, account)
    cleaned = catalogue.clean(biz, values, account, customer, session.lang)
    order_id = uuid7()
    ctx = effects.EffectContext(session=session, biz=biz, order_id=order_id, account=account,
                                customer=customer, values=cleaned.values, secrets=cleaned.secrets)
    effect_data = effects.apply(ctx)
    fee_fen = biz.fee_fen if ctx.fee_fen is None else ctx.fee_fen
    order_no = next_document_no(ORDER_LETTER, session.hall_code, session.terminal_id, today)
    order = ServiceOrder.create(
        id=order_id, hall=session.hall_code, terminal=session.terminal_id, order_no=order_no,
        business_date=today, business_code=biz.code, staff_no=session.staff_no,
        counter_number=session.counter_number, customer_id=ctx.customer.id if ctx.customer else None,
        account_id=ctx.account.id if ctx.account else None, ticket_id=ticket_id,
        fields={"values": cleaned.values, "display": cleaned.display}, effect_data=effect_data,
        fee_fen=fee_fen, fee_method=fee_method if fee_fen else "", id_checked=bool(id_checked),
        status="done", signature_png=signature_png, idempotency_key=idempotency_key,
        started_at=started_at or clock.now())
    if fee_fen:
        _take_fee(session, order, ctx.account, fee_fen, fee_method, fee_reference)
    audit.record(session, "order.create", order_no, business=biz.code, fee_fen=fee_fen,
                 account=str(order.account_id or ""),
                 **({"check": verified.check_id.hex, "method": verified.method} if verified else {}))
    return order


def _take_fee(session: Session, order: ServiceOrder, account: Account | None, fee_fen: int, method: str,
              reference: str = "") -> Payment | None:
    # Joins the order's transaction (a savepoint): the order and its fee commit together. A
    # bank card or payment card fee keeps its POS reference or card serial, as a bill payment
    # does, for the bank's reconciliation.
    return payments.record_fee(session, account_id=account.id if account else None, amount_fen=fee_fen,
                               method=method, order_id=order.id, idempotency_key=f"{order.idempotency_key}:fee",
                               reference=reference)


def _reverse_fee(session: Session, order: ServiceOrder, reason: str) -> None:
    # An order has at most one fee (its key is the order's key + ":fee"), so its reversal's key
    # is the order's too; keys fit the 64 characters of the column.
    fees = Payment.select().where((Payment.order_id == order.id) & (Payment.kind == "fee"))
    for fee in fees:
        if not Payment.select().where(Payment.reverses_id == fee.id).exists():
            payments.reverse_payment(session, fee.id, reason=reason,
                                     idempotency_key=f"{order.idempotency_key}:void-fee")


def void(session: Session, order_id: uuid.UUID | str, *, reason: str) -> ServiceOrder:
    """A manager cancels an order of today: its effect and its fee are reversed."""
    require(session, Permission.VOID_ORDER)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the reason for voiding the order."), field="reason")
    today = clock.today()
    with db.atomic():
        order = ServiceOrder.get_or_none(ServiceOrder.id == order_id)
        if order is None or order.hall != session.hall_code:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such order."))
        if order.status == "voided":
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} has already been voided."), order=order.order_no)
        if order.business_date != today:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} is from {date}: an order can only be voided on its "
                                                       "own day."), order=order.order_no, date=order.business_date.isoformat())
        ensure_day_open(session.hall_code, today)
        biz = catalogue.business(order.business_code)
        # A void is a compensating business: refused while a later one depends on the order.
        lifecycle.refuse_if_depended_on(session.lang, order, biz.effect)
        account, customer = load_line(session, order.account_id)
        _reverse_fee(session, order, reason)  # first: a voided new line takes its account with it
        ctx = effects.EffectContext(session=session, biz=biz, order_id=order.id, account=account, customer=customer,
                                    values=(order.fields or {}).get("values", {}), order_no=order.order_no,
                                    order_date=order.business_date)
        effects.undo(ctx, order.effect_data or {})
        order.status = "voided"
        order.voided_at = clock.now()
        order.voided_by = session.staff_no
        order.void_reason = reason
        order.save()
        audit.record(session, "order.void", order.order_no, reason=reason, business=order.business_code)
    return order


def record_print(session: Session, order_id: uuid.UUID | str) -> ServiceOrder:
    """Count a print of the slip; every print after the first is a logged reprint."""
    require(session, Permission.SERVE)
    with db.atomic():
        order = ServiceOrder.get_or_none(ServiceOrder.id == order_id)
        if order is None or order.hall != session.hall_code:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such order."))
        action = "order.reprint" if order.prints else "order.print"
        order.prints += 1
        order.save()
        audit.record(session, action, order.order_no, copy=order.prints)
    return order


def find_order(session: Session, text: str) -> ServiceOrder:
    """An order by its number, or by the QR of its slip."""
    require(session, Permission.SERVE)
    from counter_app.services import signing

    text = (text or "").strip()
    query = ServiceOrder.select().where(ServiceOrder.hall == session.hall_code)
    if signing.is_code(text):
        check = signing.require_valid(text)
        ref = slipqr.parse_ident(check.ident) if check.kind == "order" else None
        if ref is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no order “{text}”."), text=text)
        order: ServiceOrder | None = query.where(ServiceOrder.id == ref.order_id).first()
        if order is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Order {order} was made at another terminal of this hall; "
                                                       "reprint or void it there."), order=ref.order_no or "—")
        return order
    found: ServiceOrder | None = query.where(ServiceOrder.order_no == text.upper()).first()
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no order “{text}”."), text=text)
    return found


def recent_orders(session: Session, account_id: uuid.UUID | str, limit: int = 10) -> list[ServiceOrder]:
    require(session, Permission.SERVE)
    return list(ServiceOrder.select().where(ServiceOrder.account_id == account_id)
                .order_by(ServiceOrder.created_at.desc()).limit(limit))


# -- the slip ---------------------------------------------------------------------------------


def slip_data(session: Session, order: ServiceOrder | Any, *, copy_label: str = "") -> SlipData:
    """The plain content of an order's acceptance slip (documents/slip.py draws it)."""
    require(session, Permission.SERVE)
    biz = catalogue.business(order.business_code)
    account = Account.get_or_none(Account.id == order.account_id) if order.account_id else None
    # The customer the order was done for, not whoever holds the line now: a slip reprinted
    # after a transfer (or a voided one) still names the customer who signed it.
    customer = Customer.get_or_none(Customer.id == order.customer_id) if order.customer_id else None
    if customer is None and account is not None and order.customer_id is None:
        customer = Customer.get_or_none(Customer.id == account.customer_id)
    staff = Staff.get_or_none(Staff.staff_no == order.staff_no)
    fee = (Payment.select(Payment.receipt_no, Payment.reference)
           .where((Payment.order_id == order.id) & (Payment.kind == "fee")).first())
    fee_receipt, fee_reference = (fee.receipt_no, fee.reference) if fee else ("", "")
    values = (order.fields or {}).get("values", {})
    if account is None and values.get("new_phone"):
        # A voided new line is gone: its slip still shows whom and which number it was for.
        name, masked, phone = values.get("name", ""), mask_id_number(values.get("id_number", "")), values["new_phone"]
    elif customer is None and values.get("new_id_number"):
        # A voided transfer took the record it created for the new owner with it.
        name, masked = values.get("new_name", ""), mask_id_number(values["new_id_number"])
        phone = account.phone if account else ""
    else:
        name = customer.name if customer else ""
        masked = mask_id_number(customer.id_number) if customer else ""
        phone = account.phone if account else ""
    display = _without_header((order.fields or {}).get("display", []), name, masked, phone)
    display += [tuple(line) for line in (order.effect_data or {}).get("slip_lines", [])]  # what the effect did
    return SlipData(
        hall_name=session.hall.name, hall_address=session.hall.address, order_no=order.order_no,
        created_at=order.created_at, staff_no=order.staff_no, staff_name=staff.name if staff else "",
        counter_number=order.counter_number, business_zh=biz.name_zh, business_en=biz.name_en,
        customer_name=name, masked_id=masked, phone=phone,
        fields=[SlipField(label_zh, label_en, text) for label_zh, label_en, text in display],
        fee_text=format_yuan(order.fee_fen), fee_method=order.fee_method, fee_receipt=fee_receipt,
        fee_reference=fee_reference,
        terms_zh=biz.terms_zh, terms_en=biz.terms_en, signature_png=bytes(order.signature_png or b""),
        qr_text=slipqr.payload(order), voided=order.status == "voided", copy_label=copy_label,
        id_checked=order.id_checked,
    )


def _without_header(display: Iterable[Sequence[Any]], name: str, masked: str, phone: str) -> list[Any]:
    """The form's fields less those repeating what heads the slip (the customer's name, the
    masked ID, the number): a new subscription's name and ID print once."""
    header = {text for text in (name, masked, phone) if text}
    return [tuple(d) for d in display if d[2] not in header]


def preview_data(session: Session, *, code: str, account_id: uuid.UUID | str | None = None, values: dict[str, str], id_checked: bool = False,
                 signature_png: bytes | None = None, fee_method: str = "", fee_reference: str = "") -> SlipData:
    """The slip as it will print, before the order exists (no number, no QR). With
    ``fee_method``, a fee paid by bank card or payment card must carry its reference."""
    require(session, Permission.SERVE)
    cleaned = validate(session, code=code, account_id=account_id, values=values)
    biz = catalogue.business(code)
    account, customer = load_line(session, account_id)
    fee = biz.fee_fen
    if biz.effect == "value_card":
        fee = int(cleaned.values["face_value"]) * len(cleaned.values["serials"])
    elif biz.effect == "job_pickup":
        fee = effects.pickup_fee(cleaned.values["claim"])
    if biz.effect == "new_subscription":
        name, masked, phone = cleaned.values["name"], mask_id_number(cleaned.values["id_number"]), cleaned.values["new_phone"]
    else:
        name = customer.name if customer else ""
        masked = mask_id_number(customer.id_number) if customer else ""
        phone = account.phone if account else ""
    return SlipData(
        hall_name=session.hall.name, hall_address=session.hall.address, order_no="", created_at=clock.now(),
        staff_no=session.staff_no, staff_name=session.staff.name if session.staff else "",
        counter_number=session.counter_number, business_zh=biz.name_zh, business_en=biz.name_en,
        customer_name=name, masked_id=masked, phone=phone,
        fields=[SlipField(a, b, c) for a, b, c in _without_header(cleaned.display, name, masked, phone)],
        fee_text=format_yuan(fee), fee_method=fee_method if fee else "",
        fee_reference=payments.check_reference(fee_method, fee_reference) if fee and fee_method else "",
        fee_receipt="", terms_zh=biz.terms_zh, terms_en=biz.terms_en, signature_png=signature_png or b"",
        qr_text="", voided=False, copy_label="", id_checked=id_checked)
