"""Every report command refuses a period outside the hall's data: a day in the future, a
day before the hall's first business day, a date or month written in another form."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.cli.main import build_parser
from counter_app.errors import ValidationError
from counter_app.models import Account
from counter_app.services import payments, report_period, settlement

ROOT = Path(__file__).resolve().parent.parent


def cli(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    args = (*args, "--staff", "2001")  # the hall manager, password from COUNTER_APP_PASSWORD
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}
    return subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_dates_and_months_are_read_strictly():
    assert report_period.parse_day("2026-11-25") == dt.date(2026, 11, 25)
    assert report_period.parse_month(" 2026-11 ") == "2026-11"
    for text in ("2026-W48-1", "20261125", "2026-11-25T00:00", "2026-02-30", "25.11.2026", ""):
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            report_period.parse_day(text)
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            settlement.parse_business_date(text)
    for text in ("2026-13", "2026-1", "202611", "2026-W48", "2026-11-01"):
        with pytest.raises(ValidationError, match="YYYY-MM"):
            report_period.parse_month(text)


def test_the_hall_s_data_begins_on_its_first_business_day(session, frozen_clock):
    hall = session.hall_code
    assert report_period.first_day(hall) == frozen_clock.current.date()  # nothing yet: today
    frozen_clock.current = dt.datetime(2026, 11, 20, 9, 30)
    payments.take_payment(session, account_id=Account.select().first().id, method="cash", amount_fen=100,
                          idempotency_key="first")
    frozen_clock.current = dt.datetime(2026, 11, 25, 9, 30)
    assert report_period.first_day(hall) == dt.date(2026, 11, 20)
    assert report_period.check_day(hall, dt.date(2026, 11, 20)) == dt.date(2026, 11, 20)
    with pytest.raises(ValidationError, match="begins on 2026-11-20"):
        report_period.check_day(hall, dt.date(2026, 11, 19))
    with pytest.raises(ValidationError, match="in the future"):
        report_period.check_day(hall, dt.date(2026, 11, 26))
    assert report_period.check_month(hall, "2026-11") == "2026-11"
    with pytest.raises(ValidationError, match="begins in 2026-11"):
        report_period.check_month(hall, "2026-10")
    with pytest.raises(ValidationError, match="in the future"):
        report_period.check_month(hall, "2026-12")


def test_report_commands_refuse_periods_outside_the_hall_s_data(session, frozen_clock, db_path, tmp_path):
    frozen_clock.current = dt.datetime(2026, 11, 20, 9, 30)
    payments.take_payment(session, account_id=Account.select().first().id, method="cash", amount_fen=100,
                          idempotency_key="first")
    from counter_app.db import close_database

    close_database()
    out = tmp_path / "out.pdf"
    refused = [
        (("report", "daily", "--date", "2099-01-01"), "in the future"),
        (("report", "daily", "--date", "2026-11-19"), "begins on 2026-11-20"),
        (("report", "complaints", "--month", "2099-01"), "in the future"),
        (("report", "sp-claims", "--month", "2026-10"), "begins in 2026-11"),
        (("settle", "--date", "2026-W48-1"), "YYYY-MM-DD"),
        (("settle", "--date", "2099-01-01"), "in the future"),
        (("settle", "--date", "2026-11-19"), "begins on 2026-11-20"),
        (("report", "grade", "--year", "2099"), "has not begun"),
        (("report", "training", "--month", "2099-01"), "in the future"),
        (("report", "inspections", "--month", "2099-01"), "in the future"),
    ]
    reports = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["report"]
    kinds = next(a for a in reports._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert {args[1] for args, _ in refused if args[0] == "report"} == set(kinds)  # every report command
    for args, message in refused:
        done = cli(db_path, *args, "--out", str(out))
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        assert not out.exists(), args
    done = cli(db_path, "settle", "--date", "2026-11-20", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists()
