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
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.storage_errors import explain

NO_FOLDER = QT_TRANSLATE_NOOP("Errors", "The folder of {path} does not exist.")


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

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.part.unlink()


def check_folder(path: str | os.PathLike) -> Path:
    """``path`` as a Path, after checking its folder exists (nothing is created)."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(NO_FOLDER, path=str(target))
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
    target = check_folder(path)
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
