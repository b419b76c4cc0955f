"""Backups: taken online while a counter writes, checked, recorded, kept by the retention
rule; a backup killed half-way leaves nothing under its name; restore refuses while a
terminal has the file open, keeps the replaced file aside and continues as a new terminal.
(With a hub, what the backup lacks comes back: tests/test_sync/test_restore_recovery.py.)"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.cli.main import main
from counter_app.db import close_database, open_database
from counter_app.models import AuditEvent
from counter_app.services import audit_chain, backups

ROOT = Path(__file__).resolve().parent.parent

WRITER = r"""
import sys, time, pathlib
from counter_app.db import open_database
from counter_app.models import Account, Staff
from counter_app.services import payments
from counter_app.services.session import open_session
open_database(sys.argv[1])
session = open_session(counter_number=1)
session.staff = Staff.get_by_id("1001")
account = Account.select().first()
stop = pathlib.Path(sys.argv[2])
n = 0
while not stop.exists():
    payments.take_payment(session, account_id=account.id, method="cash", amount_fen=100 + n,
                          idempotency_key=f"w{n}")
    n += 1
    if n == 5:
        pathlib.Path(sys.argv[2] + ".started").write_text("go")
print(n)
"""

HOLDER = r"""
import sys, time
from counter_app.db import open_database
from counter_app.models import Hall
open_database(sys.argv[1])
Hall.select().count()
print("open", flush=True)
time.sleep(120)
"""


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str, extra_env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env={**env(), **(extra_env or {})},
                          capture_output=True, text=True, timeout=timeout)


def rows(path: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def payments_and_entries(path: Path) -> tuple[int, int]:
    return rows(path, "SELECT (SELECT count(*) FROM payment), "
                      "(SELECT count(*) FROM outbox WHERE \"table\" = 'payment')")[0]


def test_a_backup_is_a_checked_copy_of_one_moment_taken_while_a_counter_writes(demo_db, db_path, tmp_path):
    close_database()
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(stop)], cwd=ROOT, env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{stop}.started").exists():
            assert writer.poll() is None, writer.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        out = tmp_path / "copy.db"
        done = cli("--db", str(db_path), "backup", "--out", str(out))
        assert done.returncode == 0, done.stderr
        during = rows(db_path, "SELECT count(*) FROM payment")[0][0]
        time.sleep(0.5)
    finally:
        stop.write_text("stop")
        written, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(written) > payments_and_entries(out)[0] > 0  # the counter went on writing
    # One moment of the file: every payment in the copy has its outbox entry, nothing half.
    paid, entries = payments_and_entries(out)
    assert paid == entries and paid <= during
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]
    assert rows(out, "PRAGMA journal_mode") == [("delete",)]  # self-contained: no -wal to lose
    assert not Path(f"{out}-wal").exists()
    assert "backup" in done.stdout and "checked" in done.stdout
    open_database(str(db_path))
    event = AuditEvent.get(AuditEvent.action == "backup.create")
    assert event.target == str(out) and event.detail["sha256"] == backups.file_sha256(out)
    assert event.detail["bytes"] == out.stat().st_size and event.detail["kind"] == "manual"
    assert audit_chain.verify_local().ok


def test_a_backup_killed_half_way_leaves_no_file_and_the_next_one_cleans_up(demo_db, db_path, tmp_path):
    close_database()
    out = tmp_path / "copy.db"
    pause = tmp_path / "pause"
    run = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(db_path), "backup", "--out", str(out)],
                           cwd=ROOT, env={**env(), "COUNTER_APP_SYNC_PAUSE_AT": "backup.copied",
                                          "COUNTER_APP_SYNC_PAUSE_FILE": str(pause)},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{pause}.reached").exists():
            assert run.poll() is None, run.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == -signal.SIGKILL
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db.")]
    assert not out.exists() and len(leftovers) == 1  # the copy was whole, but never got its name
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db_path, "SELECT count(*) FROM audit_event WHERE action = 'backup.create'") == [(0,)]
    done = cli("--db", str(db_path), "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".copy.db.")]
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]


def test_backups_into_one_folder_take_turns_and_leave_nothing_there_but_themselves(demo_db, db_path, tmp_path):
    """A backup to a USB stick leaves the backup on it and nothing else; two backups into one
    folder still take turns (the second waits, and leaves the first's unfinished copy alone)."""
    close_database()
    stick = tmp_path / "stick"
    stick.mkdir()
    pause = tmp_path / "pause"
    first = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(db_path), "backup", "--out",
                              str(stick / "one.db")], cwd=ROOT, env={**env(), "COUNTER_APP_SYNC_PAUSE_AT": "backup.copied",
                                                                    "COUNTER_APP_SYNC_PAUSE_FILE": str(pause)},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = None
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{pause}.reached").exists():
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        second = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(db_path), "backup", "--out",
                                   str(stick / "two.db")], cwd=ROOT, env={**env(), "PYTHONUNBUFFERED": "1"},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert second.stdout is not None and second.stdout.readline().startswith("database:")  # opened: next, the lock
        time.sleep(1)
        assert second.poll() is None  # waiting for the first to finish
        assert [p.name for p in stick.iterdir()] == [f".one.db.{first.pid}.part"]  # left alone
        Path(f"{pause}.go").write_text("go")
        assert first.wait(timeout=120) == 0, first.communicate()
        assert second.wait(timeout=120) == 0, second.communicate()
    finally:
        for run in (first, second):
            if run is not None and run.poll() is None:
                run.kill()
                run.wait()
    assert sorted(p.name for p in stick.iterdir()) == ["one.db", "two.db"]
    for name in ("one.db", "two.db"):
        assert rows(stick / name, "PRAGMA integrity_check") == [("ok",)]


def test_the_day_close_backs_up_and_periodic_backups_follow_the_rule(manager_session, db_path, frozen_clock, capsys):
    from counter_app.services import settlement

    closed = settlement.close_day(manager_session, frozen_clock.current.date())
    folder = db_path.parent / "backups"
    assert closed.backup is not None and closed.backup.path.parent == folder
    assert [b.kind for b in backups.backups_of(db_path)] == ["dayclose"]
    assert closed.backup.path.name == "hall-20261125-100000-dayclose.db"
    assert rows(closed.backup.path, "SELECT count(*) FROM day_close") == [(1,)]  # taken once the day is closed
    assert AuditEvent.select().where(AuditEvent.action == "backup.create").count() == 1

    assert main(["--db", str(db_path), "backup", "--due"]) == 0
    assert "no backup due" in capsys.readouterr().out
    frozen_clock.advance(hours=4, minutes=1)
    assert main(["--db", str(db_path), "backup", "--due"]) == 0
    assert [b.kind for b in backups.backups_of(db_path)] == ["periodic", "dayclose"]
    frozen_clock.advance(hours=1)
    assert main(["--db", str(db_path), "backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "hall-20261125-140100-periodic.db  periodic" in listing and "1 h ago" in listing
    assert "hall-20261125-100000-dayclose.db  dayclose" in listing and "5 h ago" in listing


def test_retention_keeps_the_last_day_the_last_14_days_and_12_months(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    now = dt.datetime(2026, 11, 25, 10, 0)
    made = []
    at = now - dt.timedelta(days=500)
    while at <= now:
        path = folder / backups.folder_name(Path("hall.db"), "periodic", at)
        path.write_bytes(b"x")
        made.append(at)
        at += dt.timedelta(hours=6)
    (folder / "hall-20250101-000000-manual.db").write_bytes(b"mine")
    (folder / "notes.txt").write_text("kept")
    backups.prune(folder, keep_daily=14, keep_monthly=12, now=now)
    kept = sorted(b.taken_at for b in backups.list_backups(folder) if b.kind == "periodic")
    last_day = [a for a in made if now - a <= dt.timedelta(hours=24)]
    assert set(last_day) <= set(kept) and len(last_day) == 5
    days = {a.date() for a in kept if (now.date() - a.date()).days < 14}
    assert len(days) == 14  # one a day for two weeks (more on the last day)
    months = {(a.year, a.month) for a in kept}
    assert len(months) == 12 and min(months) == (2025, 12)
    assert len(kept) == len(set(last_day) | {max(a for a in made if a.date() == d) for d in days}
                            | {max(a for a in made if (a.year, a.month) == m) for m in months})
    assert (folder / "hall-20250101-000000-manual.db").exists() and (folder / "notes.txt").exists()


def test_restore_refuses_while_a_terminal_has_the_file_open_then_restores(demo_db, db_path, tmp_path, session):
    from counter_app.models import Account, Payment
    from counter_app.services import payments

    backup = tmp_path / "before.db"
    assert cli("--db", str(db_path), "backup", "--out", str(backup)).returncode == 0
    payments.take_payment(session, account_id=Account.select().first().id, method="cash", amount_fen=777,
                          idempotency_key="after-backup")
    before_terminal = session.terminal_id
    close_database()  # this process lets go of the file too

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT, env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        original = db_path.read_bytes()
        done = cli("--db", str(db_path), "restore", str(backup))
        assert done.returncode == 2
        assert f"{db_path} is open in another program" in done.stderr
        assert db_path.read_bytes() == original and not list(tmp_path.glob("hall.db.replaced-*"))
    finally:
        holder.kill()
        holder.wait()

    done = cli("--db", str(db_path), "restore", str(backup))
    assert done.returncode == 0, done.stderr
    aside = list(tmp_path.glob("hall.db.replaced-*"))
    assert [p.name for p in aside if not p.name.endswith("-wal")] and "kept as" in done.stdout
    kept = next(p for p in aside if not p.name.endswith("-wal"))
    assert rows(kept, "SELECT count(*) FROM payment WHERE amount_fen = 777") == [(1,)]  # nothing thrown away
    open_database(str(db_path))
    assert Payment.select().where(Payment.amount_fen == 777).count() == 0  # the backup's moment
    from counter_app.services.session import terminal_id

    assert terminal_id() != before_terminal
    restored = AuditEvent.get(AuditEvent.action == "backup.restore")
    assert restored.terminal == terminal_id() and restored.seq == 1
    assert restored.detail["previous_terminal"] == before_terminal
    assert audit_chain.verify_local().ok


GAP_PAYER = r"""
import sys
from counter_app.db import open_database
from counter_app.models import Account, Staff
from counter_app.services import payments
from counter_app.services.session import open_session, terminal_id
open_database(sys.argv[1], create=False)
session = open_session(counter_number=1)
session.staff = Staff.get_by_id("1001")
payments.take_payment(session, account_id=Account.select().first().id, method="cash", amount_fen=4321,
                      idempotency_key="in-the-gap")
print(terminal_id())
"""


def has_open(pid: int, path: Path) -> bool:
    """Does process ``pid`` have ``path`` open (Linux: its /proc/PID/fd links)?"""
    folder = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(link) == str(path) for link in folder.iterdir())
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="watches the waiting program through /proc")
def test_a_program_opening_the_file_while_it_is_swapped_waits_then_works_on_the_restored_file(demo_db, db_path,
                                                                                              tmp_path, session):
    """Restore checks that nobody has the file open and swaps it under one lock: a counter
    that starts in between waits at SQLite's own lock, then takes its payment in the
    restored file under the restored file's new terminal id; the file set aside is as it was."""
    from counter_app.models import Account
    from counter_app.services import payments

    backup = tmp_path / "before.db"
    assert cli("--db", str(db_path), "backup", "--out", str(backup)).returncode == 0
    payments.take_payment(session, account_id=Account.select().first().id, method="cash", amount_fen=777,
                          idempotency_key="after-backup")
    close_database()
    pause = tmp_path / "pause"
    restoring = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(db_path), "restore", str(backup)],
                                 cwd=ROOT, env={**env(), "COUNTER_APP_SYNC_PAUSE_AT": "restore.held",
                                                "COUNTER_APP_SYNC_PAUSE_FILE": str(pause)},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    payer = None
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{pause}.reached").exists():  # checked free, lock held, nothing moved yet
            assert restoring.poll() is None, restoring.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        payer = subprocess.Popen([sys.executable, "-c", GAP_PAYER, str(db_path)], cwd=ROOT, env=env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while not has_open(payer.pid, db_path):  # opened: its first read waits at SQLite's lock
            assert payer.poll() is None, payer.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.5)
        assert payer.poll() is None  # waiting (SQLite gives up after about 10 s)
        Path(f"{pause}.go").write_text("go")
        out, err = restoring.communicate(timeout=120)
        assert restoring.returncode == 0, err
        paid, err = payer.communicate(timeout=120)
        assert payer.returncode == 0, err
    finally:
        for run in (restoring, payer):
            if run is not None and run.poll() is None:
                run.kill()
                run.wait()
    new_terminal = out.split("continues as ")[1].split(" ")[0]
    assert paid.strip() == new_terminal  # the payment was taken in the restored file, as its new terminal
    assert rows(db_path, "SELECT amount_fen, terminal FROM payment WHERE idempotency_key = 'in-the-gap'") == [
        (4321, new_terminal)]
    assert rows(db_path, "SELECT count(*) FROM payment WHERE amount_fen = 777") == [(0,)]  # the backup's moment
    kept = next(p for p in tmp_path.glob("hall.db.replaced-*") if not p.name.endswith(("-wal", "-shm")))
    assert rows(kept, "SELECT count(*) FROM payment WHERE idempotency_key = 'in-the-gap'") == [(0,)]
    assert rows(kept, "SELECT count(*) FROM payment WHERE amount_fen = 777") == [(1,)]  # nothing thrown away
    for path in (db_path, kept):
        assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert not list(tmp_path.glob(".hall.db.restoring*"))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(demo_db, db_path, tmp_path):
    backup = tmp_path / "b.db"
    close_database()
    assert cli("--db", str(db_path), "backup", "--out", str(backup)).returncode == 0
    data = bytearray(backup.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 3 + 2000):
        data[offset] = 0x5A
    backup.write_bytes(bytes(data))
    original = db_path.read_bytes()
    done = cli("--db", str(db_path), "restore", str(backup))
    assert done.returncode == 2 and "is not a usable backup" in done.stderr
    assert db_path.read_bytes() == original


@pytest.mark.usefixtures("frozen_clock")
def test_the_manager_sees_the_backups_and_their_age(manager_session, db_path, qtbot):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.backups_tab import BackupsTab
    from counter_app.ui.worker import wait_for_tasks

    backups.take_to_folder("dayclose", session=manager_session)
    tab = BackupsTab(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loads == 1, timeout=10_000)
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 2)) == "day close"
    assert tab.freshness.text() == "The newest backup is 0 min old."
    assert f"counter-app --db {db_path} restore {db_path.parent / 'backups'}" in tab.restore_help.text()
    tab.back_up_now()
    qtbot.waitUntil(lambda: tab.taken == 1 and tab.loads == 2, timeout=20_000)
    assert tab.model.rowCount() == 2 and tab.model.data(tab.model.index(0, 2)) in ("on demand", "day close")
    wait_for_tasks()
