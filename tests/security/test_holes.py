"""The holes a hostile probe of the services and the CLI found, each shown closed: a manager
cannot take over an administrator, nobody unsigned changes a password or reads private data,
the CLI acts as a staff member only after their password, and a request key cannot be reused
for another request or to get past a permission."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.errors import Conflict, PermissionDenied
from counter_app.models import AuditEvent, Payment, Staff
from counter_app.services import auth, payments, settlement, setup, statements
from counter_app.services.session import open_session
from tests.complaint_data import line_with_sp_charges, plain_line

ROOT = Path(__file__).resolve().parents[2]


def _signed_in(staff_no: str):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    return session


def test_a_manager_cannot_take_over_the_administrator_account(manager_session):
    for attempt in (lambda: setup.reset_password(manager_session, "9001", "taken-over"),
                    lambda: setup.set_staff_active(manager_session, "9001", False),
                    lambda: setup.set_specialties(manager_session, "9001", ["billing"]),
                    lambda: setup.add_staff(manager_session, "2009", "新经理", "manager", [], "secret99")):
        with pytest.raises(PermissionDenied, match="Only an administrator"):
            attempt()
    assert auth.login(open_session(), "9001", "123456").staff_no == "9001"  # the admin's password is unchanged
    # ... another manager neither; clerks remain the manager's to manage
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        setup.reset_password(manager_session, "2001", "my-own-new")
    setup.reset_password(manager_session, "1002", "clerk-new1")
    admin = _signed_in("9001")
    setup.reset_password(admin, "2001", "manager-new")
    assert auth.login(open_session(), "2001", "manager-new").staff_no == "2001"


def test_nobody_unsigned_changes_a_password_or_reads_records_or_settlement(session):
    nobody = open_session()
    with pytest.raises(PermissionDenied, match="sign in"):
        auth.set_password(nobody, Staff.get_by_id("9001"), "no-one-here")
    with pytest.raises(PermissionDenied):
        auth.set_password(session, Staff.get_by_id("1002"), "clerk-did-it")  # a clerk neither
    assert auth.login(open_session(), "1002", "123456").staff_no == "1002"
    account, _ = line_with_sp_charges(min_recent=1)
    with pytest.raises(PermissionDenied, match="sign in"):
        statements.records_data(nobody, account.phone, "2026-10")
    with pytest.raises(PermissionDenied, match="sign in"):
        settlement.settlement(nobody, dt.date(2026, 11, 25))
    with pytest.raises(PermissionDenied, match="Only a manager"):
        settlement.settlement(session, dt.date(2026, 11, 25))
    assert not AuditEvent.select().where(AuditEvent.action.startswith("records.")).exists()


def _cli(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("COUNTER_APP_PASSWORD", None)
    if password is not None:
        env["COUNTER_APP_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_the_cli_acts_as_a_staff_member_only_after_their_password(demo_db, db_path, tmp_path):
    from counter_app.db import close_database

    close_database()
    db = str(db_path)
    out = str(tmp_path / "settle.pdf")
    no_password = _cli("--db", db, "settle", "--date", "2026-11-20", "--out", out, "--staff", "2001")
    assert no_password.returncode == 2 and "COUNTER_APP_PASSWORD" in no_password.stderr
    wrong = _cli("--db", db, "queue", "next", "--counter", "1", "--staff", "1001", password="guess1")
    assert wrong.returncode == 2 and "Wrong staff number or password" in wrong.stderr
    for args in (("slip", "S-NONE", "--out", out), ("queue", "next", "--counter", "1"),
                 ("statement", "records", "--phone", "13000000000", "--month", "2026-10", "--out", out)):
        refused = _cli("--db", db, *args)
        assert refused.returncode == 2 and "--staff" in refused.stderr, args
    password_file = tmp_path / "pw"
    password_file.write_text("123456\n")
    called = _cli("--db", db, "queue", "next", "--counter", "1", "--staff", "1001", "--password-file",
                  str(password_file))
    assert called.returncode == 0, called.stderr
    open_database_again(db)
    assert AuditEvent.select().where((AuditEvent.action == "login.failed") & (AuditEvent.target == "1001")).exists()
    assert AuditEvent.select().where((AuditEvent.action == "login") & (AuditEvent.staff_no == "1001")).exists()


def open_database_again(db: str) -> None:
    from counter_app.db import open_database

    open_database(db)


def test_the_escalation_check_runs_unattended_as_the_system_identity(demo_db, db_path):
    from counter_app.db import close_database

    close_database()
    done = _cli("--db", str(db_path), "complaints", "escalate", "--json")
    assert done.returncode == 0, done.stderr
    listed = _cli("--db", str(db_path), "complaints", "list")
    assert listed.returncode == 2 and "--staff" in listed.stderr


def test_a_request_key_is_one_request_and_no_way_past_a_permission(session, manager_session, frozen_clock):
    first, second = plain_line(0), plain_line(1)
    paid = payments.take_payment(session, phone=first.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                                 idempotency_key="k-1")
    again = payments.take_payment(session, phone=first.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                                  idempotency_key="k-1")
    assert again.id == paid.id  # a double click pays once
    with pytest.raises(Conflict, match="already used"):
        payments.take_payment(session, phone=second.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                              idempotency_key="k-1")
    reversal = payments.reverse_payment(manager_session, paid.id, reason="wrong number", idempotency_key="r-1")
    # A clerk not allowed to reverse gets nothing by passing the reversal's key.
    with pytest.raises(PermissionDenied, match="allowed to reverse"):
        payments.reverse_payment(session, paid.id, reason="x", idempotency_key="r-1")
    other = payments.take_payment(session, phone=second.phone, method="cash", amount_fen=100,
                                  idempotency_key="k-2")
    with pytest.raises(Conflict, match="already used"):  # the key of another reversal
        payments.reverse_payment(manager_session, other.id, reason="x", idempotency_key="r-1")
    assert Payment.select().where(Payment.reverses_id == other.id).count() == 0
    assert payments.reverse_payment(manager_session, paid.id, reason="again", idempotency_key="r-1").id == reversal.id
