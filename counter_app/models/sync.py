"""The sync outbox and sync state.

:func:`capture` is called by ``SyncedModel.save`` inside the same transaction as the write,
so the outbox holds every business write exactly when the write itself commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField, UUIDField

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models.base import BaseModel, JSONField, to_payload

if TYPE_CHECKING:
    from counter_app.models.base import SyncedModel


class Outbox(BaseModel):
    seq = AutoField()
    op_id = UUIDField(unique=True, default=uuid7)
    table = CharField(max_length=48)
    row_id = UUIDField()
    op = CharField(max_length=8)  # insert | update
    kind = CharField(max_length=8)  # fact | edit
    hlc = CharField(max_length=32, default="")
    payload = JSONField()
    created_at = DateTimeField(default=clock.now)
    status = CharField(max_length=12, default="pending", index=True)  # pending | sent | rejected
    attempts = IntegerField(default=0)
    error = TextField(default="")


class SyncState(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField(default="")


_hlc_source = None


def set_hlc_source(func) -> None:
    """The sync layer installs its hybrid logical clock here; until then stamps stay empty."""
    global _hlc_source
    _hlc_source = func


def capture(row: SyncedModel, op: str) -> None:
    if _hlc_source is not None:
        row.hlc = _hlc_source()
    Outbox.create(
        table=row._meta.table_name,
        row_id=row.id,
        op=op,
        kind=row.SYNC_KIND,
        hlc=row.hlc,
        payload=to_payload(row),
    )
