"""The audit trail: call :func:`record` inside the transaction of the action it records.

Every event recorded here is a link of the terminal's hash chain (services/audit_chain.py):
nothing else is needed for a new kind of event to be covered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from counter_app import clock
from counter_app.models import AuditEvent, db
from counter_app.services import audit_chain
from counter_app.services.session import Session


def record(session: Session, action: str, target: str = "", **detail: Any) -> AuditEvent:
    with contextlib.nullcontext() if db.in_transaction() else db.atomic():
        return audit_chain.append(hall=session.hall_code, terminal=session.terminal_id, staff_no=session.staff_no,
                                  action=action, target=str(target), detail=detail, at=clock.now())


def recent(session: Session, *, staff_no: str = "", action: str = "", since: dt.datetime | None = None,
           until: dt.datetime | None = None, limit: int = 500) -> list[AuditEvent]:
    """The hall's audit events, newest first (managers)."""
    from counter_app.services.permissions import Permission, require

    require(session, Permission.VIEW_AUDIT)
    query = AuditEvent.select().where(AuditEvent.hall == session.hall_code)
    if staff_no:
        query = query.where(AuditEvent.staff_no == staff_no)
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    return list(query.order_by(AuditEvent.at.desc()).limit(limit))
