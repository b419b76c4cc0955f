"""Loading the reference data shipped in resources/catalogue: plans, SP services, the
business catalogue, fee standards and queue categories. Idempotent: a second load updates
rows in place and adds new ones, so a new business type is a data change only."""

from __future__ import annotations

import json
from typing import Any

from counter_app import paths
from counter_app.models import BusinessType, FeeStandard, QueueCategory, SpProvider, SpService, TariffPlan, db
from counter_app.models.base import BaseModel
from counter_app.models.rows import primary_key


def read_catalogue(name: str) -> Any:
    return json.loads(paths.resource("catalogue", name).read_text(encoding="utf-8"))


def _upsert(model: type[BaseModel], rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    pk = primary_key(model)
    columns = set().union(*(r.keys() for r in rows))
    update = {model._meta.fields[c]: getattr(model, c) for c in columns if c != pk.name}
    for row in rows:
        model.insert(**row).on_conflict(
            conflict_target=[pk],
            preserve=list(update.values()),
        ).execute()
    return len(rows)


def load_reference_data() -> dict[str, int]:
    """Load every catalogue file into the database in one transaction."""
    counts: dict[str, int] = {}
    sp = read_catalogue("sp_services.json")
    with db.atomic():
        counts["plans"] = _upsert(TariffPlan, read_catalogue("plans.json"))
        counts["sp_providers"] = _upsert(SpProvider, sp["providers"])
        counts["sp_services"] = _upsert(SpService, sp["services"])
        counts["business_types"] = _upsert(BusinessType, read_catalogue("business_types.json"))
        counts["fee_standards"] = _upsert(FeeStandard, read_catalogue("fee_standards.json"))
        counts["queue_categories"] = _upsert(QueueCategory, read_catalogue("queue_categories.json"))
    return counts
