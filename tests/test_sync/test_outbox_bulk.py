"""Writes of many synced rows at once reach the hub like single saves: insert_many() and
update() write outbox entries, delete() is refused (the hub has no deletions of such rows)."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.sync.runner import sync_once
from tests.test_sync.support import HALL_A

pytestmark = pytest.mark.postgres


def _tickets(n: int) -> list[dict]:
    from counter_app import clock

    now = clock.now()
    return [dict(hall=HALL_A, business_date=now.date(), category="payment", issued_category="payment",
                 number=900 + i, code=f"A{900 + i}", status="waiting", issued_at=now - dt.timedelta(minutes=i),
                 queued_at=now - dt.timedelta(minutes=i)) for i in range(n)]


def test_insert_many_and_update_of_synced_rows_reach_the_hub_and_delete_is_refused(terminal, hub):
    from counter_app.models import Outbox, Ticket, db
    from counter_app.models.base import OutboxBypassed

    _, url = terminal
    with db.atomic():
        written = Ticket.insert_many(_tickets(4)).execute()
    assert written == 4
    ids = [str(t.id) for t in Ticket.select().where(Ticket.number >= 900)]
    assert Outbox.select().where(Outbox.status == "pending", Outbox.op == "insert").count() >= 4
    first = sync_once(url)
    assert first.pending == 0
    assert hub.scalar("SELECT count(*) FROM ticket WHERE id = ANY(%s::uuid[]) AND status = 'waiting'", (ids,)) == 4

    changed = Ticket.update(status="noshow").where(Ticket.number >= 902).execute()
    assert changed == 2
    updates = Outbox.select().where(Outbox.status == "pending", Outbox.op == "update")
    assert sorted(str(e.row_id) for e in updates) == sorted(
        str(t.id) for t in Ticket.select().where(Ticket.number >= 902))
    second = sync_once(url)
    assert second.pending == 0
    assert hub.scalar("SELECT count(*) FROM ticket WHERE id = ANY(%s::uuid[]) AND status = 'noshow'", (ids,)) == 2
    assert hub.scalar("SELECT count(*) FROM ticket WHERE id = ANY(%s::uuid[]) AND status = 'waiting'", (ids,)) == 2

    with pytest.raises(OutboxBypassed, match="Ticket.delete"):
        Ticket.delete().where(Ticket.number >= 900).execute()
    with pytest.raises(OutboxBypassed):
        Ticket.get(Ticket.number == 900).delete_instance()
    with pytest.raises(OutboxBypassed):
        Ticket.insert(**_tickets(1)[0]).execute()
    assert Ticket.select().where(Ticket.number >= 900).count() == 4
