"""End of day: the settlement reconciles to the payments, handovers count the drawer, and a
closed day takes nothing more."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.documents import settlement as sheet
from counter_app.errors import Conflict, PermissionDenied, ValidationError
from counter_app.models import Account, DayClose, Payment, Staff
from counter_app.money import format_yuan
from counter_app.services import payments, settlement
from counter_app.services.session import open_session
from tests.helpers import embedded_fonts, pdf_text

ROOT = Path(__file__).resolve().parent.parent


def clerk(staff_no: str, counter: int):
    s = open_session(counter_number=counter)
    s.staff = Staff.get_by_id(staff_no)
    return s


def a_day_of_payments(session, manager_session):
    local = list(Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone).limit(4))
    remote = Account.select().where(Account.home_city != session.hall.city).first()
    p1 = payments.take_payment(session, account_id=local[0].id, method="cash", amount_fen=5000, tendered_fen=10000,
                               idempotency_key="1")
    payments.take_payment(session, account_id=local[1].id, method="pos", amount_fen=12_800, reference="88886666",
                          idempotency_key="2")
    payments.take_payment(session, account_id=remote.id, method="remote", amount_fen=3000, idempotency_key="3")
    other = clerk("1002", 3)
    payments.take_payment(other, account_id=local[2].id, method="card", amount_fen=10_000, reference="JK20261125",
                          idempotency_key="4")
    payments.take_payment(other, account_id=local[3].id, method="cash", amount_fen=1999, idempotency_key="5")
    payments.record_fee(other, account_id=local[3].id, amount_fen=2000, method="cash", order_id=None,
                        idempotency_key="6")
    payments.record_credit(other, account_id=local[3].id, amount_fen=500, reason="SP", idempotency_key="7")
    payments.reverse_payment(manager_session, p1.id, reason="wrong number", idempotency_key="8")
    return other


def test_settlement_is_payments_minus_reversals_per_clerk_and_per_method(session, manager_session, frozen_clock):
    a_day_of_payments(session, manager_session)
    data = settlement.settlement(manager_session, frozen_clock.current.date())
    rows = list(Payment.select())
    takings = sum(p.amount_fen for p in rows if p.kind in ("payment", "fee"))
    reversals = sum(p.amount_fen for p in rows if p.kind == "reversal")
    assert (data.takings.amount_fen, data.reversals.amount_fen) == (takings, reversals) == (5000 + 12_800 + 3000
                                                                                          + 10_000 + 1999 + 2000, -5000)
    assert data.net_fen == takings + reversals
    assert data.credits.amount_fen == -500  # shown apart, never in a drawer
    assert sum(t.amount_fen for t in data.by_method.values()) == data.net_fen
    assert data.by_method["cash"].amount_fen == 5000 - 5000 + 1999 + 2000
    by_clerk = {c.staff_no: c for c in data.clerks}
    # The reversal gives the cash back from the drawer that took it: clerk 1001's.
    assert by_clerk["1001"].expected_cash_fen == 3000 and by_clerk["1001"].net_fen == 12_800 + 3000
    assert by_clerk["1002"].expected_cash_fen == 3999
    assert "2001" not in by_clerk
    assert sum(c.net_fen for c in data.clerks) == data.net_fen


def test_a_handover_keeps_the_difference_and_a_difference_needs_a_note(session, manager_session, frozen_clock):
    other = a_day_of_payments(session, manager_session)
    with pytest.raises(ValidationError, match="note"):
        settlement.hand_over(other, counted_cash_fen=3900, idempotency_key="h1")
    handover = settlement.hand_over(other, counted_cash_fen=3900, note="一张1元假币", idempotency_key="h1")
    again = settlement.hand_over(other, counted_cash_fen=3900, note="一张1元假币", idempotency_key="h1")
    assert handover.id == again.id
    assert (handover.expected_cash_fen, handover.counted_cash_fen) == (3999, 3900)
    frozen_clock.advance(minutes=5)
    payments.take_payment(other, account_id=Account.select().where(Account.home_city == "济南").first().id,
                          method="cash", amount_fen=100, idempotency_key="late")
    # The next shift's drawer starts empty: only what came in after the handover is expected.
    assert settlement.drawer_cash_since_last_handover(other, "1002", frozen_clock.current.date()) == 100
    data = settlement.settlement(manager_session, frozen_clock.current.date())
    row = next(c for c in data.clerks if c.staff_no == "1002")
    assert row.counted_cash_fen == 3900 and row.difference_fen == 3900 - 4099


def test_only_a_manager_closes_the_day_and_then_nothing_more_is_taken(session, manager_session, frozen_clock,
                                                                      tmp_path):
    a_day_of_payments(session, manager_session)
    today = frozen_clock.current.date()
    with pytest.raises(PermissionDenied):
        settlement.close_day(session, today)
    closed = settlement.close_day(manager_session, today)
    assert closed.totals["net_fen"] == settlement.settlement(manager_session, today).net_fen
    with pytest.raises(Conflict, match="closed"):
        settlement.close_day(manager_session, today)
    account = Account.select().where(Account.home_city == "济南").first()
    with pytest.raises(Conflict, match="closed"):
        payments.take_payment(session, account_id=account.id, method="cash", amount_fen=100, idempotency_key="x")
    first = Payment.get(Payment.method == "pos")
    with pytest.raises(Conflict, match="closed"):
        payments.reverse_payment(manager_session, first.id, reason="after close", idempotency_key="y")
    assert DayClose.select().count() == 1

    data = settlement.settlement(manager_session, today)
    pdf = sheet.build(data)
    text = pdf_text(pdf)
    assert "已日结" in text and "陈静" in text
    net = re.search(r"净收款\s*([-\d.,]+)", text).group(1)
    assert net == format_yuan(data.net_fen) == format_yuan(closed.totals["net_fen"])
    assert "wrong number" in text
    assert all(embedded for _n, embedded in embedded_fonts(pdf, tmp_path))


def test_the_settle_command_prints_the_sheet_and_refuses_an_empty_day(session, manager_session, frozen_clock,
                                                                      db_path, tmp_path):
    a_day_of_payments(session, manager_session)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}
    out = tmp_path / "settle.pdf"
    run = subprocess.run([sys.executable, "-m", "counter_app", "settle", "--db", str(db_path), "--date",
                          frozen_clock.current.date().isoformat(), "--out", str(out), "--staff", "2001"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = settlement.settlement(manager_session, frozen_clock.current.date())
    assert format_yuan(data.net_fen) in pdf_text(out.read_bytes())
    empty = tmp_path / "empty.pdf"
    run = subprocess.run([sys.executable, "-m", "counter_app", "settle", "--db", str(db_path), "--date", "2020-02-02",
                          "--out", str(empty), "--staff", "2001"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and not empty.exists() and "The hall's data begins on" in run.stderr


@pytest.mark.postgres
def test_the_same_money_rules_hold_on_postgresql(pg_url, frozen_clock):
    from counter_app.db import close_database, open_database
    from counter_app.services import statements
    from counter_app.services.demo import build_demo

    open_database(pg_url)
    try:
        build_demo(30, detailed=3)
        cashier, manager = clerk("1001", 1), clerk("2001", 6)
        account = Account.select().where(Account.home_city == "济南").first()
        paid = payments.take_payment(cashier, account_id=account.id, method="cash", amount_fen=5000,
                                     tendered_fen=10_000, idempotency_key="pg1")
        assert payments.take_payment(cashier, account_id=account.id, method="cash", amount_fen=5000,
                                     tendered_fen=10_000, idempotency_key="pg1").id == paid.id
        payments.reverse_payment(manager, paid.id, reason="pg", idempotency_key="pg2")
        payments.take_payment(cashier, account_id=account.id, method="pos", amount_fen=700, reference="123456",
                              idempotency_key="pg3")
        today = frozen_clock.current.date()
        data = settlement.settlement(manager, today)
        assert (data.takings.amount_fen, data.reversals.amount_fen, data.net_fen) == (5700, -5000, 700)
        assert settlement.close_day(manager, today).totals["net_fen"] == 700
        with pytest.raises(Conflict):
            payments.take_payment(cashier, account_id=account.id, method="cash", amount_fen=100,
                                  idempotency_key="pg4")
        from counter_app.models import Bill

        bill = Bill.select().first()
        phone = Account.get_by_id(bill.account_id).phone
        from tests.service_data import verify

        verify(cashier, Account.get_by_id(bill.account_id))
        records = statements.records_data(cashier, phone, bill.period)
        billed = statements.bill_data(cashier, phone, bill.period)
        assert all(records.totals_fen[c] == billed.usage_fen(c) for c in statements.USAGE_CODES)
    finally:
        close_database()
