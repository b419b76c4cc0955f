"""SP fee disputes at the counter: a customer who already cancelled a service disputes what
it charged; the dispute order stops the service and refunds the charges at once, within the
clerk's limit, or leaves them for a manager above it."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.models import Account, Bill, BillItem, Complaint, Payment, SpClaim, SpSubscription, Staff
from counter_app.services import catalogue, complaint_refunds, ledger, orders
from tests.service_data import submit


@pytest.fixture
def today():
    # The demo's last bill month is the one before the build day; the refund window is three
    # bill months back from today.
    fixed = clock.FrozenClock(clock.now().replace(hour=10, minute=0, second=0, microsecond=0))
    clock.set_clock(fixed)
    yield fixed
    clock.set_clock(None)


def charged_subscription() -> tuple[Account, SpSubscription, int]:
    """A line with an active SP subscription whose service is on its bills: (line, sub, the
    charges of that service on the bills of the refund window)."""
    window = {b.period for b in Bill.select(Bill.period).distinct()}
    for item in (BillItem.select(BillItem, Bill).join(Bill).where((BillItem.group == "sp") & (BillItem.amount_fen > 0))
                 .order_by(Bill.period.desc())):
        sub = SpSubscription.get_or_none((SpSubscription.account == item.bill.account_id)
                                         & (SpSubscription.service == item.service_code)
                                         & SpSubscription.end_date.is_null())
        line = Account.get_by_id(item.bill.account_id)
        if sub is not None and line.home_city == "济南" and line.status == "active":
            today = clock.today()
            charges = [i.amount_fen for i in BillItem.select().join(Bill).where(
                (Bill.account == line.id) & (BillItem.service_code == sub.service_id) & (BillItem.amount_fen > 0))
                if complaint_refunds.months_back_of(i.bill.period, today) <= 3]
            if charges and window:
                return line, sub, sum(charges)
    raise AssertionError("the demo has no line with a billed SP subscription")


def offered(line: Account) -> list[str]:
    spec = next(f for f in catalogue.business("sp_dispute").fields if f.name == "subscription")
    return [c.value for c in catalogue.options(spec, line)]


def test_a_cancelled_service_can_be_disputed_within_the_refund_window_only(manager_session, today):
    line, sub, _ = charged_subscription()
    submit(manager_session, "sp_cancel", line, subscription=sub.id.hex)
    assert sub.id.hex in offered(line)
    label = next(c.label("en") for c in catalogue.options(
        next(f for f in catalogue.business("sp_dispute").fields if f.name == "subscription"), line)
        if c.value == sub.id.hex)
    assert "cancelled" in label
    # Ended before the window (four bill months ago): not offered, and refused if typed in.
    SpSubscription.update(end_date=dt.date(2000, 1, 31)).where(SpSubscription.id == sub.id).execute()
    assert sub.id.hex not in offered(line)
    with pytest.raises(ValidationError, match="from the list"):
        submit(manager_session, "sp_dispute", line, subscription=sub.id.hex, description="未订购")


def test_a_dispute_stops_the_service_and_refunds_its_charges_at_once_within_the_clerks_limit(session, today):
    line, sub, charges = charged_subscription()
    session.staff = Staff.get_by_id("1003")  # the calming specialist, a clerk
    complaint_refunds.set_refund_limits(_manager(session), months_back=3, amount_fen=max(charges, 100))
    balance = ledger.balance(line.id)
    order = submit(session, "sp_dispute", line, subscription=sub.id.hex, description="从未订购，要求退费")
    assert SpSubscription.get_by_id(sub.id).end_date == clock.today()
    complaint = Complaint.get(Complaint.order_id == order.id)
    credit = Payment.get((Payment.kind == "compensation") & (Payment.account_id == line.id))
    assert -credit.amount_fen == charges == order.effect_data["refunded_fen"]
    assert SpClaim.select().where(SpClaim.complaint_id == complaint.id).count() >= 1
    assert ledger.balance(line.id) == balance + charges
    shown = {f.label_zh: f.text for f in orders.slip_data(session, order).fields}
    assert shown["先行赔付"].startswith(f"¥{charges // 100}.") and credit.receipt_no in shown["先行赔付"]
    assert "退订" in shown["停止收费"]


def test_above_the_clerks_limit_the_dispute_waits_for_a_manager(session, today):
    line, sub, charges = charged_subscription()
    session.staff = Staff.get_by_id("1003")
    complaint_refunds.set_refund_limits(_manager(session), months_back=3, amount_fen=1)
    order = submit(session, "sp_dispute", line, subscription=sub.id.hex, description="从未订购")
    assert order.effect_data["pending_fen"] == charges and order.effect_data["refunded_fen"] == 0
    assert not Payment.select().where(Payment.kind == "compensation").exists()
    shown = {f.label_zh: f.text for f in orders.slip_data(session, order).fields}
    assert "above the clerk's limit" in shown["待经理审批"]
    # The manager approves in the complaints tab, as before.
    complaint = Complaint.get(Complaint.order_id == order.id)
    items = [i.bill_item_id for i in complaint_refunds.refundable_items(session, complaint.id) if i.linked]
    paid = complaint_refunds.compensate(_manager(session), complaint.id, bill_item_ids=items, idempotency_key="mgr")
    assert paid.amount_fen >= charges


def test_a_dispute_recorded_for_review_changes_nothing_yet(session, today):
    line, sub, _ = charged_subscription()
    session.staff = Staff.get_by_id("1003")
    order = submit(session, "sp_dispute", line, subscription=sub.id.hex, description="核实后处理", action="review")
    assert SpSubscription.get_by_id(sub.id).end_date is None
    assert not Payment.select().where(Payment.kind == "compensation").exists()
    assert Complaint.get(Complaint.order_id == order.id).category == "sp_charge"


def _manager(session):
    from counter_app.services.session import open_session

    manager = open_session(counter_number=6)
    manager.staff = Staff.get_by_id("2001")
    return manager
