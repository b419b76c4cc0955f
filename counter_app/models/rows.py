"""Typed views of peewee's dynamic parts, where its type stubs cannot know the shape.

peewee's stubs type ``query.tuples()`` as the query itself (iterating it would give model
instances) and a model's primary key as ``Field | False``. These helpers say what the code
relies on, so mypy checks the callers; they change nothing at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from peewee import BaseQuery, Field, Model


def tuples(query: BaseQuery) -> Iterable[tuple[Any, ...]]:
    """``query.tuples()``: its rows as tuples of the selected columns."""
    return cast("Iterable[tuple[Any, ...]]", query.tuples())


def stored_value(field: Field[Any], value: Any) -> Any:
    """``value`` as ``field`` stores it (``field.db_value``; the stubs leave it untyped)."""
    db_value: Callable[[Any], Any] = field.db_value
    return db_value(value)


def read_value(field: Field[Any], value: Any) -> Any:
    """``value`` as read from ``field``'s column, made a Python value (``field.python_value``)."""
    python_value: Callable[[Any], Any] = field.python_value
    return python_value(value)


def primary_key(model: type[Model]) -> Field[Any]:
    """The primary-key field of ``model`` (every model here has one)."""
    pk = model._meta.primary_key
    if pk is False:
        raise TypeError(f"{model.__name__} has no primary key")
    return cast("Field[Any]", pk)
