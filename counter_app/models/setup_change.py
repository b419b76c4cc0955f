"""A hall's own setup, changed at a terminal, on its way to the hub.

Staff, counters, the hall's opening hours and its settings are reference rows: the hub owns
them and every terminal of the hall pulls them. A manager's change is written locally at once
and also recorded here; the row is pushed like any fact, and the hub applies it to its own
reference row (``sync/hub.py``, ``counter_sync.apply_setup_change``), from where every terminal of the hall
pulls it. So the change reaches the hall's other PCs and survives a full reload.
"""

from __future__ import annotations

from peewee import CharField

from counter_app.models.base import JSONField, SyncedModel

SETUP_TARGETS = ("staff", "counter", "hall", "setting", "signing_key")


class SetupChange(SyncedModel):
    SYNC_KIND = "fact"

    target = CharField(max_length=16)  # see SETUP_TARGETS
    key = CharField(max_length=64)  # staff number, counter number, hall code, setting key or key id
    data = JSONField(default=dict)  # column → the value as stored (JSON columns as their text)
