"""A month or a day that has not come yet is refused by every command that reads one, with a
clear message in the user's language, and nothing changes: no sign-in, no export mark, no
file, no audit row.

One table drives it (COMMANDS); a test walks the command line so that a new command with a
``--month``, ``--date`` or ``--year`` cannot be left out of it: it goes in COMMANDS, or in
FUTURE_MEANT with the reason a date to come means something there. Each row also runs once
with the present period (``this``, ``today``, or ``last`` where the present has nothing yet)
and must succeed: the refusal is the future's, not the command's."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.cli.main import main
from counter_app.db import close_database, open_database
from tests.helpers import commands_taking

PERIOD_OPTIONS = {"--month", "--date", "--year", "--starts", "--ends"}

# name -> (command line, {period} standing for the period, {out} for a file it would write;
#          the period that worked, or None where a working run needs more than a demo hall;
#          the words of the refusal in zh_CN).
MONTH_REFUSED = "是将来的月份"
DAY_REFUSED = "是将来的日期"
COMMANDS: dict[str, tuple[list[str], str | None, str]] = {
    "ledger": (["ledger", "--phone", "13012345678", "--month", "{period}", "--staff", "1001"], "this", MONTH_REFUSED),
    "invoices export": (["invoices", "export", "--month", "{period}", "--staff", "2001", "--out", "{out}"], "this",
                        MONTH_REFUSED),
    "statement bill": (["statement", "bill", "--phone", "13012345678", "--month", "{period}", "--staff", "1001",
                        "--out", "{out}"], "last", MONTH_REFUSED),
    "statement records": (["statement", "records", "--phone", "{phone}", "--month", "{period}", "--staff", "1001",
                           "--id-number", "{id_number}", "--out", "{out}"], "{records_month}", MONTH_REFUSED),
    "settle": (["settle", "--date", "{period}", "--staff", "2001", "--out", "{out}"], "today", DAY_REFUSED),
    "report daily": (["report", "daily", "--date", "{period}", "--staff", "2001", "--out", "{out}"], "today",
                     DAY_REFUSED),
    "report complaints": (["report", "complaints", "--month", "{period}", "--staff", "2001", "--out", "{out}"],
                          "this", MONTH_REFUSED),
    "report sp-claims": (["report", "sp-claims", "--month", "{period}", "--staff", "2001", "--out", "{out}"], "this",
                         MONTH_REFUSED),
    "report training": (["report", "training", "--month", "{period}", "--staff", "2001", "--out", "{out}"], "this",
                        MONTH_REFUSED),
    "report inspections": (["report", "inspections", "--month", "{period}", "--staff", "2001", "--out", "{out}"],
                           "this", MONTH_REFUSED),
    "report grade": (["report", "grade", "--year", "{period}", "--staff", "2001", "--out", "{out}"], "this",
                     "年尚未开始"),
    # A month is billed once it is over (the current one is refused too): tests/test_billrun.py.
    "hub bill-run": (["hub", "bill-run", "--month", "{period}"], None, "尚未结束"),
}
# Commands whose date may lie ahead, and why.
FUTURE_MEANT = {
    "notices add": "a notice is posted ahead of the day it starts and names the day it ends",
}


def test_every_command_that_reads_a_period_is_in_the_table():
    found = commands_taking(PERIOD_OPTIONS)
    assert found == set(COMMANDS) | set(FUTURE_MEANT)


@pytest.fixture(scope="module")
def hall(demo_template, tmp_path_factory) -> tuple[Path, dt.datetime, dict[str, str]]:
    """The demo hall at 11:00 today, after a first payment (the settlement has a day)."""
    from counter_app.models import Account, Customer, Staff, UsageRecord
    from counter_app.services import payments
    from counter_app.services.session import open_session

    path = tmp_path_factory.mktemp("future") / "hall.db"
    shutil.copy(demo_template, path)
    now = dt.datetime.combine(dt.date.today(), dt.time(11, 0))
    clock.set_clock(clock.FrozenClock(now))
    database = open_database(str(path))
    try:
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        payments.take_payment(session, account_id=Account.get(Account.phone == "13012345678").id, method="cash",
                              amount_fen=5000, idempotency_key="morning")
        usage = UsageRecord.select(UsageRecord.account, UsageRecord.period).order_by(UsageRecord.period.desc()).first()
        line = Account.get_by_id(usage.account_id)
        values = {"phone": line.phone, "id_number": Customer.get_by_id(line.customer_id).id_number,
                  "records_month": usage.period}
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()
        clock.set_clock(None)
    return path, now, values


def state(db: Path) -> dict:
    """Every table's rows and the invoice requests' states: what a refusal must not touch."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        found["requests"] = conn.execute("SELECT group_concat(status) FROM invoice_request").fetchone()[0]
        return found
    finally:
        conn.close()


def run_command(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)
    finally:
        close_database()


def next_month(day: dt.date) -> str:
    return f"{day.year + day.month // 12:04d}-{day.month % 12 + 1:02d}"


@pytest.mark.parametrize("name", COMMANDS)
def test_a_period_to_come_is_refused_and_changes_nothing(name, hall, tmp_path, capsys, monkeypatch):
    template, now, values = hall
    db = tmp_path / "hall.db"
    shutil.copy(template, db)
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "123456")
    monkeypatch.setenv("COUNTER_APP_LANG", "zh_CN")
    clock.set_clock(clock.FrozenClock(now))
    line, works, refused = COMMANDS[name]
    out = tmp_path / "out.file"
    try:
        today = now.date()
        if "--year" in line:
            ahead = [str(today.year + 1), "2099"]
        elif "--date" in line:
            ahead = [(today + dt.timedelta(days=1)).isoformat(), "2099-01-01"]
        else:
            ahead = [next_month(today), "2099-01"]
        before = state(db)
        for period in ahead:
            argv = ["--db", str(db), *[a.format(period=period, out=out, **values) for a in line]]
            assert run_command(argv) == 2, argv
            err = capsys.readouterr().err
            assert refused in err and period in err, err
            assert state(db) == before, argv  # not even a sign-in
            assert not out.exists() and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
        if works is not None:  # the present is not refused
            argv = ["--db", str(db), *[a.format(period=works.format(**values), out=out, **values) for a in line]]
            assert run_command(argv) == 0, (argv, capsys.readouterr().err)
    finally:
        clock.set_clock(None)


def test_the_services_refuse_a_period_to_come_whoever_asks(manager_session, frozen_clock):
    """The windows reach these functions without the command line's checks: each refuses the
    month after the clock's (2026-12 on 2026-11-25) and reads this month."""
    from counter_app.errors import ValidationError
    from counter_app.models import Account
    from counter_app.services import (
        assessments,
        complaint_refunds,
        complaint_report,
        invoices,
        ledger,
        reports,
        statements,
        supervision,
    )

    account = Account.get(Account.phone == "13012345678")
    month_reads = {
        "ledger statement": lambda m: ledger.statement(account.id, m),
        "bill": lambda m: statements.bill_data(manager_session, account.phone, m),
        "detailed records": lambda m: statements.records_data(manager_session, account.phone, m),
        "invoice export": lambda m: invoices.export(manager_session, lambda text: None, period=m),
        "complaint analysis": lambda m: complaint_report.monthly_analysis(manager_session, m),
        "SP claims": lambda m: complaint_refunds.claims_for_month(manager_session, m),
        "training report": lambda m: assessments.month_report(manager_session, m),
        "spot-check bulletin": lambda m: supervision.monthly_bulletin(manager_session, m),
    }
    for name, read in month_reads.items():
        with pytest.raises(ValidationError, match=r"2026-12 is in the future.*this month is 2026-11"):
            read("2026-12")
            pytest.fail(f"{name}: read a month to come")
    for name in ("ledger statement", "invoice export", "complaint analysis", "SP claims", "training report",
                 "spot-check bulletin"):
        month_reads[name]("2026-11")  # the present: no refusal
    with pytest.raises(ValidationError, match=r"2026-11-26 is in the future.*today is 2026-11-25"):
        reports.daily_summary(manager_session, dt.date(2026, 11, 26))
    assert reports.daily_summary(manager_session, dt.date(2026, 11, 25)).day == dt.date(2026, 11, 25)
