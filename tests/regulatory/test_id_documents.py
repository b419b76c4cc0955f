"""Each identity document the real-name rules accept is checked as far as its number allows,
and a wrong one says which part is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import ValidationError
from counter_app.services import id_documents

VALID = [
    ("resident", "370102197501010017", "370102197501010017", dt.date(1975, 1, 1)),  # a pre-1983 Jinan card
    ("temp_resident", "11010519491231002x", "11010519491231002X", dt.date(1949, 12, 31)),
    ("passport", "e1234 5678", "E12345678", None),
    ("passport", "X00012345", "X00012345", None),
    ("hk_macao_permit", "H12345678", "H12345678", None),
    ("hk_macao_permit", "M1234567801", "M1234567801", None),
    ("taiwan_permit", "12345678", "12345678", None),
    ("taiwan_permit", "1234567890", "1234567890", None),
    ("hmt_residence", "810000199001011230", "810000199001011230", dt.date(1990, 1, 1)),
    ("foreign_permanent", "USA379001010123", "USA379001010123", dt.date(1990, 1, 1)),
    ("foreign_permanent", "937102199001011232", "937102199001011232", dt.date(1990, 1, 1)),
]
INVALID = [
    ("resident", "370102197501010018", "check digit"),
    ("passport", "E12", "5 to 17 letters"),
    ("passport", "ABCDEFGH", "5 to 17 letters"),  # no digit: a name typed in the wrong field
    ("hk_macao_permit", "A12345678", "H or M and 8 digits"),
    ("taiwan_permit", "1234567", "8 digits"),
    ("hmt_residence", "370102199001011231", "starts with 810000"),
    ("hmt_residence", "810000199013011234", "birth date"),
    ("hmt_residence", "810000199001011231", "check digit"),
    ("foreign_permanent", "USA379013010123", "birth date"),
    ("foreign_permanent", "937102199001011231", "check digit"),
    ("foreign_permanent", "X123", "3 letters and 12"),
    ("nonsense", "123", "type of identity document"),
]


@pytest.mark.parametrize(("kind", "typed", "stored", "born"), VALID)
def test_valid_documents_are_accepted_in_their_stored_form_with_their_birth_date(kind, typed, stored, born):
    assert id_documents.normalize_document(kind, typed) == stored
    assert id_documents.birth_date(kind, stored) == born


@pytest.mark.parametrize(("kind", "typed", "reason"), INVALID)
def test_invalid_documents_say_what_is_wrong(kind, typed, reason):
    with pytest.raises(ValidationError, match=reason):
        id_documents.normalize_document(kind, typed)


def test_every_type_has_a_chinese_and_an_english_name():
    for kind in id_documents.DOC_TYPES.values():
        assert kind.name("zh_CN") and kind.name("en") and kind.name("zh_CN") != kind.name("en")
