"""What is checked when a terminal's SQLite file is opened.

- **Missing or empty.** Only ``init`` and ``demo`` (and the GUI with ``--demo``) make a new
  database. Any other command, and the GUI, refuse a path that does not exist, a 0-byte
  file and a file without counter_app's tables, and say how to make or restore one: a
  mistyped ``--db`` no longer becomes a new empty database in a new folder.
- **Damaged.** ``PRAGMA quick_check`` runs when the file is opened (it reads every page but
  skips the index cross-checks of ``integrity_check``). A file above
  ``QUICK_CHECK_ALWAYS_BYTES`` is checked once a day at most (the time of the last good
  check is kept in ``sync_state``): a check of a large file costs seconds, and the queue
  commands of a kiosk open the file many times an hour. A damaged file is refused with one
  message naming the newest good backup (``services/backups.py``) and the restore command.
- **Replaced while connecting.** A restore swaps the file while holding the lock SQLite
  takes first (``services/restore.py``); a program that opened the old file just before
  waits there and would then go on with the file set aside. :func:`connect` sees that the
  path names another file than before and connects again, to the restored file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from peewee import SqliteDatabase

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

REPLACED_RETRIES = 3
QUICK_CHECK_ALWAYS_BYTES = 256 * 1024 * 1024
QUICK_CHECK_EVERY = dt.timedelta(hours=24)
QUICK_CHECK_KEY = "quick_check_ok_at"

NO_DATABASE = QT_TRANSLATE_NOOP("Errors", "There is no database at {path}. A new terminal is made with: "
                                          "counter-app --db {path} init; a backup is brought back with: "
                                          "counter-app --db {path} restore FILE.")
EMPTY_FILE = QT_TRANSLATE_NOOP("Errors", "{path} is empty (0 bytes): it is not a database. A new terminal is made "
                                         "with: counter-app --db {path} init; a backup is brought back with: "
                                         "counter-app --db {path} restore FILE.")
FOREIGN = QT_TRANSLATE_NOOP("Errors", "{path} is not a counter_app database (it has no schema version). "
                                      "Check the --db path or the terminal config.")
DAMAGED_BACKUP = QT_TRANSLATE_NOOP("Errors", "The database {path} is damaged ({detail}); nothing was changed. The "
                                             "newest good backup is {backup}, taken {taken}. Close every window "
                                             "of this PC and restore it with:\ncounter-app --db {path} restore "
                                             "{backup}")
DAMAGED_NO_BACKUP = QT_TRANSLATE_NOOP("Errors", "The database {path} is damaged ({detail}); nothing was changed. "
                                                "No backup of it was found in {folder}. Restore a copy with: "
                                                "counter-app --db {path} restore FILE, or call the support desk.")


class DatabaseDamaged(UserError):
    """The file failed SQLite's check; nothing was written to it."""


def refuse_missing(path: Path) -> None:
    if not path.exists():
        raise UserError(NO_DATABASE, path=str(path))
    if path.is_file() and path.stat().st_size == 0:
        raise UserError(EMPTY_FILE, path=str(path))


def refuse_foreign(database: SqliteDatabase, *, allow_new: bool = False) -> None:
    """A file without counter_app's tables is refused; with ``allow_new`` (init, demo) a
    file without any table is not (a new database), one with another program's tables is."""
    if database.table_exists("sync_state") or (allow_new and not database.get_tables()):
        return
    path = database.database
    database.close()
    raise UserError(FOREIGN, path=str(path))


def _damaged(database: SqliteDatabase, detail: str) -> DatabaseDamaged:
    from counter_app.services.backups import backup_folder, newest_backup

    path = Path(database.database)
    if not database.is_closed():
        database.close()
    log.error("database %s is damaged: %s", path, detail)
    try:
        newest = newest_backup(path)
    except Exception:  # a broken config must not hide the damage
        newest = None
    if newest is None:
        return DatabaseDamaged(DAMAGED_NO_BACKUP, path=str(path), detail=detail, folder=str(backup_folder(path)))
    return DatabaseDamaged(DAMAGED_BACKUP, path=str(path), detail=detail, backup=str(newest.path),
                           taken=f"{newest.taken_at:%Y-%m-%d %H:%M}")


def refuse_damaged(database: SqliteDatabase, exc: BaseException) -> None:
    """Raise DatabaseDamaged when ``exc`` says the file is damaged."""
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        raise _damaged(database, str(exc)) from None


def _recently_checked(database: SqliteDatabase) -> bool:
    from counter_app import clock

    try:
        row = database.execute_sql("SELECT value FROM sync_state WHERE key = ?", (QUICK_CHECK_KEY,)).fetchone()
    except Exception:
        return False
    if not row or not row[0]:
        return False
    try:
        return clock.now() - dt.datetime.fromisoformat(row[0]) < QUICK_CHECK_EVERY
    except ValueError:
        return False


def check_file(database: SqliteDatabase) -> None:
    """SQLite's quick_check of the opened file; DatabaseDamaged when it fails."""
    path = Path(database.database)
    if str(path) in ("", ":memory:"):
        return
    try:
        size = path.stat().st_size
    except OSError:
        return
    big = size > QUICK_CHECK_ALWAYS_BYTES
    try:
        if big and _recently_checked(database):
            return
        problems = [r[0] for r in database.execute_sql("PRAGMA quick_check(3)").fetchall()]
    except Exception as exc:
        refuse_damaged(database, exc)
        raise
    if problems != ["ok"]:
        raise _damaged(database, "; ".join(problems))
    if big:
        from counter_app import clock

        try:
            database.execute_sql("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                                 "SET value = excluded.value", (QUICK_CHECK_KEY, clock.now().isoformat()))
        except Exception:  # a new file has no sync_state yet; a read-only one cannot keep the mark
            pass


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def connect(database) -> None:
    """``database.connect()``; for a SQLite file, again when the file at its path was replaced
    while connecting (a restore finishing: see the module's note). Connecting reads the file
    (the pragmas), which is when SQLite takes the lock a restore holds."""
    path = getattr(database, "database", "")
    if not isinstance(database, SqliteDatabase) or str(path) in ("", ":memory:"):
        database.connect(reuse_if_open=True)
        return
    for _attempt in range(REPLACED_RETRIES):
        before = _identity(path)
        database.connect(reuse_if_open=True)
        if before is None or _identity(path) == before:
            return
        log.info("%s was replaced while it was being opened; opening it again", path)
        database.close()
    database.connect(reuse_if_open=True)
