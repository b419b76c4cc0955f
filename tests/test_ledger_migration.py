"""A database of schema version 3 (balances, bills and payments kept apart) gets its ledger:
every row stays, every old bill keeps its figures, a line without bills keeps the balance it
showed, and ``check ledger`` passes afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import db as dbmod
from counter_app.db import close_database, open_database, schema_version
from counter_app.models import Account, Bill, BillItem, Customer, Payment, SyncState, TariffPlan, db
from counter_app.services import ledger


def _make_version_3(url: str) -> dict:
    """What version 3 held: no ledger table; bills whose "previous balance" is owed-positive;
    counter payments that moved ``balance_fen`` directly."""
    database = open_database(url)
    for table in ("ledger_entry", "secret_attempt", "bill_run", "applied_order"):  # what versions 4 to 6 added
        database.execute_sql(f"DROP TABLE {table}")
    SyncState.update(value="3").where(SyncState.key == "schema_version").execute()
    TariffPlan.create(code="P58", name_zh="如意58", monthly_fee_fen=5800)
    owner = Customer.create(name="张三", id_number="11010519491231002X")
    billed = Account.create(customer=owner, phone="13012345678", plan="P58", balance_fen=9053)
    plain = Account.create(customer=owner, phone="13012345679", plan="P58", balance_fen=-1234)
    # Three bills: September carries 10.00 owed in and is paid in part; October follows from it;
    # November's carried balance does not follow from October's (an old inconsistency).
    figures = [("2026-09", 1000, 6800, 5000), ("2026-10", 2800, 6800, 6800), ("2026-11", 5000, 7000, 0)]
    bills = {}
    for period, previous, total, paid in figures:
        bill = Bill.create(account=billed, period=period, plan_code="P58", previous_balance_fen=previous,
                           payments_fen=paid, total_fen=total, due_fen=previous + total - paid,
                           issued_at=dt.datetime(2026, int(period[5:]), 28, 23))
        BillItem.create(bill=bill, group="plan", code="PLAN", name_zh="月功能费", amount_fen=total - 200)
        BillItem.create(bill=bill, group="sms", code="SMS", name_zh="短信费", amount_fen=200)
        bills[period] = bill

    def pay(account, receipt, kind, amount, reverses=None):
        return Payment.create(hall="JN001", receipt_no=receipt, business_date=dt.date(2026, 12, 2), staff_no="1001",
                              account_id=account.id, phone=account.phone, kind=kind,
                              method="credit" if kind == "compensation" else "cash", amount_fen=amount,
                              reverses_id=reverses, idempotency_key=receipt)

    first = pay(billed, "R1", "payment", 10000)
    pay(billed, "C1", "reversal", -10000, reverses=first.id)
    pay(billed, "R2", "payment", 5000)
    pay(billed, "D1", "compensation", -300)
    fee = pay(plain, "F1", "fee", 2000)
    pay(plain, "C2", "reversal", -2000, reverses=fee.id)
    pay(plain, "R3", "payment", 1000)
    rows = {t: database.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("account", "bill", "bill_item", "payment")}
    close_database()
    return {"bills": figures, "rows": rows, "billed": billed.id, "plain": plain.id}


def _check_migrated(url: str, old: dict, *, hub: bool) -> None:
    database = open_database(url)
    try:
        assert schema_version(database) == dbmod.SCHEMA_VERSION >= 6
        assert {"ledger_entry", "bill_run", "applied_order"} <= set(database.get_tables())
        for table, count in old["rows"].items():
            assert database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] == count
        # Every old bill shows the balance it carried in and its charges; the payments too,
        # except where November's carried balance did not follow from October: the gap is an
        # adjustment in October, so November reads as it was issued.
        for period, previous, total, paid in old["bills"]:
            st = ledger.statement(old["billed"], period)
            assert (st.opening_fen, st.charges_fen) == (-previous, total), period
            gap = -2200 if period == "2026-10" else 0
            assert st.credits_fen == paid + gap, period
            assert [line.kind for line in st.lines if line.kind == "adjustment"] == (["adjustment"] if gap else [])
        assert ledger.statement(old["billed"], "2026-09").closing_due_fen == 2800
        assert ledger.statement(old["billed"], "2026-11").closing_due_fen == 12000
        # Since the last bill: 100 paid and reversed, 50 paid, 3 compensated.
        assert ledger.balance(old["billed"]) == -12000 + 5000 + 300
        assert ledger.amount_due(old["billed"]) == 6700
        # The line without bills: on a terminal it shows what it showed (its payments were in
        # it); the hub's balance never had the halls' payments, now it has them.
        assert ledger.balance(old["plain"]) == (-1234 + 1000 if hub else -1234)
        result = ledger.check()
        assert result.ok, (result.balance_differences, result.bill_differences)
        # On the hub a payment is an entry of its own; a terminal counts it until the hub says so.
        assert result.pending == (0 if hub else 5)
    finally:
        close_database()


def test_a_version_3_file_gets_its_ledger_from_its_bills_and_payments(db_path):
    old = _make_version_3(str(db_path))
    _check_migrated(str(db_path), old, hub=False)
    assert (db_path.parent / "hall.db.v3.bak").exists()


@pytest.mark.postgres
def test_a_version_3_hub_turns_its_payments_into_entries(pg_url):
    old = _make_version_3(pg_url)
    _check_migrated(pg_url, old, hub=True)
    open_database(pg_url)
    try:
        kinds = sorted(k for (k,) in db.execute_sql("SELECT kind FROM ledger_entry WHERE hall = 'JN001'"))
        assert kinds == ["compensation", "payment", "payment", "payment", "reversal"]
    finally:
        close_database()
