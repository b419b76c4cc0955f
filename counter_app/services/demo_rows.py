"""What the demo's working days are made of: the lines, tickets' visits and their services at
the counters, and the writer that gathers the rows per table and writes each table with one
``executemany``.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from peewee import Field, Model

from counter_app.models import (
    Account,
    Customer,
    SimCard,
    SpSubscription,
    db,
)
from counter_app.models.base import JSONField, _insert_sql


@dataclass
class Line:
    """What the activity needs of a demo line (read from the rows the demo built)."""

    id: uuid.UUID
    phone: str
    customer_id: uuid.UUID
    name: str
    id_number: str
    home_city: str
    plan: str
    status: str = "active"
    sims: list[str] = field(default_factory=list)  # serials of its issued card
    sim_ids: list[str] = field(default_factory=list)  # their row ids (hex)
    subs: dict[str, str] = field(default_factory=dict)  # active subscription id (hex) → service code
    next_plan: str | None = None
    next_from: str = ""
    opened: dt.date | None = None
    vip_no: str = ""


@dataclass
class Segment:
    """One service of a ticket at one counter."""

    category: str
    queued: dt.datetime
    called: dt.datetime
    ended: dt.datetime
    counter: int
    staff: str
    end: str  # finished | transferred | noshow
    recalled: bool = False


@dataclass
class Visit:
    ticket_id: uuid.UUID
    category: str
    number: int
    issued: dt.datetime
    vip: bool
    green: bool
    line: Line | None
    phone_given: bool
    ahead: int
    est_min: int
    segments: list[Segment] = field(default_factory=list)
    status: str = "waiting"
    serving: int | None = None  # today: the counter serving it now


def _needs_conversion(f: Field[Any]) -> bool:
    """Fields whose Python value the driver cannot take as it is (ids, JSON); text, numbers,
    dates and flags go as they are."""
    from peewee import ForeignKeyField, UUIDField

    return isinstance(f, (UUIDField, JSONField)) or (isinstance(f, ForeignKeyField)
                                                      and isinstance(f.rel_field, UUIDField))


Wanted = Callable[[Line], bool]  # does a line suit a business
# Counter → (staff, its categories, the spans of the day it does not serve) of a day's rota.
Duty = dict[int, tuple[str, set[str], list[tuple[int, int]]]]
# A business done at a visit, as a _biz_* method of the working days returns it: (order code, line,
# customer id, the order's values, what its slip shows, its effect, fee in fen, payment method).
Business = tuple[str, Line, uuid.UUID, dict[str, Any], dict[str, Any], dict[str, Any], int, str]
_K = TypeVar("_K")


def _pick(rng: random.Random, weighted: Iterable[tuple[_K, float]]) -> _K:
    items = list(weighted)
    total = sum(w for _, w in items)
    roll = rng.random() * total
    for name, weight in items:
        roll -= weight
        if roll < 0:
            return name
    return items[-1][0]


class Writer:
    """Rows gathered per table and written with one ``executemany`` each."""

    def __init__(self) -> None:
        self.rows: dict[type[Model], tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        self.updates: list[tuple[str, tuple[Any, ...]]] = []  # run after the inserts, in order

    def later(self, sql: str, *params: Any) -> None:
        """An update of rows that may still be waiting here to be inserted."""
        self.updates.append((sql.replace("?", db.param), params))

    def add(self, model: type[Model], **values: Any) -> None:
        columns = tuple(values)
        found = self.rows.get(model)
        if found is None:
            self.rows[model] = (columns, [tuple(values.values())])
        else:
            if found[0] != columns:
                raise ValueError(f"{model.__name__}: rows of different columns")
            found[1].append(tuple(values.values()))

    def flush(self) -> None:
        # Parents before the rows that point at them (foreign keys are checked at once).
        order: dict[type[Model], int] = {Customer: 0, Account: 1, SimCard: 2, SpSubscription: 3}
        for model, (columns, rows) in sorted(self.rows.items(), key=lambda item: order.get(item[0], 9)):
            sql, fields = _insert_sql(model, columns, db.param, db.quote)
            convert = [(n, f.db_value) for n, f in enumerate(fields) if _needs_conversion(f)]
            if convert:
                stored = []
                for row in rows:
                    values = list(row)
                    for n, to_db in convert:
                        values[n] = to_db(values[n])
                    stored.append(values)
                rows = stored  # type: ignore[assignment]  # lists go to executemany as tuples do
            db.cursor().executemany(sql, rows)
        self.rows.clear()
        for sql, params in self.updates:
            db.execute_sql(sql, params)
        self.updates.clear()


def _shift(period: str, months: int) -> str:
    year, month = map(int, period.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _mask(id_number: str) -> str:
    return id_number[:6] + "********" + id_number[-4:]

