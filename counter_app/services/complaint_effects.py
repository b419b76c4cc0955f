"""The effects of the complaint businesses: a complaint opened from an order (``complaint``)
and an SP fee dispute (``sp_dispute``: the complaint, the service stopped, the refund within
the clerk's limit). They register with ``services.effects`` on import, as that module imports
this one."""

from __future__ import annotations

from typing import Any

from counter_app.ids import as_uuid
from counter_app.models import Complaint, SpSubscription
from counter_app.money import format_yuan
from counter_app.services import disputes
from counter_app.services.effects import EffectContext, effect


@effect("complaint")
def _complaint(ctx: EffectContext) -> dict[str, Any]:
    from counter_app.services.complaints import open_complaint  # complaints builds on orders

    values = ctx.values
    linked: list[dict[str, Any]] = []
    sub = None
    if values.get("subscription"):
        sub = SpSubscription.get_by_id(as_uuid(values["subscription"]))
        linked.append({"kind": "sp_subscription", "id": sub.id.hex, "service_code": sub.service_id})
    complaint = open_complaint(
        ctx.session, customer_id=ctx.customer.id if ctx.customer else None,
        account_id=ctx.account.id if ctx.account else None, phone=ctx.account.phone if ctx.account else "",
        category=values.get("category") or "sp_charge", description=values.get("description", ""),
        wish=values.get("wish", ""), linked=linked, order_id=ctx.order_id)
    data = {"complaint_id": complaint.id.hex, "complaint_no": complaint.complaint_no}
    if sub is not None:
        data["subscription_id"] = sub.id.hex  # a void of the subscription must not pull it away
    return data


@effect("sp_dispute")
def _sp_dispute(ctx: EffectContext) -> dict[str, Any]:
    data = _complaint(ctx)
    action = ctx.values.get("action") or "review"
    sub = SpSubscription.get_by_id(as_uuid(ctx.values["subscription"]))
    lines: list[list[str]] = []
    if action in ("refund", "cancel") and sub.end_date is None:
        SpSubscription.update(end_date=ctx.today).where((SpSubscription.id == sub.id)
                                                        & SpSubscription.end_date.is_null()).execute()
        data["stopped_on"] = ctx.today.isoformat()
        lines.append(["停止收费", "Charges stop", f"{ctx.today:%Y-%m-%d} 起退订 cancelled"])
    if action == "refund":
        complaint = Complaint.get_by_id(as_uuid(data["complaint_id"]))
        refund = disputes.refund_now(ctx.session, complaint, f"dispute:{ctx.order_id.hex}")
        data.update(refunded_fen=refund.refunded_fen, refund_receipt=refund.receipt_no, pending_fen=refund.pending_fen)
        if refund.pending_fen:
            lines.append(["待经理审批", "Awaiting a manager",
                          f"¥{format_yuan(refund.pending_fen)} 超出营业员退费限额 above the clerk's limit"])
        elif refund.refunded_fen:
            lines.append(["先行赔付", "Refunded now",
                          f"¥{format_yuan(refund.refunded_fen)} 已退至话费账户 to the phone account  收据 {refund.receipt_no}"])
        else:
            lines.append(["先行赔付", "Refunded now", "¥0.00 退费期内无此业务费用 nothing billed in the refund window"])
    data["slip_lines"] = lines
    return data
