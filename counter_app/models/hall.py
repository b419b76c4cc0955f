"""Halls, their counters, and per-hall settings."""

from __future__ import annotations

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from counter_app.models.base import BaseModel, JSONField


class Hall(BaseModel):
    code = CharField(primary_key=True, max_length=16)
    name = CharField()
    city = CharField(max_length=32)  # the hall's city; a number homed elsewhere is 异地
    address = TextField(default="")
    opens = CharField(max_length=5, default="08:30")  # HH:MM, hall local time
    closes = CharField(max_length=5, default="18:00")
    grade = CharField(max_length=8, default="")  # 标准 / 优秀 / 示范 as last rated


class Counter(BaseModel):
    hall = ForeignKeyField(Hall, backref="counters", on_delete="CASCADE")
    hall_id: str  # the foreign key's raw value, as peewee sets it (for mypy)
    number = IntegerField()
    name = CharField(default="")
    categories = JSONField(default=list)  # queue category codes this counter serves
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("hall", "number"), True),)


class Setting(BaseModel):
    """Key/value settings: per hall (``hall`` set) or for this terminal (``hall`` empty)."""

    hall = CharField(max_length=16, default="")
    key = CharField(max_length=64)
    value = JSONField(null=True)

    class Meta:
        indexes = ((("hall", "key"), True),)
