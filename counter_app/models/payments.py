"""Payments are facts: never updated in place. A reversal (冲正) or refund is a new row with
the opposite sign that points at what it corrects."""

from __future__ import annotations

from peewee import CharField, DateField, IntegerField, TextField, UUIDField

from counter_app.models.base import JSONField, SyncedModel

METHODS = ("cash", "pos", "card", "remote")  # cash, bank card via POS, 缴费卡, 异地缴费
KINDS = ("payment", "fee", "reversal", "refund")


class Payment(SyncedModel):
    SYNC_KIND = "fact"

    receipt_no = CharField(max_length=32, unique=True)
    business_date = DateField(index=True)
    staff_no = CharField(max_length=16)
    account_id = UUIDField(null=True, index=True)
    phone = CharField(max_length=11, default="")
    kind = CharField(max_length=16, default="payment")
    method = CharField(max_length=16)
    amount_fen = IntegerField()  # signed: a reversal or refund is negative
    tendered_fen = IntegerField(null=True)
    change_fen = IntegerField(null=True)
    reference = CharField(max_length=64, default="")  # POS reference, card serial, ...
    reverses_id = UUIDField(null=True, unique=True)  # at most one reversal per payment
    order_id = UUIDField(null=True)
    reason = TextField(default="")
    idempotency_key = CharField(max_length=64, unique=True)


class ShiftHandover(SyncedModel):
    """交接班: a clerk counts the cash drawer; the difference to the expected cash is kept."""

    SYNC_KIND = "fact"

    business_date = DateField(index=True)
    staff_no = CharField(max_length=16)
    expected_cash_fen = IntegerField()
    counted_cash_fen = IntegerField()
    note = TextField(default="")


class DayClose(SyncedModel):
    """日结: once a hall's day is closed its payments cannot change and no business is taken."""

    SYNC_KIND = "fact"

    business_date = DateField()
    closed_by = CharField(max_length=16)
    totals = JSONField(default=dict)

    class Meta:
        indexes = ((("hall", "business_date"), True),)
