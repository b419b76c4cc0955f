"""Push: the outbox to the hub, in order, in batches, each batch one hub transaction.

A batch goes up with one COPY into a temporary table, then one statement per table applies
it and writes the op ledger (``counter_sync.op``) in the same statement:

* facts (payments, ratings, audit, ...) ``INSERT … ON CONFLICT (id) DO NOTHING``;
* edits (tickets, orders, complaints, ...) ``… DO UPDATE … WHERE hub.hlc < incoming.hlc``:
  an edit wins only when it is newer by the hybrid logical clock;
* an op whose UUID the ledger already holds (a resend after a lost answer, a second sender)
  is answered ``duplicate`` and changes nothing.

If a statement fails because of one bad op (a unique number already taken, a row of another
hall refused by row-level security, malformed data) the batch is retried op by op under
savepoints, and only the bad ops come back ``rejected`` with the hub's reason. They are
marked so locally and are not sent again on their own, so they never hold back the payments
queued behind them. Failures that are not about an op (the hub gone, a missing grant) abort
the batch: it stays pending and goes again next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg import errors as pg_errors

from counter_app.models import Outbox, db
from counter_app.sync.faults import checkpoint
from counter_app.sync.tables import quote, synced_models

log = logging.getLogger(__name__)

BATCH = 5000
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
    return Outbox.select().where(Outbox.status == "pending").count()


def read_batch(limit: int) -> list[tuple]:
    """(seq, op_id, table, row_id, kind, hlc, payload text) of the oldest pending ops."""
    cursor = db.execute_sql(
        'SELECT seq, op_id, "table", row_id, kind, hlc, payload FROM outbox '
        "WHERE status = 'pending' ORDER BY seq LIMIT ?", (limit,))
    return cursor.fetchall()


_TEMP = ("CREATE TEMP TABLE IF NOT EXISTS sync_in (op_id uuid PRIMARY KEY, tbl text, row_id uuid, kind text, "
         "hlc text, payload jsonb) ON COMMIT DELETE ROWS")


def _apply_sql(table: str, kind: str, columns: list[str]) -> str:
    """One statement: apply a table's ops of the batch and write their ledger rows."""
    t = quote(table)
    newest_first = "DESC" if kind == "edit" else "ASC"
    rows = (f"SELECT r.* FROM (SELECT DISTINCT ON (row_id) payload FROM sync_in "
            f"WHERE tbl = %(tbl)s AND (%(op)s::uuid IS NULL OR op_id = %(op)s::uuid) "
            f"ORDER BY row_id, hlc {newest_first}) i, LATERAL jsonb_populate_record(NULL::{t}, i.payload) r")
    if kind == "edit":
        sets = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns if c != "id")
        conflict = f"DO UPDATE SET {sets} WHERE cur.hlc < EXCLUDED.hlc"
    else:
        conflict = "DO NOTHING"
    return (f"WITH done AS (INSERT INTO {t} AS cur {rows} ON CONFLICT (id) {conflict} RETURNING cur.id) "
            f"INSERT INTO counter_sync.op (op_id, hall, terminal, tbl, row_id, hlc, result) "
            f"SELECT i.op_id, %(hall)s, %(terminal)s, i.tbl, i.row_id, i.hlc, "
            f"CASE WHEN d.id IS NULL THEN 'duplicate' ELSE 'applied' END "
            f"FROM sync_in i LEFT JOIN done d ON d.id = i.row_id "
            f"WHERE i.tbl = %(tbl)s AND (%(op)s::uuid IS NULL OR i.op_id = %(op)s::uuid) "
            f"ON CONFLICT (op_id) DO NOTHING RETURNING op_id, result")


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


class _Batch:
    def __init__(self, conn: psycopg.Connection, hall: str, terminal: str) -> None:
        self.conn = conn
        self.hall = hall
        self.terminal = terminal
        self.models = synced_models()
        self.columns = {name: [f.column_name for f in m._meta.sorted_fields] for name, m in self.models.items()}

    def send(self, rows: list[tuple]) -> dict[str, tuple[str, str]]:
        """Apply one batch in one hub transaction; {op id hex: (result, reason)}."""
        results: dict[str, tuple[str, str]] = {}
        conn = self.conn
        with conn.transaction():
            conn.execute(_TEMP)  # per batch: a rolled-back batch takes a new table with it
            usable = []
            for _seq, op_id, table, row_id, kind, hlc, payload in rows:
                if table not in self.models:
                    results[op_id] = (REJECTED, f"the hub does not take rows of {table}")
                else:
                    usable.append((op_id, table, row_id, kind, hlc, payload))
            with conn.cursor().copy("COPY sync_in (op_id, tbl, row_id, kind, hlc, payload) FROM STDIN") as copy:
                for row in usable:
                    copy.write_row(row)
            for (op_id,) in conn.execute("DELETE FROM sync_in i USING counter_sync.op o "
                                         "WHERE o.op_id = i.op_id RETURNING i.op_id"):
                results[op_id.hex] = (DUPLICATE, "")
            tables = conn.execute("SELECT DISTINCT tbl, kind FROM sync_in").fetchall()
            try:
                with conn.transaction():
                    for table, kind in tables:
                        self._apply(table, kind, None, results)
            except psycopg.Error as exc:
                if not _is_about_the_op(exc):
                    raise
                log.info("a batch of %s ops was refused (%s); retrying op by op", len(usable), _reason(exc))
                self._one_by_one(results)
            checkpoint("push.sent")
        for op_id, *_ in usable:  # a concurrent sender's ledger row won the race
            results.setdefault(op_id, (DUPLICATE, ""))
        return results

    def _apply(self, table: str, kind: str, op: str | None, results: dict) -> None:
        model_kind = self.models[table].SYNC_KIND
        statement = _apply_sql(table, model_kind if model_kind in ("fact", "edit") else kind, self.columns[table])
        cursor = self.conn.execute(statement, {"tbl": table, "op": op, "hall": self.hall,
                                               "terminal": self.terminal})
        for op_id, result in cursor:
            results[op_id.hex] = (result, "")

    def _one_by_one(self, results: dict) -> None:
        for op_id, table in self.conn.execute("SELECT op_id, tbl FROM sync_in ORDER BY op_id").fetchall():
            try:
                with self.conn.transaction():
                    self._apply(table, "", str(op_id), results)
            except psycopg.Error as exc:
                if not _is_about_the_op(exc):
                    raise
                results[op_id.hex] = (REJECTED, _reason(exc))


def mark(rows: list[tuple], results: dict[str, tuple[str, str]]) -> None:
    """Record the hub's answers locally, in one transaction."""
    sent, rejected = [], []
    for seq, op_id, *_ in rows:
        result, reason = results.get(op_id, ("", ""))
        if result in (APPLIED, DUPLICATE):
            sent.append((seq,))
        elif result == REJECTED:
            rejected.append((reason, seq))
    with db.atomic():
        cursor = db.cursor()
        cursor.executemany("UPDATE outbox SET status = 'sent', attempts = attempts + 1, error = '' "
                           "WHERE seq = ? AND status = 'pending'", sent)
        cursor.executemany("UPDATE outbox SET status = 'rejected', attempts = attempts + 1, error = ? "
                           "WHERE seq = ? AND status = 'pending'", rejected)


def push(conn: psycopg.Connection, hall: str, terminal: str, *, batch: int = BATCH,
         progress: Progress | None = None) -> PushResult:
    """Send every pending op, oldest first; returns what the hub answered."""
    result = PushResult()
    total = pending_count()
    sender = _Batch(conn, hall, terminal)
    last_seq = 0
    while True:
        rows = [r for r in read_batch(batch)]
        if not rows or rows[0][0] <= last_seq:
            break  # nothing left (or another process is marking the same rows right now)
        checkpoint("push.read")
        answers = sender.send(rows)
        checkpoint("push.committed")
        mark(rows, answers)
        checkpoint("push.marked")
        last_seq = rows[-1][0]
        result.batches += 1
        for _seq, op_id, *_ in rows:
            status, reason = answers.get(op_id, ("", ""))
            if status == APPLIED:
                result.applied += 1
            elif status == DUPLICATE:
                result.duplicate += 1
            elif status == REJECTED:
                result.rejected += 1
                result.rejected_ops.append((op_id, reason))
        if progress is not None:
            progress("push", result.sent, max(total, result.sent))
        if len(rows) < batch:
            break
    return result
