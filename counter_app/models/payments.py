"""Payments are facts: never updated in place. A reversal (冲正) or refund is a new row with
the opposite sign that points at what it corrects."""

from __future__ import annotations

from typing import Any

from peewee import CharField, DateField, IntegerField, TextField, UUIDField

from counter_app.models.base import JSONField, SyncedModel

# cash, bank card via POS, 缴费卡 payment card, 异地缴费 cross-city (cash for another city's
# number), and "credit": money the hall credits to an account (refund, advance compensation),
# which never passes through the cash drawer.
METHODS = ("cash", "pos", "card", "remote", "credit")
DRAWER_METHODS = ("cash", "remote")  # the methods whose money lies in the clerk's cash drawer
# payment: a bill payment at the counter; fee: a business fee paid with an order; reversal:
# 冲正 of a payment or fee; refund / compensation: a credit given to the customer (先行赔付).
KINDS = ("payment", "fee", "reversal", "refund", "compensation")


class Payment(SyncedModel):
    SYNC_KIND = "fact"

    receipt_no = CharField(max_length=32, unique=True)
    business_date = DateField(index=True)
    staff_no = CharField(max_length=16)
    account_id = UUIDField(null=True, index=True)
    phone = CharField(max_length=11, default="")
    kind = CharField(max_length=16, default="payment")
    method = CharField(max_length=16)
    # Signed, as the hall's takings: a payment or fee is positive; a reversal, refund or
    # compensation is negative.
    amount_fen = IntegerField()
    tendered_fen = IntegerField(null=True)
    change_fen = IntegerField(null=True)
    reference = CharField(max_length=64, default="")  # POS reference, card serial, ...
    reverses_id = UUIDField(null=True, unique=True)  # at most one reversal per payment
    order_id = UUIDField(null=True)
    counter_number = IntegerField(null=True)
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
    idempotency_key = CharField(max_length=64, null=True, unique=True)


class DayClose(SyncedModel):
    """日结: once a hall's day is closed its payments cannot change and no business is taken."""

    SYNC_KIND = "fact"

    business_date = DateField()
    closed_by = CharField(max_length=16)
    totals = JSONField(default=dict)
    # Not a column: close_day (services/settlement.py) sets it on the row it returns, to the
    # backup made after closing (a services.backups.BackupInfo, None when that failed).
    backup: Any

    class Meta:
        indexes = ((("hall", "business_date"), True),)
