"""Finding the customer from one field: phone, ID number, queue-ticket QR, slip QR or name.
Wrong input says what is wrong and looks nothing up."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from peewee import fn

from counter_app.errors import NotFound, ValidationError
from counter_app.models import Account, AuditEvent, Customer, Ticket
from counter_app.services import identify, signing
from counter_app.services.validation import normalize_id_number
from tests.service_data import local_line, submit

# Known-valid resident ID numbers (GB 11643 examples and the demo's own) and known-invalid
# ones with the reason the clerk must hear.
VALID_IDS = ["11010519491231002X", "370102199001011231", "370203198512314565", "110101199003074514"]
INVALID_IDS = [
    ("110105194912310021", "check digit"),
    ("110105194902301234", "birth date"),
    ("990105194912310028", "region code"),
    ("11010519491231002", "18 characters"),
    ("11010519491231002Y", "17 digits and a final digit or X"),
]


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_id_numbers_pass(number):
    assert normalize_id_number(number.lower()) == number


@pytest.mark.parametrize(("number", "reason"), INVALID_IDS)
def test_known_invalid_id_numbers_say_what_is_wrong_and_look_nothing_up(session, caplog, number, reason):
    caplog.set_level(logging.DEBUG, logger="peewee")
    with pytest.raises(ValidationError, match=reason):
        identify.identify(session, number)
    assert not [r for r in caplog.records if "SELECT" in r.getMessage()]


def test_a_phone_number_is_found_however_it_is_typed(session):
    line = local_line()
    spaced = f"+86 {line.phone[:3]} {line.phone[3:7]}-{line.phone[7:]}"
    found = identify.identify(session, spaced)
    assert found.by == "phone" and found.single.account_id == line.id
    assert found.single.masked_id.count("*") == 8


def test_a_short_phone_number_says_how_many_digits_it_has(session, caplog):
    caplog.set_level(logging.DEBUG, logger="peewee")
    with pytest.raises(ValidationError, match="has 10"):
        identify.identify(session, "1300253794")
    assert not [r for r in caplog.records if "SELECT" in r.getMessage()]


def test_an_unknown_number_is_not_found(session):
    with pytest.raises(NotFound, match="13999999999"):
        identify.identify(session, "13999999999")


def test_an_id_number_finds_every_line_of_the_customer(session):
    owner = (Customer.select().join(Account).group_by(Customer.id).having(fn.COUNT(Account.id) > 1).first())
    found = identify.identify(session, owner.id_number)
    assert found.by == "id_number"
    assert {m.phone for m in found.matches} == {a.phone for a in owner.accounts}


def test_the_qr_of_a_queue_ticket_typed_by_the_scanner_finds_the_customer(session):
    line = local_line()
    ticket = Ticket.create(hall=session.hall_code, business_date=dt.date.today(), category="general", number=7,
                           code="B007", phone=line.phone, customer_id=line.customer_id, issued_at=dt.datetime.now(),
                           queued_at=dt.datetime.now())
    found = identify.identify(session, signing.payload(session.hall_code, "ticket", ticket.id.hex))
    assert found.by == "ticket" and found.ticket_id == ticket.id
    assert found.matches[0].account_id == line.id


def test_a_ticket_taken_without_a_number_asks_for_one(session):
    ticket = Ticket.create(hall=session.hall_code, business_date=dt.date.today(), category="payment", number=3,
                           code="A003", issued_at=dt.datetime.now(), queued_at=dt.datetime.now())
    with pytest.raises(NotFound, match="A003 was taken without a phone number"):
        identify.identify(session, signing.payload(session.hall_code, "ticket", ticket.id.hex))


def test_a_forged_or_half_read_code_is_refused(session):
    good = signing.payload(session.hall_code, "ticket", "01a2143c5fe973a08811c9db83293e7b")
    with pytest.raises(ValidationError, match="signature does not hold"):
        identify.identify(session, good[:-1] + ("A" if good[-1] != "A" else "B"))
    with pytest.raises(ValidationError, match="scan it again"):
        identify.identify(session, good[:40])  # half read


def test_the_qr_of_a_slip_finds_the_line_of_the_order(session):
    line = local_line()
    order = submit(session, "puk_unlock", line)
    found = identify.identify(session, signing.payload(session.hall_code, "order", order.id.hex))
    assert found.by == "order" and found.single.account_id == line.id


def _namesakes() -> str:
    """The two first characters shared by the most customers (a surname and a given name)."""
    return (Customer.select(fn.SUBSTR(Customer.name, 1, 2).alias("head")).group_by(fn.SUBSTR(Customer.name, 1, 2))
            .order_by(fn.COUNT(Customer.id).desc()).scalar())


def test_a_name_finds_namesakes_told_apart_by_their_masked_id(session):
    head = _namesakes()
    found = identify.identify(session, head)
    assert found.by == "name" and len(found.matches) > 1
    assert all(m.name.startswith(head) for m in found.matches)
    assert len({m.masked_id for m in found.matches}) > 1


def test_a_name_search_masks_the_numbers_and_is_audited(session):
    head = _namesakes()
    found = identify.identify(session, head)
    real = {a.id: a.phone for a in Account.select().where(Account.id.in_([m.account_id for m in found.matches]))}
    for match in found.matches:
        full = real[match.account_id]
        assert match.phone == full[:3] + "****" + full[-4:]
    event = AuditEvent.select().where(AuditEvent.action == "customer.search").order_by(AuditEvent.at.desc()).first()
    assert (event.staff_no, event.target, event.detail["count"]) == ("1001", head, len(found.matches))


def test_one_character_is_not_a_name_search_and_reads_nothing(session):
    surname = Customer.select().order_by(Customer.name).first().name[0]
    with pytest.raises(ValidationError, match="at least 2 characters"):
        identify.identify(session, surname)
    assert not AuditEvent.select().where(AuditEvent.action == "customer.search").exists()


def test_a_name_search_needs_a_signed_in_clerk(demo_db):
    from counter_app.errors import PermissionDenied
    from counter_app.services.session import open_session

    with pytest.raises(PermissionDenied):
        identify.identify(open_session(), "王芳")


def test_part_of_a_given_name_is_found_too(session):
    customer = Customer.select().where(fn.LENGTH(Customer.name) == 3).order_by(Customer.id_number).first()
    found = identify.identify(session, customer.name[1:])
    assert customer.id in {m.customer_id for m in found.matches}


def test_a_mixed_entry_says_what_to_type(session):
    with pytest.raises(ValidationError, match="mixes digits and letters"):
        identify.identify(session, "王1")
