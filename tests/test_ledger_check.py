"""``counter-app check ledger``: the demo hall adds up; a cached balance or a bill that does
not follow from the ledger is named and the command exits 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from counter_app.db import close_database
from counter_app.models import Account, Bill, BillItem
from counter_app.services import ledger

ROOT = Path(__file__).resolve().parent.parent


def check(db_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "check", "ledger"], cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          timeout=120)


def test_the_demo_hall_adds_up_with_lines_in_credit_owing_and_past_the_limit(session):
    balances = [ledger.balance(a.id) for a in Account.select().join(Bill, on=(Bill.account == Account.id)).distinct()]
    assert any(b > 0 for b in balances) and any(b < 0 for b in balances)
    assert sum(1 for b in balances if -b > ledger.arrears_limit()) >= 1
    assert ledger.check().ok


def test_a_balance_or_a_bill_that_does_not_follow_from_the_ledger_fails_the_check(demo_db, db_path):
    assert check(db_path).returncode == 0
    account = Account.select().order_by(Account.phone).first()
    Account.update(balance_fen=Account.balance_fen + 1).where(Account.id == account.id).execute()
    bill = Bill.select().order_by(Bill.period).first()
    item = BillItem.select().where(BillItem.bill == bill).first()
    BillItem.update(amount_fen=item.amount_fen + 100).where(BillItem.id == item.id).execute()
    phone = Account.get_by_id(bill.account_id).phone
    close_database()
    result = check(db_path)
    assert result.returncode == 1
    assert f"{account.phone}: balance" in result.stdout and f"{phone} {bill.period}: bill items" in result.stdout
    assert "ledger differs: 1 balances, 1 bills" in result.stdout and "does not add up" in result.stderr
