"""Putting a backup back in place of a terminal's database file.

Refused while any process has the file open: copying over a file a running terminal has
open corrupts it (its cached pages and write-ahead log no longer match the file) while it
goes on acknowledging payments. Every SQLite connection to a WAL database holds a shared
lock on one byte of the ``-shm`` file (the "DMS" byte) as long as it is open; restore asks
for an exclusive lock on that byte and gives up if it cannot have it.

Then, in order: the backup is checked (full integrity check, a schema this program knows);
it is copied in under a temporary name, opened there (migrated if it is older) and made to
continue as a new terminal (below), so that it is complete before anyone can open it; then,
under SQLite's own lock taken for the free-check (:class:`_Hold`), the current file and its
``-wal`` are set aside (``hall.db.replaced-<time>``, a pair SQLite can still open), the copy
renamed into place and the ``-shm`` removed. A program that opens the file in that moment
waits at the lock and then opens the restored file (``startup_check.connect``).

The restored file then continues as a **new terminal id**: the rows the old id made after
the backup are still on the hub, and its audit chain there goes on past the backup's head.
A new id starts a chain of its own (its first event, ``backup.restore``, names the backup
and the head it continues from), takes document numbers the old id never used, and cannot
collide with anything the hub already holds. The next sync brings back from the hub the
rows of the old id newer than the backup (``sync/recover.py``), and sends once what the
backup had not sent (the hub answers "duplicate" for what it already has).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from counter_app import clock
from counter_app.errors import UserError
from counter_app.faults import checkpoint
from counter_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

RECOVER_KEY = "recover_from"  # sync_state: [{"terminal": id, "after": hlc}, ...]
LINEAGE_KEY = "terminal_lineage"  # sync_state: the ids this file had before, oldest first
DMS_BYTE = 128  # SQLite's "dead man switch" lock byte of the -shm file (WALINDEX_LOCK_OFFSET + 8)

IN_USE = QT_TRANSLATE_NOOP("Errors", "{path} is open in another program (a counter, kiosk, display or sync "
                                     "window of this PC). Close every one of them, then restore again.")
TOO_NEW = QT_TRANSLATE_NOOP("Errors", "The backup {path} was made by a newer version (schema {found}); this "
                                      "program knows up to {known}.")


@dataclasses.dataclass
class RestoreResult:
    restored: Path
    backup: Path
    replaced: Path | None
    previous_terminal: str
    terminal: str
    schema: int

    def as_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(self).items()}


class _Hold:
    """The free-check and the swap under one lock, SQLite's own: the ``-shm`` file's DMS byte.

    Taken exclusively (UserError IN_USE when another process has the file open; the ``-shm``
    is made when missing, so that even the first program to open the file waits), it is held
    while the file and its ``-wal`` are set aside and the backup's copy renamed into place: a
    program that opened the old file in that moment waits at the byte instead of starting on
    a file being moved. After the swap the old ``-shm`` is unlinked and the lock turned
    shared: a program that waited reads the old file's pages as they were, and sees the file
    at the path changed (``startup_check.connect``, which connects again, to the restored
    file). Shared, because the last connection to leave a WAL file checkpoints and deletes
    the ``-wal`` *by its name*, which by then is the restored file's. :meth:`release` waits
    until every such program has left the old file (the byte can be taken exclusively again)."""

    WAIT_FOR_LEAVERS_S = 30.0

    def __init__(self, db_path: Path) -> None:
        from counter_app.filelock import lock_byte

        self.db_path = db_path
        try:
            self.fd = os.open(Path(f"{db_path}-shm"), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            raise UserError(IN_USE, path=str(db_path)) from None  # cannot even look: do not risk it
        if not lock_byte(self.fd, DMS_BYTE):
            os.close(self.fd)
            raise UserError(IN_USE, path=str(db_path))

    def swap(self, incoming: Path, now: dt.datetime) -> Path | None:
        """The file and its ``-wal`` set aside, ``incoming`` renamed into place, the old
        ``-shm`` removed; the file set aside (None when there was none)."""
        from counter_app.filelock import share_byte

        target = self.db_path
        checkpoint("restore.held")
        aside = _set_aside(target, now)
        try:
            os.replace(incoming, target)
            _fsync(target.parent)
        except BaseException:
            _put_back(aside, target)
            raise
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}-shm").unlink()
        share_byte(self.fd, DMS_BYTE)
        return aside

    def release(self) -> None:
        from counter_app.filelock import lock_byte, unlock_byte

        deadline = time.monotonic() + self.WAIT_FOR_LEAVERS_S
        while not lock_byte(self.fd, DMS_BYTE) and time.monotonic() < deadline:
            time.sleep(0.02)
        with contextlib.suppress(OSError):
            unlock_byte(self.fd, DMS_BYTE)
        os.close(self.fd)


def in_use(db_path: Path) -> bool:
    """Does any process have the SQLite file ``db_path`` open?"""
    from counter_app.filelock import byte_is_free

    shm = Path(f"{db_path}-shm")
    if not shm.exists():
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True  # cannot even look: do not risk it
    try:
        return not byte_is_free(fd, DMS_BYTE)
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _aside_name(target: Path, at: dt.datetime) -> Path | None:
    return target.with_name(f"{target.name}.replaced-{at:%Y%m%d-%H%M%S}") if target.exists() else None


def _set_aside(target: Path, at: dt.datetime) -> Path | None:
    """Keep the file under its aside name (a second name: the path never goes missing, so a
    program opening it meanwhile cannot make a new empty file there) and move its ``-wal``
    and ``-journal`` along; falls back to a rename where the file system has no hard links."""
    aside = _aside_name(target, at)
    if aside is None:
        return None
    try:
        os.link(target, aside)
    except OSError:
        os.replace(target, aside)
    for suffix in ("-wal", "-journal"):
        companion = Path(f"{target}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def _put_back(aside: Path | None, target: Path) -> None:
    if aside is None:
        return
    with contextlib.suppress(OSError):
        if target.exists() and os.path.samefile(aside, target):  # still linked: drop the second name
            aside.unlink()
        else:
            os.replace(aside, target)
        wal = Path(f"{aside}-wal")
        if wal.exists():
            os.replace(wal, Path(f"{target}-wal"))


def restore(backup: str | os.PathLike[str], target: str | os.PathLike[str]) -> RestoreResult:
    """Replace the database file ``target`` by the backup (see the module's note)."""
    from counter_app.db import SCHEMA_VERSION, close_database, open_database
    from counter_app.services import backups

    backup, target = Path(backup), Path(target)
    schema, _hall = backups.inspect(backup)
    if schema > SCHEMA_VERSION:
        raise UserError(TOO_NEW, path=str(backup), found=schema, known=SCHEMA_VERSION)
    if backup.resolve() == target.resolve():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The backup is the database itself."))
    if not target.parent.is_dir():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The folder of {path} does not exist."), path=str(target))
    from counter_app.models import db

    if db.obj is not None:  # before the lock: closing a connection to the file would drop it
        close_database()
    if in_use(target):
        raise UserError(IN_USE, path=str(target))
    now = clock.now()
    digest = backups.file_sha256(backup)
    incoming = target.with_name(f".{target.name}.restoring")
    try:
        # The long part, before anyone is held up: the copy, migrated if older, already
        # continuing as a new terminal when it gets its name (nobody can open it before).
        shutil.copyfile(backup, incoming)
        open_database(str(incoming))
        try:
            previous, terminal = _continue_as_new_terminal(backup, digest, _aside_name(target, now))
        finally:
            close_database()
        for stray in target.parent.glob(f"{incoming.name}.v*.bak"):
            stray.unlink()  # the copy before migrating: the backup itself is that
        _fsync(incoming)
        hold = _Hold(target)
        try:
            aside = hold.swap(incoming, now)
        finally:
            hold.release()
    except BaseException:
        for leftover in (incoming, Path(f"{incoming}-wal"), Path(f"{incoming}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    log.info("restored %s from %s (replaced file kept as %s); terminal %s continues as %s", target, backup, aside,
             previous, terminal)
    return RestoreResult(target, backup, aside, previous, terminal, schema)


def _max_hlc(terminal: str) -> str:
    from counter_app.models import db, quote, synced_models

    newest = ""
    for table in synced_models():
        row = db.execute_sql(f"SELECT max(hlc) FROM {quote(table)} WHERE terminal = ?", (terminal,)).fetchone()
        if row and row[0] and row[0] > newest:
            newest = row[0]
    return newest


def _new_terminal_id(taken: list[str]) -> str:
    from counter_app.ids import uuid7

    shorts = {t.removeprefix("T-")[-4:].upper() for t in taken}
    while True:
        candidate = f"T-{uuid7().hex[-10:]}"
        if candidate.removeprefix("T-")[-4:].upper() not in shorts:  # document numbers stay unique
            return candidate


def _continue_as_new_terminal(backup: Path, digest: str, aside: Path | None) -> tuple[str, str]:
    from counter_app.models import SyncState, db
    from counter_app.models.sync import forget_clocks
    from counter_app.services import audit, audit_chain
    from counter_app.services.session import TERMINAL_ID_KEY, open_session, set_local_setting, terminal_id

    with db.atomic():
        previous = terminal_id()
        lineage_row = SyncState.get_or_none(SyncState.key == LINEAGE_KEY)
        lineage = json.loads(lineage_row.value) if lineage_row and lineage_row.value else []
        lineage = [*lineage, previous]
        marks_row = SyncState.get_or_none(SyncState.key == RECOVER_KEY)
        marks = json.loads(marks_row.value) if marks_row and marks_row.value else []
        marks = [m for m in marks if m.get("terminal") != previous]
        marks.append({"terminal": previous, "after": _max_hlc(previous)})
        head = audit_chain.read_head(previous) or (0, "")
        terminal = _new_terminal_id(lineage)
        set_local_setting(TERMINAL_ID_KEY, terminal)
        for key, value in ((LINEAGE_KEY, lineage), (RECOVER_KEY, marks)):
            SyncState.insert(key=key, value=json.dumps(value)).on_conflict(
                conflict_target=[SyncState.key], update={SyncState.value: json.dumps(value)}).execute()
    forget_clocks()  # the clock's node is the terminal id
    try:
        session = open_session()
    except UserError:  # a backup of a terminal that never had a hall: nothing to audit it under
        return previous, terminal
    audit.record(session, "backup.restore", backup.name, file=str(backup), sha256=digest,
                 previous_terminal=previous, previous_head_seq=head[0], previous_head_hash=head[1],
                 replaced=str(aside) if aside else "")
    return previous, terminal


def pending_recovery() -> list[dict[str, Any]]:
    from counter_app.models import SyncState

    row = SyncState.get_or_none(SyncState.key == RECOVER_KEY)
    return json.loads(row.value) if row and row.value else []
