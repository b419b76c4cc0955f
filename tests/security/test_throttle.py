"""Every secret goes through one throttle: staff passwords (sign-in and approvals), the
kiosk's manager PIN and customers' service passwords. A guesser is stopped after a few tries,
a right guess is refused while locked, and each lock-out lasts longer than the one before."""

from __future__ import annotations

import pytest

from counter_app.errors import PermissionDenied
from counter_app.models import AuditEvent, Payment, SpClaim
from counter_app.services import auth, complaints, setup, statements
from counter_app.services import complaint_refunds as refunds
from counter_app.services.queue_kiosk import leave_kiosk
from counter_app.services.session import open_session
from counter_app.services.throttle import POLICIES, Locked, Secret
from tests.complaint_data import line_with_sp_charges, plain_line


def _count(action: str) -> int:
    return AuditEvent.select().where(AuditEvent.action == action).count()


def _refund_above_the_limit(session, manager_session):
    account, items = line_with_sp_charges(min_recent=1)
    refunds.set_refund_limits(manager_session, months_back=3, amount_fen=1)
    complaint = complaints.open_complaint(session, customer_id=account.customer_id, account_id=account.id,
                                          phone=account.phone, category="sp_charge", description="从未订购却扣费")
    return complaint, items[0]


def test_thirty_wrong_approvals_lock_the_manager_who_then_approves_nothing(session, manager_session, frozen_clock):
    complaint, item = _refund_above_the_limit(session, manager_session)
    refused = []
    for _ in range(30):
        with pytest.raises(PermissionDenied) as error:
            refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="guess",
                               approver_no="2001", approver_password="000000")
        refused.append(type(error.value))
    assert refused.count(Locked) == 30 - 4  # the fifth wrong password locked 2001
    # The right password no longer approves, and 2001 cannot sign in either.
    with pytest.raises(Locked):
        refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="guess",
                           approver_no="2001", approver_password="123456")
    with pytest.raises(Locked, match="locked for 15 more minutes"):
        auth.login(open_session(), "2001", "123456")
    # Signed in before the lock, the manager cannot approve at their own screen either.
    with pytest.raises(Locked):
        refunds.compensate(manager_session, complaint.id, bill_item_ids=[item.id], idempotency_key="own")
    assert Payment.select().where(Payment.kind == "compensation").count() == 0
    assert SpClaim.select().count() == 0
    assert _count("complaint.refund_approval_failed") == 5
    assert _count("complaint.refund_approval_locked") == 25 + 2  # the locked tries, the right one, the own screen

    frozen_clock.advance(minutes=16)
    done = refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="later",
                              approver_no="2001", approver_password="123456")
    assert done.approved_by == "2001"


def test_sign_in_and_approval_share_one_count(session, manager_session, frozen_clock):
    complaint, item = _refund_above_the_limit(session, manager_session)
    for _ in range(3):
        with pytest.raises(PermissionDenied, match="Wrong staff number"):
            auth.login(open_session(), "2001", "nope-nope")
    with pytest.raises(PermissionDenied, match="approval was refused"):
        refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="k",
                           approver_no="2001", approver_password="nope-nope")
    with pytest.raises(Locked):  # the fifth wrong try, whichever the door
        auth.login(open_session(), "2001", "nope-nope")


def test_a_clerk_typing_their_own_password_approves_nothing_and_is_counted(session, manager_session):
    complaint, item = _refund_above_the_limit(session, manager_session)
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            refunds.compensate(session, complaint.id, bill_item_ids=[item.id], idempotency_key="k",
                               approver_no="1004", approver_password="123456")
    with pytest.raises(Locked):  # the clerk's own account is locked by the attempts
        auth.login(open_session(), "1004", "123456")


def test_ten_wrong_kiosk_pins_lock_the_kiosk_exit_with_a_growing_lock_out(session, frozen_clock):
    kiosk = open_session()  # nobody signed in at a kiosk
    errors = []
    for _ in range(10):
        with pytest.raises(PermissionDenied) as error:
            leave_kiosk(kiosk, "0000")
        errors.append(error.value)
    assert [type(e) for e in errors[:4]] == [PermissionDenied] * 4
    assert all(isinstance(e, Locked) for e in errors[4:])
    assert "Too many wrong PINs" in errors[4].text()
    with pytest.raises(Locked):
        leave_kiosk(kiosk, "8888")  # the right PIN is refused while locked
    assert _count("kiosk.exit") == 0
    first = POLICIES[Secret.KIOSK_PIN].lock_minutes
    frozen_clock.advance(minutes=first + 1)
    for _ in range(5):  # the next run of wrong PINs locks twice as long
        with pytest.raises(PermissionDenied):
            leave_kiosk(kiosk, "0000")
    frozen_clock.advance(minutes=first + 1)
    with pytest.raises(Locked, match=f"for {first - 1} more minutes"):
        leave_kiosk(kiosk, "8888")
    frozen_clock.advance(minutes=first)
    leave_kiosk(kiosk, "8888")
    assert _count("kiosk.exit") == 1
    assert _count("kiosk.exit_refused") == 10  # the wrong PINs counted before each lock


def test_guessing_a_customers_service_password_stops_after_a_few_tries(session):
    kiosk = open_session()
    other, _items = line_with_sp_charges(min_recent=1)  # a line with bills
    victim = plain_line(0) if plain_line(0).id != other.id else plain_line(1)
    tried = 0
    for guess in range(100_000, 100_100):  # a script trying every password in turn
        tried += 1
        try:
            statements.kiosk_bill(kiosk, victim.phone, str(guess))
        except Locked:
            break
        except PermissionDenied:
            continue
    assert tried == POLICIES[Secret.SERVICE_PASSWORD].max_failures
    with pytest.raises(Locked, match="Too many wrong passwords for this number"):
        statements.kiosk_bill(kiosk, victim.phone, "123456")
    assert statements.kiosk_bill(kiosk, other.phone, "123456").header.phone == other.phone  # others unaffected
    assert _count("kiosk.bill_denied") == tried


def test_a_new_password_set_by_a_manager_unlocks_the_clerk(session, manager_session):
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.login(open_session(), "1003", "wrong-one")
    with pytest.raises(Locked):
        auth.login(open_session(), "1003", "123456")
    setup.reset_password(manager_session, "1003", "fresh-pass")
    assert auth.login(open_session(), "1003", "fresh-pass").staff_no == "1003"


def test_the_throttle_refuses_to_count_inside_a_transaction(session):
    from counter_app.models import db
    from counter_app.services import throttle

    with db.atomic(), pytest.raises(RuntimeError, match="outside a transaction"):
        throttle.attempt(session, Secret.KIOSK_PIN, "JN001", lambda: False, wrong="x")
