"""Data minimisation on a real hub: a terminal holds its own hall's customers after a full
sync, and no detailed records; a customer of another hall is fetched when they walk in
(audited here and logged on the hub) and forgotten later; detailed records come from the hub
for a verified view only; the hall's own customers are served with the hub down."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest

from counter_app import clock
from counter_app.errors import NotFound, PermissionDenied
from counter_app.models import Account, AuditEvent, Customer, Staff, UsageRecord, Visitor
from counter_app.services import identify, statements, verification
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from tests.test_sync.support import ROLE_B, new_terminal, use

pytestmark = pytest.mark.postgres
QINGDAO_PHONE = "13200001111"
QINGDAO_ID = "370203198512314565"


def _qingdao_customer(hub) -> None:
    """A customer of hall JN002 (Qingdao) on the hub, with a line and a bill."""
    with hub.admin() as conn:
        cid, aid = uuid.uuid4(), uuid.uuid4()
        conn.execute("INSERT INTO customer (id, name, id_number, phone, address, vip_tier, home_city, created_at, seq, "
                     "id_type, hall) VALUES (%s, '青岛客户', %s, %s, '青岛市市南区', '', '青岛', now(), 0, 'resident', "
                     "'JN002')", (cid, QINGDAO_ID, QINGDAO_PHONE))
        conn.execute("INSERT INTO account (id, customer_id, phone, plan_id, next_plan_from, status, balance_fen, "
                     "service_password_hash, home_city, opened_at, seq) VALUES (%s, %s, %s, 'RY58', '', 'active', 0, "
                     "'', '青岛', '2026-01-01', 0)", (aid, cid, QINGDAO_PHONE))
        conn.execute("INSERT INTO bill (id, account_id, period, plan_code, previous_balance_fen, payments_fen, total_fen, "
                     "due_fen, issued_at, seq) VALUES (%s, %s, '2026-10', 'RY58', 0, 0, 5800, 5800, now(), 0)",
                     (uuid.uuid4(), aid))


def _clerk(staff_no: str, hub_url: str | None):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    session.hub = HubLookup(hub_url, timeout_s=2) if hub_url else None
    return session


def test_a_full_sync_brings_only_the_halls_own_customers_and_no_detailed_records(hub, terminal, tmp_path):
    from counter_app.sync.runner import sync_once

    _qingdao_customer(hub)
    path_a, url_a = terminal
    sync_once(url_a, full=True)
    hub_a = hub.scalar("SELECT count(*) FROM customer WHERE hall = 'JN001'")
    assert Customer.select().count() == hub_a > 0
    assert not Customer.select().where(Customer.hall != "JN001").exists()
    assert UsageRecord.select().count() == 0 < hub.scalar("SELECT count(*) FROM usage_record")
    assert Account.select().count() == hub.scalar(
        "SELECT count(*) FROM account a JOIN customer c ON c.id = a.customer_id WHERE c.hall = 'JN001'")

    path_b = new_terminal(tmp_path / "qingdao.db")
    use(path_b)
    sync_once(hub.url_for(ROLE_B))
    assert [c.id_number for c in Customer.select()] == [QINGDAO_ID]
    assert [a.phone for a in Account.select()] == [QINGDAO_PHONE]


def test_a_walk_in_from_another_hall_is_fetched_audited_and_forgotten_later(hub, terminal):
    from counter_app.sync.runner import sync_once

    _qingdao_customer(hub)
    path_a, url_a = terminal
    clerk = _clerk("1001", url_a)
    assert not Account.select().where(Account.phone == QINGDAO_PHONE).exists()
    # A name finds nobody of another hall: no browsing of the province.
    with pytest.raises(NotFound):
        identify.identify(clerk, "青岛客户")
    found = identify.identify(clerk, QINGDAO_PHONE)
    assert found.single.phone == QINGDAO_PHONE and found.single.home_city == "青岛"
    fetched = AuditEvent.get(AuditEvent.action == "customer.fetch")
    assert (fetched.staff_no, fetched.target, fetched.detail["found"]) == ("1001", QINGDAO_PHONE, True)
    assert hub.scalar("SELECT count(*) FROM counter_sync.lookup_log WHERE hall = 'JN001' AND query = %s",
                      (QINGDAO_PHONE,)) == 1
    assert Visitor.select().count() == 1
    # Kept for the hall's set days; the first sync after that forgets them.
    clock.set_clock(clock.FrozenClock(clock.now() + dt.timedelta(days=31)))
    try:
        sync_once(url_a)
    finally:
        clock.set_clock(None)
    assert not Account.select().where(Account.phone == QINGDAO_PHONE).exists()
    assert Visitor.select().count() == 0


def test_detailed_records_come_from_the_hub_for_a_verified_subscriber_only(hub, terminal):
    path_a, url_a = terminal
    clerk = _clerk("1001", url_a)
    row = hub.admin().execute("SELECT a.phone, u.period FROM usage_record u JOIN account a ON a.id = u.account_id "
                              "LIMIT 1").fetchone()
    phone, period = row
    account = Account.get(Account.phone == phone)
    with pytest.raises(PermissionDenied):
        statements.records_data(clerk, phone, period)
    verification.by_id_document(clerk, account.id, id_number=account.customer.id_number)
    data = statements.records_data(clerk, phone, period)
    assert data.count == hub.scalar("SELECT count(*) FROM usage_record WHERE account_id = %s AND period = %s",
                                    (account.id, period))
    assert AuditEvent.get(AuditEvent.action == "records.view").detail["source"] == "hub"
    assert UsageRecord.select().count() == 0  # shown, not kept
    # The hub itself refuses a check it does not hold.
    with psycopg.connect(url_a, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM counter_sync.usage_records(%s, %s, %s)", (uuid.uuid4(), account.id, period))


def test_with_the_hub_down_the_halls_own_customers_are_served_and_strangers_are_not_found(hub, terminal):
    _qingdao_customer(hub)
    clerk = _clerk("1001", "postgresql://nobody@127.0.0.1:9/none")
    own = Account.select().order_by(Account.phone).first()
    assert identify.identify(clerk, own.phone).single.account_id == own.id
    with pytest.raises(NotFound):
        identify.identify(clerk, QINGDAO_PHONE)
    assert identify.identify(clerk, own.customer.id_number).matches
