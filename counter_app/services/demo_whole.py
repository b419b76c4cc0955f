"""The demo hall, all or nothing.

:func:`build_demo` writes in many transactions (batches of customers, then the bills) so
that a million customers stay in bounded memory. A run killed half-way used to leave tens of
thousands of customers and no bills, and the next run, seeing customers, reported the hall
as built. Here the whole build is one transaction: the batches become savepoints inside it,
and a run that is killed leaves nothing (SQLite rolls the file back when it is next opened,
PostgreSQL when the connection drops), so the next run builds the hall from the start.

On SQLite the build goes through a rollback journal instead of the write-ahead log, and the
file returns to WAL when it is done: in WAL mode every page of the new hall is written twice
(to the log, then copied into the file), which cost a default demo half a second of system
time. A rollback journal keeps only the pages the build changed, next to nothing in a new
file, and a killed build is rolled back from it just the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from peewee import OperationalError, SqliteDatabase

from counter_app.models import Customer, db
from counter_app.services.demo import DemoResult, Progress, build_demo


def build_demo_whole(customers: int = 2000, *, detailed: int | None = None, seed: int = 20041001, days: int = 0,
                     progress: Progress | None = None) -> DemoResult:
    """:func:`build_demo` in one transaction: complete, or not there at all."""
    with _rollback_journal(), db.atomic():
        return build_demo(customers, detailed=detailed, seed=seed, days=days, progress=progress)


@contextmanager
def _rollback_journal() -> Iterator[None]:
    """SQLite: a rollback journal for the build of a new hall, WAL again after it. A hall
    already built (nothing to write) and a file SQLite will not switch (another connection
    reading it) stay in WAL, which is only slower."""
    if not isinstance(db.obj, SqliteDatabase) or db.in_transaction() or Customer.select().exists():
        yield
        return
    try:
        db.execute_sql("PRAGMA journal_mode=delete")
    except OperationalError:
        yield
        return
    try:
        yield
    finally:
        db.execute_sql("PRAGMA journal_mode=wal")
