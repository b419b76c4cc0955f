"""Which tables travel which way, and how their columns cross between the two databases.

* **Pushed** (terminal → hub): every :class:`SyncedModel` (payments, tickets, orders,
  complaints, ratings, audit, ...), through the outbox.
* **Pulled** (hub → terminal): the reference data listed in :data:`REFERENCE`. A new
  reference model must be added here (and gets its change-log triggers on ``hub init``).
* Everything else (counter state, number sequences, the outbox itself) stays local; a hall
  login has no privilege on those tables on the hub.

Pulled rows are read on the hub already in the text form the SQLite side stores (UUIDs as
32 hex digits, booleans as 0/1), so the terminal writes them without converting per value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import (
    AutoField,
    BigAutoField,
    BooleanField,
    Field,
    ForeignKeyField,
    IntegerField,
    UUIDField,
)

from counter_app.models import (
    ALL_MODELS,
    Account,
    BaseModel,
    Bill,
    BillItem,
    BusinessType,
    Counter,
    Customer,
    FeeStandard,
    Hall,
    HallKey,
    LedgerEntry,
    QueueCategory,
    Setting,
    SimCard,
    SpProvider,
    SpService,
    SpSubscription,
    Staff,
    TariffPlan,
)
from counter_app.models import quote as quote  # defined with the models; sync imports it from here too
from counter_app.models import synced_models as synced_models
from counter_app.models.rows import primary_key

CHANGE_TABLE = "counter_sync.change"
OP_TABLE = "counter_sync.op"


@dataclass
class RefTable:
    model: type[BaseModel]
    key: tuple[str, ...]  # columns that identify a row on both sides
    hall_column: str = ""  # rows visible only to their own hall; "" = shared by every hall
    hub_filter: str = ""  # rows of the hub that are never sent (SQL on NEW/OLD rows)
    # Customer data belongs to the customer's hall (data minimisation, docs/compliance.md):
    # SQL giving a row's hall, ``{a}`` standing for the row's table or alias. Unowned rows
    # ("" on the customer) belong to no hall ("-"), never to every hall.
    owner: str = ""
    columns: list[str] = field(default_factory=list)  # columns written locally
    fields: list[Field] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.model._meta.table_name)

    def key_sql(self, alias: str) -> str:
        """The change-log key of a row: the key's text, or a JSON array for a composite key."""
        if len(self.key) == 1:
            return f"{alias}.{quote(self.key[0])}::text"
        return "json_build_array(" + ", ".join(f"{alias}.{quote(c)}" for c in self.key) + ")::text"

    def hall_sql(self, alias: str) -> str:
        if self.owner:
            return f"coalesce(nullif({self.owner.format(a=alias)}, ''), '-')"
        return f"{alias}.{quote(self.hall_column)}" if self.hall_column else "''"

    def select_sql(self, alias: str = "t") -> str:
        """The hub-side select list giving each column in its SQLite text form."""
        return ", ".join(_as_local_text(f, f"{alias}.{quote(f.column_name)}") for f in self.fields)

    def key_type(self) -> str:
        if len(self.key) > 1:
            return ""
        column = self.key[0]
        for f in self.model._meta.sorted_fields:
            if f.column_name == column:
                if isinstance(f, UUIDField):
                    return "uuid"
                if isinstance(f, (AutoField, BigAutoField, IntegerField)):
                    return "bigint"
        return "text"


def _as_local_text(f: Field, expr: str) -> str:
    target = f.rel_field if isinstance(f, ForeignKeyField) else f
    if isinstance(target, UUIDField):
        return f"replace({expr}::text, '-', '')"
    if isinstance(target, BooleanField):
        return f"{expr}::int"
    if isinstance(target, (AutoField, BigAutoField, IntegerField)):
        return expr
    return f"{expr}::text"


def _ref(model: type[BaseModel], key: tuple[str, ...] | None = None, *, hall_column: str = "",
         hub_filter: str = "", local_id: bool = True, owner: str = "") -> RefTable:
    pk = primary_key(model)
    fields = [f for f in model._meta.sorted_fields if local_id or f is not pk]
    return RefTable(model, key or (pk.column_name,), hall_column=hall_column, hub_filter=hub_filter,
                    columns=[f.column_name for f in fields], fields=fields, owner=owner)


# The hall a customer's rows belong to, from the row up to its customer.
_CUSTOMER_HALL = '{a}."hall"'
_BY_CUSTOMER = '(SELECT oc."hall" FROM customer oc WHERE oc.id = {a}.customer_id)'
_BY_ACCOUNT = ('(SELECT oc."hall" FROM account oa JOIN customer oc ON oc.id = oa.customer_id '
               'WHERE oa.id = {a}.account_id)')
_BY_BILL = ('(SELECT oc."hall" FROM bill ob JOIN account oa ON oa.id = ob.account_id '
            'JOIN customer oc ON oc.id = oa.customer_id WHERE ob.id = {a}.bill_id)')


# Creation order (a parent before its children): pages are applied in this order.
REFERENCE: list[RefTable] = [
    _ref(Hall),
    # Counters and hall settings are matched by their natural key: a terminal numbers its
    # own rows of these tables (its local settings live in the same table with hall "").
    _ref(Counter, ("hall_id", "number"), hall_column="hall_id", local_id=False),
    _ref(Setting, ("hall", "key"), hall_column="hall", hub_filter="hall <> ''", local_id=False),
    _ref(Staff, hall_column="hall_id"),
    # The public halves of every hall's document-signing keys: any counter verifies any
    # hall's printed code (services/signing.py). Matched by their natural key like counters.
    _ref(HallKey, ("hall", "key_id"), local_id=False),
    _ref(TariffPlan), _ref(SpProvider), _ref(SpService), _ref(BusinessType), _ref(FeeStandard),
    _ref(QueueCategory),
    # A hall pulls its own customers only; others are fetched when they walk in
    # (sync/lookup.py). Detailed records are never pulled: each verified view asks the hub.
    _ref(Customer, owner=_CUSTOMER_HALL), _ref(Account, owner=_BY_CUSTOMER), _ref(SimCard, owner=_BY_ACCOUNT),
    _ref(SpSubscription, owner=_BY_ACCOUNT), _ref(Bill, owner=_BY_ACCOUNT), _ref(BillItem, owner=_BY_BILL),
    _ref(LedgerEntry, owner=_BY_ACCOUNT),
]
# Reference tables a terminal no longer pulls: emptied by a full load.
NOT_PULLED = ("usage_record",)
REFERENCE_BY_NAME = {t.name: t for t in REFERENCE}


def local_only_models() -> list[type[BaseModel]]:
    pushed = set(synced_models().values())
    pulled = {t.model for t in REFERENCE}
    return [m for m in ALL_MODELS if m not in pushed and m not in pulled]
