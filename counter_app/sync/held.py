"""The hall manager's side of the money the hub holds (``sync/hub_held.py``): read it, apply
it to its line once the hall may credit it, or refund it to the customer. Each act is asked of
the hub itself (whose word decides whether the money is held) and audited here."""

from __future__ import annotations

import datetime as dt
import uuid

from counter_app import clock
from counter_app.errors import Conflict, NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Payment, db
from counter_app.services import audit
from counter_app.services.held_refund import refund_held as write_refund
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session
from counter_app.sync.hub import connect, hub_errors
from counter_app.sync.hub_held import HeldPayment, apply, held
from counter_app.sync.hub_waiting import Waiting, waiting

NOT_APPLIED = {
    "settled": QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} is settled already."),
    "unknown": QT_TRANSLATE_NOOP("Errors", "The hub holds no payment {receipt} of this hall."),
}
STILL_HELD = {
    "unknown_line": QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} stays held: the hub does not know the line yet; "
                                                "it is applied by itself when the line arrives, or refund it."),
}
NOT_YOURS = QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} stays held: the line is neither a customer of this hall "
                                        "nor a walk-in it served lately. Find the customer at the counter first (the "
                                        "walk-in look-up), then apply it again, or refund it.")


def held_payments(session: Session, url: str, *, day: dt.date | None = None) -> list[HeldPayment]:
    """This hall's payments the hub holds, not settled yet (with ``day``: that day's, settled or not)."""
    require(session, Permission.SETTLE)
    with connect(url, autocommit=True) as conn, hub_errors(url):
        return held(conn, session.hall_code, day=day)


def waiting_on_hub(session: Session, url: str) -> list[Waiting]:
    """This hall's orders and held payments waiting too long for a line the hub does not know."""
    require(session, Permission.SETTLE)
    with connect(url, autocommit=True) as conn, hub_errors(url):
        return waiting(conn, session.hall_code, clock.now())


def _find(session: Session, url: str, receipt_no: str) -> HeldPayment:
    """The held payment with this receipt number; a settled one is refused."""
    receipt = (receipt_no or "").strip().upper()
    with connect(url, autocommit=True) as conn, hub_errors(url):
        found = held(conn, session.hall_code, settled=True, receipt_no=receipt)
    if not found:
        raise NotFound(NOT_APPLIED["unknown"], receipt=receipt)
    if found[0].settled:
        raise Conflict(NOT_APPLIED["settled"], receipt=receipt)
    return found[0]


def apply_held(session: Session, url: str, receipt_no: str) -> HeldPayment:
    """Ask the hub to credit a held payment to its line now (manager); audited."""
    staff = require(session, Permission.SETTLE)
    found = _find(session, url, receipt_no)
    with connect(url, autocommit=True) as conn, hub_errors(url):
        outcome = apply(conn, found.payment_id, staff.staff_no)
    if outcome in NOT_APPLIED:
        raise Conflict(NOT_APPLIED[outcome], receipt=found.receipt_no)
    if outcome != "applied":
        raise Conflict(STILL_HELD.get(outcome, NOT_YOURS), receipt=found.receipt_no)
    with db.atomic():
        audit.record(session, "payment.held_applied", found.receipt_no, amount_fen=found.amount_fen,
                     line=found.phone, clerk=found.staff_no)
    return found


def refund_held(session: Session, url: str, receipt_no: str, *, reason: str, idempotency_key: str = "") -> Payment:
    """Give a held payment back to the customer from today's till (manager): a reversal row."""
    require(session, Permission.SETTLE)
    found = _find(session, url, receipt_no)
    if found.kind != "payment":
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Receipt {receipt} is not a payment and cannot be refunded."),
                       receipt=found.receipt_no)
    return write_refund(session, uuid.UUID(found.payment_id), receipt_no=found.receipt_no,
                        account_id=found.account_id, phone=found.phone, method=found.method,
                        amount_fen=found.amount_fen, reason=reason,
                        idempotency_key=idempotency_key or f"held-refund-{found.payment_id}")
