"""Start-up: a mistyped or empty path is refused rather than made into a new database, and a
damaged file is refused with one message naming the newest good backup and the command
that restores it, by the CLI and by the GUI."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app import startup_check
from counter_app.db import close_database, open_database
from counter_app.errors import UserError

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_LANG": "en"},
                          capture_output=True, text=True, timeout=300)


def damage(path: Path, pages: Iterable[int] = range(600, 640)) -> None:
    """Scribble over b-tree pages in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")  # the page size, from the file's header
    for page in pages:
        start = (page - 1) * size + 64  # SQLite numbers pages from 1
        data[start:start + 3000] = b"\x5a" * 3000
    path.write_bytes(bytes(data))


def pages_deep_in_the_largest_table(path: Path, count: int = 10) -> list[int]:
    """Leaf pages from the middle of the file's largest table, read from its own page map: opening
    the file never reads them (only the schema and sync_state), but quick_check does."""
    with sqlite3.connect(path) as conn:
        table = conn.execute("SELECT name FROM dbstat WHERE name NOT LIKE 'sqlite_%' AND name != 'sync_state' "
                             "GROUP BY name ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                            "ORDER BY pageno", (table,))]
    middle = len(pages) // 2
    assert len(pages) > 2 * count, f"{table} is too small to damage in its middle"
    return pages[middle:middle + count]


def test_a_mistyped_or_empty_path_is_refused_and_nothing_is_created(tmp_path):
    wrong = tmp_path / "no-such-folder" / "hall.db"
    done = cli("--db", str(wrong), "queue", "status")
    assert done.returncode == 2
    assert f"There is no database at {wrong}." in done.stderr and "init" in done.stderr and "restore" in done.stderr
    assert not wrong.parent.exists()  # no folder made either

    empty = tmp_path / "hall.db"
    empty.touch()
    done = cli("--db", str(empty), "statement", "fees", "--out", str(tmp_path / "fees.pdf"))
    assert done.returncode == 2 and f"{empty} is empty (0 bytes)" in done.stderr
    assert empty.stat().st_size == 0 and not (tmp_path / "fees.pdf").exists()

    other = tmp_path / "photos.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE album (name TEXT)")
    conn.commit()
    conn.close()
    for args in (("queue", "status"), ("init",)):
        done = cli("--db", str(other), *args)
        assert done.returncode == 2 and "is not a counter_app database" in done.stderr, args
    conn = sqlite3.connect(other)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["album"]
    conn.close()

    done = cli("--db", str(empty), "init")  # init may make one, and only init (and demo)
    assert done.returncode == 0, done.stderr
    assert cli("--db", str(empty), "queue", "status").returncode == 2  # no hall yet, but a database
    assert "This database has no hall yet" in cli("--db", str(empty), "queue", "status").stderr


def test_a_damaged_file_is_refused_with_the_newest_good_backup_and_the_restore_command(demo_template, tmp_path):
    hall = tmp_path / "hall.db"
    shutil.copy(demo_template, hall)
    assert cli("--db", str(hall), "backup", "--due").returncode == 0  # into backups/ beside it
    newest = sorted((tmp_path / "backups").glob("hall-*-periodic.db"))[-1]
    damage(hall)
    for args in (("statement", "fees", "--out", str(tmp_path / "fees.pdf")), ("init",), ("queue", "status")):
        done = cli("--db", str(hall), *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert f"The database {hall} is damaged" in done.stderr, args
        assert f"The newest good backup is {newest}" in done.stderr
        assert f"counter-app --db {hall} restore {newest}" in done.stderr
    assert not (tmp_path / "fees.pdf").exists()
    done = cli("--db", str(hall), "restore", str(newest))  # the command it gave
    assert done.returncode == 0, done.stderr
    assert cli("--db", str(hall), "statement", "fees", "--out", str(tmp_path / "fees.pdf")).returncode == 0


def test_a_damaged_file_without_a_backup_says_where_it_looked(demo_template, tmp_path):
    hall = tmp_path / "hall.db"
    shutil.copy(demo_template, hall)
    damage(hall)
    done = cli("--db", str(hall), "audit", "verify")
    assert done.returncode == 2
    assert f"No backup of it was found in {tmp_path / 'backups'}" in done.stderr


def test_a_large_file_is_checked_once_a_day(demo_template, tmp_path, monkeypatch, frozen_clock):
    hall = tmp_path / "hall.db"
    shutil.copy(demo_template, hall)
    monkeypatch.setattr(startup_check, "QUICK_CHECK_ALWAYS_BYTES", 1024)  # "large" for the test
    open_database(str(hall), create=False)
    close_database()
    damage(hall, pages_deep_in_the_largest_table(hall))
    open_database(str(hall), create=False)  # checked less than a day ago: opened as it is
    close_database()
    frozen_clock.advance(hours=24, minutes=1)
    with pytest.raises(startup_check.DatabaseDamaged):
        open_database(str(hall), create=False)


def _gui_args(**values) -> argparse.Namespace:
    return argparse.Namespace(**{"demo": False, "mode": "manager", "lang": "en", "counter": None, **values})


@pytest.mark.parametrize("case", ["missing", "damaged"])
def test_the_gui_refuses_a_missing_or_damaged_file_with_the_same_message(case, demo_template, tmp_path, qapp,
                                                                          monkeypatch):
    from counter_app.app import run_gui

    hall = tmp_path / "hall.db"
    if case == "damaged":
        shutil.copy(demo_template, hall)
        damage(hall)
    monkeypatch.setenv("COUNTER_APP_DB", str(hall))
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(tmp_path / "config"))  # --lang en is remembered there
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(50, read_and_close)

    QTimer.singleShot(50, read_and_close)
    assert run_gui(_gui_args()) == 2
    assert len(seen) == 1
    if case == "missing":
        assert seen[0].startswith(f"There is no database at {hall}.")
        assert not hall.exists()
    else:
        assert seen[0].startswith(f"The database {hall} is damaged")
        assert "restore FILE" in seen[0]
    from counter_app.ui.i18n import install_translations

    install_translations(qapp, "en")


def test_the_damage_message_is_translated(tmp_path):
    exc = UserError(startup_check.DAMAGED_BACKUP, path="hall.db", detail="x", backup="b.db", taken="2026-11-30 18:05")
    from counter_app.cli.language import message

    assert message(exc, "zh_CN").startswith("数据库 hall.db 已损坏") and "counter-app --db hall.db restore b.db" in \
        message(exc, "zh_CN")


def test_the_gui_offers_to_restore_the_newest_good_backup(demo_template, tmp_path, qapp):
    from counter_app.models import Hall
    from counter_app.ui.restore_offer import open_or_restore

    hall = tmp_path / "hall.db"
    shutil.copy(demo_template, hall)
    assert cli("--db", str(hall), "backup", "--due").returncode == 0
    damage(hall)
    told: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "damagedDatabase":
            told.append(box.text())
            next(b for b in box.buttons() if b.text() == "Restore this backup").click()
        elif isinstance(box, QMessageBox):  # the confirmation
            told.append(box.text())
            box.done(0)
            return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    assert open_or_restore(str(hall), create=False)
    assert told[0].startswith(f"The database {hall} is damaged")
    assert "was restored from" in told[1] and "hall.db.replaced-" in told[1]
    assert Hall.select().count() == 1  # open, on the restored file
    close_database()
    assert [p for p in tmp_path.glob("hall.db.replaced-*") if not p.name.endswith("-wal")]
