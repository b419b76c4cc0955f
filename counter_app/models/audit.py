"""The audit trail: every sensitive action, who did it, and when.

Each event is a link of its terminal's hash chain (``services/audit_chain.py``): ``seq``
numbers the terminal's events from 1, ``prev_hash`` is the hash of the one before,
``hash`` the SHA-256 of the event's canonical content. Events written before the chain
existed have ``seq`` NULL.
"""

from __future__ import annotations

from peewee import BigIntegerField, CharField, DateTimeField

from counter_app.models.base import JSONField, SyncedModel


class AuditEvent(SyncedModel):
    SYNC_KIND = "fact"
    PUSH_ORDER = ("terminal", "seq")  # the hub accepts a chain's events only in order

    at = DateTimeField(index=True)
    staff_no = CharField(max_length=16, default="", index=True)
    action = CharField(max_length=48, index=True)
    target = CharField(default="")
    detail = JSONField(default=dict)
    seq = BigIntegerField(null=True)
    prev_hash = CharField(max_length=64, default="")
    hash = CharField(max_length=64, default="")

    class Meta:
        indexes = ((("terminal", "seq"), True),)
