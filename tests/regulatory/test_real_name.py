"""Real-name registration of a new line as the rules list it: every document type, name, number,
type and address recorded; a guardian for a minor; an agent with both documents and the
holder's written authorisation; at most five lines per person (一证五号)."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from counter_app import clock
from counter_app.errors import Conflict, ValidationError
from counter_app.models import Account, Customer, ServiceOrder, SimCard, Staff
from counter_app.services import orders, real_name
from counter_app.services.passwords import hash_light
from tests.service_data import submit

PHONES = iter(f"1861234{n:04d}" for n in range(10000))
SIMS = iter(f"89860112345{n:09d}" for n in range(10**6))


def resident_id(born: dt.date, region: str = "370102", seq: str = "123") -> str:
    body = f"{region}{born:%Y%m%d}{seq}"
    return body + ric.calc_check_digit(body + "0")


def years_ago(years: int, days: int = 0) -> dt.date:
    today = clock.today()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def new_line(session, **values):
    session.staff = Staff.get_by_id("1002")  # new business specialty
    form = dict(name="周晓明", id_type="resident", id_number=resident_id(years_ago(30)), address="济南市历下区泉城路1号",
                new_phone=next(PHONES), plan="RY58", sim_serial=next(SIMS), service_password="246810")
    form.update(values)
    return submit(session, "new_subscription", None, id_checked=True, **{k: v for k, v in form.items() if v is not None})


def test_the_address_is_required(session):
    with pytest.raises(ValidationError, match="证件地址"):
        new_line(session, address="")
    assert ServiceOrder.select().count() == 0


@pytest.mark.parametrize(("kind", "number"), [("passport", "E12345678"), ("hk_macao_permit", "H12345678"),
                                              ("taiwan_permit", "12345678")])
def test_a_document_without_a_birth_date_needs_the_date_of_birth(session, kind, number):
    with pytest.raises(ValidationError, match="date of birth"):
        new_line(session, id_type=kind, id_number=number, name="CHAN TAI MAN")
    order = new_line(session, id_type=kind, id_number=number, name="CHAN TAI MAN", birth_date="1988-02-29")
    customer = Customer.get(Customer.id_number == number)
    assert (customer.id_type, customer.name, customer.address) == (kind, "CHAN TAI MAN", "济南市历下区泉城路1号")
    assert order.effect_data["real_name"]["id_type"] == kind


def test_a_foreigners_permanent_residence_card_opens_a_line(session):
    order = new_line(session, id_type="foreign_permanent", id_number="USA379001010123", name="JOHN SMITH")
    assert Customer.get(Customer.id_number == "USA379001010123").id_type == "foreign_permanent"
    assert order.effect_data["real_name"]["age"] >= 30


def test_an_eleven_year_old_needs_a_guardian_of_age(session):
    child = resident_id(years_ago(11))
    with pytest.raises(ValidationError, match="guardian"):
        new_line(session, id_number=child, name="周小明")
    with pytest.raises(ValidationError, match="of age"):
        new_line(session, id_number=child, name="周小明", guardian_name="周大哥",
                 guardian_id_number=resident_id(years_ago(16), seq="456"))
    with pytest.raises(ValidationError, match="holder's own"):
        new_line(session, id_number=child, name="周小明", guardian_name="周晓明", guardian_id_number=child)
    parent = resident_id(years_ago(40), seq="789")
    order = new_line(session, id_number=child, name="周小明", guardian_name="周晓明", guardian_id_number=parent)
    values = order.fields["values"]
    assert (values["guardian_name"], values["guardian_id_number"]) == ("周晓明", parent)
    assert order.effect_data["real_name"]["guardian"] is True
    assert ServiceOrder.select().count() == 1


def test_an_eighteen_year_old_registers_alone(session):
    assert new_line(session, id_number=resident_id(years_ago(18, days=1))).status == "done"


def test_an_agent_shows_both_documents_and_the_written_authorisation(session):
    agent = resident_id(years_ago(45), seq="321")
    with pytest.raises(ValidationError, match="written authorisation"):
        new_line(session, agent_name="李四", agent_id_number=agent)
    with pytest.raises(ValidationError, match="agent's own document"):
        new_line(session, agent_name="李四", authorisation="委托书 2026-77")
    order = new_line(session, agent_name="李四", agent_id_number=agent, authorisation="委托书 2026-77")
    assert order.fields["values"]["agent_id_number"] == agent and order.effect_data["real_name"]["agent"]
    shown = {label_en: text for _zh, label_en, text in order.fields["display"]}
    assert shown["Agent's document number"] == agent[:6] + "********" + agent[-4:]  # the slip masks it


def _give_lines(customer: Customer, count: int) -> None:
    for _ in range(count):
        account = Account.create(customer=customer.id, phone=next(PHONES), plan="RY58", status="active",
                                 service_password_hash=hash_light("111111"), home_city="济南")
        SimCard.create(account=account.id, serial=next(SIMS))


def test_five_lines_per_person_without_a_hub_the_terminal_counts_and_says_the_hub_will_confirm(session):
    holder = resident_id(years_ago(35), seq="555")
    first = new_line(session, id_number=holder)
    assert first.effect_data["real_name"] == {"id_type": "resident", "age": 35, "lines_before": 0,
                                              "lines_confirmed": False}
    customer = Customer.get(Customer.id_number == holder)
    _give_lines(customer, 3)
    fifth = new_line(session, id_number=holder)
    assert fifth.effect_data["real_name"]["lines_before"] == 4
    notice = real_name.unconfirmed_notice(session, {"id_type": "resident", "id_number": holder})
    assert notice is not None and "hub will confirm" in notice.text()
    with pytest.raises(Conflict, match="already holds 5 lines"):
        new_line(session, id_number=holder)
    with pytest.raises(Conflict, match="already holds 5 lines"):
        orders.validate(session, code="new_subscription", values=dict(
            name="周晓明", id_type="resident", id_number=holder, address="济南", new_phone=next(PHONES), plan="RY58",
            sim_serial=next(SIMS), service_password="246810"))
    assert Account.select().where(Account.customer == customer.id).count() == 5


def test_a_closed_line_does_not_count(session):
    holder = resident_id(years_ago(35), seq="556")
    new_line(session, id_number=holder)
    customer = Customer.get(Customer.id_number == holder)
    _give_lines(customer, 4)
    Account.update(status="closed").where(Account.customer == customer.id).execute()
    assert new_line(session, id_number=holder).effect_data["real_name"]["lines_before"] == 0


def test_a_known_number_with_another_document_type_is_refused(session):
    new_line(session, id_type="passport", id_number="87654321", birth_date="1980-01-01", name="LEE")
    with pytest.raises(ValidationError, match="another type of document"):
        new_line(session, id_type="taiwan_permit", id_number="87654321", birth_date="1980-01-01", name="LEE")
