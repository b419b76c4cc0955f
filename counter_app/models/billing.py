"""Monthly bills, their items, and detailed usage records (详单)."""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from counter_app.ids import uuid7
from counter_app.models.base import BaseModel
from counter_app.models.customer import Account

# Item groups in the order a bill shows them.
BILL_GROUPS = ("plan", "voice", "sms", "data", "vas", "sp", "discount", "adjustment", "late_fee")


class Bill(BaseModel):
    id = UUIDField(primary_key=True, default=uuid7)
    account = ForeignKeyField(Account, backref="bills", on_delete="CASCADE")
    period = CharField(max_length=7)  # YYYY-MM
    plan_code = CharField(max_length=32)
    previous_balance_fen = IntegerField(default=0)  # owed (+) or credit (-) carried in
    payments_fen = IntegerField(default=0)
    total_fen = IntegerField(default=0)  # the sum of the items
    due_fen = IntegerField(default=0)
    issued_at = DateTimeField(null=True)
    seq = IntegerField(default=0, index=True)

    class Meta:
        indexes = ((("account", "period"), True),)


class BillItem(BaseModel):
    id = AutoField()  # what peewee adds when a model names no key; named so mypy knows it
    bill = ForeignKeyField(Bill, backref="items", on_delete="CASCADE")
    group = CharField(max_length=16)
    code = CharField(max_length=32)
    name_zh = CharField()
    name_en = CharField(default="")
    explanation_zh = TextField(default="")  # 发票项目说明
    explanation_en = TextField(default="")
    amount_fen = IntegerField()
    sp_code = CharField(max_length=32, default="")
    service_code = CharField(max_length=32, default="")
    sort = IntegerField(default=0)


class UsageRecord(BaseModel):
    """One call, SMS or data session; the month's records add up to the bill's usage items."""

    id = AutoField()  # what peewee adds when a model names no key; named so mypy knows it
    # No index of its own: (account, period, started_at) below serves every look-up by line.
    account = ForeignKeyField(Account, backref="usage", on_delete="CASCADE", index=False)
    period = CharField(max_length=7)
    kind = CharField(max_length=8)  # call | sms | data
    subtype = CharField(max_length=16, default="")  # local | long | roam for calls
    direction = CharField(max_length=4, default="out")  # out | in
    started_at = DateTimeField()
    other_party = CharField(max_length=20, default="")
    location = CharField(max_length=32, default="")
    duration_s = IntegerField(default=0)
    volume_kb = IntegerField(default=0)
    fee_fen = IntegerField(default=0)

    class Meta:
        indexes = ((("account", "period", "started_at"), False),)
