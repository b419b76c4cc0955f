"""Satisfaction ratings given by customers after service."""

from __future__ import annotations

from peewee import CharField, IntegerField, UUIDField

from counter_app.models.base import SyncedModel


class Rating(SyncedModel):
    SYNC_KIND = "fact"

    ticket_id = UUIDField(null=True)
    order_id = UUIDField(null=True, index=True)
    staff_no = CharField(max_length=16, default="")
    score = IntegerField()  # 1 (very unsatisfied) .. 5 (very satisfied)
    channel = CharField(max_length=16, default="counter")  # counter | kiosk
