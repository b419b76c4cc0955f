"""冲正 by override: any payment of the day, found by receipt or customer, reversed at any
counter with the authoriser's own password; the audit names the clerk and the authoriser."""

from __future__ import annotations

import pytest

from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import Account, AuditEvent, Payment, Staff
from counter_app.services import complaints, ledger, payments, reversals
from counter_app.services.session import open_session


def local_account(session) -> Account:
    return Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone).first()


@pytest.fixture
def other_clerk(demo_db):
    """张丽 (1003) at counter 3: she took the payment that turns out to be wrong."""
    s = open_session(counter_number=3)
    s.staff = Staff.get_by_id("1003")
    return s


def test_a_clerk_not_allowed_to_reverse_does_it_with_the_managers_password(session, other_clerk, frozen_clock):
    account = local_account(session)
    wrong = payments.take_payment(other_clerk, account_id=account.id, method="cash", amount_fen=1000,
                                  tendered_fen=1000, idempotency_key="p1")
    assert reversals.needs_authoriser(session)  # 王芳 (1001) is not on the list
    found = reversals.find_payments(session, wrong.receipt_no.lower())
    assert [r.id for r in found] == [wrong.id] and found[0].staff_no == "1003"

    reversal = reversals.reverse(session, wrong.id, reason="收错号码", idempotency_key="x1",
                                 authoriser_no="2001", authoriser_password="123456")
    assert (reversal.kind, reversal.amount_fen, reversal.staff_no) == ("reversal", -1000, "1001")
    assert ledger.balance(account.id) == account.balance_fen
    event = AuditEvent.get(AuditEvent.action == "payment.reverse")
    assert event.staff_no == "1001"
    assert (event.detail["clerk"], event.detail["authoriser"], event.detail["original_clerk"]) == ("1001", "2001",
                                                                                                 "1003")


def test_a_wrong_password_or_a_clerk_without_the_right_is_refused_audited_and_changes_nothing(session, other_clerk,
                                                                                            frozen_clock):
    account = local_account(session)
    paid = payments.take_payment(other_clerk, account_id=account.id, method="pos", amount_fen=2000,
                                 reference="123456", idempotency_key="p1")
    with pytest.raises(PermissionDenied, match="refused"):
        reversals.reverse(session, paid.id, reason="错了", idempotency_key="x1", authoriser_no="2001",
                          authoriser_password="654321")
    with pytest.raises(PermissionDenied, match="refused"):  # 李强 may not reverse: his password is no use
        reversals.reverse(session, paid.id, reason="错了", idempotency_key="x2", authoriser_no="1002",
                          authoriser_password="123456")
    with pytest.raises(PermissionDenied, match="authorise"):
        reversals.reverse(session, paid.id, reason="错了", idempotency_key="x3")
    with pytest.raises(ValidationError, match="reason"):  # no reason: refused before any password is tried
        reversals.reverse(session, paid.id, reason=" ", idempotency_key="x4", authoriser_no="2001",
                          authoriser_password="nope")
    refused = AuditEvent.select().where(AuditEvent.action == "payment.reverse_approval_failed")
    assert sorted(e.target for e in refused) == ["1002", "2001"]
    assert Payment.select().where(Payment.kind == "reversal").count() == 0


def test_the_allowed_clerk_finds_another_clerks_payment_by_the_customers_number(session, other_clerk, frozen_clock):
    account = local_account(session)
    first = payments.take_payment(other_clerk, account_id=account.id, method="cash", amount_fen=500,
                                  tendered_fen=500, idempotency_key="p1")
    second = payments.take_payment(session, account_id=account.id, method="cash", amount_fen=700, tendered_fen=1000,
                                   idempotency_key="p2")
    session.staff = Staff.get_by_id("1004")  # 刘洋 may reverse
    assert not reversals.needs_authoriser(session)
    found = reversals.find_payments(session, account.phone)
    assert [r.id for r in found] == [second.id, first.id]  # both clerks', newest first
    reversals.reverse(session, first.id, reason="重复缴费", idempotency_key="x1")
    assert [r.reversed for r in reversals.find_payments(session, account.phone)] == [False, True]
    event = AuditEvent.get(AuditEvent.action == "payment.reverse")
    assert (event.detail["clerk"], event.detail["authoriser"]) == ("1004", "1004")
    with pytest.raises(ValidationError, match="receipt number or the customer"):
        reversals.find_payments(session, "  ")


def test_complaints_and_reversals_have_their_own_letters_and_sequences(session, frozen_clock):
    account = local_account(session)
    complaint = complaints.open_complaint(session, account_id=account.id, category="billing", description="多收费")
    paid = payments.take_payment(session, account_id=account.id, method="cash", amount_fen=500, tendered_fen=500,
                                 idempotency_key="p1")
    session.staff = Staff.get_by_id("1004")
    reversal = reversals.reverse(session, paid.id, reason="收错", idempotency_key="x1")
    assert complaint.complaint_no[0] == "C" and reversal.receipt_no[0] == "X"
    assert complaint.complaint_no.endswith("00001") and reversal.receipt_no.endswith("00001")
