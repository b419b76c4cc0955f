"""What went wrong with the disk or the database file, in words the user can act on.

SQLite's own message ("database or disk is full", "attempt to write a readonly database",
"database is locked", "database disk image is malformed") and the operating system's
(no space left, read-only file system, permission denied) are turned into a
:class:`StorageError`: a translated sentence saying what happened and that nothing was
saved, with the original text kept in brackets for the support desk. The CLI prints it,
the GUI shows it as a message instead of a crash report.

Below the UI: no Qt here; the messages are marked with QT_TRANSLATE_NOOP.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

import peewee

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP


class StorageError(UserError):
    """The disk or the database file refused the work; nothing was saved."""


DISK_FULL = QT_TRANSLATE_NOOP("Errors", "The disk is full: nothing was saved. Free some space on the drive "
                                        "of {where} and try again. ({detail})")
READ_ONLY = QT_TRANSLATE_NOOP("Errors", "The database cannot be written (it is read-only): nothing was saved. "
                                        "({detail})")
LOCKED = QT_TRANSLATE_NOOP("Errors", "The database is busy in another program and did not answer in time: "
                                     "nothing was saved. Try again. ({detail})")
DAMAGED = QT_TRANSLATE_NOOP("Errors", "The database file {where} is damaged: nothing was saved. Restore the newest "
                                      "backup (see counter-app restore). ({detail})")
IO_ERROR = QT_TRANSLATE_NOOP("Errors", "The disk could not be read or written: nothing was saved. ({detail})")
CANNOT_OPEN = QT_TRANSLATE_NOOP("Errors", "The database file {where} cannot be opened: nothing was saved. ({detail})")
FILE_FULL = QT_TRANSLATE_NOOP("Errors", "The disk is full: {where} was not written. ({detail})")
FILE_READ_ONLY = QT_TRANSLATE_NOOP("Errors", "{where} cannot be written: the disk or folder is read-only. "
                                             "({detail})")
FILE_DENIED = QT_TRANSLATE_NOOP("Errors", "{where} cannot be written: permission denied. ({detail})")
FILE_NO_FOLDER = QT_TRANSLATE_NOOP("Errors", "{where} cannot be written: its folder does not exist. ({detail})")
FILE_OTHER = QT_TRANSLATE_NOOP("Errors", "{where} could not be written. ({detail})")

# SQLite's texts (sqlite3_errstr) → our sentence. Matched in lower case, first match wins.
_SQLITE = (
    ("database or disk is full", DISK_FULL),
    ("readonly database", READ_ONLY),
    ("read-only", READ_ONLY),
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    # SQLITE_PROTOCOL: a WAL lock that stayed taken through all of SQLite's retries, as while
    # counter-app restore swaps the file under its lock for longer than a writer waits.
    ("locking protocol", LOCKED),
    ("malformed", DAMAGED),
    ("file is not a database", DAMAGED),
    ("disk i/o error", IO_ERROR),
    ("unable to open database file", CANNOT_OPEN),
)
_OS = {errno.ENOSPC: FILE_FULL, errno.EDQUOT: FILE_FULL, errno.EROFS: FILE_READ_ONLY,
       errno.EACCES: FILE_DENIED, errno.EPERM: FILE_DENIED, errno.ENOENT: FILE_NO_FOLDER}


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _database_path() -> str:
    from counter_app.models import db

    obj = db.obj
    return str(getattr(obj, "database", "") or "") if isinstance(obj, peewee.SqliteDatabase) else ""


def _no_space(path: str) -> bool:
    """Is the disk of ``path`` (nearly) full? Less than 64 KiB free is: SQLite and the
    operating system keep a few blocks back."""
    if not path:
        return False
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def explain(exc: BaseException, where: str = "") -> StorageError | None:
    """A StorageError for ``exc`` (or an error it was raised from), or None when it is not
    about the disk or the database file. ``where`` names the file, if known."""
    if isinstance(exc, StorageError):
        return exc
    for link in _chain(exc):
        if isinstance(link, (sqlite3.Error, peewee.OperationalError, peewee.DatabaseError)):
            text = str(link).strip()
            lowered = text.lower()
            for needle, message in _SQLITE:
                if needle in lowered:
                    path = where or _database_path()
                    if message in (IO_ERROR, CANNOT_OPEN) and _no_space(path):
                        message = DISK_FULL  # SQLite says "I/O error" when the WAL index cannot grow
                    return StorageError(message, where=path, detail=text)
        elif isinstance(link, OSError) and link.errno in _OS:
            name = where or link.filename or ""
            return StorageError(_OS[link.errno], where=str(name), detail=link.strerror or str(link))
    for link in _chain(exc):
        if isinstance(link, OSError) and link.errno is not None and where:
            return StorageError(FILE_OTHER, where=where, detail=link.strerror or str(link))
    return None
