"""Service orders: one business done for one customer (the acceptance slip's content)."""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    TextField,
    UUIDField,
)

from counter_app.models.base import JSONField, SyncedModel


class ServiceOrder(SyncedModel):
    SYNC_KIND = "edit"

    order_no = CharField(max_length=32, unique=True)
    business_date = DateField(index=True)
    business_code = CharField(max_length=32)
    staff_no = CharField(max_length=16)
    counter_number = IntegerField(null=True)
    customer_id = UUIDField(null=True, index=True)
    account_id = UUIDField(null=True, index=True)
    ticket_id = UUIDField(null=True)
    fields = JSONField(default=dict)
    effect_data = JSONField(default=dict)  # what the effect changed, so a void can undo it
    fee_fen = IntegerField(default=0)
    fee_method = CharField(max_length=16, default="")
    id_checked = BooleanField(default=False)  # the clerk saw the ID card (real-name businesses)
    status = CharField(max_length=16, default="done")  # done | voided
    signature_png = BlobField(null=True)
    idempotency_key = CharField(max_length=64, unique=True)
    started_at = DateTimeField(null=True)
    voided_at = DateTimeField(null=True)
    voided_by = CharField(max_length=16, default="")
    void_reason = TextField(default="")
    prints = IntegerField(default=0)
    # Not a column: the status the bill run last applied, selected as "applied" by
    # services.billrun.apply_orders (None: never applied).
    applied: str | None


class Job(SyncedModel):
    """Work recorded for later: phonebook transfer, handset repair intake, and similar."""

    SYNC_KIND = "edit"

    order_id = UUIDField(index=True)
    kind = CharField(max_length=32)
    status = CharField(max_length=16, default="open")
    detail = JSONField(default=dict)
    # Not a column: the intake ServiceOrder a query joined as attr="intake" (services/catalogue.py).
    intake: ServiceOrder


class ValueCardSale(SyncedModel):
    """One value card sold with an order. A voided sale keeps its row (status "voided") so the
    serial can be sold again; at most one "sold" row per serial is a service rule."""

    SYNC_KIND = "edit"

    order_id = UUIDField(index=True)
    serial = CharField(max_length=32, index=True)
    face_value_fen = IntegerField()
    status = CharField(max_length=16, default="sold")  # sold | voided
