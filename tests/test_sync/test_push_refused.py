"""A batch holding a few ops the hub refuses: the rest still arrive, each once, and only the
refused ones come back rejected, wherever they sit in the batch (the push halves a refused set
until it finds them, ``sync/push.py``)."""

from __future__ import annotations

import psycopg
import pytest

from counter_app.sync.runner import sync_once
from tests.test_sync.support import outbox_counts, take_payments

pytestmark = pytest.mark.postgres

SQUATTED = (0, 7, 41, 42, 99)  # the first, two neighbours, the last, and one in between


def _squat(hub, payment, n: int) -> None:
    """Another row holding ``payment``'s receipt number on the hub (a restored old backup)."""
    from counter_app.models.base import to_payload

    with hub.admin() as conn:
        conn.execute("INSERT INTO payment SELECT (jsonb_populate_record(NULL::payment, %s::jsonb)).*",
                     (psycopg.types.json.Jsonb({**to_payload(payment), "id": f"01900000-0000-7000-8000-{n:012d}",
                                                 "idempotency_key": f"other-{n}"}),))


def test_refused_payments_anywhere_in_a_batch_leave_every_other_payment_applied_once(terminal, hub):
    from counter_app.models import Outbox
    from counter_app.sync.status import rejected_ops

    _, url = terminal
    payments = take_payments(100)
    for n in SQUATTED:
        _squat(hub, payments[n], n)
    report = sync_once(url)
    assert (report.pushed.applied, report.pushed.rejected, report.pending) == (95, 5, 0)
    assert outbox_counts() == {"sent": 95, "rejected": 5}
    assert sorted(r.summary.split(" ")[0] for r in rejected_ops()) == sorted(payments[n].receipt_no for n in SQUATTED)
    assert all("receipt_no" in r.error for r in rejected_ops())
    ours = [str(p.id) for i, p in enumerate(payments) if i not in SQUATTED]
    assert hub.scalar("SELECT count(*) FROM payment WHERE id = ANY(%s::uuid[])", (ours,)) == 95
    assert hub.scalar("SELECT count(*) FROM payment") == 100  # 95 of ours and the 5 squatters
    # The answers got lost: the whole batch goes again, and nothing arrives twice.
    Outbox.update(status="pending").execute()
    again = sync_once(url)
    assert (again.pushed.applied, again.pushed.duplicate, again.pushed.rejected) == (0, 95, 5)
    assert hub.scalar("SELECT count(*) FROM payment") == 100
