"""Input checks with messages that say exactly what is wrong. Resident ID numbers are
checked with python-stdnum (GB 11643: region, birth date, check digit)."""

from __future__ import annotations

import datetime as dt
import re

from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP

# Mainland mobile numbers: 11 digits, 1 then 3-9 then 9 digits.
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(text: str) -> str:
    value = re.sub(r"[\s-]", "", text or "")
    if value.startswith("+86"):
        value = value[3:]
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter a phone number."), field="phone")
    if not value.isdigit():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A phone number has digits only: “{text}”."),
                              field="phone", text=text.strip())
    if len(value) != 11:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A mobile number has 11 digits; “{text}” has {count}."),
                              field="phone", text=value, count=len(value))
    if not _PHONE_RE.match(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{text}” is not a mainland mobile number (it must start with 13–19)."),
                              field="phone", text=value)
    return value


def normalize_id_number(text: str) -> str:
    value = (text or "").strip().replace(" ", "").upper()
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter a resident ID number."), field="id_number")
    if len(value) != 18:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A resident ID number has 18 characters; this one has {count}."),
                              field="id_number", count=len(value))
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A resident ID number is 17 digits and a final digit or X."),
                              field="id_number")
    # Birth date and region first: a wrong date also breaks the check digit, and the clerk
    # should hear about the part that is really wrong.
    try:
        birth = ric.get_birth_date(value)
    except stdnum_exc.ValidationError:
        birth = None
    if birth is None or birth > dt.date.today() or birth.year < 1880:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The birth date in the ID number (characters 7–14) is not a real date."),
                              field="id_number")
    try:
        ric.get_birth_place(value)
    except stdnum_exc.ValidationError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The region code of the ID number (first 6 digits) is unknown."),
                              field="id_number") from None
    try:
        ric.validate(value)
    except stdnum_exc.InvalidChecksum:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The check digit of the ID number is wrong (last character)."),
                              field="id_number") from None
    except stdnum_exc.ValidationError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This is not a valid resident ID number."),
                              field="id_number") from None
    return value


def mask_id_number(value: str) -> str:
    """110101********1234: region and last four, as Chinese counters print it."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678: the other party of a call on a printed detailed record."""
    if len(value) >= 11:
        return value[:3] + "****" + value[-4:]
    if len(value) > 4:
        return value[:2] + "*" * (len(value) - 4) + value[-2:]
    return value


def mask_name(value: str) -> str:
    """张*明: for screens other people can see."""
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
