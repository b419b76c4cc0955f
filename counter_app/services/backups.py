"""Backups of a terminal's SQLite file: taken online, verified, recorded, kept by a rule.

A backup is taken with SQLite's online backup API in one step: one read transaction copies
every page, so the copy is one consistent moment of the file while kiosks and counters go
on writing (WAL: readers never block writers). The copy goes to a hidden temporary file
beside its destination, is switched to a self-contained journal (no ``-wal`` to lose), then
checked (``PRAGMA integrity_check``, the schema version of the source) before it gets its
name, and the ``backup.create`` audit event is written in the same transaction as that
rename (``counter_app/output.py``). A backup killed half-way leaves only its temporary
file, removed by the next backup.

Automatic backups go to the backups folder (``backup_dir`` in the terminal config, else
``backups/`` beside the database) as ``<name>-YYYYMMDD-HHMMSS-<kind>.db``: at day close
(``dayclose``) and every ``backup_every_h`` hours (``periodic``). Retention keeps every
backup of the last 24 hours, the newest of each of the last ``backup_keep_daily`` days and
the newest of each of the last ``backup_keep_monthly`` months; a file in the folder with
another name is never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peewee import SqliteDatabase

from counter_app import clock
from counter_app.config import TerminalConfig
from counter_app.errors import UserError
from counter_app.faults import checkpoint
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import db
from counter_app.output import PendingFile, check_folder, output_file
from counter_app.storage_errors import explain

if TYPE_CHECKING:
    from counter_app.services.session import Session

log = logging.getLogger(__name__)

AUTOMATIC = ("periodic", "dayclose")
KINDS = (*AUTOMATIC, "manual")
NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>periodic|dayclose|manual)\.db$")
PART_RE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.part$")

NOT_SQLITE = QT_TRANSLATE_NOOP("Errors", "Backups are made of a terminal's SQLite file, not of a PostgreSQL "
                                         "database (back that up with pg_dump).")
COPY_DAMAGED = QT_TRANSLATE_NOOP("Errors", "The backup copy failed its check ({reason}); nothing was kept. The "
                                           "database itself may be damaged: run counter-app audit verify and "
                                           "restore the newest good backup.")
NOT_A_BACKUP = QT_TRANSLATE_NOOP("Errors", "{path} is not a usable backup: {reason}")


@dataclasses.dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    kind: str
    bytes: int
    sha256: str = ""
    schema: int = 0

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        return (now or clock.now()) - self.taken_at

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "taken_at": self.taken_at.isoformat(sep=" "), "kind": self.kind,
                "bytes": self.bytes, "sha256": self.sha256, "schema": self.schema}


# --- where ----------------------------------------------------------------------------------

def database_path() -> Path:
    """The SQLite file the models are bound to."""
    obj = db.obj
    if not isinstance(obj, SqliteDatabase):
        raise UserError(NOT_SQLITE)
    return Path(obj.database)


def backup_folder(db_path: Path, config: TerminalConfig | None = None) -> Path:
    config = config or TerminalConfig.load()
    return Path(config.backup_dir) if config.backup_dir else db_path.parent / "backups"


def folder_name(db_path: Path, kind: str, at: dt.datetime) -> str:
    return f"{db_path.stem}-{at:%Y%m%d-%H%M%S}-{kind}.db"


# --- checking a copy ------------------------------------------------------------------------

def inspect(path: Path) -> tuple[int, str]:
    """(schema version, hall code) of a database file after a full integrity check; a
    UserError naming what is wrong otherwise. Opens the file read-only."""
    if not path.is_file() or path.stat().st_size == 0:
        raise UserError(NOT_A_BACKUP, path=str(path), reason="empty or missing")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise UserError(NOT_A_BACKUP, path=str(path), reason=str(exc)) from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise UserError(NOT_A_BACKUP, path=str(path), reason="; ".join(problems))
        version = conn.execute("SELECT value FROM sync_state WHERE key = 'schema_version'").fetchone()
        hall = conn.execute("SELECT value FROM setting WHERE hall = '' AND key = 'hall_code'").fetchone()
    except sqlite3.Error as exc:
        raise UserError(NOT_A_BACKUP, path=str(path), reason=str(exc)) from None
    finally:
        conn.close()
    if version is None:
        raise UserError(NOT_A_BACKUP, path=str(path), reason="no schema version: not a counter_app database")
    return int(version[0]), _json_text(hall[0]) if hall else ""


def _json_text(value: Any) -> str:  # a stored setting: JSON text, or what a driver made of it
    import json

    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return str(value or "")
    return str(loaded or "")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- taking one -----------------------------------------------------------------------------

def lock_file(folder: Path) -> Path:
    """The lock file of backups into ``folder``: in this program's data folder, named by the
    folder's resolved path, so that nothing is left in the folder a backup was written to
    (a USB stick, a share) but the backup itself. Processes of one OS user share it."""
    from counter_app.paths import data_dir

    key = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:24]
    locks = data_dir() / "locks"
    locks.mkdir(exist_ok=True)
    return locks / f"backup-{key}.lock"


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One backup at a time into a folder (other processes wait their turn). Holding it, any
    temporary file of a backup in the folder belongs to one that did not finish."""
    from counter_app.filelock import lock_exclusive, unlock

    fd = os.open(lock_file(folder), os.O_CREAT | os.O_RDWR, 0o644)
    try:
        lock_exclusive(fd)
        try:
            yield
        finally:
            unlock(fd)
    finally:
        os.close(fd)


def _remove_stale_parts(folder: Path, target_name: str) -> None:
    """Temporary files of backups that did not finish (killed half-way): of this target, or
    of any backup named as the backups folder names them. Call holding the folder's lock."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            found = PART_RE.match(entry.name)
            if found and (found["name"] == target_name or NAME_RE.match(found["name"])):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    log.info("removed %s, left by a backup that did not finish", entry)


def _copy(source: Path, part: Path) -> int:
    """The online backup into ``part``, made self-contained and checked; its schema version."""
    src = sqlite3.connect(str(source), timeout=10)
    try:
        dst = sqlite3.connect(str(part))
        try:
            src.backup(dst)  # every page in one step: one read transaction, one moment of the file
            dst.execute("PRAGMA journal_mode=DELETE")
            checkpoint("backup.copied")
            problems = [r[0] for r in dst.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise UserError(COPY_DAMAGED, reason="; ".join(problems))
            row = dst.execute("SELECT value FROM sync_state WHERE key = 'schema_version'").fetchone()
        finally:
            dst.close()
        wanted = src.execute("SELECT value FROM sync_state WHERE key = 'schema_version'").fetchone()
    finally:
        src.close()
    if row is None or wanted is None or row[0] != wanted[0]:
        raise UserError(COPY_DAMAGED, reason=f"schema {row[0] if row else '?'} where the database has "
                                             f"{wanted[0] if wanted else '?'}")
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())
    return int(row[0])


def _session() -> Session:
    from counter_app.services.session import Session, current_hall, terminal_id

    hall = current_hall()
    if hall is None:
        from counter_app.models import Hall

        hall = Hall(code="", name="")
    return Session(hall=hall, terminal_id=terminal_id())


def take_backup(out: str | os.PathLike[str], *, kind: str = "manual", session: Session | None = None) -> BackupInfo:
    """Back the bound database up to ``out`` (see the module's note)."""
    from counter_app.services import audit

    source = database_path()
    target = check_folder(out, documents=False)
    if target.resolve() == source.resolve():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "A backup cannot be written over the database itself."))
    session = session or _session()
    with _folder_lock(target.parent):
        _remove_stale_parts(target.parent, target.name)
        taken_at = clock.now()
        pending = PendingFile(target)
        try:
            schema = _copy(source, pending.part)
        except UserError:
            pending.discard()
            raise
        except (sqlite3.Error, OSError) as exc:
            pending.discard()
            raise explain(exc, str(target)) or exc from None
        pending.written = True
        size = pending.part.stat().st_size
        digest = file_sha256(pending.part)
        with output_file(target, pending=pending):
            audit.record(session, "backup.create", str(target), kind=kind, bytes=size, sha256=digest,
                         schema=schema, taken_at=taken_at.isoformat(sep=" "))
    log.info("backed up %s to %s (%s bytes, schema %s)", source, target, size, schema)
    return BackupInfo(target, taken_at, kind, size, digest, schema)


def take_to_folder(kind: str, *, session: Session | None = None, config: TerminalConfig | None = None) -> BackupInfo:
    """An automatic backup into the backups folder (made if missing), then the retention rule."""
    config = config or TerminalConfig.load()
    source = database_path()
    folder = backup_folder(source, config)
    folder.mkdir(parents=True, exist_ok=True)
    info = take_backup(folder / folder_name(source, kind, clock.now()), kind=kind, session=session)
    prune(folder, keep_daily=config.backup_keep_daily, keep_monthly=config.backup_keep_monthly)
    return info


# --- the folder -----------------------------------------------------------------------------

def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` by their names (only finished ones have them), newest first."""
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = NAME_RE.match(entry.name)
            if not match or (stem is not None and match["stem"] != stem) or not entry.is_file():
                continue
            at = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(BackupInfo(entry, at, match["kind"], entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backups_of(db_path: Path, config: TerminalConfig | None = None) -> list[BackupInfo]:
    return list_backups(backup_folder(db_path, config), db_path.stem)


def newest_backup(db_path: Path, config: TerminalConfig | None = None) -> BackupInfo | None:
    """The newest backup of ``db_path`` in its backups folder (each was checked when taken)."""
    found = backups_of(db_path, config)
    return found[0] if found else None


def prune(folder: Path, *, keep_daily: int = 14, keep_monthly: int = 12, now: dt.datetime | None = None) -> list[Path]:
    """Apply the retention rule to the automatic backups in ``folder``; returns what went."""
    now = now or clock.now()
    by_stem: dict[str, list[BackupInfo]] = {}
    for info in list_backups(folder):
        match = NAME_RE.match(info.path.name)
        if info.kind in AUTOMATIC and match is not None:  # an automatic backup's name always matches
            by_stem.setdefault(match["stem"], []).append(info)
    removed = []
    for infos in by_stem.values():
        keep: set[Path] = set()
        days: set[dt.date] = set()
        months: set[tuple[int, int]] = set()
        for info in infos:  # newest first
            day = info.taken_at.date()
            month = (day.year, day.month)
            if info.age(now) <= dt.timedelta(hours=24):
                keep.add(info.path)
            if day not in days and (now.date() - day).days < keep_daily:
                days.add(day)
                keep.add(info.path)
            if month not in months and (now.year - month[0]) * 12 + now.month - month[1] < keep_monthly:
                months.add(month)
                keep.add(info.path)
        for info in infos:
            if info.path not in keep:
                with contextlib.suppress(OSError):
                    info.path.unlink()
                    removed.append(info.path)
    if removed:
        log.info("retention removed %s old backups from %s", len(removed), folder)
    return removed


# --- when -----------------------------------------------------------------------------------

def is_due(config: TerminalConfig | None = None, now: dt.datetime | None = None) -> bool:
    """Is an automatic backup older than ``backup_every_h`` hours (or none at all)?"""
    config = config or TerminalConfig.load()
    if config.backup_every_h <= 0:
        return False
    newest = next((b for b in backups_of(database_path(), config) if b.kind in AUTOMATIC), None)
    return newest is None or newest.age(now) >= dt.timedelta(hours=config.backup_every_h)


def run_due(*, session: Session | None = None, config: TerminalConfig | None = None) -> BackupInfo | None:
    """Take a periodic backup if one is due (any process on the file may ask; a backup taken
    by another one meanwhile makes this one not due)."""
    if not isinstance(db.obj, SqliteDatabase) or not is_due(config):
        return None
    return take_to_folder("periodic", session=session, config=config)


def after_day_close(session: Session, business_date: dt.date) -> BackupInfo | None:
    """The backup at day close. The day is closed whatever happens here: a failure is logged
    and audited (``backup.failed``), not raised."""
    if not isinstance(db.obj, SqliteDatabase):
        return None
    try:
        return take_to_folder("dayclose", session=session)
    except Exception as exc:  # the close stands; the failure must still be seen
        reason = exc.text() if isinstance(exc, UserError) else str(explain(exc) or exc)
        log.error("backup at the close of %s failed: %s", business_date, reason)
        with contextlib.suppress(Exception):
            from counter_app.services import audit

            audit.record(session, "backup.failed", business_date.isoformat(), kind="dayclose", reason=reason)
        return None
