"""What the hall manager sees and decides about sync: the state, and ops the hub rejected.

A rejected op is never resent on its own. The manager may send it again (after the hub's
administrator fixed what it clashed with) or set it aside as dismissed; both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.errors import NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Outbox, db
from counter_app.services import audit
from counter_app.services.session import Session
from counter_app.sync.runner import sync_state

__all__ = ["RejectedOp", "dismiss_rejected", "rejected_ops", "retry_rejected", "sync_state"]


@dataclass
class RejectedOp:
    op_id: str
    table: str
    row_id: str
    created_at: str
    summary: str  # receipt/order/complaint number or the business fields that identify it
    error: str


_LABEL_FIELDS = ("receipt_no", "order_no", "complaint_no", "code", "action", "serial")


def _summary(payload: dict[str, Any]) -> str:
    if payload.get("target") and payload.get("key"):  # a hall setup change: "staff 1010"
        return f"{payload['target']} {payload['key']}"
    for name in _LABEL_FIELDS:
        if payload.get(name):
            label = str(payload[name])
            if "amount_fen" in payload and payload.get("amount_fen") is not None:
                from counter_app.money import format_yuan

                label += f" · ¥{format_yuan(int(payload['amount_fen']))}"
            return label
    return str(payload.get("id", ""))[:13]


def rejected_ops(limit: int = 500) -> list[RejectedOp]:
    query = (Outbox.select().where(Outbox.status == "rejected").order_by(Outbox.seq.desc()).limit(limit))
    return [RejectedOp(op_id=o.op_id.hex, table=o.table, row_id=str(o.row_id),
                       created_at=o.created_at.isoformat(sep=" ", timespec="seconds") if o.created_at else "",
                       summary=_summary(o.payload or {}), error=o.error) for o in query]


def _change(session: Session, op_ids: list[str], status: str, action: str) -> int:
    session.require_role("manager")
    if not op_ids:
        return 0
    with db.atomic():
        entries = list(Outbox.select().where((Outbox.op_id.in_(op_ids)) & (Outbox.status == "rejected")))
        if not entries:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "These operations are no longer waiting for a decision."))
        Outbox.update(status=status).where(Outbox.seq.in_([e.seq for e in entries])).execute()
        for entry in entries:
            audit.record(session, action, target=f"{entry.table}:{entry.row_id}", op_id=entry.op_id.hex,
                         error=entry.error)
    return len(entries)


def retry_rejected(session: Session, op_ids: list[str]) -> int:
    """Queue rejected ops again for the next run (manager only, audited)."""
    return _change(session, op_ids, "pending", "sync.retry")


def dismiss_rejected(session: Session, op_ids: list[str]) -> int:
    """Set rejected ops aside for good (manager only, audited); they stay in the outbox."""
    return _change(session, op_ids, "dismissed", "sync.dismiss")
