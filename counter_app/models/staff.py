"""Staff: clerks, managers and admins with their specialties (业务小专家)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField

from counter_app.models.base import BaseModel, JSONField
from counter_app.models.hall import Hall

ROLES = ("clerk", "manager", "admin", "inspector")
# The article's specialties: new business, plans, data services, billing (收费能手),
# calming upset customers (情绪调动), etiquette.
SPECIALTIES = ("new_business", "plans", "data", "billing", "calming", "etiquette")


class Staff(BaseModel):
    staff_no = CharField(primary_key=True, max_length=16)
    hall = ForeignKeyField(Hall, backref="staff", on_delete="CASCADE")
    hall_id: str  # the foreign key's raw value, as peewee sets it (for mypy)
    name = CharField()
    role = CharField(max_length=16, default="clerk")
    specialties = JSONField(default=list)
    password_hash = CharField(max_length=255)
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    active = BooleanField(default=True)
    may_reverse = BooleanField(default=False)  # a clerk on the allowed list for reversals
