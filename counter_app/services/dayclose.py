"""The gate every money or business write passes: once a manager has closed a hall's day
(日结), nothing more is taken for that day."""

from __future__ import annotations

import datetime as dt

from counter_app.errors import Conflict
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import AuditEvent, DayClose

# The audit action of a close made here that gave way to the hub's close of its date
# (``sync/close_give_way.py``, docs/dayclose.md "Two closes of one day").
SUPERSEDED = "day.close.superseded"


def is_day_closed(hall_code: str, business_date: dt.date) -> bool:
    return DayClose.select().where((DayClose.hall == hall_code) & (DayClose.business_date == business_date)).exists()


def ensure_day_open(hall_code: str, business_date: dt.date) -> None:
    """Raise Conflict when the day is closed. Call inside the write's transaction."""
    if is_day_closed(hall_code, business_date):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The business day {date} is closed (日结). "
                                                   "No more business can be taken for it."),
                       date=business_date.isoformat())



def gave_way(hall_code: str, business_date: dt.date, names: dict[str, str]) -> list[tuple[str, dt.datetime, int]]:
    """The closes of ``business_date`` made at this PC that gave way to the hub's close of the
    date, as recorded: (who closed here, when, the net they counted) each."""
    query = (AuditEvent.select(AuditEvent.detail)
             .where((AuditEvent.hall == hall_code) & (AuditEvent.action == SUPERSEDED)
                    & (AuditEvent.target == business_date.isoformat()))
             .order_by(AuditEvent.at))
    out = []
    for event in query:
        lost = event.detail.get("lost") or {} if isinstance(event.detail, dict) else {}
        who = str(lost.get("closed_by") or "")
        out.append((f"{who} {names.get(who, '')}".strip(), dt.datetime.fromisoformat(str(lost.get("at"))),
                    int(lost.get("net_fen") or 0)))
    return out
