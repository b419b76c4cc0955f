"""Pull: reference data from the hub, page by page, by the hub's change log.

The watermark is the ``(txid, seq)`` of the last change applied. A page holds the next
changes in that order whose transaction id is below ``pg_snapshot_xmin`` of the reading
snapshot: every transaction below that horizon has finished, and every transaction still
running or yet to start has an id at or above it. A change committed late therefore always
sorts after the watermark, which a plain sequence number cannot promise (a transaction that
took sequence 41 and commits after 42 was read would be skipped for ever).

Each page is read in one REPEATABLE READ snapshot (the change rows and the rows they name
agree) and applied locally in one transaction together with the new watermark, compared
and set, so a second puller on the same file can neither skip nor regress it. Foreign keys
are checked by the hub; the local connection lifts them while pulling because the change
log keeps only each row's latest change, so a child may arrive in a page before its
parent's newest version.

A first load (no watermark) and ``full=True`` clear the local reference tables and load
everything again in pages, reporting progress.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg

from counter_app.models import SyncState, db
from counter_app.sync.faults import checkpoint
from counter_app.sync.tables import REFERENCE, REFERENCE_BY_NAME, RefTable, quote

log = logging.getLogger(__name__)

WATERMARK_KEY = "pull_watermark"
PAGE = 20_000

Progress = Callable[[str, int, int], None]


@dataclass
class PullResult:
    changes: int = 0
    pages: int = 0
    full: bool = False
    upserted: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


class _Overtaken(Exception):
    """Another puller moved the watermark while this page was read."""


def read_watermark() -> tuple[int, int] | None:
    row = SyncState.get_or_none(SyncState.key == WATERMARK_KEY)
    if row is None or not row.value:
        return None
    txid, _, seq = row.value.partition(":")
    return int(txid), int(seq)


def _wm_text(wm: tuple[int, int]) -> str:
    return f"{wm[0]}:{wm[1]}"


@contextmanager
def _foreign_keys_lifted():
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _upsert_sql(table: RefTable) -> str:
    cols = ", ".join(quote(c) for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    target = ", ".join(quote(c) for c in table.key)
    sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in table.columns if c not in table.key)
    action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
    return f"INSERT INTO {quote(table.name)} ({cols}) VALUES ({marks}) ON CONFLICT ({target}) {action}"


def _local_key(table: RefTable, key: str) -> tuple:
    if len(table.key) > 1:
        return tuple(json.loads(key))
    kind = table.key_type()
    if kind == "uuid":
        return (key.replace("-", ""),)
    if kind == "bigint":
        return (int(key),)
    return (key,)


def reset_local_reference() -> None:
    """Forget every pulled row and the watermark (one transaction); a full load follows."""
    with db.atomic():
        for table in reversed(REFERENCE):
            if table.name == "setting":
                db.execute_sql("DELETE FROM setting WHERE hall <> ''")
            else:
                db.execute_sql(f"DELETE FROM {quote(table.name)}")
        SyncState.insert(key=WATERMARK_KEY, value="0:0").on_conflict(
            conflict_target=[SyncState.key], update={SyncState.value: "0:0"}).execute()


def _read_page(conn: psycopg.Connection, wm: tuple[int, int], size: int, want_total: bool):
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        total = None
        if want_total:
            total = conn.execute(
                "SELECT count(*) FROM counter_sync.change WHERE (txid, seq) > (%s::xid8, %s) "
                "AND txid < pg_snapshot_xmin(pg_current_snapshot())", (str(wm[0]), wm[1])).fetchone()[0]
        changes = conn.execute(
            "SELECT tbl, key, deleted, txid::text, seq FROM counter_sync.change "
            "WHERE (txid, seq) > (%s::xid8, %s) AND txid < pg_snapshot_xmin(pg_current_snapshot()) "
            "ORDER BY txid, seq LIMIT %s", (str(wm[0]), wm[1], size)).fetchall()
        upserts: dict[str, list[str]] = {}
        deletes: dict[str, list[str]] = {}
        for tbl, key, deleted, _txid, _seq in changes:
            if tbl in REFERENCE_BY_NAME:
                (deletes if deleted else upserts).setdefault(tbl, []).append(key)
        rows: dict[str, list[tuple]] = {}
        for name, keys in upserts.items():
            table = REFERENCE_BY_NAME[name]
            kind = table.key_type()
            if kind:
                where = f"t.{quote(table.key[0])} = ANY(%s::{kind}[])"
            else:
                where = f"{table.key_sql('t')} = ANY(%s::text[])"
            rows[name] = conn.execute(f"SELECT {table.select_sql('t')} FROM {quote(name)} t WHERE {where}",
                                      (keys,)).fetchall()
    last = (int(changes[-1][3]), changes[-1][4]) if changes else wm
    return total, len(changes), rows, deletes, last


def _apply_page(rows: dict[str, list[tuple]], deletes: dict[str, list[str]], old: tuple[int, int],
                new: tuple[int, int], result: PullResult) -> None:
    with db.atomic():
        cursor = db.cursor()
        cursor.execute("UPDATE sync_state SET value = ? WHERE key = ? AND value = ?",
                       (_wm_text(new), WATERMARK_KEY, _wm_text(old)))
        if cursor.rowcount != 1:
            raise _Overtaken()
        checkpoint("pull.applying")
        for table in reversed(REFERENCE):
            keys = deletes.get(table.name)
            if keys:
                where = " AND ".join(f"{quote(c)} = ?" for c in table.key)
                cursor.executemany(f"DELETE FROM {quote(table.name)} WHERE {where}",
                                   [_local_key(table, k) for k in keys])
                result.deleted[table.name] = result.deleted.get(table.name, 0) + len(keys)
        for table in REFERENCE:
            batch = rows.get(table.name)
            if batch:
                cursor.executemany(_upsert_sql(table), batch)
                result.upserted[table.name] = result.upserted.get(table.name, 0) + len(batch)


def pull(conn: psycopg.Connection, *, full: bool = False, page: int = PAGE,
         progress: Progress | None = None) -> PullResult:
    """Apply every change the hub has finished since the watermark."""
    result = PullResult()
    wm = read_watermark()
    if wm is None or full:
        reset_local_reference()
        wm = (0, 0)
        result.full = True
    total = 0
    with _foreign_keys_lifted():
        while True:
            count, n, rows, deletes, last = _read_page(conn, wm, page, want_total=result.pages == 0)
            if count is not None:
                total = count
            if n == 0:
                break
            checkpoint("pull.fetched")
            try:
                _apply_page(rows, deletes, wm, last, result)
            except _Overtaken:
                log.info("another sync of this terminal pulled the same changes; stopping here")
                break
            checkpoint("pull.applied")
            wm = last
            result.changes += n
            result.pages += 1
            if progress is not None:
                progress("pull", result.changes, max(total, result.changes))
            if n < page:
                break
    return result
