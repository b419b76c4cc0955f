"""``counter-app statement records`` gives no detailed records without a staff member signed in
with their password and a verified subscriber; a refusal writes no file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.models import Account, AuditEvent, Customer, SubscriberCheck, UsageRecord

ROOT = Path(__file__).resolve().parents[2]


def run(db_path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_PASSWORD")}
    environment.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run([sys.executable, "-m", "counter_app", "statement", "records", "--db", str(db_path), *args],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def line(session):
    row = UsageRecord.select(UsageRecord.account, UsageRecord.period).order_by(UsageRecord.id).first()
    account = Account.get_by_id(row.account_id)
    return account, row.period, Customer.get_by_id(account.customer_id).id_number


def test_no_staff_no_records(db_path, tmp_path, line):
    account, period, id_number = line
    out = tmp_path / "r.pdf"
    result = run(db_path, "--phone", account.phone, "--month", period, "--out", str(out), "--id-number", id_number)
    assert result.returncode == 2 and "--staff" in result.stderr and not out.exists()
    assert not AuditEvent.select().where(AuditEvent.action.startswith("records.")).exists()


def test_a_wrong_staff_password_is_a_failed_login_and_no_records(db_path, tmp_path, line):
    account, period, id_number = line
    out = tmp_path / "r.pdf"
    result = run(db_path, "--phone", account.phone, "--month", period, "--out", str(out), "--staff", "1001",
                 "--id-number", id_number, env={"COUNTER_APP_PASSWORD": "wrong-one"})
    assert result.returncode == 2 and "Wrong staff number or password" in result.stderr and not out.exists()
    assert AuditEvent.get(AuditEvent.action == "login.failed").target == "1001"


def test_a_signed_in_clerk_without_a_verification_gets_nothing(db_path, tmp_path, line):
    account, period, _id_number = line
    out = tmp_path / "r.pdf"
    result = run(db_path, "--phone", account.phone, "--month", period, "--out", str(out), "--staff", "1001",
                 env={"COUNTER_APP_PASSWORD": "123456"})
    assert result.returncode == 2 and "Verify the subscriber first" in result.stderr and not out.exists()


def test_someone_elses_id_number_is_a_failed_check_on_record(db_path, tmp_path, line):
    account, period, id_number = line
    other = Customer.select().where(Customer.id_number != id_number).first().id_number
    out = tmp_path / "r.pdf"
    result = run(db_path, "--phone", account.phone, "--month", period, "--out", str(out), "--staff", "1001",
                 "--id-number", other, env={"COUNTER_APP_PASSWORD": "123456"})
    assert result.returncode == 2 and "not the one" in result.stderr and not out.exists()
    check = SubscriberCheck.get(SubscriberCheck.phone == account.phone)
    assert (check.result, check.staff_no) == ("failed", "1001")


def test_the_service_password_from_a_file_verifies_and_the_export_names_both(db_path, tmp_path, line):
    account, period, _id_number = line
    secret = tmp_path / "service.pw"
    secret.write_text("123456\n")
    out = tmp_path / "r.pdf"
    result = run(db_path, "--phone", account.phone, "--month", period, "--out", str(out), "--staff", "1001",
                 "--service-password-file", str(secret), env={"COUNTER_APP_PASSWORD": "123456"})
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    export = AuditEvent.get(AuditEvent.action == "records.export")
    check = SubscriberCheck.get(SubscriberCheck.phone == account.phone)
    assert (export.staff_no, export.detail["check"], export.detail["method"]) == (
        "1001", check.id.hex, "service_password")
