"""What the regulator's rules make the hall record: each check of a subscriber's identity
before a sensitive business or view (核验机主身份), with its method and result."""

from __future__ import annotations

from peewee import CharField, DateTimeField, UUIDField

from counter_app.models.base import SyncedModel


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
