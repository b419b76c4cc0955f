"""Identity documents accepted for real-name registration (电话用户真实身份信息登记规定, art. 6
and 10): the resident ID card and the other documents a hall may take, each checked as far as
its number's format allows.

The resident ID card keeps its own check in ``services.validation.normalize_id_number``
(GB 11643: region, birth date, check digit); this module adds the other types beside it and
dispatches by type. A number that fails says which part is wrong, and nothing is looked up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum.cn import ric

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.services.validation import mask_id_number, normalize_id_number

RESIDENT = "resident"


@dataclass(frozen=True)
class DocType:
    code: str
    name_zh: str
    name_en: str
    # The number carries the holder's birth date: no separate date of birth is asked.
    birth_in_number: bool

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)


DOC_TYPES: dict[str, DocType] = {d.code: d for d in (
    DocType(RESIDENT, "居民身份证", "Resident ID card", True),
    DocType("temp_resident", "临时居民身份证", "Temporary resident ID card", True),
    DocType("passport", "护照", "Passport", False),
    DocType("hk_macao_permit", "港澳居民来往内地通行证", "Mainland travel permit (Hong Kong, Macao)", False),
    DocType("taiwan_permit", "台湾居民来往大陆通行证", "Mainland travel permit (Taiwan)", False),
    DocType("hmt_residence", "港澳台居民居住证", "Residence permit (Hong Kong, Macao, Taiwan)", True),
    DocType("foreign_permanent", "外国人永久居留身份证", "Foreign permanent resident ID card", True),
)}

_PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")
_HK_MACAO = re.compile(r"^[HM]\d{8}(\d{2})?$")  # H/M + 8 digits; cards before 2013 add a 2-digit issue count
_TAIWAN = re.compile(r"^(\d{8}|\d{10})$")  # 8 digits since 2015, 10 before
_FOREIGN_2017 = re.compile(r"^[A-Z]{3}\d{12}$")  # nationality, office, YYMMDD, sequence, version, check
_HMT_REGIONS = ("810000", "820000", "830000")  # Hong Kong, Macao, Taiwan


def doc_type(code: str) -> DocType:
    found = DOC_TYPES.get(code or "")
    if found is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose the type of identity document."), field="id_type")
    return found


def doc_type_name(code: str, lang: str) -> str:
    found = DOC_TYPES.get(code or RESIDENT)
    return found.name(lang) if found else code


def _compact(text: str) -> str:
    return re.sub(r"[\s()（）-]", "", text or "").upper()


def normalize_document(code: str, text: str) -> str:
    """The document number in its stored form, or ``ValidationError`` saying what is wrong."""
    kind = doc_type(code)
    if kind.code in (RESIDENT, "temp_resident"):
        return normalize_id_number(text)  # the same GB 11643 number on both cards
    value = _compact(text)
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the document number."), field="id_number")
    if kind.code == "passport":
        if not _PASSPORT.match(value) or not any(c.isdigit() for c in value):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A passport number is 5 to 17 letters and digits."),
                                  field="id_number")
        return value
    if kind.code == "hk_macao_permit":
        if not _HK_MACAO.match(value):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A Hong Kong or Macao permit number is H or M and 8 "
                                                              "digits (older cards: 10 digits)."), field="id_number")
        return value
    if kind.code == "taiwan_permit":
        if not _TAIWAN.match(value):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A Taiwan permit number has 8 digits (older cards: 10)."),
                                  field="id_number")
        return value
    if kind.code == "hmt_residence":
        return _gb11643_like(value, _HMT_REGIONS, QT_TRANSLATE_NOOP(
            "Errors", "A residence permit for Hong Kong, Macao or Taiwan residents starts with 810000, 820000 or "
                      "830000."))
    # Foreign permanent resident card: the 2017 card (3 letters + 12 digits) or the 2023 card
    # (18 characters starting with 9, GB 11643 check digit).
    if _FOREIGN_2017.match(value):
        if _yymmdd(value[5:11]) is None:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The birth date in the card number (characters 6–11) is "
                                                              "not a real date."), field="id_number")
        return value
    if len(value) == 18 and value.startswith("9"):
        return _gb11643_like(value, None, "")
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A foreign permanent resident card number is 3 letters and 12 "
                                                      "digits, or 18 characters starting with 9."), field="id_number")


def _gb11643_like(value: str, regions: tuple[str, ...] | None, region_message: str) -> str:
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This card number is 17 digits and a final digit or X."),
                              field="id_number")
    if regions is not None and value[:6] not in regions:
        raise ValidationError(region_message, field="id_number")
    born = _date(value[6:14])
    if born is None or born > clock.today():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The birth date in the card number (characters 7–14) is not "
                                                          "a real date."), field="id_number")
    if value[17] != ric.calc_check_digit(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The check digit of the card number is wrong (last "
                                                          "character)."), field="id_number")
    return value


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _yymmdd(text: str) -> dt.date | None:
    today = clock.today()
    try:
        year = 2000 + int(text[0:2])
        if year > today.year:
            year -= 100
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None


def birth_date(code: str, number: str) -> dt.date | None:
    """The holder's birth date as the number writes it, or None when the type carries none."""
    if code in (RESIDENT, "temp_resident", "hmt_residence") or (code == "foreign_permanent" and len(number) == 18):
        return _date(number[6:14])
    if code == "foreign_permanent" and len(number) == 15:
        return _yymmdd(number[5:11])
    return None


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years from ``born`` to ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def mask_document(number: str) -> str:
    """The masked form printed on slips and shown on screens (region and last four of an ID)."""
    return mask_id_number(number)
