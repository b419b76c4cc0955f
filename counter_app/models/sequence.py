"""Per-terminal counters for document numbers (receipts, orders, complaints)."""

from __future__ import annotations

from peewee import CharField, IntegerField

from counter_app.models.base import BaseModel


class DocumentSequence(BaseModel):
    name = CharField(primary_key=True, max_length=64)
    value = IntegerField(default=0)
