"""The domain model: one module per aggregate, all bound to :data:`db` at start-up."""

from __future__ import annotations

from counter_app.models.audit import AuditEvent
from counter_app.models.base import BaseModel, JSONField, SyncedModel, db
from counter_app.models.billing import Bill, BillItem, UsageRecord
from counter_app.models.billrun import AppliedOrder, BillRun
from counter_app.models.catalogue import (
    BusinessType,
    FeeStandard,
    QueueCategory,
    SpProvider,
    SpService,
    TariffPlan,
)
from counter_app.models.complaints import Complaint, ComplaintStep, SpClaim
from counter_app.models.customer import Account, Customer, SimCard, SpSubscription
from counter_app.models.hall import Counter, Hall, Setting
from counter_app.models.ledger import LedgerEntry
from counter_app.models.orders import Job, ServiceOrder, ValueCardSale
from counter_app.models.payments import DayClose, Payment, ShiftHandover
from counter_app.models.queue import CounterState, NumberSequence, Ticket, TicketEvent
from counter_app.models.ratings import Rating
from counter_app.models.regulatory import InvoiceRequest, SubscriberCheck, Visitor
from counter_app.models.sequence import DocumentSequence
from counter_app.models.setup_change import SetupChange
from counter_app.models.signing import HallKey
from counter_app.models.staff import Staff
from counter_app.models.supervision import DrillResult, Inspection
from counter_app.models.sync import Outbox, OutboxPayload, SyncState
from counter_app.models.throttle import SecretAttempt

# Creation order: a table comes after the tables it references.
ALL_MODELS: list[type[BaseModel]] = [
    Hall, Counter, Setting, Staff,
    TariffPlan, SpProvider, SpService, BusinessType, FeeStandard, QueueCategory,
    Customer, Account, SimCard, SpSubscription,
    Bill, BillItem, UsageRecord, LedgerEntry,
    Ticket, TicketEvent, CounterState, NumberSequence,
    ServiceOrder, Job, ValueCardSale,
    Payment, ShiftHandover, DayClose,
    Complaint, ComplaintStep, SpClaim,
    Rating, AuditEvent, SetupChange, BillRun, AppliedOrder, SubscriberCheck, InvoiceRequest, Visitor,
    Inspection, DrillResult,
    Outbox, OutboxPayload, SyncState, DocumentSequence, SecretAttempt, HallKey,
]



def synced_models() -> dict[str, type[SyncedModel]]:
    """The models whose rows go to the hub through the outbox, by table name."""
    return {m._meta.table_name: m for m in ALL_MODELS if issubclass(m, SyncedModel)}


def quote(name: str) -> str:
    """A table or column name quoted for SQL (SQLite and PostgreSQL alike)."""
    return '"' + name.replace('"', '""') + '"'


__all__ = [m.__name__ for m in ALL_MODELS] + [
    "ALL_MODELS", "BaseModel", "JSONField", "SyncedModel", "db", "quote", "synced_models"]
