"""Resident ID numbers: every genuine card is accepted, a wrong one is told what is wrong.

A card carries the region code in force where and when it was issued. Jinan's 历下/市中/槐荫/
天桥 codes date from 1983 and 历城's from 1987, so a Jinan resident born in 1975 holds a code
younger than themselves; such customers are served like anyone else."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.models import Account, Customer
from counter_app.services import identify
from counter_app.services.validation import id_region, normalize_id_number
from tests.service_data import submit

# Born before their county's code existed: 历下 1975, 市中 1960, 历城 1985.
JINAN_OLD = ["370102197501010017", "370103196001010012", "370112198501010014"]


@pytest.mark.parametrize("number", JINAN_OLD)
def test_a_jinan_card_older_than_its_region_code_is_valid(number):
    assert normalize_id_number(number) == number
    assert id_region(number)[0] == "山东省"


def test_a_retired_region_code_is_still_a_valid_card():
    # 110103 崇文区 was merged into 东城 in 2010; its residents' cards are still valid.
    body = "11010319800101001"
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    assert normalize_id_number(number) == number
    assert id_region(number) == ("北京市", "崇文区")


@pytest.mark.parametrize(("number", "message"), [
    ("370102197501010018", "check digit"),
    ("370102197502300017", "birth date"),
    ("999999197501010017", "region code"),
    ("370000197501010017", "check digit"),
    ("370199197501010013", "region code"),  # 济南 has no county 99
])
def test_a_wrong_number_is_refused_with_the_part_that_is_wrong(number, message):
    with pytest.raises(ValidationError, match=message):
        normalize_id_number(number)


def test_a_birth_date_in_the_future_or_beyond_any_age_is_refused():
    from stdnum.cn import ric

    def card(birth: str) -> str:
        body = "370102" + birth + "001"
        return body + ric.calc_check_digit(body + "0")

    clock.set_clock(lambda: dt.datetime(2026, 11, 25, 10, 0))
    try:
        with pytest.raises(ValidationError, match="not a real date"):
            normalize_id_number(card("20261126"))
        with pytest.raises(ValidationError, match="131 years old"):
            normalize_id_number(card("18951124"))
        assert normalize_id_number(card("20261125")) == card("20261125")  # born today
        assert normalize_id_number(card("18961125"))  # 130 today
    finally:
        clock.set_clock(None)


def test_the_demo_hall_has_customers_with_pre_1983_jinan_cards(demo_db):
    codes = ("370102", "370103", "370104", "370105")
    old = Customer.select().where(Customer.id_number.startswith(codes[0]) | Customer.id_number.startswith(codes[1])
                                  | Customer.id_number.startswith(codes[2]) | Customer.id_number.startswith(codes[3]))
    born_before = [c for c in old if int(c.id_number[6:10]) < 1983]
    assert len(born_before) >= 5
    for customer in born_before:
        assert normalize_id_number(customer.id_number) == customer.id_number


def test_a_customer_with_a_1975_jinan_card_is_found_and_opens_a_line(manager_session):
    session = manager_session
    submit(session, "new_subscription", None, name="宋建国", id_number="370102197501010017",
           address="济南市历下区泉城路1号", new_phone="18612340001", plan=_cheapest_plan(),
           sim_serial="8986011234567890001", service_password="135790", id_checked=True)
    found = identify.identify(session, "370102197501010017")
    assert found.by == "id_number" and found.single.name == "宋建国"
    line = Account.get(Account.phone == "18612340001")
    assert line.status == "active" and line.customer.id_number == "370102197501010017"
    # A second line for the same card finds the registered customer again.
    submit(session, "new_subscription", None, name="宋建国", id_number="370102197501010017",
           address="济南市历下区泉城路1号", new_phone="18612340002", plan=_cheapest_plan(), sim_serial="8986011234567890002",
           service_password="135790", id_checked=True)
    assert len(identify.identify(session, "370102197501010017").matches) == 2


def _cheapest_plan() -> str:
    from counter_app.models import TariffPlan

    return TariffPlan.select().where(TariffPlan.active == True).order_by(TariffPlan.monthly_fee_fen).first().code  # noqa: E712
