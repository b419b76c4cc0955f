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
everything again in pages, reporting progress. So does an incremental pull that finds the
hub pruned deletions it had not pulled yet (``counter-app hub prune``): the hub's pruned
horizon is above both its watermark and the horizon its last full load began under.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg

from counter_app.faults import checkpoint
from counter_app.models import SyncState, db
from counter_app.sync.hub_rows import scalar
from counter_app.sync.tables import NOT_PULLED, REFERENCE, REFERENCE_BY_NAME, RefTable, quote

log = logging.getLogger(__name__)

WATERMARK_KEY = "pull_watermark"
# The hub's pruned horizon when this terminal last began a full load: deletions pruned up to
# there were made before that load, which therefore never had their rows.
PRUNED_SEEN_KEY = "pull_pruned_seen"
PAGE = 20_000

Progress = Callable[[str, int, int], None]


@dataclass
class PullResult:
    changes: int = 0
    pages: int = 0
    full: bool = False
    upserted: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    after_prune: bool = False  # a full load because the hub pruned deletions not yet pulled


@dataclass
class _Page:
    total: int | None
    changes: int
    rows: dict[str, list[tuple[Any, ...]]]
    deletes: dict[str, list[str]]
    last: tuple[int, int]


class _Overtaken(Exception):
    """Another puller moved the watermark while this page was read."""


class _Pruned(Exception):
    """The hub dropped tombstones newer than the watermark: only a full load is complete."""


def read_watermark() -> tuple[int, int] | None:
    return _read_mark(WATERMARK_KEY)


def _wm_text(wm: tuple[int, int]) -> str:
    return f"{wm[0]}:{wm[1]}"


@contextmanager
def _foreign_keys_lifted() -> Iterator[None]:
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


def _local_key(table: RefTable, key: str) -> tuple[Any, ...]:
    if len(table.key) > 1:
        return tuple(json.loads(key))
    kind = table.key_type()
    if kind == "uuid":
        return (key.replace("-", ""),)
    if kind == "bigint":
        return (int(key),)
    return (key,)


def _read_mark(key: str) -> tuple[int, int] | None:
    row = SyncState.get_or_none(SyncState.key == key)
    if row is None or not row.value:
        return None
    txid, _, seq = row.value.partition(":")
    return int(txid), int(seq)


def reset_local_reference(pruned: tuple[int, int] | None = None) -> None:
    """Forget every pulled row and the watermark (one transaction); a full load follows.
    ``pruned`` is the hub's pruned horizon read before this reset."""
    with db.atomic():
        SyncState.insert(key=PRUNED_SEEN_KEY, value=_wm_text(pruned) if pruned else "").on_conflict(
            conflict_target=[SyncState.key], update={SyncState.value: _wm_text(pruned) if pruned else ""}).execute()
        for table in reversed(REFERENCE):
            if table.name == "setting":
                db.execute_sql("DELETE FROM setting WHERE hall <> ''")
            else:
                db.execute_sql(f"DELETE FROM {quote(table.name)}")
        for name in NOT_PULLED:  # pulled by older versions, never again (detailed records)
            db.execute_sql(f"DELETE FROM {quote(name)}")
        db.execute_sql("DELETE FROM visitor")
        SyncState.insert(key=WATERMARK_KEY, value="0:0").on_conflict(
            conflict_target=[SyncState.key], update={SyncState.value: "0:0"}).execute()


def _join_condition(table: RefTable) -> str:
    kind = table.key_type()
    if kind:
        return f"t.{quote(table.key[0])} = c.key::{kind}"
    return f"{table.key_sql('t')} = c.key"


def _owned_rows(conn: psycopg.Connection, table: RefTable, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of a customer table (one owned by a hall through its customer) named by the
    page, fetched by their keys.

    Such a table's row policy asks, per row, whose customer it is. Joined to the change log,
    the join's cast of the log's text key is not leakproof, so PostgreSQL must apply the policy
    before it and reads the whole table for every change of the page (minutes once a bill run
    has written a month of bills). An ``= ANY`` of typed keys is leakproof: an index scan, and
    the policy runs on the page's rows only."""
    keys = [k for (k,) in conn.execute(
        f"SELECT c.key FROM counter_sync.change c WHERE {_RANGE} AND c.tbl = %(tbl)s AND NOT c.deleted",
        {**params, "tbl": table.name})]
    if not keys:
        return []
    kind = table.key_type()
    typed = [int(k) for k in keys] if kind == "bigint" else [uuid.UUID(k) for k in keys] if kind == "uuid" else keys
    return conn.execute(f"SELECT {table.select_sql('t')} FROM {quote(table.name)} t "
                        f"WHERE t.{quote(table.key[0])} = ANY(%(keys)s)", {"keys": typed}).fetchall()


_AFTER = "(c.txid, c.seq) > (%(lo_t)s::xid8, %(lo_s)s)"
_RANGE = _AFTER + " AND (c.txid, c.seq) <= (%(hi_t)s::xid8, %(hi_s)s)"


def _read_page(conn: psycopg.Connection, wm: tuple[int, int], size: int, want_total: bool,
               complete_to: tuple[int, int] | None = None) -> _Page:
    """The next ``size`` finished changes after ``wm`` and the rows they name, in one snapshot.
    The rows come joined to the change log on the hub: keys never travel both ways.

    ``complete_to``: given for an incremental pull, the pruned horizon up to which this
    terminal already has every deletion (that of its last full load). The hub's horizon is
    read in the same snapshot as the log, so a prune committing between two pages is either
    wholly seen (the horizon) or not at all (the tombstones are still there)."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        if complete_to is not None:
            pruned = _hub_pruned(conn)
            if pruned is not None and pruned > max(wm, complete_to):
                raise _Pruned()
        horizon = scalar(conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"))
        params = {"lo_t": str(wm[0]), "lo_s": wm[1], "horizon": horizon}
        finished = _AFTER + " AND c.txid < %(horizon)s::xid8"
        total = None
        if want_total:
            total = scalar(conn.execute(f"SELECT count(*) FROM counter_sync.change c WHERE {finished}", params))
        # One scan of the page: its last change (the new watermark) and what it holds per table.
        counts = conn.execute(
            f"SELECT tbl, deleted, count(*), max(ARRAY[txid::text::numeric, seq]) FROM "
            f"(SELECT tbl, deleted, txid, seq FROM counter_sync.change c WHERE {finished} "
            f"ORDER BY txid, seq LIMIT %(size)s) page GROUP BY tbl, deleted", {**params, "size": size}).fetchall()
        if not counts:
            return _Page(total, 0, {}, {}, wm)
        last = max(tuple(int(v) for v in m) for *_, m in counts)
        params.update(hi_t=str(last[0]), hi_s=last[1])
        rows: dict[str, list[tuple[Any, ...]]] = {}
        deletes: dict[str, list[str]] = {}
        for name, deleted, _count, _last in counts:
            table = REFERENCE_BY_NAME.get(name)
            if table is None:
                continue
            if deleted:
                deletes[name] = [k for (k,) in conn.execute(
                    f"SELECT key FROM counter_sync.change c WHERE {_RANGE} AND c.tbl = %(tbl)s AND c.deleted",
                    {**params, "tbl": name})]
            elif table.owner and table.key_type():
                rows[name] = _owned_rows(conn, table, params)
            else:
                rows[name] = conn.execute(
                    f"SELECT {table.select_sql('t')} FROM counter_sync.change c JOIN {quote(name)} t "
                    f"ON {_join_condition(table)} WHERE {_RANGE} AND c.tbl = %(tbl)s AND NOT c.deleted",
                    {**params, "tbl": name}).fetchall()
    return _Page(total, sum(c[2] for c in counts), rows, deletes, (last[0], last[1]))


def _apply_page(rows: dict[str, list[tuple[Any, ...]]], deletes: dict[str, list[str]], old: tuple[int, int],
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


def _has_pruned_table(conn: psycopg.Connection) -> bool:
    # A hub set up by an older version has no horizon yet (and has pruned nothing).
    with conn.transaction():
        return bool(scalar(conn.execute("SELECT to_regclass('counter_sync.pruned') IS NOT NULL")))


def _hub_pruned(conn: psycopg.Connection) -> tuple[int, int] | None:
    row = conn.execute("SELECT txid::text, seq FROM counter_sync.pruned").fetchone()
    return (int(row[0]), int(row[1])) if row else None


def pull(conn: psycopg.Connection, *, full: bool = False, page: int = PAGE,
         progress: Progress | None = None) -> PullResult:
    """Apply every change the hub has finished since the watermark.

    The next page is read from the hub on a helper thread while this one is written to
    SQLite (both wait mostly outside the interpreter lock); pages are still applied strictly
    in order, each with its watermark."""
    wm = read_watermark()
    try:
        return _pull(conn, wm, full or wm is None, page, progress)
    except _Pruned:
        log.warning("the hub pruned deletions this terminal had not pulled yet (watermark %s): reloading all "
                    "reference data", wm)
        result = _pull(conn, wm, True, page, progress)
        result.after_prune = True
        return result


def _pull(conn: psycopg.Connection, wm: tuple[int, int] | None, full: bool, page: int,
          progress: Progress | None) -> PullResult:
    result = PullResult()
    # A full load empties the local tables first, so deletions it never sees cannot matter;
    # an incremental pull is complete only above the pruned horizon.
    has_horizon = _has_pruned_table(conn)
    complete_to = None if full or not has_horizon else (_read_mark(PRUNED_SEEN_KEY) or (0, 0))
    if full:
        pruned = None
        if has_horizon:
            with conn.transaction():
                pruned = _hub_pruned(conn)
        reset_local_reference(pruned)
        result.full = True
    wm = (0, 0) if full or wm is None else wm
    reader = _PageReader(conn, wm, page, complete_to)
    try:
        with _foreign_keys_lifted():
            _apply_pages(reader.pages, wm, page, result, progress)
    finally:
        reader.stop()
    return result


class _PageReader:
    """Reads the hub's pages from ``start`` on a helper thread into ``pages`` (two ahead at
    most); an error is handed over in the queue, to be raised by the applying thread."""

    def __init__(self, conn: psycopg.Connection, start: tuple[int, int], page: int,
                 complete_to: tuple[int, int] | None) -> None:
        self.conn, self.page, self.complete_to = conn, page, complete_to
        self.pages: queue.Queue[_Page | BaseException] = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(start,), name="sync-pull-reader", daemon=True)
        self._thread.start()

    def _read(self, start: tuple[int, int]) -> None:
        at, first = start, True
        try:
            while not self._stop.is_set():
                got = _read_page(self.conn, at, self.page, want_total=first, complete_to=self.complete_to)
                first = False
                self.pages.put(got)
                if got.changes < self.page:
                    return
                at = got.last
        except BaseException as exc:  # handed to the applying thread, raised there
            self.pages.put(exc)

    def stop(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a reader waiting on a full queue
            try:
                self.pages.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()


def _apply_pages(pages: queue.Queue[_Page | BaseException], wm: tuple[int, int], page: int, result: PullResult,
                 progress: Progress | None) -> None:
    """Applies the pages in order, each with its watermark, until a short or empty page (or
    another sync of this terminal got there first)."""
    total = 0
    while True:
        got = pages.get()
        if isinstance(got, BaseException):
            raise got
        if got.total is not None:
            total = got.total
        if got.changes == 0:
            break
        checkpoint("pull.fetched")
        try:
            _apply_page(got.rows, got.deletes, wm, got.last, result)
        except _Overtaken:
            log.info("another sync of this terminal pulled the same changes; stopping here")
            break
        checkpoint("pull.applied")
        wm = got.last
        result.changes += got.changes
        result.pages += 1
        if progress is not None:
            progress("pull", result.changes, max(total, result.changes))
        if got.changes < page:
            break
