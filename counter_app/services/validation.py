"""Input checks with messages that say exactly what is wrong. Resident ID numbers are
checked against GB 11643 (region, birth date, check digit) with python-stdnum's region data."""

from __future__ import annotations

import datetime as dt
import re

from stdnum.cn import ric

from counter_app import clock
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
    """A resident ID number (GB 11643), upper-cased, or ``ValidationError`` naming the part
    that is wrong: length, format, birth date, age, region code or check digit.

    The region code is accepted when it exists or ever existed (python-stdnum's data carries
    each county's validity period). A card carries the code in force where and when it was
    issued, not the one of the birth year: a Jinan 历下区 resident born in 1975 holds 370102…
    although 370102 was created in 1983. See docs/lifecycle.md.
    """
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
    birth = id_birth_date(value)
    today = clock.today()
    if birth is None or birth > today:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The birth date in the ID number (characters 7–14) is not a real date."),
                              field="id_number")
    age = age_on(birth, today)
    if age > MAX_AGE:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The birth date in the ID number (characters 7–14) would make "
                                                          "the holder {age} years old; check the number on the card."),
                              field="id_number", age=age)
    if id_region(value) is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The region code of the ID number (first 6 digits) is unknown."),
                              field="id_number")
    if value[17] != ric.calc_check_digit(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The check digit of the ID number is wrong (last character)."),
                              field="id_number")
    return value


MAX_AGE = 130  # older than anyone alive: a mistyped year


def id_birth_date(value: str) -> dt.date | None:
    """The birth date written in an 18-character ID number, or None when it is no date."""
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years from ``birth`` to ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def id_region(value: str) -> tuple[str, str] | None:
    """(province, county) of an ID number's region code, in any period the code was valid,
    or None when no such code ever existed."""
    from stdnum import numdb

    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(value[:6]):
        info.update(props)
    county = info.get("county")
    if not county:
        return None
    # "[1983-]历下区" or "[-1986]燕山区,[1986-]房山区": the periods are not checked here.
    names = [re.sub(r"^\[[0-9-]*\]", "", part) for part in county.split(",")]
    return info.get("province", ""), names[-1]


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
