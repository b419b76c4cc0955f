"""What the hub no longer takes on trust from a hall's login (docs/security.md, "Each hall owns
its numbers" and "Whose lines a hall may change"): an order id is the hall's own in the bill
run's record, so another hall's order under the same id neither hides nor stands in for it."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest
from psycopg.rows import dict_row

from counter_app.db import close_database, open_database
from counter_app.models import Staff
from counter_app.services import billrun
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.service_data import local_line, submit
from tests.test_sync.support import HALL_A, HALL_B, ROLE_A, ROLE_B, new_terminal, use

pytestmark = pytest.mark.postgres


def _session(staff_no: str):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    return session


def _hub(hub, sql: str, *args):
    with hub.admin() as conn:
        return conn.execute(sql, args).fetchall()


def _order_row(hub, order_id) -> dict:
    with psycopg.connect(hub.admin_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute("SELECT * FROM service_order WHERE hall = %s AND id = %s", (HALL_A, order_id)).fetchone()


def _insert_as_hall_b(hub, row: dict) -> str:
    """Hall B's own login stores ``row`` as one of its orders; the hub's reason when refused."""
    columns = list(row)
    try:
        with psycopg.connect(hub.url_for(ROLE_B), autocommit=True) as conn:
            conn.execute(f"INSERT INTO service_order ({', '.join(columns)}) VALUES "
                         f"({', '.join(['%s'] * len(columns))})", [row[c] for c in columns])
    except psycopg.Error as exc:
        return exc.diag.message_primary or type(exc).__name__
    return "inserted"


def _as_b(row: dict, **changes) -> dict:
    """A's order row made over as hall B's: B's hall and an order number carrying B's code."""
    out = dict(row, hall=HALL_B, order_no=row["order_no"][0] + HALL_B + row["order_no"][1 + len(HALL_A):])
    out.update(changes)
    return out


def _apply_orders_at_the_hub(hub, day: dt.date) -> int:
    close_database()
    open_database(hub.admin_url)
    try:
        return billrun.apply_orders(day)
    finally:
        close_database()


def test_another_halls_order_under_the_same_id_does_not_make_the_bill_run_skip_the_owners(tmp_path, hub,
                                                                                          frozen_clock):
    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "jinan.db")
    use(path)
    sync_once(url)
    line = local_line()
    plan = next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id)
    order = submit(_session("1001"), "plan_change", line, plan=plan)
    with hub.admin() as conn:  # A's order reaches a hub set up before the order trigger
        conn.execute("ALTER TABLE service_order DISABLE TRIGGER counter_sync_order_apply")
    try:
        assert sync_once(url).pushed.rejected == 0
    finally:
        with hub.admin() as conn:
            conn.execute("ALTER TABLE service_order ENABLE TRIGGER counter_sync_order_apply")
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(None,)]

    # Hall B reads A's order id (an order's QR carries it) and stores an order of its own under
    # it, for a line of its own the hub does not know yet: the trigger decides B's order.
    mine = _as_b(_order_row(hub, order.id), account_id=uuid.uuid4(), customer_id=None)
    assert _insert_as_hall_b(hub, mine) == "inserted"
    assert _hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", order.id) == [(HALL_B, "done")]

    # The bill run still applies A's order, once.
    assert _apply_orders_at_the_hub(hub, dt.date(2026, 11, 30)) == 1
    assert _apply_orders_at_the_hub(hub, dt.date(2026, 11, 30)) == 0
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(plan,)]
    assert sorted(_hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", order.id)) == [
        (HALL_A, "done"), (HALL_B, "done")]


def test_hub_init_keys_an_older_hubs_applied_orders_by_the_hall_the_trigger_decided(hub):
    from counter_app.sync.hub import install_hub

    shared = uuid.uuid4()
    with hub.admin() as conn:  # a hub of step 16: applied_order keyed by the order id alone
        conn.execute("DROP TABLE applied_order")
        conn.execute("CREATE TABLE applied_order (order_id uuid PRIMARY KEY, status varchar(16) NOT NULL, "
                     "applied_at timestamp NOT NULL)")
        conn.execute("INSERT INTO applied_order VALUES (%s, 'done', now())", (shared,))
        # The trigger decided hall B's order under that id (hall A's came before the trigger).
        conn.execute("INSERT INTO counter_sync.order_effect (hall, order_id, action, effect, outcome) "
                     "VALUES (%s, %s, 'apply', 'plan_change', 'skipped')", (HALL_B, shared))
        conn.execute("UPDATE sync_state SET value = '16' WHERE key = 'schema_version'")
    install_hub(hub.admin_url)
    assert _hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", shared) == [(HALL_B, "done")]
    assert _hub(hub, "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'applied_order'") == [(True,)]
    assert _hub(hub, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                     "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'applied_order'::regclass AND i.indisprimary "
                     "ORDER BY array_position(i.indkey::int2[], a.attnum)") == [("hall",), ("order_id",)]
