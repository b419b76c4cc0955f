"""The refund of money the hub holds (``sync/hub_held.py``): a reversal row of the held payment.

The hub stored a payment of this hall but credited no line with it (the line was not one the
hall may credit). When the manager gives the money back to the customer, the till pays it out
today: a new ``reversal`` row of the held payment (never a change of the payment), with the
reason, the manager's staff number and the held receipt as its reference. The hub recognises
it as the hold's refund and posts nothing, since the line never had the money. Whether the
payment is held is the hub's word (``sync/held.py`` asks it first).
"""

from __future__ import annotations

import uuid

from counter_app.errors import Conflict, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Payment
from counter_app.models.payments import METHODS
from counter_app.services import payments
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session


def refund_held(session: Session, payment_id: uuid.UUID | str, *, receipt_no: str, account_id: str, phone: str,
                method: str, amount_fen: int, reason: str, idempotency_key: str) -> Payment:
    """Pay back a held payment of ``amount_fen`` (as the hall took it) to the customer now."""
    require(session, Permission.SETTLE)
    if not (reason or "").strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the reason for the refund."), field="reason")
    if amount_fen <= 0 or method not in METHODS:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} is not a payment and cannot be refunded."),
                       receipt=receipt_no)
    pid = payment_id if isinstance(payment_id, uuid.UUID) else uuid.UUID(str(payment_id))
    account = Account.get_or_none(Account.id == account_id) if account_id else None
    return payments._write(session, kind="reversal", account=account, method=method, amount_fen=-amount_fen,
                           reference=receipt_no, reason=reason.strip(), idempotency_key=idempotency_key,
                           reverses_id=pid, audit_action="payment.held_refund", phone=phone,
                           audit_detail={"held": receipt_no})
