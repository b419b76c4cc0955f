"""What the regulator's rules make the hall record: each check of a subscriber's identity
before a sensitive business or view (核验机主身份), with its method and result; invoice
requests with the buyer and the payments they cover."""

from __future__ import annotations

from peewee import CharField, DateTimeField, IntegerField, UUIDField

from counter_app.models.base import BaseModel, JSONField, SyncedModel


class SubscriberCheck(SyncedModel):
    """One check of who is asking for a line's sensitive business: the owner's ID document,
    the service password, or an agent (代办) with their own ID and the owner's written
    authorisation. Failed checks are kept too: they are what the throttle counts."""

    SYNC_KIND = "fact"

    at = DateTimeField(index=True)
    staff_no = CharField(max_length=16, default="")
    account_id = UUIDField(index=True)
    phone = CharField(max_length=11)
    method = CharField(max_length=24)  # id_document | service_password | agent
    result = CharField(max_length=16)  # passed | failed
    reason = CharField(max_length=32, default="")  # why it failed: mismatch, wrong_password, locked
    id_type = CharField(max_length=24, default="")  # the owner's document shown (id_document, agent)
    agent_name = CharField(max_length=64, default="")
    agent_id_type = CharField(max_length=24, default="")
    agent_id_number = CharField(max_length=32, default="")
    authorisation = CharField(max_length=200, default="")  # the owner's written authorisation, as recorded


class InvoiceRequest(SyncedModel):
    """开票申请: a customer asks for an invoice of what they actually paid in a period. Not an
    invoice: the operator's e-invoice system issues that from the exported requests
    (``services.invoices``). Each payment is in at most one request that is not voided."""

    SYNC_KIND = "edit"

    request_no = CharField(max_length=32, unique=True)
    order_id = UUIDField(null=True, index=True)
    account_id = UUIDField(index=True)
    phone = CharField(max_length=11)
    period = CharField(max_length=7)  # YYYY-MM: the month the payments were made in
    buyer_type = CharField(max_length=16)  # person | company
    title = CharField(max_length=100)  # 发票抬头
    tax_id = CharField(max_length=18, default="")  # the company's unified social credit code
    amount_fen = IntegerField()
    payment_ids = JSONField(default=list)  # hex ids of the payments the amount adds up
    status = CharField(max_length=16, default="requested")  # requested | exported | voided
    staff_no = CharField(max_length=16, default="")
    exported_at = DateTimeField(null=True)


class Visitor(BaseModel):
    """A customer of another hall whose data this terminal fetched from the hub when they
    walked in; kept until ``keep_until``, then swept (local only: neither pushed nor pulled)."""

    customer_id = UUIDField(primary_key=True)
    fetched_at = DateTimeField()
    keep_until = DateTimeField(index=True)
