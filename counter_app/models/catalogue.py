"""Reference data loaded from resources/: plans, SP services, business types, fee standards,
queue categories. Keys are stable codes so the hub and every terminal agree on them."""

from __future__ import annotations

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from counter_app.models.base import BaseModel, JSONField


class TariffPlan(BaseModel):
    code = CharField(primary_key=True, max_length=32)
    name_zh = CharField()
    name_en = CharField(default="")
    monthly_fee_fen = IntegerField()
    voice_minutes = IntegerField(default=0)
    sms_included = IntegerField(default=0)
    data_mb = IntegerField(default=0)
    local_per_min_fen = IntegerField(default=15)
    long_per_min_fen = IntegerField(default=30)
    roam_per_min_fen = IntegerField(default=60)
    sms_fen = IntegerField(default=10)
    data_per_mb_fen = IntegerField(default=30)
    description_zh = TextField(default="")
    description_en = TextField(default="")
    active = BooleanField(default=True)


class SpProvider(BaseModel):
    code = CharField(primary_key=True, max_length=32)
    name = CharField()
    hotline = CharField(default="")


class SpService(BaseModel):
    code = CharField(primary_key=True, max_length=32)
    provider = ForeignKeyField(SpProvider, backref="services")
    provider_id: str  # the foreign key's raw value, as peewee sets it (for mypy)
    name_zh = CharField()
    name_en = CharField(default="")
    monthly_fee_fen = IntegerField(default=0)
    per_use_fen = IntegerField(default=0)


class BusinessType(BaseModel):
    """A business of the catalogue; ``fields`` drives the generated form (see resources)."""

    code = CharField(primary_key=True, max_length=32)
    name_zh = CharField()
    name_en = CharField(default="")
    fee_fen = IntegerField(default=0)
    real_name_required = BooleanField(default=False)
    specialty = CharField(max_length=32, default="")
    minutes = IntegerField(default=5)
    effect = CharField(max_length=32, default="record")
    remote_allowed = BooleanField(default=False)  # may be done for another city's number
    roles = JSONField(default=list)  # empty: any signed-in staff
    # Only staff with ``specialty`` (or a manager) may do it, e.g. a real-name new subscription.
    restricted = BooleanField(default=False)
    needs_customer = BooleanField(default=True)  # False: a walk-in (new subscription, card sale)
    fields = JSONField(default=list)
    terms_zh = TextField(default="")
    terms_en = TextField(default="")
    sort = IntegerField(default=0)


class FeeStandard(BaseModel):
    """收费项目及标准: the published fee standards and business procedures."""

    code = CharField(primary_key=True, max_length=32)
    kind = CharField(max_length=16, default="fee")  # fee | procedure
    name_zh = CharField()
    name_en = CharField(default="")
    amount_fen = IntegerField(null=True)
    unit_zh = CharField(default="")
    unit_en = CharField(default="")
    text_zh = TextField(default="")
    text_en = TextField(default="")
    sort = IntegerField(default=0)


class QueueCategory(BaseModel):
    code = CharField(primary_key=True, max_length=16)
    prefix = CharField(max_length=2, unique=True)
    name_zh = CharField()
    name_en = CharField(default="")
    priority = IntegerField(default=0)  # higher is called first (VIP, green channel)
    specialties = JSONField(default=list)
    wait_target_min = IntegerField(default=15)
    sort = IntegerField(default=0)
