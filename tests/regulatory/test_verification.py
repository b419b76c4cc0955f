"""A line's sensitive business and its detailed records are for its subscriber only: the clerk
verifies them first (ID document, service password, or an agent with the owner's written
authorisation), and every check and its result is in the audit trail."""

from __future__ import annotations

import pytest

from counter_app.documents import slip
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import (
    Account,
    AuditEvent,
    Customer,
    ServiceOrder,
    SimCard,
    Staff,
    SubscriberCheck,
    UsageRecord,
)
from counter_app.services import orders, statements, verification
from counter_app.services.session import open_session
from tests.helpers import pdf_text
from tests.service_data import local_line, signature_png, verify


def records_line() -> tuple[Account, str]:
    row = UsageRecord.select(UsageRecord.account, UsageRecord.period).order_by(UsageRecord.id).first()
    return Account.get_by_id(row.account_id), row.period


def owner(account: Account) -> Customer:
    return Customer.get_by_id(account.customer_id)


def another_customers_id(account: Account) -> str:
    return Customer.select().where(Customer.id != account.customer_id).order_by(Customer.id_number).first().id_number


def test_detailed_records_are_refused_until_the_subscriber_is_verified(session):
    account, period = records_line()
    with pytest.raises(PermissionDenied, match="Verify the subscriber first"):
        statements.records_data(session, account.phone, period)
    assert not AuditEvent.select().where(AuditEvent.action.startswith("records.")).exists()

    checked = verification.by_id_document(session, account.id, id_number=owner(account).id_number.lower())
    data = statements.records_data(session, account.phone, period)
    assert data.count > 0
    event = AuditEvent.get(AuditEvent.action == "records.view")
    assert event.detail["check"] == checked.check_id.hex and event.detail["method"] == "id_document"
    row = SubscriberCheck.get_by_id(checked.check_id)
    assert (row.result, row.method, row.staff_no, row.phone, row.id_type) == (
        "passed", "id_document", "1001", account.phone, "resident")


def test_another_persons_id_card_is_a_failed_check_on_record_and_opens_nothing(session):
    account, period = records_line()
    with pytest.raises(PermissionDenied, match="not the one the line"):
        verification.by_id_document(session, account.id, id_number=another_customers_id(account))
    failed = SubscriberCheck.get(SubscriberCheck.phone == account.phone)
    assert (failed.result, failed.reason) == ("failed", "mismatch")
    event = AuditEvent.get(AuditEvent.action == "subscriber.verify")
    assert (event.target, event.detail["result"], event.detail["reason"]) == (account.phone, "failed", "mismatch")
    with pytest.raises(PermissionDenied):
        statements.records_data(session, account.phone, period)


def test_a_mistyped_id_number_says_what_is_wrong_and_is_not_counted(session):
    account, _period = records_line()
    good = owner(account).id_number
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="check digit"):
        verification.by_id_document(session, account.id, id_number=wrong_check)
    assert SubscriberCheck.select().count() == 0


def test_the_service_password_verifies_and_five_wrong_ones_lock_even_the_right_one(session, frozen_clock):
    account, period = records_line()
    for _ in range(verification.MAX_FAILURES - 1):
        with pytest.raises(PermissionDenied, match="service password of"):
            verification.by_service_password(session, account.id, password="000000")
    # The fifth wrong password locks the number in the throttle every service password shares.
    with pytest.raises(PermissionDenied, match="Too many wrong passwords"):
        verification.by_service_password(session, account.id, password="000000")
    with pytest.raises(PermissionDenied, match="Too many"):
        verification.by_service_password(session, account.id, password="123456")
    assert verification.current(session, account.id) is None
    # The ID document is asked instead; after the lock-out the password works again.
    frozen_clock.advance(minutes=verification.LOCK_MINUTES + 1)
    checked = verification.by_service_password(session, account.id, password="123456")
    assert checked.method == "service_password"
    assert statements.records_data(session, account.phone, period).count > 0
    results = [r.result for r in SubscriberCheck.select().order_by(SubscriberCheck.at, SubscriberCheck.id)]
    assert results == ["failed"] * (verification.MAX_FAILURES + 1) + ["passed"]


def test_an_agent_needs_the_owners_document_their_own_and_the_written_authorisation(session):
    account, period = records_line()
    agent_id = another_customers_id(account)
    base = dict(owner_id_number=owner(account).id_number, agent_name="李四", agent_id_number=agent_id)
    with pytest.raises(ValidationError, match="written authorisation"):
        verification.by_agent(session, account.id, authorisation="", **base)
    with pytest.raises(ValidationError, match="subscriber's own"):
        verification.by_agent(session, account.id, **{**base, "agent_id_number": owner(account).id_number},
                              authorisation="委托书 2026-118")
    with pytest.raises(PermissionDenied, match="not the one"):
        verification.by_agent(session, account.id, **{**base, "owner_id_number": agent_id},
                              authorisation="委托书 2026-118")
    checked = verification.by_agent(session, account.id, authorisation="委托书 2026-118", **base)
    row = SubscriberCheck.get_by_id(checked.check_id)
    assert (row.method, row.agent_name, row.agent_id_number, row.authorisation) == (
        "agent", "李四", agent_id, "委托书 2026-118")
    assert statements.records_data(session, account.phone, period).count > 0
    event = AuditEvent.select().where(AuditEvent.action == "subscriber.verify").order_by(AuditEvent.at.desc()).first()
    assert event.detail["agent"] == agent_id[:6] + "********" + agent_id[-4:]  # the audit holds it masked


def test_a_check_lasts_half_an_hour_and_only_for_the_clerk_who_made_it(session, frozen_clock):
    account, period = records_line()
    verify(session, account)
    frozen_clock.advance(minutes=verification.VALID_MINUTES - 1)
    assert statements.records_data(session, account.phone, period).count > 0
    colleague = session
    colleague.staff = Staff.get_by_id("1002")
    with pytest.raises(PermissionDenied):
        statements.records_data(colleague, account.phone, period)
    colleague.staff = Staff.get_by_id("1001")
    frozen_clock.advance(minutes=2)
    with pytest.raises(PermissionDenied, match="Verify the subscriber first"):
        statements.records_data(session, account.phone, period)


def test_no_one_signed_in_verifies_nobody_and_reads_no_records(demo_db):
    account, period = records_line()
    nobody = open_session()
    with pytest.raises(PermissionDenied, match="sign in"):
        verification.by_id_document(nobody, account.id, id_number=owner(account).id_number)
    with pytest.raises(PermissionDenied):
        statements.records_data(nobody, account.phone, period)
    assert SubscriberCheck.select().count() == 0


@pytest.mark.parametrize("code", ["sim_replace", "loss_report", "puk_unlock", "sp_subscribe", "statement_print"])
def test_each_sensitive_business_is_refused_for_an_unverified_subscriber_and_writes_nothing(session, code):
    line = local_line()
    with pytest.raises(PermissionDenied, match="Verify the subscriber first"):
        orders.validate(session, code=code, account_id=line.id, values={})
    with pytest.raises(PermissionDenied, match="Verify the subscriber first"):
        orders.submit(session, code=code, account_id=line.id, values={}, idempotency_key=orders.new_key(),
                      signature_png=signature_png(), id_checked=True)
    assert ServiceOrder.select().count() == 0


def test_a_verified_sim_replacement_records_the_check_on_its_order(session):
    line = local_line()
    checked = verify(session, line)
    order = orders.submit(session, code="sim_replace", account_id=line.id,
                          values={"sim_serial": "8986019000000000001", "reason": "lost"},
                          idempotency_key=orders.new_key(), signature_png=signature_png())
    assert order.id_checked
    event = AuditEvent.get((AuditEvent.action == "order.create") & (AuditEvent.target == order.order_no))
    assert event.detail["check"] == checked.check_id.hex


def test_the_puk_is_told_to_the_verified_subscriber_only_and_never_printed(session):
    line = local_line()
    with pytest.raises(PermissionDenied):
        verification.puk_code(session, line.id)
    verify(session, line)
    order = orders.submit(session, code="puk_unlock", account_id=line.id, values={},
                          idempotency_key=orders.new_key(), signature_png=signature_png())
    code = verification.puk_code(session, line.id)
    sim = SimCard.get((SimCard.account == line.id) & (SimCard.status == "active"))
    assert (code.sim_serial, code.puk) == (sim.serial, sim.puk) and len(code.puk) == 8 and code.puk.isdigit()
    shown = AuditEvent.get(AuditEvent.action == "puk.show")
    assert (shown.target, shown.detail["sim"], shown.staff_no) == (line.phone, sim.serial, "1001")
    text = pdf_text(slip.build(orders.slip_data(session, order), copies=slip.COPIES))
    assert sim.serial in text and code.puk not in text


def test_a_new_sim_gets_its_own_puk(session):
    line = local_line()
    verify(session, line)
    old = SimCard.get((SimCard.account == line.id) & (SimCard.status == "active"))
    orders.submit(session, code="sim_replace", account_id=line.id,
                  values={"sim_serial": "8986019000000000002", "reason": "damaged"},
                  idempotency_key=orders.new_key(), signature_png=signature_png())
    new = SimCard.get(SimCard.serial == "8986019000000000002")
    assert len(new.puk) == 8 and new.puk != old.puk
    assert verification.puk_code(session, line.id).puk == new.puk


def test_a_check_is_remembered_per_line(session):
    first, second = Account.select().order_by(Account.phone).limit(2)
    verify(session, first)
    assert verification.current(session, first.id) is not None
    assert verification.current(session, second.id) is None
    verification.forget(session)
    assert verification.current(session, first.id) is None
