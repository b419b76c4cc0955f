"""The monthly bill run's own records, kept where it runs (the hub, or a single-PC hall).

``bill_run``: one row per month billed, what made the bills (rated here or imported from the
operator's billing system) and the totals. ``applied_order``: the plan changes and SP
subscriptions or cancellations the run has already brought into the lines it bills, so each
order (and each void of one) is applied once, keyed by the order's hall and its id (on the hub
every hall's orders meet, and an id is unique within its hall only). Neither table travels: the bills, the lines and
the ledger they change are the reference data terminals pull.
"""

from __future__ import annotations

from peewee import CharField, CompositeKey, DateTimeField, IntegerField, UUIDField

from counter_app.models.base import BaseModel


class BillRun(BaseModel):
    month = CharField(primary_key=True, max_length=7)  # YYYY-MM
    source = CharField(max_length=200, default="rated")  # "rated" or "import:<file name>"
    started_at = DateTimeField()
    finished_at = DateTimeField(null=True)
    bills = IntegerField(default=0)
    total_fen = IntegerField(default=0)


class AppliedOrder(BaseModel):
    hall = CharField(max_length=16)  # the order's hall (schema step 17)
    order_id = UUIDField()
    status = CharField(max_length=16)  # the order's status when applied: done | voided
    applied_at = DateTimeField()

    class Meta:
        primary_key = CompositeKey("hall", "order_id")
