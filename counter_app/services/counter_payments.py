"""The counter's own rules on top of ``payments.take_payment``.

- Cash (and cross-city cash) needs what the customer handed over: an empty "tendered" is
  refused, never taken to mean the exact amount.
- Paying more than the number owes is asked first: the clerk confirms with the customer that
  the rest stays on the account as credit (``OverpaymentNotConfirmed`` until then).
Everything else (bounds, methods, cross-city, the write itself) is ``take_payment``'s.
"""

from __future__ import annotations

import uuid

from counter_app.errors import Conflict, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Payment
from counter_app.money import format_yuan
from counter_app.services import payments
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

CASH_METHODS = ("cash", "remote")


class OverpaymentNotConfirmed(Conflict):
    """The amount is more than the number owes; the clerk has not confirmed it."""

    def __init__(self, *, amount_fen: int, due_fen: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "{amount} yuan is {extra} yuan more than the {due} yuan due; "
                                                     "the rest stays on the account as credit."),
                         amount=format_yuan(amount_fen), extra=format_yuan(amount_fen - due_fen),
                         due=format_yuan(due_fen))
        self.amount_fen = amount_fen
        self.due_fen = due_fen


def take_counter_payment(session: Session, *, account_id: uuid.UUID, method: str, amount_fen: int, tendered_fen: int | None,
                         reference: str = "", idempotency_key: str, overpayment_confirmed: bool = False) -> Payment:
    """A payment at the counter: the counter's rules, then ``payments.take_payment``."""
    require(session, Permission.SERVE)
    if method in CASH_METHODS and tendered_fen is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the cash the customer handed over."),
                              field="tendered")
    stored = Payment.get_or_none(Payment.idempotency_key == idempotency_key)
    if stored is None and not overpayment_confirmed:
        due = payments.amount_due(session, account_id)
        if amount_fen > due:
            raise OverpaymentNotConfirmed(amount_fen=amount_fen, due_fen=due)
    return payments.take_payment(session, account_id=account_id, method=method, amount_fen=amount_fen,
                                 tendered_fen=tendered_fen, reference=reference, idempotency_key=idempotency_key)
