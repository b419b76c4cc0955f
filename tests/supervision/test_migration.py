"""Schema step 13 takes a version-12 database to the tables a new database gets."""

from __future__ import annotations

import sqlite3

from counter_app.db import SCHEMA_VERSION, close_database, open_database, schema_version
from counter_app.models import DrillResult, Inspection


def columns(path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [(name, kind, notnull, default) for _cid, name, kind, notnull, default, _pk
                in conn.execute(f"PRAGMA table_info({table})")]


def indexes(path, table: str) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[1] for row in conn.execute(f"PRAGMA index_list({table})")}


def test_a_version_12_terminal_gets_the_inspection_and_drill_tables(tmp_path):
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    open_database(str(fresh))
    close_database()
    open_database(str(old))
    close_database()
    with sqlite3.connect(old) as conn:  # the file as version 12 left it
        conn.execute("DROP TABLE inspection")
        conn.execute("DROP TABLE drill_result")
        conn.execute("UPDATE sync_state SET value = '12' WHERE key = 'schema_version'")
    database = open_database(str(old))
    try:
        assert schema_version(database) == SCHEMA_VERSION >= 13
        assert Inspection.select().count() == 0 and DrillResult.select().count() == 0
    finally:
        close_database()
    for table in ("inspection", "drill_result"):
        assert columns(old, table) == columns(fresh, table)
        assert indexes(old, table) == indexes(fresh, table)
    assert (tmp_path / "old.db.v12.bak").exists()
