"""Customers, their accounts (one per phone number), SIM cards and SP subscriptions."""

from __future__ import annotations

import secrets
import uuid

from peewee import (
    SQL,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models.base import BaseModel
from counter_app.models.catalogue import SpService, TariffPlan

ACCOUNT_STATUSES = ("active", "suspended", "lost", "closed")
VIP_TIERS = ("", "silver", "gold", "diamond")


class Customer(BaseModel):
    id = UUIDField(primary_key=True, default=uuid7)
    name = CharField(index=True)
    id_number = CharField(max_length=18, unique=True)  # the registered document's number
    phone = CharField(max_length=11, default="", index=True)  # contact number
    address = TextField(default="")
    vip_tier = CharField(max_length=16, default="")
    vip_member_no = CharField(max_length=16, null=True, unique=True)
    home_city = CharField(max_length=32, default="")
    created_at = DateTimeField(default=clock.now)
    seq = IntegerField(default=0, index=True)  # hub change sequence (see sync)
    # The registered document's type (services.id_documents): the resident ID card (GB 11643)
    # or another document the real-name rules accept. Last, as schema 7 added it.
    id_type = CharField(max_length=24, default="resident", constraints=[SQL("DEFAULT 'resident'")])
    # The hall the customer belongs to (归属营业厅): its terminals keep the customer's data;
    # other halls fetch it from the hub when the customer walks in (sync/lookup.py).
    hall = CharField(max_length=16, default="", index=True, constraints=[SQL("DEFAULT ''")])


class Account(BaseModel):
    """A mobile line: the phone number, its plan, status and prepaid/postpaid balance."""

    id = UUIDField(primary_key=True, default=uuid7)
    customer = ForeignKeyField(Customer, backref="accounts", on_delete="CASCADE")
    phone = CharField(max_length=11, unique=True)
    plan = ForeignKeyField(TariffPlan)
    next_plan = ForeignKeyField(TariffPlan, null=True)  # a plan change waiting for next month
    next_plan_from = CharField(max_length=7, default="")  # YYYY-MM
    status = CharField(max_length=16, default="active")
    balance_fen = IntegerField(default=0)
    service_password_hash = CharField(max_length=255, default="")
    home_city = CharField(max_length=32, default="")
    opened_at = DateField(default=clock.today)
    seq = IntegerField(default=0, index=True)
    # The foreign keys' raw values, as peewee sets them (for mypy; no fields of their own)
    customer_id: uuid.UUID
    plan_id: str
    next_plan_id: str | None


def new_puk() -> str:
    """An 8-digit PUK for a SIM issued here (the card vendor's data file is not modelled)."""
    return f"{secrets.randbelow(10**8):08d}"


class SimCard(BaseModel):
    id = UUIDField(primary_key=True, default=uuid7)
    account = ForeignKeyField(Account, backref="sims", on_delete="CASCADE")
    serial = CharField(max_length=20, unique=True)  # ICCID
    status = CharField(max_length=16, default="active")  # active | retired
    issued_at = DateTimeField(default=clock.now)
    retired_at = DateTimeField(null=True)
    # Told to the verified subscriber only (services.verification.puk_code); never printed.
    puk = CharField(max_length=8, default=new_puk, constraints=[SQL("DEFAULT ''")])


class SpSubscription(BaseModel):
    id = UUIDField(primary_key=True, default=uuid7)
    account = ForeignKeyField(Account, backref="subscriptions", on_delete="CASCADE")
    service = ForeignKeyField(SpService)
    start_date = DateField()
    end_date = DateField(null=True)  # the last day it is charged; None while active
    service_id: str  # the foreign key's raw value, as peewee sets it (for mypy)
