"""The demo hall, all or nothing.

:func:`build_demo` writes in many transactions (batches of customers, then the bills) so
that a million customers stay in bounded memory. A run killed half-way used to leave tens of
thousands of customers and no bills, and the next run, seeing customers, reported the hall
as built. Here the whole build is one transaction: the batches become savepoints inside it,
and a run that is killed leaves nothing (SQLite rolls the file back when it is next opened,
PostgreSQL when the connection drops), so the next run builds the hall from the start.
"""

from __future__ import annotations

from counter_app.models import db
from counter_app.services.demo import DemoResult, Progress, build_demo


def build_demo_whole(customers: int = 2000, *, detailed: int | None = None, seed: int = 20041001, days: int = 0,
                     progress: Progress | None = None) -> DemoResult:
    """:func:`build_demo` in one transaction: complete, or not there at all."""
    with db.atomic():
        return build_demo(customers, detailed=detailed, seed=seed, days=days, progress=progress)
