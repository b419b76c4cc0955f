"""Money, validation and sign-in: the rules every other part leans on."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent, Staff
from counter_app.money import format_yuan, parse_yuan
from counter_app.services import auth
from counter_app.services.validation import mask_id_number, normalize_id_number, normalize_phone


@pytest.mark.parametrize(("typed", "fen"), [("50", 5000), ("50.5", 5050), ("0.30", 30), ("0.1", 10),
                                             ("1,234.56", 123456), ("¥20", 2000), ("19.99", 1999)])
def test_typed_yuan_become_exact_fen(typed, fen):
    assert parse_yuan(typed) == fen


def test_point_one_plus_point_two_is_exactly_thirty_fen():
    assert parse_yuan("0.1") + parse_yuan("0.2") == 30
    assert format_yuan(parse_yuan("0.1") + parse_yuan("0.2")) == "0.30"


@pytest.mark.parametrize(("typed", "message"), [("19.999", "two decimals"), ("-5", "negative"), ("abc", "not an amount"),
                                                ("", "Enter an amount"), ("9999999", "above the limit")])
def test_bad_amounts_say_what_is_wrong(typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_yuan(typed)


def test_a_float_never_reaches_money():
    with pytest.raises(TypeError):
        parse_yuan(0.1 + 0.2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_yuan(0.3)  # type: ignore[arg-type]


@pytest.mark.parametrize("good", ["11010519491231002X", "440305198512121233", "370102199003074594"])
def test_valid_resident_id_numbers_pass(good):
    assert normalize_id_number(good.lower()) == good.upper()


@pytest.mark.parametrize(("bad", "message"), [
    ("110105194912310021", "check digit"),
    ("11010519491331002X", "birth date"),
    ("99010519491231002X", "region code"),
    ("1101051949123100", "18 characters"),
    ("11010519491231002Y", "17 digits"),
])
def test_wrong_id_numbers_say_exactly_what_is_wrong(bad, message):
    with pytest.raises(ValidationError, match=message):
        normalize_id_number(bad)


def test_phone_numbers_are_checked_and_normalised():
    assert normalize_phone("+86 138-0013-8000") == "13800138000"
    with pytest.raises(ValidationError, match="11 digits"):
        normalize_phone("1380013800")
    with pytest.raises(ValidationError, match="digits only"):
        normalize_phone("138001380OO")
    with pytest.raises(ValidationError, match="start with 13"):
        normalize_phone("12800138000")


def test_masked_id_shows_region_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_a_clerk_signs_in_and_out_and_both_are_audited(demo_db):
    from counter_app.services.session import open_session

    session = open_session()
    staff = auth.login(session, "1001", "123456")
    assert staff.name == "王芳" and session.staff_no == "1001"
    auth.logout(session)
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.at)]
    assert actions[-2:] == ["login", "logout"]


def test_five_wrong_passwords_lock_the_account(demo_db, frozen_clock):
    from counter_app.services.session import open_session

    session = open_session()
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="Wrong staff number or password"):
            auth.login(session, "1002", "wrong")
    with pytest.raises(PermissionDenied, match="locked"):
        auth.login(session, "1002", "wrong")
    # Even the right password is refused while locked, and that refusal is audited too.
    with pytest.raises(PermissionDenied, match="locked"):
        auth.login(session, "1002", "123456")
    assert AuditEvent.select().where(AuditEvent.action == "login.failed").count() == 5
    assert AuditEvent.select().where(AuditEvent.action == "login.locked").count() == 1
    frozen_clock.advance(minutes=16)
    assert auth.login(session, "1002", "123456").staff_no == "1002"


def test_passwords_are_never_stored_in_clear(demo_db):
    for staff in Staff.select():
        assert "123456" not in staff.password_hash
        assert staff.password_hash.startswith("$argon2id$")
    events = AuditEvent.select()
    assert all("123456" not in str(e.detail) for e in events)


def test_unknown_staff_is_refused_without_saying_which_part_was_wrong(demo_db):
    from counter_app.services.session import open_session

    with pytest.raises(PermissionDenied, match="Wrong staff number or password"):
        auth.login(open_session(), "7777", "123456")


def test_demo_hall_is_deterministic_and_realistic(demo_db):
    from counter_app.models import Account, Bill, Customer, UsageRecord

    customers = list(Customer.select().limit(200))
    assert all(normalize_id_number(c.id_number) == c.id_number for c in customers)
    assert all(len(a.phone) == 11 and a.phone[0] == "1" for a in Account.select().limit(200))
    bill = Bill.select().first()
    items = {i.code: i.amount_fen for i in bill.items}
    assert sum(items.values()) == bill.total_fen
    usage = UsageRecord.select().where((UsageRecord.account == bill.account) & (UsageRecord.period == bill.period))
    voice = sum(r.fee_fen for r in usage if r.kind == "call")
    assert voice == items["VOICE_LOCAL"] + items["VOICE_LONG"] + items["VOICE_ROAM"]
    assert sum(r.fee_fen for r in usage if r.kind == "sms") == items["SMS"]
    assert sum(r.fee_fen for r in usage if r.kind == "data") == items["DATA"]
    assert dt.date.fromisoformat(bill.period + "-01") < dt.date.today()
