"""先行赔付 through the services: the refund as an account credit, its limits and approval,
the claim against the SP, and a double click that pays once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from counter_app.errors import Conflict, PermissionDenied
from counter_app.models import (
    AuditEvent,
    Complaint,
    DayClose,
    Outbox,
    Payment,
    SpClaim,
    SpSubscription,
)
from counter_app.money import format_yuan
from counter_app.services import complaint_refunds as refunds
from counter_app.services import complaints, ledger
from tests.complaint_data import line_with_sp_charges


def _sp_complaint(session, account, subscription_service=None):
    linked = [{"kind": "sp_subscription", "service_code": subscription_service}] if subscription_service else []
    return complaints.open_complaint(session, customer_id=account.customer_id, account_id=account.id,
                                     phone=account.phone, category="sp_charge",
                                     description="从未订购彩铃却每月扣费", linked=linked)


def _money_rows():
    return (Payment.select().count(), SpClaim.select().count(), Outbox.select().count())


def test_a_clerk_refunds_a_wrong_sp_charge_as_a_credit_and_claims_it_from_the_sp(session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    item = items[0]
    complaint = _sp_complaint(session, account, item.service_code)
    offered = refunds.refundable_items(session, complaint.id)
    chosen = next(o for o in offered if o.bill_item_id == item.id)
    assert chosen.linked and not chosen.claimed and chosen.amount_fen == item.amount_fen
    balance = ledger.balance(account.id)

    result = refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="dlg-1",
                                cancel_subscription=True)

    assert result.amount_fen == item.amount_fen and not result.repeated and result.approved_by == ""
    payment = Payment.get_by_id(result.payment_id)
    # signed from the hall's takings: the hall gives the money; the customer's balance rises
    assert (payment.kind, payment.method, payment.amount_fen) == ("compensation", "credit", -item.amount_fen)
    assert payment.receipt_no.startswith("D")
    assert payment.reference == complaint.complaint_no and payment.account_id == account.id
    assert ledger.balance(account.id) == balance + item.amount_fen
    claim = SpClaim.get(SpClaim.payment_id == payment.id)
    assert (claim.sp_code, claim.service_code, claim.period, claim.amount_fen) == (
        item.sp_code, item.service_code, item.bill.period, item.amount_fen)
    sub = SpSubscription.get((SpSubscription.account == account.id) & (SpSubscription.service == item.service_code))
    assert sub.end_date == frozen_clock.current.date()
    stored = Complaint.get_by_id(complaint.id)
    assert stored.status == "replied" and stored.replied_at <= stored.deadline_at
    assert [s.kind for s in complaints.steps(session, complaint.id)] == ["opened", "compensated", "replied"]
    event = AuditEvent.get(AuditEvent.action == "complaint.refund")
    assert event.detail["amount_fen"] == item.amount_fen and event.detail["cancelled"] == [item.service_code]
    assert Outbox.select().where(Outbox.table == "payment").count() == 1
    assert refunds.refundable_items(session, complaint.id)[offered.index(chosen)].claimed


def test_a_double_click_refunds_once(session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    balance = ledger.balance(account.id)
    first = refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="dlg-2")
    second = refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="dlg-2")
    assert second.repeated and second.payment_id == first.payment_id and second.receipt_no == first.receipt_no
    assert Payment.select().where(Payment.kind == "compensation").count() == 1
    assert ledger.balance(account.id) == balance + items[0].amount_fen
    # a new dialog for the same charge: refused, it was refunded already
    with pytest.raises(Conflict, match="already refunded"):
        refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="dlg-3")


def test_two_clicks_racing_on_two_threads_refund_once(session, db_path, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    balance = ledger.balance(account.id)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def click():
        try:
            barrier.wait()
            results.append(refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id],
                                              idempotency_key="race"))
        except Exception as exc:  # noqa: BLE001 - the test reports it below
            errors.append(exc)
        finally:
            from counter_app.models import db

            db.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len({r.payment_id for r in results}) == 1
    assert Payment.select().where(Payment.kind == "compensation").count() == 1
    assert ledger.balance(account.id) == balance + items[0].amount_fen


def test_above_the_limit_a_manager_must_approve(session, manager_session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    big = items[0]
    limit = big.amount_fen - 1  # one fen short of the charge
    refunds.set_refund_limits(manager_session, months_back=3, amount_fen=limit)
    complaint = _sp_complaint(session, account)
    before = _money_rows()
    with pytest.raises(PermissionDenied, match=f"above the refund limit of {format_yuan(limit)} yuan"):
        refunds.compensate(session, complaint.id, bill_item_ids=[big.id], idempotency_key="a1")
    with pytest.raises(PermissionDenied, match="refused"):
        refunds.compensate(session, complaint.id, bill_item_ids=[big.id], idempotency_key="a1",
                           approver_no="2001", approver_password="wrong")
    with pytest.raises(PermissionDenied, match="refused"):  # a clerk cannot approve
        refunds.compensate(session, complaint.id, bill_item_ids=[big.id], idempotency_key="a1",
                           approver_no="1004", approver_password="123456")
    assert _money_rows()[:2] == before[:2]
    assert AuditEvent.select().where(AuditEvent.action == "complaint.refund_approval_failed").count() == 2
    done = refunds.compensate(session, complaint.id, bill_item_ids=[big.id], idempotency_key="a1",
                              approver_no="2001", approver_password="123456")
    assert done.approved_by == "2001"
    assert SpClaim.get(SpClaim.payment_id == done.payment_id).approved_by == "2001"
    assert Payment.get_by_id(done.payment_id).staff_no == "1001"  # the clerk paid, the manager approved


def test_charges_older_than_the_months_limit_need_approval_a_signed_in_manager_gives_it(
        session, manager_session, frozen_clock):
    account, _recent = line_with_sp_charges(min_recent=1, months=6)
    complaint = _sp_complaint(session, account)
    old = [i for i in refunds.refundable_items(session, complaint.id) if i.months_back > 3]
    if not old:
        pytest.skip("no old SP charge on this line")
    with pytest.raises(PermissionDenied, match="3 bill months"):
        refunds.compensate(session, complaint.id, bill_item_ids=[old[0].bill_item_id], idempotency_key="m1")
    done = refunds.compensate(manager_session, complaint.id, bill_item_ids=[old[0].bill_item_id],
                              idempotency_key="m1")
    assert done.approved_by == "2001"


def test_within_the_limit_no_approval_is_needed_and_several_months_add_up(session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=2)
    complaint = _sp_complaint(session, account)
    two = items[:2]
    total = sum(i.amount_fen for i in two)
    assert total <= refunds.refund_limits(session.hall_code).amount_fen
    done = refunds.compensate(session, complaint.id, bill_item_ids=[i.id for i in two], idempotency_key="k")
    assert done.amount_fen == total and done.claims == 2
    assert SpClaim.select().where(SpClaim.payment_id == done.payment_id).count() == 2


def test_only_sp_charge_complaints_about_the_lines_own_charges_are_refunded(session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    billing = complaints.open_complaint(session, account_id=account.id, category="billing", description="多收费")
    with pytest.raises(Conflict, match="only for SP charge"):
        refunds.compensate(session, billing.id, bill_item_ids=[items[0].id], idempotency_key="x1")
    other_account, other_items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    foreign = [i.id for i in other_items if i.bill.account_id != account.id]
    with pytest.raises(Exception, match="this line"):
        refunds.compensate(session, complaint.id, bill_item_ids=foreign or [999_999], idempotency_key="x2")
    assert Payment.select().count() == 0


def test_no_refund_on_a_closed_day(session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    DayClose.create(hall=session.hall_code, business_date=frozen_clock.current.date(), closed_by="2001")
    with pytest.raises(Conflict, match="closed"):
        refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="d1")
    assert Payment.select().count() == 0 and SpClaim.select().count() == 0


def test_the_claims_list_groups_by_sp_and_month(session, manager_session, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="c1")
    rows = refunds.claims_for_month(manager_session, "2026-11")
    assert [(r.sp_code, r.amount_fen, r.complaint_no) for r in rows] == [
        (items[0].sp_code, items[0].amount_fen, complaint.complaint_no)]
    assert "****" in rows[0].phone
    assert refunds.claims_for_month(manager_session, "2026-10") == []
    assert refunds.claims_for_month(manager_session, "2026-11", sp_code="NOPE") == []
    assert rows[0].paid_on == dt.date(2026, 11, 25)


@pytest.mark.postgres
def test_intake_refund_escalation_and_analysis_work_on_postgresql(pg_url, frozen_clock):
    from counter_app.db import close_database, open_database
    from counter_app.models import Staff
    from counter_app.services.complaint_report import monthly_analysis
    from counter_app.services.demo import build_demo
    from counter_app.services.session import open_session

    open_database(pg_url)
    try:
        build_demo(60, detailed=30)
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        account, items = line_with_sp_charges(min_recent=1)
        complaint = _sp_complaint(session, account, items[0].service_code)
        done = refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="pg-1")
        again = refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="pg-1")
        assert again.repeated and again.payment_id == done.payment_id
        late = complaints.open_complaint(session, account_id=account.id, category="billing", description="多收")
        frozen_clock.advance(hours=73)
        assert complaints.check_escalations(session) == [late.complaint_no]
        assert complaints.check_escalations(session) == []
        manager = open_session(counter_number=6)
        manager.staff = Staff.get_by_id("2001")
        data = monthly_analysis(manager, "2026-11")
        assert (data.total, data.refunds, data.refunds_fen, len(data.overdue)) == (2, 1, items[0].amount_fen, 1)
    finally:
        close_database()


def test_the_days_settlement_shows_the_refund_as_a_credit_not_as_drawer_cash(session, manager_session, frozen_clock):
    from counter_app.services.settlement import settlement

    account, items = line_with_sp_charges(min_recent=1)
    complaint = _sp_complaint(session, account)
    refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="s1")
    day = settlement(manager_session, frozen_clock.current.date())
    assert (day.credits.count, day.credits.amount_fen) == (1, -items[0].amount_fen)
    clerk = next(c for c in day.clerks if c.staff_no == "1001")
    assert clerk.expected_cash_fen == 0 and day.takings.count == 0


def test_the_managers_limits_form_saves_all_or_nothing(manager_session):
    from counter_app.errors import ValidationError

    with pytest.raises(ValidationError):
        refunds.save_limits(manager_session, hours={"sp_charge": 12}, months_back=99, amount_fen=3000)
    assert complaints.deadline_hours(manager_session.hall_code)["sp_charge"] == 24  # not half saved
    refunds.save_limits(manager_session, hours={"sp_charge": 12}, months_back=4, amount_fen=3000)
    assert complaints.deadline_hours(manager_session.hall_code)["sp_charge"] == 12
    assert refunds.refund_limits(manager_session.hall_code) == refunds.RefundLimits(4, 3000)
