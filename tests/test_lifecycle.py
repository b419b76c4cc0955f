"""A line's life: every business checks the line's state before the customer signs, and a
void undoes a business only when nothing done since depends on it."""

from __future__ import annotations

import pytest

from counter_app.errors import Conflict, PermissionDenied, ValidationError
from counter_app.models import (
    Account,
    Customer,
    Job,
    Payment,
    ServiceOrder,
    SimCard,
    SpService,
    SpSubscription,
)
from counter_app.services import lifecycle, orders, verification
from counter_app.services.passwords import verify_password
from tests.service_data import local_line, signature_png, submit

SIM_A = "89860112345678900011"
SIM_B = "89860112345678900012"


def other_plan(account: Account, *avoid: str) -> str:
    return next(code for code in ("RY58", "RY88", "RY38", "SQ18") if code != account.plan_id and code not in avoid)


def issued(line: Account) -> list[str]:
    return [s.serial for s in lifecycle.issued_sims(line.id)]


def status(line: Account) -> str:
    return Account.get_by_id(line.id).status


def preview(session, code: str, line: Account | None, **values):
    id_checked = values.pop("id_checked", True)
    return orders.preview_data(session, code=code, account_id=line.id if line else None, values=values,
                               id_checked=id_checked)


def test_a_suspension_cannot_be_voided_once_the_line_was_reported_lost(session, manager_session):
    line = local_line()
    suspend = submit(session, "suspend", line, reason="travel")
    loss = submit(session, "loss_report", line, id_checked=True)
    with pytest.raises(Conflict, match=f"the later “挂失” \\(order {loss.order_no}\\) depends on it"):
        orders.void(manager_session, suspend.id, reason="误操作")
    assert status(line) == "lost" and ServiceOrder.get_by_id(suspend.id).status == "done"
    with pytest.raises(Conflict, match="已挂失"):
        submit(session, "puk_unlock", line)  # the reported card stays dead
    # Undone newest first, each void leaves the state the order found.
    orders.void(manager_session, loss.id, reason="误操作")
    assert status(line) == "suspended"
    orders.void(manager_session, suspend.id, reason="误操作")
    assert status(line) == "active"


def test_two_sim_replacements_leave_one_working_card_whatever_is_voided(session, manager_session):
    line = local_line()
    original = issued(line)
    first = submit(session, "sim_replace", line, sim_serial=SIM_A, reason="damaged", id_checked=True)
    second = submit(session, "sim_replace", line, sim_serial=SIM_B, reason="lost", id_checked=True)
    with pytest.raises(Conflict, match=second.order_no):
        orders.void(manager_session, first.id, reason="填错卡号")
    assert issued(line) == [SIM_B]
    orders.void(manager_session, second.id, reason="填错卡号")
    assert issued(line) == [SIM_A]
    orders.void(manager_session, first.id, reason="填错卡号")
    assert issued(line) == original
    # Both serials are back in stock: a voided card can be issued again.
    submit(session, "sim_replace", line, sim_serial=SIM_B, reason="damaged", id_checked=True)
    assert issued(line) == [SIM_B]


def test_a_plan_change_cannot_be_voided_under_a_later_one_and_each_void_restores_the_one_before(
        session, manager_session, frozen_clock):
    line = local_line()
    plan_a = other_plan(line)
    plan_b = other_plan(line, plan_a)
    first = submit(session, "plan_change", line, plan=plan_a)
    second = submit(session, "plan_change", line, plan=plan_b)
    assert lifecycle.pending_plan_change(Account.get_by_id(line.id)).to_plan == plan_b
    with pytest.raises(Conflict, match=second.order_no):
        orders.void(manager_session, first.id, reason="客户改主意")
    orders.void(manager_session, second.id, reason="客户改主意")
    assert (Account.get_by_id(line.id).next_plan_id, Account.get_by_id(line.id).next_plan_from) == (plan_a, "2026-12")
    orders.void(manager_session, first.id, reason="客户改主意")
    assert lifecycle.pending_plan_change(Account.get_by_id(line.id)) is None


def test_the_bill_run_finds_and_applies_the_pending_plan_change_once(session, frozen_clock):
    line = local_line()
    plan = other_plan(line)
    submit(session, "plan_change", line, plan=plan)
    assert [c.to_plan for c in lifecycle.pending_plan_changes("2026-11") if c.account_id == line.id] == []
    due = [c for c in lifecycle.pending_plan_changes("2026-12") if c.account_id == line.id]
    assert [(c.from_plan, c.to_plan, c.effective) for c in due] == [(line.plan_id, plan, "2026-12")]
    assert lifecycle.apply_plan_change(line.id, "2026-12") is True
    assert lifecycle.apply_plan_change(line.id, "2026-12") is False
    assert Account.get_by_id(line.id).plan_id == plan


def test_a_voided_new_subscription_frees_its_number_its_sim_and_the_customer_it_registered(manager_session):
    values = dict(name="周晓明", id_number="11010519491231002X", address="济南市历下区泉城路1号", new_phone="18612345678", plan="RY58",
                  sim_serial=SIM_A, service_password="246810", id_checked=True)
    order = submit(manager_session, "new_subscription", None, **values)
    orders.void(manager_session, order.id, reason="姓名录错")
    assert not Account.select().where(Account.phone == "18612345678").exists()
    assert not SimCard.select().where(SimCard.serial == SIM_A).exists()
    assert not Customer.select().where(Customer.id_number == "11010519491231002X").exists()
    assert sum(p.amount_fen for p in Payment.select().where(Payment.order_id == order.id)) == 0
    # The redo, with the name right, gets the same number and card.
    redo = submit(manager_session, "new_subscription", None, **{**values, "name": "周小明"})
    assert Account.get(Account.phone == "18612345678").id == redo.account_id
    # The voided order's slip still prints, from what the order recorded.
    slip = orders.slip_data(manager_session, ServiceOrder.get_by_id(order.id))
    assert slip.voided and slip.business_zh == "新入网"


def test_a_new_line_in_use_cannot_be_voided(manager_session):
    order = submit(manager_session, "new_subscription", None, name="周晓明", id_number="11010519491231002X",
                   address="济南市历下区泉城路1号", new_phone="18612345678", plan="RY58", sim_serial=SIM_A, service_password="246810",
                   id_checked=True)
    line = Account.get_by_id(order.account_id)
    suspend = submit(manager_session, "suspend", line, reason="travel")
    with pytest.raises(Conflict, match=suspend.order_no):
        orders.void(manager_session, order.id, reason="误操作")
    orders.void(manager_session, suspend.id, reason="误操作")
    orders.void(manager_session, order.id, reason="误操作")
    assert not Account.select().where(Account.phone == "18612345678").exists()


@pytest.mark.parametrize("code, values", [
    ("puk_unlock", {}),
    ("plan_change", {"plan": "PLAN"}),
    ("sp_subscribe", {"service": "SERVICE"}),
    ("resume", {}),
])
def test_a_lost_line_refuses_business_before_the_customer_signs(session, code, values):
    line = local_line()
    submit(session, "loss_report", line, id_checked=True)
    values = {k: other_plan(line) if v == "PLAN" else _free_service(line) if v == "SERVICE" else v
              for k, v in values.items()}
    with pytest.raises(Conflict) as refused:
        preview(session, code, Account.get_by_id(line.id), **values)
    assert "已挂失" in str(refused.value) and "active" not in str(refused.value)
    assert ServiceOrder.select().where(ServiceOrder.business_code == code).count() == 0


def test_a_state_refusal_names_the_states_in_the_clerks_language(session):
    line = local_line()
    submit(session, "loss_report", line, id_checked=True)
    session.lang = "en"
    with pytest.raises(Conflict) as refused:
        preview(session, "puk_unlock", Account.get_by_id(line.id))
    assert "is reported lost; “PUK unlock” can be done only when it is: active, suspended, suspended for arrears" in \
        str(refused.value)


@pytest.mark.parametrize("code", ["plan_change", "sp_subscribe", "phonebook", "invoice", "complaint", "puk_unlock",
                                  "sim_replace", "transfer"])
def test_a_cancelled_line_takes_no_business(session, code):
    line = local_line()
    Account.update(status="closed").where(Account.id == line.id).execute()
    from counter_app.services import catalogue

    with pytest.raises(Conflict, match="已销户"):
        orders.check_allowed(session, catalogue.business(code), Account.get_by_id(line.id))


def test_a_cancelled_lines_bill_can_still_be_printed_for_its_owner(session, frozen_clock):
    line = local_line()
    Account.update(status="closed").where(Account.id == line.id).execute()
    assert submit(session, "statement_print", line, month="2026-10", id_checked=True).status == "done"


def test_a_line_suspended_for_arrears_resumes_only_once_paid(session):
    from counter_app.services import payments

    line = next(a for a in Account.select().where((Account.home_city == "济南") & (Account.status == "active"))
                .order_by(Account.phone) if payments.amount_due(session, a.id) > 0)
    due = payments.amount_due(session, line.id)
    assert due > 0 and lifecycle.mark_arrears(line.id)
    with pytest.raises(Conflict, match="suspended for arrears: it resumes once"):
        submit(session, "resume", line)
    payments.take_payment(session, account_id=line.id, method="cash", amount_fen=due - 1, idempotency_key="part")
    assert status(line) == "arrears"  # one fen still due
    payments.take_payment(session, account_id=line.id, method="cash", amount_fen=1, idempotency_key="arrears")
    assert status(line) == "active"  # the payment that leaves nothing due resumes it (docs/billing.md)


def test_cancelling_a_loss_report_brings_the_same_card_back_to_the_state_before_the_loss(session, manager_session):
    line = local_line()
    card = issued(line)
    with pytest.raises(Conflict, match="“解挂” can be done only when it is: 已挂失"):
        submit(session, "loss_cancel", line, id_checked=True)
    submit(session, "suspend", line, reason="travel")
    submit(session, "loss_report", line, id_checked=True)
    verification.forget(session)  # the customer verified for the loss report has left
    with pytest.raises(PermissionDenied, match="Verify the subscriber"):  # a tick box is not enough
        orders.submit(session, code="loss_cancel", account_id=line.id, values={}, idempotency_key=orders.new_key(),
                      signature_png=signature_png(), id_checked=True)
    found = submit(session, "loss_cancel", line, id_checked=True)
    assert status(line) == "suspended" and issued(line) == card
    assert found.effect_data["sim_serial"] == card[0]
    orders.void(manager_session, found.id, reason="误操作")
    assert status(line) == "lost"


def test_a_transfer_needs_both_ids_and_gives_the_line_and_a_new_password_to_the_new_owner(session, manager_session):
    line = local_line()
    owner = Customer.get_by_id(line.customer_id)
    other = Customer.select().where(Customer.id != owner.id).order_by(Customer.id_number).first()
    values = dict(owner_id_number=other.id_number, new_name="孙丽", new_id_number="370102197501010017",
                  new_address="济南市历下区", service_password="112233", id_checked=True)
    session.staff = manager_session.staff  # the specialty rule is not the point here
    with pytest.raises(ValidationError, match="not the one the number"):
        submit(session, "transfer", line, **values)
    with pytest.raises(ValidationError, match="registered to another name"):
        submit(session, "transfer", line, **{**values, "owner_id_number": owner.id_number,
                                             "new_id_number": other.id_number})
    order = submit(session, "transfer", line, **{**values, "owner_id_number": owner.id_number})
    moved = Account.get_by_id(line.id)
    new_owner = Customer.get(Customer.id_number == "370102197501010017")
    assert moved.customer_id == new_owner.id and order.customer_id == new_owner.id
    assert verify_password(moved.service_password_hash, "112233")
    shown = {zh: text for zh, _, text in order.fields["display"]}
    assert shown["原机主"] == owner.name and shown["新机主身份证号码"] == "370102********0017"
    assert "112233" not in str(order.fields) + str(order.effect_data)
    orders.void(manager_session, order.id, reason="材料不全")
    back = Account.get_by_id(line.id)
    assert back.customer_id == owner.id and not verify_password(back.service_password_hash, "112233")
    assert not Customer.select().where(Customer.id_number == "370102197501010017").exists()


def test_a_repair_is_taken_in_done_and_picked_up_with_its_claim_slip(session, manager_session):
    from counter_app.services import signing

    line = local_line()
    intake = submit(session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237518", fault="不开机")
    claim = orders.slip_data(session, intake).qr_text
    with pytest.raises(ValidationError, match="still being repaired"):
        submit(session, "repair_pickup", line, claim=claim)
    job = Job.get(Job.order_id == intake.id)
    done = submit(session, "repair_close", line, job=job.id.hex, result="repaired", charge="35", note="更换电池")
    assert Job.get_by_id(job.id).status == "ready"
    with pytest.raises(Conflict, match=done.order_no):
        orders.void(manager_session, intake.id, reason="误操作")
    other = Account.select().where((Account.id != line.id) & (Account.status == "active")).first()
    with pytest.raises(ValidationError, match="belongs to another number"):
        submit(session, "repair_pickup", other, claim=claim)
    with pytest.raises(ValidationError, match="signature does not hold"):
        submit(session, "repair_pickup", line, claim=claim[:-1] + ("A" if claim[-1] != "A" else "B"))
    pickup = submit(session, "repair_pickup", line, claim=claim, fee_method="cash")
    assert Job.get_by_id(job.id).status == "picked_up" and pickup.fee_fen == 3500
    assert Payment.get(Payment.order_id == pickup.id).amount_fen == 3500
    with pytest.raises(ValidationError, match="already been picked up"):
        submit(session, "repair_pickup", line, claim=intake.order_no)
    assert signing.parse(claim)[0] == "order"


def test_a_subscription_with_a_dispute_cannot_be_voided_away(session, manager_session):
    line = local_line()
    order = submit(session, "sp_subscribe", line, service=_free_service(line))
    sub = SpSubscription.get_by_id(order.effect_data["subscription_id"])
    session.staff = manager_session.staff
    dispute = submit(session, "sp_dispute", line, subscription=sub.id.hex, description="未经同意开通")
    with pytest.raises(Conflict, match=dispute.order_no):
        orders.void(manager_session, order.id, reason="误操作")


def _free_service(line: Account) -> str:
    active = {s.service_id for s in SpSubscription.select().where((SpSubscription.account == line.id)
                                                                  & SpSubscription.end_date.is_null())}
    return next(s.code for s in SpService.select().order_by(SpService.code) if s.code not in active)
