"""Two PCs of a hall closed the same day before either heard of the other's close: the hub keeps
the one that reached it first (one close per hall and date) and refuses the other at its push.
The PC whose close lost learns it at the pull that follows that push (``hub_day.pull_closes``):
its close gives way to the hub's here too, so the PC's sheet, its closed-day gate and the
hall's later closes all rest on the close that counts (docs/dayclose.md, "Two closes of one
day").

Giving way is recorded, never silent: in one local transaction the PC's own close is replaced
by the hub's row, its outbox entry (refused, or still pending) is set aside with the reason
(so it neither blocks the hall's next close as "unsent" nor waits on the Sync tab for a
decision already made), and an audit event ``day.close.superseded`` keeps the lost close whole
(who, when, its totals with the payment ids it counted) beside the close that counts. The audit
event is a fact like any other: it reaches the hub at the next push.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from typing import Any

from counter_app import clock

log = logging.getLogger(__name__)


def _totals(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    try:
        found = json.loads(value or "{}")
    except (TypeError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def give_way(hall: str, local_id: str, hub_row: tuple[Any, ...], insert_sql: str,
             values: list[Any]) -> dict[str, Any]:
    """Replace this PC's close ``local_id`` (its id as stored) with the hub's close of the same
    date (``hub_row``: id, terminal, created_at, hlc, business_date, closed_by, totals; written
    by ``insert_sql`` with ``values``). Returns the audit event's detail. Call inside a
    transaction."""
    from counter_app.models import DayClose, Outbox, db
    from counter_app.services import audit_chain
    from counter_app.services.dayclose import SUPERSEDED
    from counter_app.services.session import terminal_id

    lost = DayClose.get_by_id(uuid.UUID(local_id))
    hub_id, terminal, created_at, _hlc, business_date, closed_by, totals = hub_row
    won = _totals(totals)
    kept = _totals(lost.totals)
    detail = {
        "lost": {"id": lost.id.hex, "terminal": lost.terminal, "closed_by": lost.closed_by,
                 "at": lost.created_at.isoformat(sep=" ", timespec="seconds"), "net_fen": kept.get("net_fen"),
                 "expected_cash_fen": kept.get("expected_cash_fen"), "totals": kept},
        "counts": {"id": uuid.UUID(str(hub_id)).hex, "terminal": terminal, "closed_by": closed_by,
                   "at": created_at.isoformat(sep=" ", timespec="seconds") if isinstance(created_at, dt.datetime)
                   else str(created_at), "net_fen": won.get("net_fen")},
    }
    reason = (f"superseded: the day close of {business_date} made at PC {terminal} by {closed_by} reached the hub "
              f"first and counts")
    db.execute_sql("DELETE FROM day_close WHERE id = ?", (local_id,))
    db.execute_sql(insert_sql, values)
    (Outbox.update(status="dismissed", error=reason)
     .where((Outbox.table == "day_close") & (Outbox.row_id == lost.id) & Outbox.status.in_(("pending", "rejected")))
     .execute())
    audit_chain.append(hall=hall, terminal=terminal_id(), staff_no="", action=SUPERSEDED,
                       target=str(business_date), detail=detail, at=clock.now())
    log.warning("this PC's day close of %s (%s at %s) gave way to the hub's, made at PC %s by %s",
                business_date, lost.closed_by, lost.created_at, terminal, closed_by)
    return detail
