"""Honest failures: SQLite's own error reaches the user in their language, output files and
their audit events agree, and a ticket whose PDF cannot be written is not issued.

The full disk is a real one: a small tmpfs the test mounts (tests/disk.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from counter_app.cli.language import message
from counter_app.cli.main import main
from counter_app.db import close_database, open_database
from counter_app.models import Account, Bill, Payment, Ticket
from counter_app.storage_errors import StorageError, explain


def a_bill(hall_db: str) -> tuple[str, str]:
    open_database(hall_db)
    try:
        bill = Bill.select().join(Account).order_by(Bill.period.desc()).first()
        return bill.account.phone, bill.period
    finally:
        close_database()


def owner_id(hall_db: str, phone: str) -> str:
    from counter_app.models import Customer

    open_database(hall_db)
    try:
        return Customer.get_by_id(Account.get(Account.phone == phone).customer_id).id_number
    finally:
        close_database()


CLERK = ["--staff", "1001"]  # the password from COUNTER_APP_PASSWORD


def audit_actions(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT action FROM audit_event ORDER BY at")]
    finally:
        conn.close()


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


def test_a_full_disk_reaches_the_clerk_as_sqlite_s_own_error_and_nothing_is_saved(demo_template, small_disk,
                                                                                  frozen_clock):
    from counter_app.models import Staff
    from counter_app.services import payments
    from counter_app.services.session import open_session

    path = small_disk.path / "hall.db"
    shutil.copy(demo_template, path)
    open_database(str(path))
    try:
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        account = Account.select().first()
        before = Payment.select().count()
        small_disk.fill()
        with pytest.raises(Exception) as caught:
            for n in range(50):  # the first write that needs a new page of the WAL fails
                payments.take_payment(session, account_id=account.id, method="cash", amount_fen=100,
                                      idempotency_key=f"full-{n}")
        # peewee's failed ROLLBACK no longer hides what SQLite said.
        assert "database or disk is full" in str(caught.value)
        explained = explain(caught.value)
        assert isinstance(explained, StorageError)
        assert explained.text().startswith("The disk is full: nothing was saved.")
        assert message(explained, "zh_CN").startswith("磁盘已满")
        taken = Payment.select().count()
        small_disk.free()
        # What was acknowledged stays; what failed left nothing behind; the file is sound.
        assert Payment.select().count() == taken >= before
        assert payments.take_payment(session, account_id=account.id, method="cash", amount_fen=100,
                                     idempotency_key="after").amount_fen == 100
        assert Payment.select().count() == taken + 1
        from counter_app.models import db

        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()


def test_a_bill_that_cannot_be_written_leaves_no_file_and_no_print_event(demo_template, small_disk, tmp_path,
                                                                        capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_LANG", "zh_CN")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "123456")
    hall = tmp_path / "hall.db"
    shutil.copy(demo_template, hall)
    phone, period = a_bill(str(hall))
    verified = ["--id-number", owner_id(str(hall), phone), *CLERK]
    small_disk.fill()
    out = small_disk.path / "bill.pdf"
    code = main(["--db", str(hall), "statement", "bill", "--phone", phone, "--month", period, "--out", str(out),
                 *CLERK])
    err = capsys.readouterr().err
    assert code == 1
    assert "磁盘已满" in err and str(out) in err  # in the user's language, naming the file
    assert leftovers(small_disk.path) == []  # no bill.pdf, no .part
    assert "print" not in audit_actions(hall)

    # Detailed records: the export is audited only when the file is there.
    code = main(["--db", str(hall), "statement", "records", "--phone", phone, "--month", period,
                 "--out", str(small_disk.path / "records.pdf"), *verified])
    assert code == 1
    assert leftovers(small_disk.path) == []
    assert not [a for a in audit_actions(hall) if a.startswith("records.") or a == "print"]

    small_disk.free()
    code = main(["--db", str(hall), "statement", "records", "--phone", phone, "--month", period,
                 "--out", str(small_disk.path / "records.pdf"), *verified])
    assert code == 0
    assert leftovers(small_disk.path) == ["records.pdf"]
    assert [a for a in audit_actions(hall) if a.startswith("records.") or a == "print"] == ["records.export", "print"]


def test_a_print_the_database_cannot_log_leaves_no_file(demo_template, small_disk, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_LANG", "en")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "123456")
    hall = small_disk.path / "hall.db"
    shutil.copy(demo_template, hall)
    phone, period = a_bill(str(hall))
    small_disk.fill()
    out = tmp_path / "bill.pdf"
    code = main(["--db", str(hall), "statement", "bill", "--phone", phone, "--month", period, "--out", str(out),
                 *CLERK])
    err = capsys.readouterr().err
    assert code == 1
    # SQLite's own words in brackets: "database or disk is full", or "disk I/O error" when
    # the WAL index could not grow; either way the clerk reads that the disk is full.
    assert "The disk is full: nothing was saved." in err and ("disk is full" in err or "I/O error" in err)
    assert "cannot rollback" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "disk") == []  # no bill, no .part
    small_disk.free()
    assert "print" not in audit_actions(hall)


def test_a_read_only_database_is_named_as_such_and_nothing_is_written(demo_template, small_disk, tmp_path, capsys,
                                                                      monkeypatch):
    monkeypatch.setenv("COUNTER_APP_LANG", "en")
    hall = small_disk.path / "hall.db"
    shutil.copy(demo_template, hall)
    conn = sqlite3.connect(hall)  # a copy on read-only media, as a backup on a locked USB stick
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    small_disk.remount("ro")
    out = tmp_path / "fees.pdf"
    code = main(["--db", str(hall), "statement", "fees", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "read-only" in err and "readonly database" in err
    assert not out.exists()


def test_a_locked_database_says_so(tmp_path):
    path = tmp_path / "hall.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.05)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("INSERT INTO t VALUES (1)")
        explained = explain(caught.value)
        assert explained.message.startswith("The database is busy in another program")
        assert "另一个程序" in message(explained, "zh_CN")
    finally:
        holder.execute("ROLLBACK")
        other.close()
        holder.close()


def test_a_ticket_whose_pdf_cannot_be_written_is_not_issued(demo_db, db_path, small_disk, frozen_clock, capsys):
    def tickets() -> int:
        return Ticket.select().count()

    close_database()
    with pytest.raises(SystemExit) as refused:  # refused with the command line, before anything is done
        main(["--db", str(db_path), "queue", "take", "payment", "--pdf", str(small_disk.path / "no" / "t.pdf")])
    assert refused.value.code == 2 and "does not exist" in capsys.readouterr().err
    small_disk.fill()
    code = main(["--db", str(db_path), "queue", "take", "payment", "--pdf", str(small_disk.path / "t.pdf")])
    assert code == 1 and "The disk is full" in capsys.readouterr().err
    assert leftovers(small_disk.path) == []
    assert tickets() == 0  # rolled back with its PDF: nobody holds a number the counters would call
    small_disk.free()
    code = main(["--db", str(db_path), "queue", "take", "payment", "--pdf", str(small_disk.path / "t.pdf"), "--json"])
    assert code == 0 and '"code": "A001"' in capsys.readouterr().out  # the number was given back
    assert tickets() == 1 and (small_disk.path / "t.pdf").stat().st_size > 1000
    assert frozen_clock.current.date() == dt.date(2026, 11, 25)


def test_a_lock_held_past_sqlite_s_retries_says_the_database_is_busy():
    """SQLite's "locking protocol" (a writer that waited out a restore's swap) is the busy
    database of the test above, not a crash report."""
    explained = explain(sqlite3.OperationalError("locking protocol"))
    assert isinstance(explained, StorageError)
    assert explained.message.startswith("The database is busy in another program")
    assert "(locking protocol)" in explained.text()


def test_the_gui_shows_a_storage_failure_as_a_message_in_the_clerk_s_language(qapp, tmp_path):
    from counter_app.ui import errors
    from counter_app.ui.i18n import install_translations

    path = tmp_path / "hall.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.05)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        holder.execute("ROLLBACK")
        other.close()
        holder.close()
    install_translations(qapp, "zh_CN")
    try:
        shown = errors.as_user_error(caught.value)
        assert isinstance(shown, StorageError)  # a message box, not the crash report
        assert errors.user_text(shown).startswith("数据库正被另一个程序占用")
        assert "database is locked" in errors.user_text(shown)
    finally:
        install_translations(qapp, "en")
    boom = RuntimeError("a bug")
    assert errors.as_user_error(boom) is boom  # a real bug still gets the report
