"""Bulk loading for the demo: rows through the driver's ``executemany``, and the indexes of
the tables being filled built once after the load instead of row by row.

A million customers inserted into tables that already have their indexes (name, ID number,
phone, member number, the accounts' customer and phone...) put every row into half a dozen
B-trees at random places, most of them no longer in SQLite's page cache once the file is
past a few hundred megabytes. ``CREATE INDEX`` on the loaded table sorts the keys and writes
each index in order, which costs a fraction of that. The indexes are dropped and made again
with the SQL they were made with, inside the build's transaction (SQLite's DDL is
transactional), so the file ends with the same schema and a killed build leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from peewee import Model, SqliteDatabase

from counter_app.models import db

BATCH = 20_000


def bulk_insert(model: type[Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """Insert rows through the driver's executemany, ``BATCH`` at a time."""
    table = model._meta.table_name

    def quote(name: str) -> str:
        return f"{db.quote[0]}{name}{db.quote[1]}"

    placeholders = ", ".join([db.param] * len(columns))
    sql = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES ({placeholders})"
    total = 0
    batch: list[tuple[Any, ...]] = []
    cursor = db.cursor()
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            cursor.executemany(sql, batch)
            total += len(batch)
            batch = []
    if batch:
        cursor.executemany(sql, batch)
        total += len(batch)
    return total


@contextmanager
def indexes_after(models: Sequence[type[Model]]) -> Iterator[None]:
    """Load the tables of ``models`` without their secondary indexes and build them at the
    end (SQLite; inside one transaction, so the drop and the rebuild commit together). Nothing
    may read these tables by an index while the block runs."""
    if not isinstance(db.obj, SqliteDatabase):
        yield
        return
    tables = [m._meta.table_name for m in models]
    marks = ", ".join("?" for _ in tables)
    with db.atomic():
        found = db.execute_sql(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                               f"AND tbl_name IN ({marks}) ORDER BY rowid", tables).fetchall()
        for name, _sql in found:
            db.execute_sql(f'DROP INDEX "{name}"')
        yield
        for _name, sql in found:
            db.execute_sql(sql)
