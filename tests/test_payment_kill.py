"""A terminal that dies (SIGKILL, power cut) in the middle of a payment leaves the whole
payment with its receipt number, or nothing; the database stays sound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from counter_app.db import close_database, open_database
from counter_app.models import Account, DocumentSequence, Outbox, Payment

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from counter_app.db import open_database
from counter_app.models import Staff
from counter_app.services import payments
from counter_app.services.session import open_session

db_path, phone, stall_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
open_database(db_path)
session = open_session(counter_number=1)
session.staff = Staff.get_by_id("1001")
real = payments.next_document_no
calls = [0]

def numbered(*args):
    # The receipt number is taken inside the payment's transaction; stall right after it.
    number = real(*args)
    calls[0] += 1
    if calls[0] == stall_at:
        print("IN-FLIGHT", number, flush=True)
        time.sleep(60)
    return number

payments.next_document_no = numbered
n = 0
while True:
    n += 1
    p = payments.take_payment(session, phone=phone, method="cash", amount_fen=1234, idempotency_key=f"kill-{n}")
    print("PAID", p.receipt_no, flush=True)
"""


def start_child(db_path: Path, phone: str, stall_at: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), phone, str(stall_at)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_consistent(db_path: Path, phone: str, balance_before: int) -> list[Payment]:
    close_database()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    open_database(str(db_path))
    paid = list(Payment.select().where(Payment.phone == phone).order_by(Payment.receipt_no))
    assert all(p.receipt_no and p.amount_fen == 1234 for p in paid)
    # Every payment has its outbox entry and counts in the line's ledger; nothing else is there.
    from counter_app.services import ledger

    assert Outbox.select().where(Outbox.table == "payment").count() == len(paid)
    assert ledger.balance(Account.get(Account.phone == phone).id) == balance_before + 1234 * len(paid)
    assert [int(p.receipt_no[-5:]) for p in paid] == list(range(1, len(paid) + 1))
    return paid


def local_phone(session) -> Account:
    return Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone).first()


def test_killed_while_the_payment_is_half_written_leaves_nothing_of_it(session, db_path):
    account = local_phone(session)
    child = start_child(db_path, account.phone, stall_at=3)
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.split())
            if line.startswith("IN-FLIGHT"):
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert [w[0] for w in lines] == ["PAID", "PAID", "IN-FLIGHT"], child.stderr.read()
    in_flight = lines[-1][1]
    paid = check_consistent(db_path, account.phone, account.balance_fen)
    assert [p.receipt_no for p in paid] == [lines[0][1], lines[1][1]]
    assert in_flight not in {p.receipt_no for p in paid}
    # The number of the lost payment was given back with it.
    assert max(s.value for s in DocumentSequence.select().where(DocumentSequence.name.startswith("seq:R:"))) == 2


def test_killed_at_a_random_moment_every_payment_is_whole(session, db_path):
    account = local_phone(session)
    child = start_child(db_path, account.phone, stall_at=10**9)
    try:
        for _ in range(5):  # let a few payments through, then pull the plug mid-stream
            child.stdout.readline()
        time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    paid = check_consistent(db_path, account.phone, account.balance_fen)
    assert len(paid) >= 5
