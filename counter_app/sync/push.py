"""Push: the outbox to the hub, in order, in batches, each batch one hub transaction.

Per table, a batch goes up with one COPY into a scratch table shaped like the target (each
op's COPY line was made at capture), then one statement applies it; a set of up to
``SMALL_SET`` ops (a sync every minute sends a handful) skips the scratch table and passes
the ops' payloads to the same statement as one parameter:

* facts (payments, ratings, audit, ...) ``INSERT … ON CONFLICT (hall, id) DO NOTHING``: a fact
  is its row, identified by the UUID made at creation, so a resend (lost answer, killed
  process, second sender) finds the row and is answered ``duplicate``. Every key on the hub
  leads with the hall (``sync/hub_keys.py``), so another hall's row can never pass for it;
* edits (tickets, orders, complaints, ...) ``… DO UPDATE … WHERE hub.hlc < incoming.hlc``
  (an edit wins only when newer by the hybrid logical clock), and in the same statement a
  row per op in the ledger ``counter_sync.op``, keyed by the op's UUID: one row has many
  edits, so the ledger is what recognises a resent edit.

If a statement fails because of one bad op (a unique number already taken, a row of another
hall refused by row-level security, malformed data) the table's ops are retried in halves,
each half a set under its own savepoint, a refused half halved again down to a few ops that
go one by one; only the bad ops come back ``rejected`` with the hub's reason. They are
marked so locally and are not sent again on their own, so they never hold back the payments
queued behind them. Failures that are not about an op (the hub gone, a missing grant) abort
the batch: it stays pending and goes again next run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from counter_app.faults import checkpoint
from counter_app.models import db
from counter_app.models.sync import column_order, copy_line, shape_of
from counter_app.sync.tables import quote, synced_models

log = logging.getLogger(__name__)

BATCH = 5000
# Up to this many ops of a table go as one statement with their payloads as a parameter;
# more go through COPY into a scratch table (the bulk path, bench_sync.py).
SMALL_SET = 100
HALVES_DOWN_TO = 8  # a refused set is halved down to this many ops, then applied one by one
APPLIED, DUPLICATE, REJECTED = "applied", "duplicate", "rejected"

Progress = Callable[[str, int, int], None]


@dataclass
class PushResult:
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    batches: int = 0
    rejected_ops: list[tuple[str, str]] = field(default_factory=list)  # (op id, reason)

    @property
    def sent(self) -> int:
        return self.applied + self.duplicate + self.rejected


def pending_count() -> int:
    # The literal lets SQLite answer from the partial index of pending entries.
    return int(db.execute_sql("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0])


# Entries the hub acknowledged are kept this long (to answer "was it sent?" at the terminal),
# then dropped; refused and set-aside entries stay until a manager deals with them.
SENT_KEEP_DAYS = 30
PRUNE_BATCH = 5_000


def prune_sent(before: dt.datetime) -> int:
    """Delete acknowledged entries (and their payloads) created before ``before``, in short
    transactions so that a counter's write never waits long behind the clean-up."""
    removed = 0
    while True:
        with db.atomic():
            seqs = [r[0] for r in db.execute_sql(
                "SELECT seq FROM outbox WHERE status = 'sent' AND created_at < ? ORDER BY seq LIMIT ?",
                (before, PRUNE_BATCH)).fetchall()]
            if not seqs:
                return removed
            chosen = json.dumps(seqs)
            db.execute_sql("DELETE FROM outbox_payload WHERE seq IN (SELECT value FROM json_each(?))", (chosen,))
            db.execute_sql("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))", (chosen,))
        removed += len(seqs)


def read_batch(limit: int, after: int = 0) -> list[tuple[Any, ...]]:
    """(seq, op_id, table, row_id, kind, hlc, payload, wire, shape) of the oldest pending ops."""
    cursor = db.execute_sql(
        'SELECT o.seq, o.op_id, o."table", o.row_id, o.kind, o.hlc, p.payload, p.wire, p.shape FROM outbox o '
        "JOIN outbox_payload p ON p.seq = o.seq WHERE o.status = 'pending' AND o.seq > ? ORDER BY o.seq LIMIT ?",
        (after, limit))
    return list(cursor.fetchall())


def _apply_sql(table: str, kind: str, columns: list[str], source: str) -> str:
    """One statement applying a table's ops; ``source`` yields the incoming rows (with
    ``op_id``). Facts return the ids of the rows inserted; edits also write their ledger rows
    and return ``(op_id, result)``; ``{all_ops}`` names every op of the set."""
    t = quote(table)
    cols = ", ".join(quote(c) for c in columns)
    if kind != "edit":
        return (f"INSERT INTO {t} AS cur ({cols}) SELECT {cols} FROM ({source}) i "
                f"ON CONFLICT (hall, id) DO NOTHING RETURNING cur.id")
    sets = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns if c != "id")
    return (f"WITH i AS ({source}), "
            f"done AS (INSERT INTO {t} AS cur ({cols}) SELECT {cols} FROM i ON CONFLICT (hall, id) "
            f"DO UPDATE SET {sets} WHERE cur.hlc < EXCLUDED.hlc RETURNING cur.id) "
            f"INSERT INTO counter_sync.op (op_id, hall, terminal, tbl, row_id, hlc, result) "
            f"SELECT a.op_id, %(hall)s, %(terminal)s, '{table}', a.id, a.hlc, "
            f"CASE WHEN d.id IS NULL THEN 'duplicate' ELSE 'applied' END "
            f"FROM {{all_ops}} a LEFT JOIN done d ON d.id = a.id "
            f"ON CONFLICT (hall, op_id) DO NOTHING RETURNING op_id, result")


def _is_about_the_op(exc: psycopg.Error) -> bool:
    """True when the hub refused an op's data, not the connection or the set-up."""
    if isinstance(exc, psycopg.OperationalError):
        return False
    if isinstance(exc, (psycopg.IntegrityError, psycopg.DataError)):
        return True
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return "row-level security" in str(exc)
    return isinstance(exc, (pg_errors.InvalidTextRepresentation, pg_errors.InvalidDatetimeFormat,
                            pg_errors.DatatypeMismatch))


def _reason(exc: psycopg.Error) -> str:
    diag = exc.diag
    text = diag.message_primary or str(exc).splitlines()[0]
    if diag.message_detail:
        text += f" ({diag.message_detail})"
    return text[:500]


@dataclass
class _Prepared:
    rows: list[tuple[Any, ...]]
    groups: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # table → (op, row, hlc, payload, wire)
    results: dict[str, tuple[str, str]] = field(default_factory=dict)  # refused before sending


class _Batch:
    def __init__(self, conn: psycopg.Connection, hall: str, terminal: str) -> None:
        self.conn = conn
        self.hall = hall
        self.terminal = terminal
        self.models = synced_models()
        self.columns = {name: column_order(m) for name, m in self.models.items()}
        self.shapes = {name: shape_of(columns) for name, columns in self.columns.items()}

    def prepare(self, rows: list[tuple[Any, ...]]) -> _Prepared:
        """Group a batch by table, each op with its COPY line (rebuilt from the payload when
        the model changed since capture). Runs on the reading thread."""
        prepared = _Prepared(rows)
        for _seq, op_id, table, row_id, _kind, hlc, payload, wire, shape in rows:
            columns = self.columns.get(table)
            if columns is None:
                prepared.results[op_id] = (REJECTED, f"the hub does not take rows of {table}")
                continue
            if not wire or shape != self.shapes[table]:  # captured by another version of the model
                wire = copy_line(json.loads(payload), columns)
            prepared.groups.setdefault(table, []).append((op_id, row_id, hlc, payload, wire))
        return prepared

    def send(self, prepared: _Prepared) -> dict[str, tuple[str, str]]:
        """Apply one batch in one hub transaction; {op id hex: (result, reason)}."""
        results = dict(prepared.results)
        groups = prepared.groups
        conn = self.conn
        with conn.transaction():
            # The local rows are marked sent on the strength of this commit: it must be on disk
            # when the hub says so, whatever the server's default.
            conn.execute("SET LOCAL synchronous_commit = on")
            # A resend needs no look-up first: its ledger row exists (so the ledger insert
            # returns nothing for it: duplicate), a fact's row exists (nothing inserted) and an
            # edit's stamp is not newer than itself (nothing updated).
            for table, fresh in groups.items():
                try:
                    with conn.transaction():
                        if len(fresh) <= SMALL_SET:
                            self._apply_small(table, fresh, results)
                        else:
                            self._apply_set(table, fresh, results)
                except psycopg.Error as exc:
                    if not _is_about_the_op(exc):
                        raise
                    log.info("%s ops of %s were refused as a set (%s); applying them in halves", len(fresh),
                             table, _reason(exc))
                    self._apply_in_halves(table, fresh, results)
            checkpoint("push.sent")
        for ops in groups.values():  # a concurrent sender's ledger row won the race
            for op in ops:
                results.setdefault(op[0], (DUPLICATE, ""))
        return results

    def _params(self) -> dict[str, Any]:
        return {"hall": self.hall, "terminal": self.terminal}

    def _apply_set(self, table: str, ops: list[tuple[Any, ...]], results: dict[str, Any], *, again: bool = False) -> None:
        """The fast path: one COPY into a scratch table shaped like the target, one statement.
        ``again``: a part of a refused set, after other parts in this transaction."""
        conn = self.conn
        columns = self.columns[table]
        scratch = quote(f"sync_in_{table}")
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DELETE ROWS AS "
                     f"SELECT NULL::uuid AS op_id, * FROM {quote(table)} WITH NO DATA")
        if again:  # the rows of a part applied before are still there until the commit
            conn.execute(f"DELETE FROM {scratch}")
        with conn.cursor().copy(f"COPY {scratch} (op_id, {', '.join(quote(c) for c in columns)}) FROM STDIN") as copy:
            copy.write("".join(f"{op[0]}\t{op[4]}\n" for op in ops))
        kind = self.models[table].SYNC_KIND
        if len({op[1] for op in ops}) == len(ops):
            source = f"SELECT * FROM {scratch}"
        else:  # several ops of one row in this batch: a fact's first, an edit's newest
            order = "DESC" if kind == "edit" else "ASC"
            source = f"SELECT DISTINCT ON (id) * FROM {scratch} ORDER BY id, hlc {order}"
        push_order = getattr(self.models[table], "PUSH_ORDER", ())
        if push_order:  # rows the hub checks in sequence (the audit chain) go in that order
            source = f"SELECT * FROM ({source}) s ORDER BY {', '.join(quote(c) for c in push_order)}"
        statement = _apply_sql(table, kind, columns, source).replace("{all_ops}", scratch)
        self._collect(kind, conn.execute(statement, self._params()), ops, results)

    def _apply_small(self, table: str, ops: list[tuple[Any, ...]], results: dict[str, Any]) -> None:
        """A few ops (a minute's work of a counter): the same statement, the rows passed as
        their payloads in one parameter, so no scratch table is made on the connection (each
        costs the hub catalogue writes at its first use and again when the session ends, and
        a terminal connects anew for every sync)."""
        t = quote(table)
        source = (f"SELECT r.*, o.op_id FROM unnest(%(ops)s::uuid[], %(docs)s::text[]) AS o(op_id, doc), "
                  f"LATERAL jsonb_populate_record(NULL::{t}, o.doc::jsonb) AS r")
        everything = f"({source})"
        kind = self.models[table].SYNC_KIND
        if len({op[1] for op in ops}) != len(ops):  # several ops of one row: a fact's first, an edit's newest
            order = "DESC" if kind == "edit" else "ASC"
            source = f"SELECT DISTINCT ON (id) * FROM ({source}) s ORDER BY id, hlc {order}"
        push_order = getattr(self.models[table], "PUSH_ORDER", ())
        if push_order:
            source = f"SELECT * FROM ({source}) s ORDER BY {', '.join(quote(c) for c in push_order)}"
        statement = _apply_sql(table, kind, self.columns[table], source).replace("{all_ops}", everything)
        params = {**self._params(), "ops": [op[0] for op in ops], "docs": [op[3] for op in ops]}
        self._collect(kind, self.conn.execute(statement, params), ops, results)

    @staticmethod
    def _collect(kind: str, cursor: psycopg.Cursor[Any], ops: list[tuple[Any, ...]], results: dict[str, Any]) -> None:
        if kind == "edit":
            for op_id, result in cursor:
                results[op_id.hex] = (result, "")
            return
        # A fact is its row: inserted now means applied; already there means duplicate.
        inserted = {row_id.hex for (row_id,) in cursor}
        for op in ops:
            results[op[0]] = (APPLIED if op[1] in inserted else DUPLICATE, "")

    def _order_key(self, table: str) -> Callable[[tuple[Any, ...]], Any]:
        """The order the slow paths apply a table's ops in: the hub's checking order (the audit
        chain), else the clock."""
        push_order = getattr(self.models[table], "PUSH_ORDER", ())
        if push_order:
            def key(op: tuple[Any, ...]) -> Any:
                payload = json.loads(op[3])
                return tuple((payload.get(c) is None, payload.get(c) or 0) if c == "seq" else str(payload.get(c))
                             for c in push_order)
        else:
            def key(op: tuple[Any, ...]) -> Any:
                return op[2]
        return key

    def _apply_in_halves(self, table: str, ops: list[tuple[Any, ...]], results: dict[str, Any]) -> None:
        """After a set was refused: each half again as a set under its own savepoint, halving
        the refused ones down to a few ops, which go one by one. One bad op in a batch of
        5,000 costs some 25 statements instead of 5,000 round trips."""
        ordered = sorted(ops, key=self._order_key(table))
        mid = len(ordered) // 2
        parts = [ordered[:mid], ordered[mid:]]
        while parts:
            part = parts.pop(0)
            if not part:
                continue
            if len(part) <= HALVES_DOWN_TO:
                self._apply_one_by_one(table, part, results)
                continue
            try:
                with self.conn.transaction():
                    self._apply_set(table, part, results, again=True)
            except psycopg.Error as exc:
                if not _is_about_the_op(exc):
                    raise
                half = len(part) // 2
                parts[:0] = [part[:half], part[half:]]  # in order: the first half first

    def _apply_one_by_one(self, table: str, ops: list[tuple[Any, ...]], results: dict[str, Any]) -> None:
        """The slowest path: each op under its own savepoint, in the hub's order."""
        t = quote(table)
        source = f"SELECT (jsonb_populate_record(NULL::{t}, %(payload)s::jsonb)).*, %(op)s::uuid AS op_id"
        kind = self.models[table].SYNC_KIND
        statement = _apply_sql(table, kind, self.columns[table], source).replace("{all_ops}", "i")
        for op in sorted(ops, key=self._order_key(table)):
            op_id, payload = op[0], op[3]
            try:
                with self.conn.transaction():
                    cursor = self.conn.execute(statement, {**self._params(), "op": op_id, "payload": payload})
                    self._collect(kind, cursor, [op], results)
            except psycopg.Error as exc:
                if not _is_about_the_op(exc):
                    raise
                results[op_id] = (REJECTED, _reason(exc))


def mark(rows: list[tuple[Any, ...]], results: dict[str, tuple[str, str]]) -> None:
    """Record the hub's answers locally, in one transaction."""
    sent, rejected = [], []
    for seq, op_id, *_ in rows:
        result, reason = results.get(op_id, ("", ""))
        if result in (APPLIED, DUPLICATE):
            sent.append(seq)
        elif result == REJECTED:
            rejected.append((reason, seq))
    with db.atomic():
        cursor = db.cursor()
        cursor.execute("UPDATE outbox SET status = 'sent', attempts = attempts + 1, error = '' "
                       "WHERE seq IN (SELECT value FROM json_each(?)) AND status = 'pending'", (json.dumps(sent),))
        cursor.executemany("UPDATE outbox SET status = 'rejected', attempts = attempts + 1, error = ? "
                           "WHERE seq = ? AND status = 'pending'", rejected)


def push(conn: psycopg.Connection, hall: str, terminal: str, *, batch: int = BATCH,
         progress: Progress | None = None) -> PushResult:
    """Send every pending op, oldest first; returns what the hub answered.

    A helper thread reads and decodes the next batch while the hub applies this one; the
    batches are still sent, committed and marked strictly one after the other."""
    result = PushResult()
    total = pending_count()
    sender = _Batch(conn, hall, terminal)
    reader = _BatchReader(sender, batch)
    try:
        while True:
            prepared = reader.batches.get()
            if prepared is None:
                break
            if isinstance(prepared, BaseException):
                raise prepared
            rows = prepared.rows
            checkpoint("push.read")
            answers = sender.send(prepared)
            checkpoint("push.committed")
            mark(rows, answers)
            checkpoint("push.marked")
            result.batches += 1
            _count_answers(result, rows, answers)
            if progress is not None:
                progress("push", result.sent, max(total, result.sent))
    finally:
        reader.stop()
    return result


class _BatchReader:
    """Reads and prepares the pending ops a batch at a time on a helper thread into ``batches``
    (two ahead at most), then None; an error is handed over in the queue, to be raised by the
    sending thread."""

    def __init__(self, sender: _Batch, batch: int) -> None:
        self.sender, self.batch = sender, batch
        self.batches: queue.Queue[_Prepared | BaseException | None] = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="sync-push-reader", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        after = 0
        try:
            while not self._stop.is_set():
                rows = read_batch(self.batch, after)
                if not rows:
                    break
                self.batches.put(self.sender.prepare(rows))
                if len(rows) < self.batch:
                    break
                after = rows[-1][0]
        except BaseException as exc:  # raised on the sending thread
            self.batches.put(exc)
        finally:
            self.batches.put(None)
            if not db.is_closed():
                db.close()  # this thread's own connection

    def stop(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a reader waiting on a full queue
            try:
                self.batches.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()


def _count_answers(result: PushResult, rows: list[tuple[Any, ...]], answers: dict[str, tuple[str, str]]) -> None:
    for _seq, op_id, *_ in rows:
        status, reason = answers.get(op_id, ("", ""))
        if status == APPLIED:
            result.applied += 1
        elif status == DUPLICATE:
            result.duplicate += 1
        elif status == REJECTED:
            result.rejected += 1
            result.rejected_ops.append((op_id, reason))
