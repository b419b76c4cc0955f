"""Every business of the catalogue through the services: what the customer asked for really
happens, in one transaction with its fee, audit event and outbox entry, or not at all."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import Conflict, PermissionDenied, UserError, ValidationError
from counter_app.models import (
    Account,
    AuditEvent,
    Customer,
    DayClose,
    Job,
    Outbox,
    Payment,
    ServiceOrder,
    SimCard,
    SpService,
    SpSubscription,
    Staff,
    ValueCardSale,
)
from counter_app.services import catalogue, orders
from counter_app.services.order_ratings import rate_order, rating_of
from tests.service_data import local_line, remote_line, signature_png, submit

NEW_SIM = "89860112345678901234"


def other_plan(account: Account) -> str:
    return "RY88" if account.plan_id != "RY88" else "RY58"


def as_staff(session, staff_no: str):
    session.staff = Staff.get_by_id(staff_no)
    return session


def test_a_plan_change_takes_effect_next_month_and_leaves_one_order_audit_and_outbox_entry(session, frozen_clock):
    line = local_line()
    before_plan, new_plan = line.plan_id, other_plan(line)
    order = submit(session, "plan_change", line, plan=new_plan)
    line = Account.get_by_id(line.id)
    assert line.plan_id == before_plan  # this month is still billed on the old plan
    assert (line.next_plan_id, line.next_plan_from) == (new_plan, "2026-12")
    assert order.order_no.startswith("SJN00120261125")
    assert order.fee_fen == 0 and not Payment.select().where(Payment.order_id == order.id).exists()
    assert AuditEvent.select().where((AuditEvent.action == "order.create") & (AuditEvent.target == order.order_no)).count() == 1
    assert Outbox.select().where((Outbox.table == "service_order") & (Outbox.row_id == order.id)).count() == 1
    assert ("新套餐", "New plan") in [(zh, en) for zh, en, _ in order.fields["display"]]


def test_the_plan_change_form_offers_only_other_plans_and_refuses_the_current_one(session):
    line = local_line()
    biz = catalogue.business("plan_change")
    plan_field = next(f for f in biz.fields if f.name == "plan")
    assert line.plan_id not in [c.value for c in catalogue.options(plan_field, line)]
    with pytest.raises(ValidationError, match="already on this plan"):
        submit(session, "plan_change", line, plan=line.plan_id)
    assert ServiceOrder.select().count() == 0


def test_the_billing_month_roll_over_puts_the_new_plan_in_force(session, frozen_clock):
    from counter_app.services.effects import apply_due_plan_changes

    line = local_line()
    new_plan = other_plan(line)
    submit(session, "plan_change", line, plan=new_plan)
    assert apply_due_plan_changes("2026-11") == 0
    assert apply_due_plan_changes("2026-12") == 1
    line = Account.get_by_id(line.id)
    assert (line.plan_id, line.next_plan_id) == (new_plan, None)


def test_suspend_resume_and_loss_report_change_the_line_status_and_refuse_what_makes_no_sense(session):
    line = local_line()
    submit(session, "suspend", line, reason="travel")
    assert Account.get_by_id(line.id).status == "suspended"
    with pytest.raises(Conflict, match="is 停机; “停机” can be done only when it is: 正常"):
        submit(session, "suspend", line, reason="travel")
    submit(session, "resume", line)
    assert Account.get_by_id(line.id).status == "active"
    submit(session, "loss_report", line, lost_at="公交车上", id_checked=True)
    assert Account.get_by_id(line.id).status == "lost"
    with pytest.raises(Conflict, match="已挂失: it works again with “解挂”.*“补换卡”"):
        submit(session, "resume", line)


def test_a_sim_replacement_retires_the_old_card_takes_the_fee_and_brings_a_lost_line_back(session, frozen_clock):
    line = local_line()
    old_serial = SimCard.get(SimCard.account == line.id).serial
    submit(session, "loss_report", line, id_checked=True)
    with pytest.raises(ValidationError, match="POS slip"):
        submit(session, "sim_replace", line, sim_serial=NEW_SIM, reason="lost", id_checked=True, fee_method="pos")
    order = submit(session, "sim_replace", line, sim_serial=NEW_SIM, reason="lost", id_checked=True, fee_method="pos",
                   fee_reference="000123456789")
    sims = {s.serial: s.status for s in SimCard.select().where(SimCard.account == line.id)}
    assert sims == {old_serial: "retired", NEW_SIM: "active"}
    assert Account.get_by_id(line.id).status == "active"
    fee = Payment.get(Payment.order_id == order.id)
    assert (fee.kind, fee.method, fee.amount_fen, fee.account_id) == ("fee", "pos", 2000, line.id)
    assert fee.reference == "000123456789"
    assert order.effect_data["retired_serials"] == [old_serial]


def test_a_sim_serial_already_issued_is_refused_before_anything_is_written(session):
    line, other = Account.select().order_by(Account.phone).limit(2)
    taken = SimCard.get(SimCard.account == other.id).serial
    with pytest.raises(ValidationError, match="already been issued"):
        submit(session, "sim_replace", line, sim_serial=taken, reason="damaged", id_checked=True)
    with pytest.raises(ValidationError, match="8986"):
        submit(session, "sim_replace", line, sim_serial="1234", reason="damaged", id_checked=True)
    assert ServiceOrder.select().count() == 0 and Payment.select().count() == 0


def test_a_sim_replacement_needs_the_subscriber_verified_a_ticked_box_is_not_enough(session):
    # The check itself: services.verification (tests/regulatory/test_verification.py).
    with pytest.raises(PermissionDenied, match="Verify the subscriber"):
        orders.submit(session, code="sim_replace", account_id=local_line().id,
                      values={"sim_serial": NEW_SIM, "reason": "lost"}, idempotency_key=orders.new_key(),
                      signature_png=signature_png(), id_checked=True)
    assert ServiceOrder.select().count() == 0


def test_puk_unlock_records_the_card_it_unlocked(session):
    line = local_line()
    order = submit(session, "puk_unlock", line)
    assert order.effect_data == {"sim_serial": SimCard.get(SimCard.account == line.id).serial}


def test_sp_subscribe_starts_today_and_cancel_ends_today(session, frozen_clock):
    line = local_line()
    active = {s.service_id for s in SpSubscription.select().where((SpSubscription.account == line.id)
                                                                  & SpSubscription.end_date.is_null())}
    code = next(s.code for s in SpService.select().order_by(SpService.code) if s.code not in active)
    order = submit(session, "sp_subscribe", line, service=code)
    sub = SpSubscription.get((SpSubscription.account == line.id) & (SpSubscription.service == code)
                             & SpSubscription.end_date.is_null())
    assert sub.start_date == dt.date(2026, 11, 25)
    with pytest.raises(ValidationError, match="from the list"):
        submit(session, "sp_subscribe", line, service=code)
    submit(session, "sp_cancel", line, subscription=sub.id.hex)
    assert SpSubscription.get_by_id(sub.id).end_date == dt.date(2026, 11, 25)
    assert order.status == "done"


def test_phonebook_and_repair_intake_record_an_open_job_and_check_the_imei(session):
    line = local_line()
    with pytest.raises(ValidationError, match="check digit of the IMEI"):
        submit(session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237519", fault="不开机")
    order = submit(session, "repair_intake", line, handset="诺基亚 N73", imei="49-015420-323751-8", fault="不开机")
    job = Job.get(Job.order_id == order.id)
    assert (job.kind, job.status, job.detail["imei"]) == ("repair_intake", "open", "490154203237518")
    book = submit(session, "phonebook", line, handset="摩托罗拉 V3", entries="120")
    assert Job.get(Job.order_id == book.id).detail["entries"] == 120


def test_a_value_card_sale_records_the_serials_and_takes_their_face_value(session):
    order = submit(session, "value_card", None, face_value="5000", serials="VC0000001, VC0000002")
    assert sorted(s.serial for s in ValueCardSale.select().where(ValueCardSale.order_id == order.id)) == [
        "VC0000001", "VC0000002"]
    assert order.fee_fen == 10000
    assert Payment.get(Payment.order_id == order.id).amount_fen == 10000
    with pytest.raises(ValidationError, match="VC0000002 has already been sold"):
        submit(session, "value_card", None, face_value="5000", serials="VC0000002")


def test_invoice_and_statement_print_are_recorded_and_the_statement_needs_the_subscriber(session, frozen_clock):
    line = local_line()
    from counter_app.services import payments

    payments.take_payment(session, account_id=line.id, method="cash", amount_fen=5000, idempotency_key="inv-pay")
    invoice = submit(session, "invoice", line, month="2026-11")  # the request's own tests: tests/regulatory
    assert invoice.fields["values"]["title"] == Customer.get_by_id(line.customer_id).name
    with pytest.raises(PermissionDenied, match="Verify the subscriber"):
        orders.submit(session, code="statement_print", account_id=line.id, values={"month": "2026-10"},
                      idempotency_key=orders.new_key(), signature_png=signature_png(), id_checked=True)
    with pytest.raises(ValidationError, match="has not come yet"):
        submit(session, "statement_print", line, month="2027-01", id_checked=True)
    assert submit(session, "statement_print", line, month="2026-10", id_checked=True).status == "done"


def test_a_new_subscription_is_only_for_new_business_staff_and_creates_customer_line_and_sim(session):
    values = dict(name="周晓明", id_number="11010519491231002X", address="济南市历下区泉城路1号",
                  new_phone="18612345678", plan="RY58", sim_serial=NEW_SIM, service_password="246810", id_checked=True)
    with pytest.raises(PermissionDenied, match="specialty “新业务”"):
        submit(session, "new_subscription", None, **values)
    as_staff(session, "1002")
    order = submit(session, "new_subscription", None, **values)
    customer = Customer.get(Customer.id_number == "11010519491231002X")
    line = Account.get(Account.phone == "18612345678")
    assert (line.customer_id, line.plan_id, line.status, line.home_city) == (customer.id, "RY58", "active", "济南")
    assert SimCard.get(SimCard.account == line.id).serial == NEW_SIM
    assert order.account_id == line.id and order.fee_fen == 2000
    assert "246810" not in str(order.fields) and "******" in str(order.fields)
    with pytest.raises(ValidationError, match="check digit"):
        submit(session, "new_subscription", None, **{**values, "id_number": "110105194912310021"})


def test_a_new_line_for_an_existing_customer_must_carry_the_registered_name(session):
    as_staff(session, "1002")
    known = Customer.select().order_by(Customer.id_number).first()
    with pytest.raises(ValidationError, match="another name"):
        submit(session, "new_subscription", None, name="冒名", id_number=known.id_number, address="济南市",
               new_phone="18612345679",
               plan="RY58", sim_serial=NEW_SIM, service_password="246810", id_checked=True)
    assert not Account.select().where(Account.phone == "18612345679").exists()


def test_bill_payment_is_handed_to_the_payment_panel(session):
    with pytest.raises(UserError, match="Payment panel"):
        submit(session, "pay_bill", local_line(), amount="50")


def test_a_double_submit_makes_one_order_and_one_fee(session):
    line = local_line()
    first = submit(session, "sim_replace", line, key="same-key", sim_serial=NEW_SIM, reason="damaged", id_checked=True)
    second = submit(session, "sim_replace", line, key="same-key", sim_serial=NEW_SIM, reason="damaged", id_checked=True)
    assert first.id == second.id
    assert ServiceOrder.select().count() == 1 and Payment.select().count() == 1


def test_a_failure_mid_commit_leaves_nothing_half_done(session, monkeypatch):
    line = local_line()
    sims_before = [(s.serial, s.status) for s in SimCard.select().where(SimCard.account == line.id)]
    outbox_before = Outbox.select().count()

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(orders.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        submit(session, "sim_replace", line, sim_serial=NEW_SIM, reason="damaged", id_checked=True)
    assert [(s.serial, s.status) for s in SimCard.select().where(SimCard.account == line.id)] == sims_before
    assert ServiceOrder.select().count() == 0 and Payment.select().count() == 0
    assert Outbox.select().count() == outbox_before


def test_nothing_is_taken_on_a_closed_day(session, frozen_clock):
    DayClose.create(hall=session.hall_code, business_date=dt.date(2026, 11, 25), closed_by="2001")
    with pytest.raises(Conflict, match="closed"):
        submit(session, "puk_unlock", local_line())
    assert ServiceOrder.select().count() == 0


def test_another_citys_number_gets_only_the_businesses_allowed_for_it(session):
    line = remote_line()
    with pytest.raises(Conflict, match="异地"):
        submit(session, "plan_change", line, plan=other_plan(line))
    assert submit(session, "puk_unlock", line).status == "done"


def test_a_manager_voids_a_sim_replacement_of_today_and_the_old_card_and_the_fee_come_back(session, manager_session):
    line = local_line()
    old = SimCard.get(SimCard.account == line.id)
    order = submit(session, "sim_replace", line, sim_serial=NEW_SIM, reason="damaged", id_checked=True)
    with pytest.raises(PermissionDenied):
        orders.void(session, order.id, reason="填错卡号")
    with pytest.raises(ValidationError, match="reason"):
        orders.void(manager_session, order.id, reason=" ")
    voided = orders.void(manager_session, order.id, reason="填错卡号")
    assert voided.status == "voided" and voided.voided_by == "2001"
    assert SimCard.get_by_id(old.id).status == "active"
    assert not SimCard.select().where(SimCard.serial == NEW_SIM).exists()
    amounts = sorted(p.amount_fen for p in Payment.select().where(Payment.order_id == order.id))
    assert amounts == [-2000, 2000]
    assert AuditEvent.select().where(AuditEvent.action == "order.void").count() == 1
    with pytest.raises(Conflict, match="already been voided"):
        orders.void(manager_session, order.id, reason="again")


def test_voids_undo_plan_status_subscription_job_and_card_sale(session, manager_session):
    line = local_line()
    plan = submit(session, "plan_change", line, plan=other_plan(line))
    orders.void(manager_session, plan.id, reason="客户改主意")
    assert Account.get_by_id(line.id).next_plan_id is None
    suspend = submit(session, "suspend", line, reason="other")
    orders.void(manager_session, suspend.id, reason="误操作")
    assert Account.get_by_id(line.id).status == "active"
    job = submit(session, "phonebook", line, handset="诺基亚", entries="")
    orders.void(manager_session, job.id, reason="客户取消")
    assert Job.get(Job.order_id == job.id).status == "cancelled"
    cards = submit(session, "value_card", None, face_value="10000", serials="VC1000001")
    orders.void(manager_session, cards.id, reason="退卡")
    assert submit(session, "value_card", None, face_value="10000", serials="VC1000001").fee_fen == 10000


def test_an_order_of_an_earlier_day_cannot_be_voided(session, manager_session, frozen_clock):
    order = submit(session, "puk_unlock", local_line())
    frozen_clock.advance(days=1)
    with pytest.raises(Conflict, match="own day"):
        orders.void(manager_session, order.id, reason="late")


def test_every_print_after_the_first_is_a_logged_reprint(session):
    order = submit(session, "puk_unlock", local_line())
    orders.record_print(session, order.id)
    orders.record_print(session, order.id)
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.target == order.order_no).order_by(AuditEvent.at)]
    assert actions.count("order.print") == 1 and actions.count("order.reprint") == 1
    assert ServiceOrder.get_by_id(order.id).prints == 2


def test_the_customer_rates_the_service_once(session):
    order = submit(session, "puk_unlock", local_line())
    rate_order(session, order.id, 5)
    rate_order(session, order.id, 1)  # a second key press does not count again
    assert rating_of(session, order.id) == 5
    with pytest.raises(ValidationError):
        rate_order(session, order.id, 6)


def test_a_missing_signature_is_refused(session):
    with pytest.raises(ValidationError, match="signed"):
        orders.submit(session, code="suspend", account_id=local_line().id, values={}, idempotency_key="k",
                      signature_png=b"")


def test_every_business_type_of_the_catalogue_has_an_effect_this_build_knows(demo_db):
    from counter_app.services.effects import known_effects

    assert {b.effect for b in catalogue.businesses()} <= known_effects()
    assert len(catalogue.businesses()) == 21




def test_a_complaint_and_an_sp_dispute_open_complaints_linked_to_their_order(session):
    from counter_app.models import Complaint

    line = local_line()
    order = submit(session, "complaint", line, category="network", description="家里信号差", wish="尽快处理")
    complaint = Complaint.get(Complaint.order_id == order.id)
    assert (complaint.category, complaint.account_id) == ("network", line.id)
    assert order.effect_data["complaint_no"] == complaint.complaint_no
    sub = SpSubscription.select().where(SpSubscription.end_date.is_null()).first()
    dispute = submit(session, "sp_dispute", Account.get_by_id(sub.account_id), subscription=sub.id.hex,
                     description="未订购却被扣费")
    assert Complaint.get(Complaint.order_id == dispute.id).category == "sp_charge"


def test_an_order_with_its_fee_and_its_void_work_on_postgresql(pg_url):
    from counter_app.db import close_database, open_database
    from counter_app.services.demo import build_demo
    from counter_app.services.session import open_session

    open_database(pg_url)
    try:
        build_demo(30, detailed=2)
        clerk, manager = open_session(counter_number=1), open_session(counter_number=6)
        clerk.staff, manager.staff = Staff.get_by_id("1001"), Staff.get_by_id("2001")
        line = local_line()
        order = submit(clerk, "sim_replace", line, sim_serial=NEW_SIM, reason="damaged", id_checked=True)
        assert SimCard.get(SimCard.serial == NEW_SIM).account_id == line.id
        assert Payment.get(Payment.order_id == order.id).amount_fen == 2000
        orders.void(manager, order.id, reason="填错")
        assert not SimCard.select().where(SimCard.serial == NEW_SIM).exists()
        assert sum(p.amount_fen for p in Payment.select().where(Payment.order_id == order.id)) == 0
        cards = submit(clerk, "value_card", None, face_value="5000", serials="VC0000001 VC0000002")
        assert cards.fee_fen == 10000 and cards.fields["values"]["serials"] == ["VC0000001", "VC0000002"]
        manager_new = submit(manager, "new_subscription", None, name="周晓明", id_number="11010519491231002X",
                             address="济南市历下区泉城路1号", new_phone="18612345678", plan="RY58", sim_serial="89860112345678900002",
                             service_password="246810", id_checked=True)
        assert Account.get(Account.phone == "18612345678").id == manager_new.account_id
    finally:
        close_database()
