"""Taking money at the counter: exact fen, one payment per click, reversals by the rules."""

from __future__ import annotations

import pytest

from counter_app.errors import Conflict, PermissionDenied, ValidationError
from counter_app.models import Account, AuditEvent, Outbox, Payment, Staff
from counter_app.money import parse_yuan
from counter_app.services import ledger, payments
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize


def local_account(session) -> Account:
    return Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone).first()


def other_city_account(session) -> Account:
    return Account.select().where(Account.home_city != session.hall.city).order_by(Account.phone).first()


def test_a_clerk_takes_50_yuan_cash_from_a_100_note_and_the_receipt_shows_the_change(session, frozen_clock, tmp_path):
    from counter_app.documents import receipt

    account = local_account(session)
    before = ledger.balance(account.id)
    paid = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=parse_yuan("50"),
                                 tendered_fen=parse_yuan("100"), idempotency_key="k-cash")
    assert (paid.amount_fen, paid.tendered_fen, paid.change_fen) == (5000, 10000, 5000)
    assert paid.receipt_no.startswith("RJN00120261125")
    assert ledger.balance(account.id) == before + 5000
    assert Outbox.select().where((Outbox.table == "payment") & (Outbox.row_id == paid.id)).count() == 1

    pdf = receipt.build(payments.receipt_data(session, paid.id))
    text = pdf_text(pdf)
    assert "缴费收据" in text and paid.receipt_no in text
    assert "50.00" in text and "100.00" in text and "找零" in text
    assert all(embedded for _name, embedded in embedded_fonts(pdf, tmp_path))
    [page] = rasterize(pdf, tmp_path, dpi=200)
    assert any(paid.receipt_no in code for code in decode_qr(page))


def test_a_double_enter_pays_once(session, frozen_clock):
    account = local_account(session)
    first = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=3000,
                                  idempotency_key="same-click")
    second = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=3000,
                                   idempotency_key="same-click")
    assert first.id == second.id
    assert Payment.select().count() == 1


def test_no_float_ever_touches_money(session, frozen_clock):
    assert parse_yuan("0.1") + parse_yuan("0.2") == 30  # where floats give 0.30000000000000004
    with pytest.raises(ValidationError, match="two decimals"):
        parse_yuan("19.999")
    account = local_account(session)
    with pytest.raises(TypeError):
        payments.take_payment(session, phone=account.phone, method="cash", amount_fen=0.1 + 0.2,
                              idempotency_key="f1")
    with pytest.raises(TypeError):
        parse_yuan(19.99)
    assert Payment.select().count() == 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"method": "cash", "amount_fen": 5000, "tendered_fen": 2000}, "less than"),
    ({"method": "pos", "amount_fen": 5000, "reference": ""}, "POS slip"),
    ({"method": "card", "amount_fen": 5000, "reference": "12"}, "serial"),
    ({"method": "cash", "amount_fen": 0}, "at least"),
    ({"method": "cash", "amount_fen": 5_000_001}, "above the limit"),
    ({"method": "remote", "amount_fen": 5000}, "number of this city"),
    ({"method": "cheque", "amount_fen": 5000}, "how the customer pays"),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(session, frozen_clock, kwargs, message):
    account = local_account(session)
    with pytest.raises(ValidationError, match=message):
        payments.take_payment(session, phone=account.phone, idempotency_key="bad", **kwargs)
    assert Payment.select().count() == 0
    assert ledger.balance(account.id) == account.balance_fen


def test_a_number_of_another_city_is_paid_as_a_cross_city_payment(session, frozen_clock):
    account = other_city_account(session)
    with pytest.raises(ValidationError, match="cross-city"):
        payments.take_payment(session, phone=account.phone, method="cash", amount_fen=1000, idempotency_key="r0")
    paid = payments.take_payment(session, phone=account.phone, method="remote", amount_fen=1000,
                                 tendered_fen=2000, idempotency_key="r1")
    assert paid.method == "remote" and paid.change_fen == 1000


def test_a_bank_card_and_a_payment_card_keep_their_reference(session, frozen_clock):
    account = local_account(session)
    pos = payments.take_payment(session, phone=account.phone, method="pos", amount_fen=8800,
                                reference=" 20261125001 ", idempotency_key="p1")
    card = payments.take_payment(session, phone=account.phone, method="card", amount_fen=5000,
                                 reference="JK0012345678", idempotency_key="p2")
    assert (pos.reference, pos.tendered_fen, pos.change_fen) == ("20261125001", None, None)
    assert card.reference == "JK0012345678"


def test_a_clerk_not_on_the_list_cannot_reverse_but_the_allowed_clerk_can_with_a_reason(session, frozen_clock):
    account = local_account(session)
    paid = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=5000,
                                 idempotency_key="k1")
    with pytest.raises(PermissionDenied):
        payments.reverse_payment(session, paid.id, reason="wrong number", idempotency_key="v1")
    session.staff = Staff.get_by_id("1004")  # 刘洋 may reverse payments
    with pytest.raises(ValidationError, match="reason"):
        payments.reverse_payment(session, paid.id, reason="  ", idempotency_key="v1")
    reversal = payments.reverse_payment(session, paid.id, reason="wrong number", idempotency_key="v1")
    assert reversal.amount_fen == -5000 and reversal.reverses_id == paid.id and reversal.kind == "reversal"
    assert reversal.receipt_no.startswith("X")  # C is a complaint
    assert ledger.balance(account.id) == account.balance_fen
    assert Payment.get_by_id(paid.id).amount_fen == 5000  # the original is never touched
    assert AuditEvent.get(AuditEvent.action == "payment.reverse").target == reversal.receipt_no
    with pytest.raises(Conflict, match="already been reversed"):
        payments.reverse_payment(session, paid.id, reason="again", idempotency_key="v2")


def test_yesterdays_payment_cannot_be_reversed_today(manager_session, frozen_clock):
    account = local_account(manager_session)
    paid = payments.take_payment(manager_session, phone=account.phone, method="cash", amount_fen=5000,
                                 idempotency_key="k1")
    frozen_clock.advance(days=1)
    with pytest.raises(Conflict, match="own day"):
        payments.reverse_payment(manager_session, paid.id, reason="late", idempotency_key="v1")


def test_a_closed_day_takes_no_payment(session, manager_session, frozen_clock):
    from counter_app.models import DayClose

    DayClose.create(hall=session.hall_code, business_date=frozen_clock.current.date(), closed_by="2001")
    account = local_account(session)
    with pytest.raises(Conflict, match="closed"):
        payments.take_payment(session, phone=account.phone, method="cash", amount_fen=100, idempotency_key="c1")
    assert Payment.select().count() == 0


def test_an_order_fee_commits_with_the_order_or_not_at_all(session, frozen_clock):
    from counter_app.models import db

    account = local_account(session)
    with pytest.raises(RuntimeError), db.atomic():
        payments.record_fee(session, account_id=account.id, amount_fen=2000, method="cash", order_id=None,
                            idempotency_key="fee1")
        raise RuntimeError("the order failed after its fee")
    assert Payment.select().count() == 0
    with db.atomic():
        fee = payments.record_fee(session, account_id=account.id, amount_fen=2000, method="cash", order_id=None,
                                  idempotency_key="fee1")
    assert fee.kind == "fee" and fee.receipt_no.startswith("F")
    assert ledger.balance(account.id) == account.balance_fen  # a fee is not a bill payment
    assert payments.record_fee(session, account_id=account.id, amount_fen=0, method="cash", order_id=None,
                               idempotency_key="free") is None


def test_an_advance_compensation_is_a_credit_not_cash(session, frozen_clock):
    account = local_account(session)
    credit = payments.record_credit(session, kind="compensation", account_id=account.id, amount_fen=500,
                                    reason="彩铃未订购被扣费", idempotency_key="comp1")
    assert (credit.method, credit.amount_fen) == ("credit", -500)
    assert ledger.balance(account.id) == account.balance_fen + 500
    assert AuditEvent.select().where(AuditEvent.action == "payment.compensation").count() == 1


def test_the_amount_due_is_what_the_balance_owes_and_follows_each_payment(session, frozen_clock):
    owing = [a for a in Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone)
             if ledger.balance(a.id) < -1000]
    in_credit = next(a for a in Account.select().order_by(Account.phone) if ledger.balance(a.id) > 0)
    assert owing, "the demo hall has lines that owe"
    account = owing[0]
    due = payments.amount_due(session, account.id)
    assert due == -ledger.balance(account.id) > 1000
    payments.take_payment(session, account_id=account.id, method="cash", amount_fen=100, idempotency_key="d1")
    assert payments.amount_due(session, account.id) == due - 100
    payments.take_payment(session, account_id=account.id, method="cash", amount_fen=due, idempotency_key="d2")
    assert payments.amount_due(session, account.id) == 0 and ledger.balance(account.id) == 100  # 1 yuan in credit
    assert payments.amount_due(session, in_credit.id) == 0  # a credit is never something to pay


def test_the_halls_configured_bounds_apply(session, frozen_clock):
    from counter_app.models import Setting

    Setting.create(hall=session.hall_code, key="payment_max_fen", value=100_000)
    Setting.create(hall=session.hall_code, key="payment_min_fen", value=500)
    assert payments.payment_bounds(session.hall_code) == payments.Bounds(500, 100_000)
    account = local_account(session)
    with pytest.raises(ValidationError, match="1000.00"):
        payments.take_payment(session, phone=account.phone, method="cash", amount_fen=100_001, idempotency_key="b1")
    with pytest.raises(ValidationError, match="5.00"):
        payments.take_payment(session, phone=account.phone, method="cash", amount_fen=499, idempotency_key="b2")
    assert payments.take_payment(session, phone=account.phone, method="cash", amount_fen=100_000,
                                 idempotency_key="b3").amount_fen == 100_000
