"""Every command that writes a file fails cleanly and changes nothing: a mistyped folder, a
folder, the database itself or a file beside it, a full disk, a read-only or full database,
and a database that refuses the audit row after the file was written.

One table drives it (COMMANDS); a test walks the command line so that a new command with
``--out`` or ``--pdf`` cannot be left out of it. The disks are real (tests/disk.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.cli.main import main
from counter_app.db import close_database, open_database
from tests.disk import SmallDisk
from tests.helpers import commands_taking

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-11-25"

# name -> the command line, {out} standing for the file it writes.
COMMANDS: dict[str, list[str]] = {
    "statement bill": ["statement", "bill", "--phone", "{phone}", "--month", "{month}", "--staff", "1001",
                       "--out", "{out}"],
    "statement records": ["statement", "records", "--phone", "{phone}", "--month", "{month}", "--staff", "1001",
                          "--id-number", "{id_number}", "--out", "{out}"],
    "statement fees": ["statement", "fees", "--out", "{out}"],
    "statement notices": ["statement", "notices", "--out", "{out}"],
    "settle": ["settle", "--date", DAY, "--staff", "2001", "--out", "{out}"],
    "report daily": ["report", "daily", "--date", DAY, "--staff", "2001", "--out", "{out}"],
    "report complaints": ["report", "complaints", "--month", "2026-11", "--staff", "2001", "--out", "{out}"],
    "report sp-claims": ["report", "sp-claims", "--month", "2026-11", "--staff", "2001", "--out", "{out}"],
    "report grade": ["report", "grade", "--year", "2026", "--staff", "2001", "--out", "{out}"],
    "report training": ["report", "training", "--month", "2026-11", "--staff", "2001", "--out", "{out}"],
    "report inspections": ["report", "inspections", "--month", "2026-11", "--staff", "2001", "--out", "{out}"],
    "slip": ["slip", "{order}", "--staff", "1001", "--out", "{out}"],
    "queue take": ["queue", "take", "payment", "--pdf", "{out}"],
    "invoices export": ["invoices", "export", "--staff", "2001", "--out", "{out}"],
    "backup": ["backup", "--out", "{out}"],
}
# What each leaves in the audit trail when it works: none of it may be there when it failed.
WRITTEN = {"print", "records.export", "order.print", "order.reprint", "invoice.export", "backup.create"}


def test_every_command_that_writes_a_file_is_in_the_table():
    found = commands_taking({"--out", "--pdf"})
    assert found == set(COMMANDS)


@pytest.fixture(scope="module")
def hall_template(demo_template, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The demo hall after a morning at the counter: a payment, an order, an invoice request."""
    from counter_app.models import Account, Bill, Customer, Hall, Staff
    from counter_app.services import payments
    from counter_app.services.session import open_session
    from tests.service_data import submit

    path = tmp_path_factory.mktemp("outputs") / "hall.db"
    shutil.copy(demo_template, path)
    clock.set_clock(clock.FrozenClock(dt.datetime(2026, 11, 25, 10, 0)))
    database = open_database(str(path))
    try:
        Hall.update(opens="00:00", closes="23:59").execute()  # the subprocess below runs at any hour
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        bill = (Bill.select().join(Account).where((Account.status == "active") & (Account.home_city == "济南"))
                .order_by(Bill.period.desc(), Account.phone).first())
        line = bill.account
        payments.take_payment(session, account_id=line.id, method="pos", amount_fen=5000, reference="880012345678",
                              idempotency_key="morning")
        order = submit(session, "invoice", line, month="2026-11", title="个人")
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        values = {"phone": line.phone, "month": bill.period, "id_number": Customer.get_by_id(line.customer_id).id_number,
                  "order": order.order_no}
    finally:
        close_database()
        clock.set_clock(None)
    return path, values


def command(name: str, db: Path, out: Path, values: dict[str, str]) -> list[str]:
    return ["--db", str(db), *[a.format(out=out, **values) for a in COMMANDS[name]]]


def run_command(argv: list[str]) -> int:
    """``counter-app ARGV`` in this process; its exit status (a refused command line too)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)
    finally:
        close_database()


def state(db: Path) -> dict:
    """What a failed command must not change: every table's rows, the slips' print counts,
    the invoice requests' states."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        found["prints"] = conn.execute("SELECT total(prints) FROM service_order").fetchone()[0]
        found["requests"] = conn.execute("SELECT group_concat(status) FROM invoice_request").fetchone()[0]
        found["written"] = [a for (a,) in conn.execute("SELECT action FROM audit_event ORDER BY at") if a in WRITTEN]
        return found
    finally:
        conn.close()


def others(folder: Path, *keep: str) -> list[str]:
    """The files in ``folder`` besides the disk's filler and ``keep``."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {"filler", *keep})


@pytest.fixture
def cli_env(monkeypatch):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "123456")
    monkeypatch.setenv("COUNTER_APP_LANG", "zh_CN")
    clock.set_clock(clock.FrozenClock(dt.datetime(2026, 11, 25, 11, 0)))
    yield
    clock.set_clock(None)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_file_that_cannot_be_there_is_refused_before_anything_is_done(name, hall_template, tmp_path, capsys,
                                                                        cli_env):
    template, values = hall_template
    db = tmp_path / "hall.db"
    shutil.copy(template, db)
    (tmp_path / "a folder").mkdir()
    other_db = tmp_path / "other.db"
    shutil.copy(template, other_db)
    before = state(db)
    cases = [(tmp_path / "no such folder" / "x.pdf", "所在的文件夹不存在"), (tmp_path / "a folder", "是一个文件夹"),
             (db, "本终端的数据库" if name == "backup" else "是数据库文件"), (Path(f"{db}-wal"), "本终端的数据库"),
             (Path(f"{db}-shm"), "本终端的数据库")]
    if name != "backup":  # a backup may replace an older backup; a document never replaces a database
        cases.append((other_db, "是数据库文件"))
    for out, said in cases:
        companion = out.read_bytes() if out.is_file() else None
        assert run_command(command(name, db, out, values)) == 2, out
        err = capsys.readouterr().err
        assert said in err and str(out) in err, err
        assert (out.read_bytes() if out.is_file() else None) == companion  # not written over
    assert state(db) == before  # nothing at all: not even a sign-in
    assert others(tmp_path, "a folder", "other.db") == ["hall.db"] + [p for p in ("hall.db-shm", "hall.db-wal")
                                                                      if (tmp_path / p).exists()]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.fixture
def small_disk(tmp_path):
    disk = SmallDisk(tmp_path / "disk", "48m")
    yield disk
    disk.close()


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_or_a_read_only_database_leaves_no_file_and_no_event(name, hall_template, tmp_path, small_disk,
                                                                         capsys, cli_env):
    template, values = hall_template

    def run(db: Path, out: Path) -> str:
        code = run_command(command(name, db, out, values))
        err = capsys.readouterr().err
        assert code == 1, err
        return err

    # The file's disk is full.
    db = tmp_path / "hall.db"
    shutil.copy(template, db)
    small_disk.fill()
    err = run(db, small_disk.path / "out.pdf")
    assert "磁盘已满" in err and "未能写入" in err or "请在" in err, err
    assert others(small_disk.path) == []  # no file, no .part
    assert state(db)["written"] == []
    small_disk.free()

    # The database's disk is full.
    on_disk = small_disk.path / "hall.db"
    shutil.copy(template, on_disk)
    small_disk.fill()
    err = run(on_disk, tmp_path / "out.pdf")
    assert "磁盘已满" in err and "未保存任何内容" in err, err
    assert not (tmp_path / "out.pdf").exists() and not list(tmp_path.glob(".out.pdf.*"))
    small_disk.free()
    assert state(on_disk)["written"] == []

    # The database is read-only (a copy on write-protected media).
    conn = sqlite3.connect(on_disk)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    small_disk.remount("ro")
    try:
        err = run(on_disk, tmp_path / "out.pdf")
        assert "只读" in err, err
        assert not (tmp_path / "out.pdf").exists() and not list(tmp_path.glob(".out.pdf.*"))
    finally:
        small_disk.remount("rw")


PAUSED = ["statement bill", "invoices export", "queue take", "backup"]


@pytest.mark.parametrize("name", PAUSED)
def test_a_file_written_whose_audit_row_the_full_disk_refuses_is_removed(name, hall_template, tmp_path, small_disk):
    """The disk fills between the file and its audit row (one disk for both): the command
    fails, and neither the file nor its event is left; invoice requests stay unexported."""
    template, values = hall_template
    db = small_disk.path / "hall.db"
    shutil.copy(template, db)
    before = state(db)
    out = small_disk.path / "out.file"
    pause = tmp_path / "pause"
    step = "backup.copied" if name == "backup" else "output.written"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456", "COUNTER_APP_LANG": "en",
           "COUNTER_APP_SYNC_PAUSE_AT": step, "COUNTER_APP_SYNC_PAUSE_FILE": str(pause)}
    run = subprocess.Popen([sys.executable, "-m", "counter_app", *command(name, db, out, values)], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{pause}.reached").exists():
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert [p for p in others(small_disk.path, "hall.db", "hall.db-wal", "hall.db-shm")
                if p.startswith(".out.file.")]  # the file is written under its temporary name
        small_disk.fill()
        Path(f"{pause}.go").write_text("go")
        stdout, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            run.wait()
    assert run.returncode == 1, stdout + stderr
    assert "The disk is full" in stderr and "cannot rollback" not in stderr
    assert others(small_disk.path, "hall.db", "hall.db-wal", "hall.db-shm") == []
    small_disk.free()
    after = state(db)
    assert after["written"] == []
    assert after["requests"] == before["requests"] == "requested"  # waiting for the next export
    assert after["ticket"] == before["ticket"]  # a ticket is issued with its PDF or not at all


def test_the_print_preview_saves_a_file_only_with_its_print_event(demo_template, small_disk, tmp_path, qtbot,
                                                                  monkeypatch):
    """The preview's Save as PDF: the file and its print event on a worker, together. The
    database's disk is full: the clerk reads so, and no file is left."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from counter_app.config import TerminalConfig
    from counter_app.errors import UserError
    from counter_app.models import AuditEvent, Staff
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.printing import close_previews, show_print_preview
    from tests.helpers import ops_done
    from tests.test_printing import two_page_pdf

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    hall = small_disk.path / "hall.db"
    shutil.copy(demo_template, hall)
    database = open_database(str(hall))
    try:
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx = AppContext(session, TerminalConfig(), str(hall))
        preview = show_print_preview(None, ctx, two_page_pdf(), title="Receipt", kind="receipt", ref="R9")
        qtbot.addWidget(preview)
        small_disk.fill()
        assert preview.save_to(tmp_path / "receipt") == tmp_path / "receipt.pdf"
        ops_done(qtbot)
        assert warned and warned[0].startswith("The disk is full: nothing was saved."), warned
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "disk") == []  # no file, no .part
        small_disk.free()
        assert not AuditEvent.select().where(AuditEvent.target == "receipt:R9").exists()

        saved = preview.save_to(tmp_path / "receipt")
        ops_done(qtbot)
        assert saved.read_bytes() == preview.pdf_bytes
        assert AuditEvent.get(AuditEvent.target == "receipt:R9").detail["output"] == "pdf"
        with pytest.raises(UserError, match="does not exist"):  # said at once, nothing started
            preview.save_to(tmp_path / "no such folder" / "receipt")
        preview.reject()
        close_previews()
        QApplication.processEvents()
    finally:
        close_database()
