"""The audit trail: every sensitive action, who did it, and when."""

from __future__ import annotations

from peewee import CharField, DateTimeField

from counter_app.models.base import JSONField, SyncedModel


class AuditEvent(SyncedModel):
    SYNC_KIND = "fact"

    at = DateTimeField(index=True)
    staff_no = CharField(max_length=16, default="", index=True)
    action = CharField(max_length=48, index=True)
    target = CharField(default="")
    detail = JSONField(default=dict)
