"""The database proxy and the base classes every model derives from.

``db`` is bound once at start-up by :func:`counter_app.db.open_database`. Models hold
constraints only; business rules live in ``counter_app.services``.

Rows that travel to the hub derive from :class:`SyncedModel`. They carry a UUIDv7 made when
the row is created and the hall that owns them; every ``save()`` of such a row writes its
outbox entry in the same transaction (see ``models/sync.py``), so a business write and its
outbox entry can never be separated. ``SYNC_KIND`` says how the hub applies the row:
``"fact"`` rows never change after insert (payments, ticket events, ratings, audit) and are
inserted if absent; ``"edit"`` rows (orders, tickets, complaints) apply when newer by their
hybrid-logical-clock stamp.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, TypeVar

from peewee import (
    CharField,
    DatabaseProxy,
    DateTimeField,
    Model,
    ModelDelete,
    ModelUpdate,
    SqliteDatabase,
    TextField,
    UUIDField,
)

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models.rows import primary_key, stored_value, tuples

db = DatabaseProxy()
_M = TypeVar("_M", bound=Model)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class JSONField(TextField):
    """JSON stored as text; the same on SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def python_value(self, value: Any) -> Any:
        if value is None or isinstance(value, (dict, list)):
            return value
        return json.loads(value)


class SyncedModel(BaseModel):
    """A row owned by one hall, identified by a UUIDv7 and captured into the outbox."""

    SYNC_KIND: ClassVar[str] = "fact"
    _dirty: set[str]  # set by peewee's Model.__init__: the names of fields changed since load

    id = UUIDField(primary_key=True, default=uuid7)
    hall = CharField(max_length=16, index=True)
    terminal = CharField(max_length=40, default="")
    created_at = DateTimeField(default=clock.now)
    hlc = CharField(max_length=32, default="", index=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # peewee builds rows read from the database with ``__no_default__``: such a row is
        # known to exist, so saving it needs no look-up to choose between insert and update.
        self._stored = bool(kwargs.get("__no_default__"))
        super().__init__(*args, **kwargs)

    def save(self, force_insert: bool = False, only: Iterable[Any] | None = None) -> int:  # type: ignore[override]
        # The outbox lives in its own module; capture writes after the row, so a row that
        # fails to write (a unique key) leaves no outbox entry and needs no savepoint.
        from counter_app.models.sync import capture, stamp

        database = self._meta.database
        with contextlib.nullcontext() if database.in_transaction() else database.atomic():
            creating = force_insert or not (self._stored or self._exists_in_db())
            op = "insert" if creating else "update"
            stamp(self, op)
            fields = self._meta.sorted_fields if only is None else [
                self._meta.fields[f] if isinstance(f, str) else f for f in only]
            values = {f.name: self.__data__[f.name] for f in fields if f.name in self.__data__}
            if creating:
                rows = insert_values(type(self), values)
            else:
                values.pop("id", None)
                rows = update_values(type(self), values, self.id)
                if rows == 0:  # gone from under a stale instance: write it back whole
                    rows = insert_values(type(self), dict(self.__data__))
            capture(self, op)
            self._stored = True
            self._dirty -= set(values)
            return int(rows)

    def _exists_in_db(self) -> bool:
        # A UUID primary key is set before insert, so peewee cannot tell new from old by it.
        return type(self).select().where(type(self).id == self.id).exists()

    # Writes of many rows at once go through the outbox as well (docs/sync.md): update()
    # stamps and captures every row it changes, insert_many() saves row by row, and the
    # statements the outbox cannot follow (delete, replace, insert from a query) are refused.
    # unsynced_writes() lets a repair or a test that plays an intruder write past it.

    @classmethod
    def update(cls, __data: Any = None, **update: Any) -> CapturedUpdate:  # type: ignore[override]
        return CapturedUpdate(cls, cls._normalize_data(__data, update))  # type: ignore[attr-defined]  # peewee internal, not in its stubs

    @classmethod
    def insert_many(cls, rows: Iterable[Any], fields: Any = None) -> Any:  # type: ignore[override]
        if _unsynced.get():
            return super().insert_many(rows, fields)
        return SavedRows(cls, rows, fields)

    @classmethod
    def delete(cls) -> RefusedDelete:  # type: ignore[override]
        return RefusedDelete(cls)

    @classmethod
    def insert(cls, __data: Any = None, **insert: Any) -> Any:  # type: ignore[override]
        _refuse(cls, "insert() (use create())")
        return super().insert(__data, **insert)

    @classmethod
    def replace(cls, __data: Any = None, **insert: Any) -> Any:  # type: ignore[override]
        _refuse(cls, "replace()")
        replace: Callable[..., Any] = super().replace
        return replace(__data, **insert)

    @classmethod
    def replace_many(cls, rows: Any, fields: Any = None) -> Any:  # type: ignore[override]
        _refuse(cls, "replace_many()")
        replace_many: Callable[..., Any] = super().replace_many
        return replace_many(rows, fields)

    @classmethod
    def insert_from(cls, query: Any, fields: Any) -> Any:  # type: ignore[override]
        _refuse(cls, "insert_from()")
        return super().insert_from(query, fields)


_unsynced: contextvars.ContextVar[bool] = contextvars.ContextVar("unsynced_writes", default=False)


@contextlib.contextmanager
def unsynced_writes() -> Iterator[None]:
    """Write synced rows without the outbox: what is written here never reaches the hub. For
    tests that play someone editing the file behind the program's back, and for repairs."""
    token = _unsynced.set(True)
    try:
        yield
    finally:
        _unsynced.reset(token)


class OutboxBypassed(TypeError):
    """A statement on a synced model that the outbox cannot follow."""


def _refuse(model: type[Model], what: str) -> None:
    if not _unsynced.get():
        raise OutboxBypassed(f"{model.__name__}.{what} would write rows the hub never hears of; "
                             "save rows one by one (create(), save(), update(), insert_many())")


def _has_outbox(database: Any) -> bool:
    return isinstance(getattr(database, "obj", database), SqliteDatabase)


class CapturedUpdate(ModelUpdate):
    """``SyncedModel.update()``: every row the statement changes gets a new clock stamp and its
    outbox entry, in the statement's transaction. (Rows are found by the statement's WHERE
    before it runs, then read back once it has.)"""

    def execute(self, database: Any = None) -> int:  # type: ignore[override]
        model = self.model
        database = database or model._meta.database
        if _unsynced.get() or not _has_outbox(database):
            return int(super().execute(database))
        if self._from is not None:  # type: ignore[attr-defined]  # peewee internal, not in its stubs
            raise OutboxBypassed(f"{model.__name__}.update().from_() cannot be followed by the outbox")
        from counter_app.models.sync import capture, stamp

        with contextlib.nullcontext() if database.in_transaction() else database.atomic():
            ids = model.select(model.id)
            where = self._where  # type: ignore[attr-defined]  # peewee internal, not in its stubs
            if where is not None:
                ids = ids.where(where)
            changed = [row_id for (row_id,) in tuples(ids)]
            count = super().execute(database)
            for start in range(0, len(changed), 500):
                for row in model.select().where(model.id.in_(changed[start:start + 500])):
                    stamp(row, "update")
                    update_values(model, {"terminal": row.terminal, "hlc": row.hlc}, row.id)
                    capture(row, "update")
            return int(count)


class RefusedDelete(ModelDelete):
    """``SyncedModel.delete()``: the hub has no deletions of synced rows; refused unless inside
    :func:`unsynced_writes`."""

    def execute(self, database: Any = None) -> Any:  # type: ignore[override]
        _refuse(self.model, "delete()")
        return super().execute(database)


class SavedRows:
    """``SyncedModel.insert_many(rows).execute()``: each row saved (stamped, with its outbox
    entry) in one transaction; returns how many rows were written."""

    def __init__(self, model: type[SyncedModel], rows: Iterable[Any], fields: Any = None) -> None:
        self.model, self.rows, self.fields = model, rows, fields

    def execute(self, database: Any = None) -> int:
        database = database or self.model._meta.database
        count = 0
        with contextlib.nullcontext() if database.in_transaction() else database.atomic():
            for row in self.rows:
                if not isinstance(row, dict):
                    names = [f if isinstance(f, str) else f.name for f in self.fields]
                    row = dict(zip(names, row, strict=True))
                data = {(k if isinstance(k, str) else k.name): v for k, v in row.items()}
                self.model(**data).save(force_insert=True)
                count += 1
        return count


# The hottest writes (every queue step, payment and outbox entry) are plain single-row
# statements; their text is made once per table and column set instead of by the query
# builder on every call, which cost more than executing them.

@functools.lru_cache(maxsize=512)
def _insert_sql(model: type[Model], columns: tuple[str, ...], param: str, quote: str) -> tuple[str, tuple[Any, ...]]:
    fields = tuple(model._meta.fields[name] for name in columns)
    names = ", ".join(f"{quote[0]}{f.column_name}{quote[1]}" for f in fields)
    table = f"{quote[0]}{model._meta.table_name}{quote[1]}"
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([param] * len(fields))})", fields


@functools.lru_cache(maxsize=512)
def _update_sql(model: type[Model], columns: tuple[str, ...], param: str, quote: str) -> tuple[str, tuple[Any, ...]]:
    fields = tuple(model._meta.fields[name] for name in columns)
    assignments = ", ".join(f"{quote[0]}{f.column_name}{quote[1]} = {param}" for f in fields)
    pk = primary_key(model)
    table = f"{quote[0]}{model._meta.table_name}{quote[1]}"
    return f"UPDATE {table} SET {assignments} WHERE {quote[0]}{pk.column_name}{quote[1]} = {param}", fields


@functools.lru_cache(maxsize=256)
def _select_sql(model: type[Model], columns: tuple[str, ...], lock: bool, param: str, quote: str) -> str:
    names = ", ".join(f"{quote[0]}{f.column_name}{quote[1]}" for f in model._meta.sorted_fields)
    where = " AND ".join(f"{quote[0]}{model._meta.fields[c].column_name}{quote[1]} = {param}" for c in columns)
    table = f"{quote[0]}{model._meta.table_name}{quote[1]}"
    return f"SELECT {names} FROM {table} WHERE {where} LIMIT 1{' FOR UPDATE' if lock else ''}"


def select_one(model: type[_M], *, for_update: bool = False, **equals: Any) -> _M | None:
    """The row of ``model`` whose fields equal ``equals`` (the first, if several), or None.

    ``for_update`` locks it for this transaction on PostgreSQL (SQLite's write transaction
    already excludes other writers)."""
    database = model._meta.database
    lock = for_update and not isinstance(getattr(database, "obj", database), SqliteDatabase)
    sql = _select_sql(model, tuple(equals), lock, database.param, database.quote)
    fields = model._meta.fields
    row = database.execute_sql(sql, [fields[k].db_value(v) for k, v in equals.items()]).fetchone()
    if row is None:
        return None
    instance = model(__no_default__=True)
    instance.__data__ = {f.name: f.python_value(v) for f, v in zip(model._meta.sorted_fields, row, strict=True)}
    return instance


def insert_values(model: type[Model], values: dict[str, Any], returning: str | None = None) -> Any:
    """Insert one row of ``values`` (field name → Python value). Returns the new value of
    the ``returning`` column (an auto-increment key) when asked, else the row count."""
    database = model._meta.database
    sql, fields = _insert_sql(model, tuple(values), database.param, database.quote)
    params = [f.db_value(values[f.name]) for f in fields]
    if returning is not None and not isinstance(getattr(database, "obj", database), SqliteDatabase):
        column = model._meta.fields[returning].column_name
        return database.execute_sql(f"{sql} RETURNING {database.quote[0]}{column}{database.quote[1]}",
                                    params).fetchone()[0]
    cursor = database.execute_sql(sql, params)
    return cursor.lastrowid if returning is not None else cursor.rowcount


def update_values(model: type[Model], values: dict[str, Any], pk_value: Any) -> int:
    """Update the columns in ``values`` of the row whose primary key is ``pk_value``."""
    if not values:
        raise ValueError("no data to save")
    database = model._meta.database
    sql, fields = _update_sql(model, tuple(values), database.param, database.quote)
    params = [f.db_value(values[f.name]) for f in fields]
    params.append(stored_value(primary_key(model), pk_value))
    return int(database.execute_sql(sql, params).rowcount)


def to_payload(instance: BaseModel) -> dict[str, Any]:
    """The row as JSON values keyed by column name, each in the text form PostgreSQL reads
    back into the same column type (``jsonb_populate_record`` on the hub): JSON columns as
    their stored text, binary as ``\\x`` hex, times in ISO form."""
    out: dict[str, Any] = {}
    for name, field in instance._meta.fields.items():
        value = instance.__data__.get(name)
        if value is None:
            pass
        elif isinstance(field, JSONField):
            value = field.db_value(value)
        elif isinstance(value, (dt.datetime, dt.date)):
            value = value.isoformat()
        elif isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, (bytes, memoryview)):
            value = "\\x" + bytes(value).hex()
        out[field.column_name] = value
    return out
