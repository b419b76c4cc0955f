"""Complaints with reply deadlines, their handling steps, and SP advance-compensation claims."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, IntegerField, TextField, UUIDField

from counter_app.models.base import JSONField, SyncedModel

CATEGORIES = ("billing", "sp_charge", "network", "attitude", "repair", "other")
STATUSES = ("open", "assigned", "replied", "closed")


class Complaint(SyncedModel):
    SYNC_KIND = "edit"

    complaint_no = CharField(max_length=32, unique=True)
    customer_id = UUIDField(null=True)
    account_id = UUIDField(null=True)
    phone = CharField(max_length=11, default="")
    category = CharField(max_length=16)
    description = TextField()
    wish = TextField(default="")
    linked = JSONField(default=list)  # bill items or SP subscriptions concerned
    status = CharField(max_length=16, default="open")
    opened_by = CharField(max_length=16)
    opened_at = DateTimeField()
    deadline_at = DateTimeField()
    assigned_to = CharField(max_length=16, default="")
    escalated_at = DateTimeField(null=True)
    replied_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    customer_view = CharField(max_length=16, default="")  # satisfied | unsatisfied
    order_id = UUIDField(null=True)
    # Made when the intake form opens: a double submit stores one complaint.
    idempotency_key = CharField(max_length=64, null=True, unique=True)

    class Meta:
        indexes = ((("hall", "status", "deadline_at"), False), (("hall", "opened_at"), False))


class ComplaintStep(SyncedModel):
    SYNC_KIND = "fact"

    complaint_id = UUIDField(index=True)
    kind = CharField(max_length=16)  # opened | assigned | note | replied | closed | escalated | compensated
    at = DateTimeField()
    staff_no = CharField(max_length=16, default="")
    note = TextField(default="")


class SpClaim(SyncedModel):
    """先行赔付: the hall refunded the customer; this is the claim against the SP."""

    SYNC_KIND = "fact"

    complaint_id = UUIDField(index=True)
    sp_code = CharField(max_length=32, index=True)
    service_code = CharField(max_length=32)
    period = CharField(max_length=7)  # the bill month of the refunded charge
    amount_fen = IntegerField()
    payment_id = UUIDField(null=True)
    approved_by = CharField(max_length=16, default="")
    # The refunded bill item: a charge is claimed (and refunded) at most once.
    bill_item_id = IntegerField(null=True, unique=True)
    account_id = UUIDField(null=True)
    business_date = DateField(null=True, index=True)  # when the hall paid the customer
    # Not a column: the Complaint a query joined on complaint_id (peewee names it so).
    complaint: Complaint
