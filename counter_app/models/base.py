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

import datetime as dt
import json
import uuid
from typing import Any, ClassVar

from peewee import (
    CharField,
    DatabaseProxy,
    DateTimeField,
    Model,
    TextField,
    UUIDField,
)

from counter_app import clock
from counter_app.ids import uuid7

db = DatabaseProxy()


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

    id = UUIDField(primary_key=True, default=uuid7)
    hall = CharField(max_length=16, index=True)
    terminal = CharField(max_length=40, default="")
    created_at = DateTimeField(default=clock.now)
    hlc = CharField(max_length=32, default="", index=False)

    def save(self, force_insert: bool = False, only=None) -> int:  # type: ignore[override]
        from counter_app.models.sync import capture  # the outbox lives in its own module

        with self._meta.database.atomic():
            creating = force_insert or not self._exists_in_db()
            if creating:
                force_insert = True
            capture(self, "insert" if creating else "update")
            return super().save(force_insert=force_insert, only=only)

    def _exists_in_db(self) -> bool:
        # A UUID primary key is set before insert, so peewee cannot tell new from old by it.
        return type(self).select().where(type(self).id == self.id).exists()


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
