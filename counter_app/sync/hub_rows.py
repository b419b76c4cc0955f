"""Reading the one value a hub statement returns (an aggregate, a function, a catalog look-up).

psycopg types ``fetchone()`` as "a row or None"; these statements always return one row, and
:func:`scalar` says so once instead of at every call.
"""

from __future__ import annotations

from typing import Any

import psycopg


def scalar(cursor: psycopg.Cursor[Any]) -> Any:
    """The first column of the statement's one row."""
    row = cursor.fetchone()
    if row is None:
        raise psycopg.ProgrammingError("the statement returned no row")
    return row[0]


def one_row(cursor: psycopg.Cursor[Any]) -> tuple[Any, ...]:
    """The statement's one row (a select of functions or aggregates)."""
    row = cursor.fetchone()
    if row is None:
        raise psycopg.ProgrammingError("the statement returned no row")
    return tuple(row)
