"""Writing an output file (a PDF, a backup) so that the file and its audit event agree.

    with output_file(path) as out:
        out.write(pdf_bytes)                  # to a temporary name beside ``path``
        print_log.record_print(session, ...)  # the audit event, in the same transaction

The data goes to a hidden temporary file in the target's folder, flushed to the disk. The
audit rows are written in one database transaction; the temporary file is renamed to
``path`` inside it, just before the commit. So:

- the disk fills or the folder is read-only: no file, no ``.part`` left, nothing audited;
- the database refuses the audit row (read-only, full, locked): the temporary file is
  removed, no file appears;
- the commit itself fails after the rename: the file is removed again.

A file that already had the name is replaced only at the rename; if the commit then fails
it is gone (the new one is removed too): better no copy than a copy nobody logged.

On SQLite the transaction takes the write lock when it begins: render before entering the
block, so other terminals on the file wait only for the file write and the rename.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from counter_app.errors import UserError
from counter_app.faults import checkpoint
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.storage_errors import explain

NO_FOLDER = QT_TRANSLATE_NOOP("Errors", "The folder of {path} does not exist.")
A_FOLDER = QT_TRANSLATE_NOOP("Errors", "{path} is a folder: give the name of the file to write.")
THE_DATABASE = QT_TRANSLATE_NOOP("Errors", "{path} is this terminal's database (or a file SQLite keeps beside it): "
                                           "nothing is ever written over it. Choose another name.")
A_DATABASE = QT_TRANSLATE_NOOP("Errors", "{path} is a database file: a document is never written over a "
                                         "database. Choose another name.")
SQLITE_HEADER = b"SQLite format 3\x00"
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class PendingFile:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.part = target.with_name(f".{target.name}.{os.getpid()}.part")
        self.written = False
        self.size = 0

    def write(self, data: bytes) -> None:
        try:
            with open(self.part, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            self.discard()
            raise explain(exc, str(self.target)) or exc from None
        self.written = True
        self.size = len(data)
        checkpoint("output.written")  # the fault tests fill the disk here, before the audit rows

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.part.unlink()


def _bound_database_file() -> Path | None:
    from peewee import SqliteDatabase

    from counter_app.models import db

    database = db.obj
    if not isinstance(database, SqliteDatabase) or not database.database or database.database == ":memory:":
        return None
    return Path(database.database)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def is_database_file(path: Path) -> bool:
    """Does ``path`` hold an SQLite database (by its first bytes)?"""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_folder(path: str | os.PathLike, *, database: Path | None = None, documents: bool = True) -> Path:
    """``path`` as a Path a file may be written to (nothing is created): its folder exists, it
    is not a folder itself, and it is neither the database the models are bound to (or
    ``database``) nor one of the files SQLite keeps beside it. A document (``documents``) is
    not written over any SQLite database either; a backup may replace an older backup."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(NO_FOLDER, path=str(target))
    if target.is_dir():
        raise UserError(A_FOLDER, path=str(target))
    protected = [p for p in (database, _bound_database_file()) if p is not None]
    for db_file in protected:
        if any(_same_file(target, Path(f"{db_file}{suffix}")) for suffix in DATABASE_COMPANIONS):
            raise UserError(THE_DATABASE, path=str(target))
    if documents and is_database_file(target):
        raise UserError(A_DATABASE, path=str(target))
    return target


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def output_file(path: str | os.PathLike, *, database=None,
                pending: PendingFile | None = None) -> Iterator[PendingFile]:
    """See the module's note. ``database`` defaults to the bound models' database;
    ``pending`` is a temporary file already written (a backup copy) to publish the same way."""
    if database is None:
        from counter_app.models import db as database
    target = check_folder(path, documents=pending is None)
    pending = pending or PendingFile(target)
    renamed = False
    try:
        with database.atomic():
            yield pending
            if not pending.written:
                raise RuntimeError("output_file: nothing was written")
            try:
                os.replace(pending.part, target)
            except OSError as exc:
                raise explain(exc, str(target)) or exc from None
            renamed = True
        _sync_folder(target.parent)
    except BaseException:
        pending.discard()
        if renamed:  # the commit failed after the rename: no file without its record
            with contextlib.suppress(OSError):
                target.unlink()
        raise
