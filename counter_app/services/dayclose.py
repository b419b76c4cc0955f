"""The gate every money or business write passes: once a manager has closed a hall's day
(日结), nothing more is taken for that day."""

from __future__ import annotations

import datetime as dt

from counter_app.errors import Conflict
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import DayClose


def is_day_closed(hall_code: str, business_date: dt.date) -> bool:
    return DayClose.select().where((DayClose.hall == hall_code) & (DayClose.business_date == business_date)).exists()


def ensure_day_open(hall_code: str, business_date: dt.date) -> None:
    """Raise Conflict when the day is closed. Call inside the write's transaction."""
    if is_day_closed(hall_code, business_date):
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The business day {date} is closed (日结). "
                                                   "No more business can be taken for it."),
                       date=business_date.isoformat())
