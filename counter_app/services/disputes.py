"""SP fee disputes at the counter (SP费用争议退费): the dispute order opens the complaint,
stops the disputed service and refunds its charges at once, within the clerk's limit.

A customer who already cancelled a service may still dispute what it charged: the form
offers the line's subscriptions that are active or ended within the refund window (the hall
setting ``sp_refund_months_back``, see ``services.complaint_refunds``). The refund is the
advance compensation (先行赔付) of ``complaint_refunds.compensate``: the disputed service's
charges on the bills of that window, not refunded before. When their total is above the
clerk's limit (``sp_refund_limit_fen``) nothing is paid at the counter; the complaint waits
for a manager's approval in the complaints tab, and the slip says so.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Complaint, SpSubscription
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

ACTIONS = ("refund", "cancel", "review")  # stop and refund now · stop, refund after review · record only


def window_start(hall_code: str, today: dt.date | None = None) -> dt.date:
    """The first day of the oldest bill month a clerk may refund: a subscription that ended
    on or after it may still be disputed at the counter."""
    from counter_app.services.complaint_refunds import refund_limits

    today = today or clock.today()
    index = today.year * 12 + today.month - 1 - refund_limits(hall_code).months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def disputable(account_id: uuid.UUID, hall_code: str) -> list[SpSubscription]:
    """The line's subscriptions a dispute may name: active, or ended within the window."""
    since = window_start(hall_code)
    return list(SpSubscription.select().where((SpSubscription.account == account_id)
                                              & (SpSubscription.end_date.is_null()
                                                 | (SpSubscription.end_date >= since)))
                .order_by(SpSubscription.start_date, SpSubscription.id))


@dataclass(frozen=True)
class DisputeRefund:
    refunded_fen: int = 0
    receipt_no: str = ""
    pending_fen: int = 0  # above the clerk's limit: waits for a manager


def refund_now(session: Session, complaint: Complaint, key: str) -> DisputeRefund:
    """Refund the disputed charges within the window; above the clerk's limit, nothing (the
    manager approves in the complaints tab). Joins the caller's transaction."""
    from counter_app.services.complaint_refunds import (
        APPROVER_ROLES,
        compensate,
        refund_limits,
        refundable_items,
    )

    require(session, Permission.SERVE)
    limits = refund_limits(session.hall_code)
    items = [i for i in refundable_items(session, complaint.id)
             if i.linked and not i.claimed and i.months_back <= limits.months_back]
    total = sum(i.amount_fen for i in items)
    if not items:
        return DisputeRefund()
    if total > limits.amount_fen and session.require_staff().role not in APPROVER_ROLES:
        return DisputeRefund(pending_fen=total)
    paid = compensate(session, complaint.id, bill_item_ids=[i.bill_item_id for i in items], idempotency_key=key)
    return DisputeRefund(refunded_fen=paid.amount_fen, receipt_no=paid.receipt_no)
