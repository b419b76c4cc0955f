"""一证五号 across the province on a real hub: a hall counts a person's lines on the hub (lines
of every hall, including new lines another hall pushed), and falls back on its own count with
a warning when the hub does not answer."""

from __future__ import annotations

import json
import uuid

import pytest

from counter_app.errors import Conflict
from counter_app.models import Customer, Staff
from counter_app.services import orders, real_name
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from tests.service_data import signature_png
from tests.test_sync.support import ROLE_B, new_terminal, run_cli, use

pytestmark = pytest.mark.postgres


def _new_line_values(id_number: str, name: str, phone: str, sim: str) -> dict:
    return dict(name=name, id_type="resident", id_number=id_number, address="济南市历下区泉城路1号", new_phone=phone,
                plan="RY58", sim_serial=sim, service_password="246810")


def _give_hub_lines(hub, id_number: str, total: int) -> None:
    """Accounts of the person on the hub (as the province's billing system loaded them)."""
    with hub.admin() as conn:
        customer_id, held = conn.execute(
            "SELECT c.id, count(a.id) FROM customer c LEFT JOIN account a ON a.customer_id = c.id "
            "WHERE c.id_number = %s GROUP BY c.id", (id_number,)).fetchone()
        for n in range(total - held):
            conn.execute("INSERT INTO account (id, customer_id, phone, plan_id, next_plan_from, status, balance_fen, "
                         "service_password_hash, home_city, opened_at, seq) VALUES (%s, %s, %s, 'RY58', '', 'active', "
                         "0, '', '济南', '2026-01-01', 0)", (uuid.uuid4(), customer_id, f"1550000{n:04d}"))


def test_the_hub_counts_every_halls_lines_and_refuses_the_sixth(hub, terminal, tmp_path):
    from counter_app.sync.runner import sync_once

    path_a, url_a = terminal
    person = Customer.select().order_by(Customer.id_number).first()
    id_number, name = person.id_number, person.name
    _give_hub_lines(hub, id_number, 4)

    # Hall B (Qingdao) opens a fifth line for the same person and pushes it.
    with hub.admin() as conn:
        conn.execute("UPDATE staff SET specialties = '[\"new_business\"]' WHERE staff_no = '5001'")
    path_b = new_terminal(tmp_path / "qingdao.db")
    use(path_b)
    url_b = hub.url_for(ROLE_B)
    sync_once(url_b)
    clerk_b = open_session()
    clerk_b.staff = Staff.get_by_id("5001")
    clerk_b.hub = HubLookup(url_b)
    order = orders.submit(clerk_b, code="new_subscription", values=_new_line_values(
        id_number, name, "18699990001", "89860199990000000001"), idempotency_key=orders.new_key(),
        signature_png=signature_png(), id_checked=True)
    assert order.effect_data["real_name"]["lines_before"] == 4 and order.effect_data["real_name"]["lines_confirmed"]
    sync_once(url_b)
    assert hub.scalar("SELECT counter_sync.lines_per_document('resident', %s)", (id_number,)) == 5

    # At hall A the terminal itself knows four lines; the hub's count refuses a sixth.
    use(path_a)
    sync_once(url_a)
    clerk_a = open_session()
    clerk_a.staff = Staff.get_by_id("1002")
    assert real_name.count_lines(clerk_a, "resident", id_number).count == 4  # no hub: its own count
    clerk_a.hub = HubLookup(url_a)
    with pytest.raises(Conflict, match="already holds 5 lines"):
        orders.validate(clerk_a, code="new_subscription",
                        values=_new_line_values(id_number, name, "18699990002", "89860199990000000002"))
    assert real_name.last_count(clerk_a, id_number).confirmed

    # The province's back office sees the person at the limit; a hall login may not list it.
    listed = json.loads(run_cli("hub", "lines-over-limit", "--url", hub.admin_url, "--limit", "4", "--json").stdout)
    assert {"id_type": "resident", "id_number": id_number, "lines": 5} in listed
    import psycopg

    with psycopg.connect(url_a, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM counter_sync.lines_over_limit(4)")


def test_offline_the_terminal_counts_and_warns_that_the_hub_will_confirm(hub, terminal):
    person = Customer.select().order_by(Customer.id_number).first()
    clerk = open_session()
    clerk.staff = Staff.get_by_id("1002")
    clerk.hub = HubLookup("postgresql://nobody@127.0.0.1:9/none", timeout_s=1)
    values = _new_line_values(person.id_number, person.name, "18699990003", "89860199990000000003")
    orders.validate(clerk, code="new_subscription", values=values)
    notice = real_name.unconfirmed_notice(clerk, values)
    assert notice is not None and "hub will confirm" in notice.text()
    order = orders.submit(clerk, code="new_subscription", values=values, idempotency_key=orders.new_key(),
                          signature_png=signature_png(), id_checked=True)
    assert order.effect_data["real_name"]["lines_confirmed"] is False
