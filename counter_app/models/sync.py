"""The sync outbox and sync state.

:func:`capture` is called by ``SyncedModel.save`` inside the same transaction as the write,
so the outbox holds every business write exactly when the write itself commits. It stamps
the row with this terminal's hybrid-logical-clock time (see ``counter_app/models/hlc.py``) and
its terminal id, then stores the row as it will be sent: a JSON object keyed by column, each
value in the form PostgreSQL's ``jsonb_populate_record`` reads back into the same column.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from typing import TYPE_CHECKING, Any

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
    UUIDField,
)

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models.base import BaseModel, JSONField, db, insert_values, to_payload
from counter_app.models.hlc import HybridClock

if TYPE_CHECKING:
    from counter_app.models.base import SyncedModel

OUTBOX_STATUSES = ("pending", "sent", "rejected", "dismissed")
HLC_KEY = "sync_hlc"  # SyncState: the newest stamp received from the hub
TERMINAL_ID_KEY = "terminal_id"  # Setting (hall ""): the same key services.session uses


class Outbox(BaseModel):
    seq = AutoField()
    op_id = UUIDField(unique=True, default=uuid7)
    table = CharField(max_length=48)
    row_id = UUIDField()
    op = CharField(max_length=8)  # insert | update
    kind = CharField(max_length=8)  # fact | edit
    hlc = CharField(max_length=32, default="")
    created_at = DateTimeField(default=clock.now)
    status = CharField(max_length=12, default="pending")  # see OUTBOX_STATUSES
    attempts = IntegerField(default=0)
    error = TextField(default="")

    @property
    def payload(self) -> dict[str, Any] | None:
        """The row as it is sent (kept in ``outbox_payload``)."""
        found = OutboxPayload.get_or_none(OutboxPayload.seq == self.seq)
        return found.payload if found else None


class OutboxPayload(BaseModel):
    """The row of an outbox entry, apart from the entry itself: marking thousands of entries
    sent then rewrites a few small rows instead of every payload (five times less to write)."""

    seq = IntegerField(primary_key=True)  # the entry's seq
    payload = JSONField()
    # The same row as one line of PostgreSQL COPY text in the table's column order, made once
    # at capture so the push writes it as is; ``shape`` names that column order, and a line
    # of another shape (captured before an upgrade) is rebuilt from ``payload``.
    wire = TextField(default="")
    shape = CharField(max_length=16, default="")


# The push reads "pending in seq order" and the status bar counts pending; a partial index
# holds only those rows, so marking a batch sent just drops its entries.
Outbox.add_index(Outbox.index(Outbox.seq, name="outbox_pending", where=(Outbox.status == "pending")))


class SyncState(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField(default="")


def _wall_ms() -> int:
    return int(clock.now().timestamp() * 1000)


_clocks: dict[int, HybridClock] = {}
_clocks_lock = threading.Lock()


def hybrid_clock() -> HybridClock:
    """This terminal's clock for the bound database, seeded once per process from the newest
    stamps already stored (so a restart with the wall clock set back stays monotonic)."""
    database = db.obj
    key = id(database)
    found = _clocks.get(key)
    if found is not None:
        return found
    with _clocks_lock:
        found = _clocks.get(key)
        if found is None:
            found = _seed_clock()
            _clocks[key] = found
    return found


def forget_clocks() -> None:
    """Tests that reopen a file under a new database object may call this; harmless otherwise."""
    with _clocks_lock:
        _clocks.clear()


def _seed_clock() -> HybridClock:
    from counter_app.models.hall import Setting

    row = Setting.get_or_none((Setting.hall == "") & (Setting.key == TERMINAL_ID_KEY))
    hybrid = HybridClock(_wall_ms, node=str(row.value) if row and row.value else "")
    recent = (Outbox.select(Outbox.hlc).order_by(Outbox.seq.desc()).limit(200))
    for entry in recent:
        hybrid.receive(entry.hlc)
    state = SyncState.get_or_none(SyncState.key == HLC_KEY)
    if state is not None:
        hybrid.receive(state.value)
    return hybrid


def stamp(row: SyncedModel, op: str) -> None:
    """Give ``row`` this terminal's id and a new clock stamp, before it is written."""
    hybrid = hybrid_clock()
    if not row.terminal and hybrid.node:
        row.terminal = hybrid.node
    # An edit must sort after the version it edits, even if that was stamped elsewhere.
    row.hlc = hybrid.now(at_least=row.hlc if op == "update" else "")


def capture(row: SyncedModel, op: str) -> None:
    """Write the outbox entry of ``row``, stamped and written in this transaction.

    Only a terminal's SQLite file has an outbox to push. A program working directly on
    PostgreSQL (the hub, or a hall's shared queue server) writes where the rows belong
    already; nothing would ever send or prune entries there."""
    database = row._meta.database
    if not isinstance(getattr(database, "obj", database), SqliteDatabase):
        return
    seq = insert_values(Outbox, {"op_id": uuid7(), "table": row._meta.table_name, "row_id": row.id, "op": op,
                                 "kind": row.SYNC_KIND, "hlc": row.hlc, "created_at": clock.now(),
                                 "status": "pending", "attempts": 0, "error": ""}, returning="seq")
    payload = to_payload(row)
    columns = column_order(type(row))
    insert_values(OutboxPayload, {"seq": seq, "payload": payload, "wire": copy_line(payload, columns),
                                  "shape": _shape_of(type(row))})


def column_order(model: type[Model]) -> list[str]:
    return [f.column_name for f in model._meta.sorted_fields]


def shape_of(columns: list[str]) -> str:
    return hashlib.sha1("\x1f".join(columns).encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=128)
def _shape_of(model: type[Model]) -> str:
    return shape_of(column_order(model))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_line(payload: dict[str, Any], columns: list[str]) -> str:
    """``payload`` as COPY text format: tab-separated, ``\\N`` for NULL, backslash escapes."""
    out = []
    for column in columns:
        value = payload.get(column)
        if value is None:
            out.append("\\N")
        elif value is True or value is False:
            out.append("t" if value else "f")
        else:
            out.append(str(value).translate(_COPY_ESCAPES))
    return "\t".join(out)
