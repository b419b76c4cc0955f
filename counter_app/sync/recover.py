"""After a restore: bring back from the hub what the backup lacks.

A restored file continues as a new terminal id (``services/restore.py``), and keeps in
``sync_state`` (``recover_from``) each earlier id of the file with the newest clock stamp
the backup holds for it. The next sync reads, per pushed table, the hub's rows of those ids
stamped after that (less a minute, for stamps of parallel processes on one file that may
interleave), and writes them here in one transaction with the mark's removal: facts that
are missing are inserted, edits replace an older local version. Nothing goes to the
outbox: the rows are on the hub already. The audit chain's recorded head of the old id
moves to the newest event brought back, so the old chain is whole again here.

The hub indexes ``(terminal, hlc)`` of every pushed table for this read
(:func:`recovery_indexes_sql`), so it stays quick at a province's scale.
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg

from counter_app.models import db
from counter_app.models.hlc import format_stamp, parse_stamp
from counter_app.models.sync import column_order
from counter_app.sync.tables import quote, synced_models

log = logging.getLogger(__name__)

MARGIN_MS = 60_000


def recovery_indexes_sql() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {quote(table + '_terminal_hlc')} ON {quote(table)} (terminal, hlc)"
            for table in synced_models()]


def _after(stamp: str) -> str:
    ms, _counter = parse_stamp(stamp)
    return format_stamp(max(ms - MARGIN_MS, 0), 0) if ms else ""


def _insert_sql(table: str, columns: list[str], kind: str) -> str:
    cols = ", ".join(quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks}) "
    if kind != "edit":
        return sql + "ON CONFLICT DO NOTHING"
    sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != "id")
    return sql + f"ON CONFLICT (id) DO UPDATE SET {sets} WHERE excluded.hlc > {quote(table)}.hlc"


def recover(conn: psycopg.Connection, hall: str) -> int:
    """Bring back the rows listed by the restore marks; returns how many were written."""
    from counter_app.services import audit_chain
    from counter_app.services.restore import RECOVER_KEY, pending_recovery

    marks = pending_recovery()
    if not marks:
        return 0
    models = synced_models()
    fetched: dict[str, list[tuple[Any, ...]]] = {}
    with conn.transaction():
        for table, model in models.items():
            columns = column_order(model)
            rows: list[tuple[Any, ...]] = []
            for mark in marks:
                rows += conn.execute(
                    f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} "
                    f"WHERE hall = %s AND terminal = %s AND hlc > %s", (hall, mark["terminal"], _after(mark["after"]))
                ).fetchall()
            if rows:
                fetched[table] = rows
    written = 0
    db.execute_sql("PRAGMA foreign_keys = OFF")  # parents may be reference rows pulled later
    try:
        with db.atomic():
            for table, rows in fetched.items():
                model = models[table]
                fields = model._meta.sorted_fields
                sql = _insert_sql(table, column_order(model), model.SYNC_KIND)
                cursor = db.cursor()
                for row in rows:
                    cursor.execute(sql, [f.db_value(f.python_value(v)) for f, v in zip(fields, row, strict=True)])
                    written += max(cursor.rowcount, 0)
            for mark in marks:
                seq_hash = db.execute_sql("SELECT seq, hash FROM audit_event WHERE terminal = ? AND seq IS NOT NULL "
                                          "ORDER BY seq DESC LIMIT 1", (mark["terminal"],)).fetchone()
                if seq_hash:
                    audit_chain.write_head(mark["terminal"], int(seq_hash[0]), seq_hash[1])
            db.execute_sql("DELETE FROM sync_state WHERE key = ?", (RECOVER_KEY,))
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    log.info("recovered %s rows of %s from the hub after a restore", written, [m["terminal"] for m in marks])
    return written

