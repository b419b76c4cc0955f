"""Queue tickets, the events that make their times exact, and counter state."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    UUIDField,
)

from counter_app.models.base import BaseModel, SyncedModel

TICKET_STATUSES = ("waiting", "called", "done", "noshow", "transferred", "cancelled")
EVENT_KINDS = ("issued", "called", "recalled", "noshow", "requeued", "transferred", "finished", "cancelled")


class Ticket(SyncedModel):
    SYNC_KIND = "edit"

    business_date = DateField(index=True)
    category = CharField(max_length=16)  # the queue it waits in now; a transfer changes it
    issued_category = CharField(max_length=16, default="")  # the category it was taken for
    number = IntegerField()
    code = CharField(max_length=8)  # e.g. A012
    priority = IntegerField(default=0)
    vip = BooleanField(default=False)
    green = BooleanField(default=False)
    member_no = CharField(max_length=16, default="")
    phone = CharField(max_length=11, default="")
    customer_id = UUIDField(null=True)
    status = CharField(max_length=16, default="waiting", index=True)
    issued_at = DateTimeField()
    queued_at = DateTimeField()  # position in the queue; a requeue moves it, a transfer keeps it
    called_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    counter_number = IntegerField(null=True)
    staff_no = CharField(max_length=16, default="")
    target_counter = IntegerField(null=True)  # a transfer to a named counter
    recalls = IntegerField(default=0)
    requeues = IntegerField(default=0)
    ahead_at_issue = IntegerField(default=0)
    est_wait_min = IntegerField(default=0)
    # The kiosk's key for one press of "take a number": a double tap gives the same ticket.
    idempotency_key = CharField(max_length=64, null=True, unique=True)

    class Meta:
        indexes = (
            (("hall", "business_date", "code"), True),
            (("hall", "status", "queued_at"), False),
            # call-next reads the head of each category and priority class through this index
            (("hall", "business_date", "status", "category", "priority", "queued_at", "number"), False),
            (("hall", "business_date", "status", "target_counter", "queued_at", "number"), False),  # sent to a counter
            # a customer's recent visits (customer view), by the customer or the number given
            (("customer_id", "business_date"), False),
            (("phone", "business_date"), False),
        )


class TicketEvent(SyncedModel):
    SYNC_KIND = "fact"

    ticket_id = UUIDField(index=True)
    kind = CharField(max_length=16)
    at = DateTimeField()
    counter_number = IntegerField(null=True)
    staff_no = CharField(max_length=16, default="")
    detail = CharField(default="")


class CounterState(BaseModel):
    """What a counter is doing now; one row per hall and counter number."""

    id = AutoField()  # what peewee adds when a model names no key; named so mypy knows it
    hall = CharField(max_length=16)
    counter_number = IntegerField()
    status = CharField(max_length=16, default="closed")  # open | paused | closed
    staff_no = CharField(max_length=16, default="")
    current_ticket = UUIDField(null=True)
    since = DateTimeField(null=True)

    class Meta:
        indexes = ((("hall", "counter_number"), True),)


class NumberSequence(BaseModel):
    """Next ticket number per hall, business day and category."""

    hall = CharField(max_length=16)
    business_date = DateField()
    category = CharField(max_length=16)
    last_number = IntegerField(default=0)

    class Meta:
        indexes = ((("hall", "business_date", "category"), True),)
