"""Which days and months a report may cover: the hall's own data, nothing else.

A report of a day in the future, or of a day before the hall's data begins, would print an
empty sheet that looks like a real one (no customers, no takings). Every report command
asks here first and refuses such a period with a clear message.

Dates are read strictly as ``YYYY-MM-DD`` and months as ``YYYY-MM``: Python's
``date.fromisoformat`` also accepts ISO week forms (``2026-W48-1``) and compact ones
(``20261125``), which an operator never means and which would silently name another day.

The hall's data begins on its first business day: the ``opened_on`` hall setting when a
manager set one, otherwise the earliest ticket, payment or complaint of the hall, otherwise
today (a new hall has nothing before its first day).
"""

from __future__ import annotations

import datetime as dt
import re

from peewee import fn

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Complaint, Payment, Ticket
from counter_app.services.session import hall_setting

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
OPENED_ON_KEY = "opened_on"


def parse_day(text: str | None, field: str = "date") -> dt.date:
    """``YYYY-MM-DD`` and nothing else, as a date."""
    value = (text or "").strip()
    try:
        if not _DAY.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the date as YYYY-MM-DD, e.g. 2026-11-25: “{text}”."),
                              field=field, text=value) from None


def parse_month(text: str | None, field: str = "month") -> str:
    """``YYYY-MM`` and nothing else, returned as written."""
    value = (text or "").strip()
    if not _MONTH.match(value) or value < "1900-01":
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the month as YYYY-MM, e.g. 2026-11: “{text}”."),
                              field=field, text=value)
    return value


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def first_day(hall_code: str) -> dt.date:
    """The first business day of the hall's data (see the module's note)."""
    opened = hall_setting(hall_code, OPENED_ON_KEY)
    if opened:
        try:
            return dt.date.fromisoformat(str(opened))
        except ValueError:
            pass
    candidates = [
        _as_date(Ticket.select(fn.MIN(Ticket.business_date)).where(Ticket.hall == hall_code).scalar()),
        _as_date(Payment.select(fn.MIN(Payment.business_date)).where(Payment.hall == hall_code).scalar()),
        _as_date(Complaint.select(fn.MIN(Complaint.created_at)).where(Complaint.hall == hall_code).scalar()),
    ]
    found = [d for d in candidates if d is not None]
    return min(found) if found else clock.today()


def not_in_future_day(day: dt.date) -> dt.date:
    """``day`` unless it is after today (the app's clock); else a ValidationError. For every
    read of a day's figures: a day to come has none, and an empty sheet would look real."""
    today = clock.today()
    if day > today:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{date} is in the future: there is nothing to report "
                                                          "for it yet (today is {today})."),
                              field="date", date=day.isoformat(), today=today.isoformat())
    return day


def not_in_future_month(month: str) -> str:
    """``month`` (YYYY-MM) unless it is after the current month (the app's clock); else a
    ValidationError. For every statement, export or report of a month (see the module's note)."""
    current = f"{clock.today():%Y-%m}"
    if month > current:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{month} is in the future: there is nothing to report "
                                                          "for it yet (this month is {current})."),
                              field="month", month=month, current=current)
    return month


def check_day(hall_code: str, day: dt.date) -> dt.date:
    """``day`` if the hall has data for it; else a ValidationError saying why not."""
    not_in_future_day(day)
    first = first_day(hall_code)
    if day < first:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The hall's data begins on {first}: there is nothing "
                                                          "to report for {date}."),
                              field="date", date=day.isoformat(), first=first.isoformat())
    return day


def check_month(hall_code: str, month: str, *, before_data: bool = False) -> str:
    """``month`` (YYYY-MM) if the hall has data in it; else a ValidationError saying why not.
    ``before_data``: a month before the hall's first business day is allowed (a report that
    says in words that its month had nothing, such as the spot-check bulletin); the future
    never is."""
    not_in_future_month(month)
    if before_data:
        return month
    first = first_day(hall_code)
    if month < f"{first:%Y-%m}":
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The hall's data begins in {first}: there is nothing "
                                                          "to report for {month}."),
                              field="month", month=month, first=f"{first:%Y-%m}")
    return month
