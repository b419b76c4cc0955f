"""Each hall owns its numbers on the hub: another hall's login cannot squat a receipt number, a
row id or a terminal's audit chain so that the owner's rows are refused for ever; every unique
key of a hall's table leads with the hall, on a new hub and on one set up before; and the hub
applies the staff ladder itself."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import psycopg
import pytest

from counter_app.sync.hub import install_hub
from counter_app.sync.runner import sync_once
from tests.test_sync.support import HALL_A, HALL_B, ROLE_A, ROLE_B, new_terminal, take_payments, use

pytestmark = pytest.mark.postgres


def _as_hall_b(hub):
    return psycopg.connect(hub.url_for(ROLE_B), autocommit=True)


def _squat(conn, *, hall: str, receipt: str, row_id: str) -> str:
    try:
        conn.execute(
            "INSERT INTO payment (id, hall, terminal, created_at, hlc, receipt_no, business_date, staff_no, phone, "
            "kind, method, amount_fen, reference, reason, idempotency_key) VALUES (%s, %s, 'T-evil', now(), '', %s, "
            "'2026-11-25', '5001', '', 'payment', 'cash', 1, '', '', %s)", (row_id, hall, receipt, receipt + "-k"))
    except psycopg.Error as exc:
        return type(exc).__name__
    return "inserted"


def _next_receipt(receipt: str) -> str:
    return receipt[:-5] + f"{int(receipt[-5:]) + 1:05d}"


def test_hall_b_cannot_squat_hall_a_s_next_receipt_and_a_s_payments_arrive(tmp_path, hub):
    use(new_terminal(tmp_path / "a.db"))
    url = hub.url_for(ROLE_A)
    sync_once(url)
    [first] = take_payments(1)
    assert first.receipt_no.startswith(f"R{HALL_A}")
    sync_once(url)
    # Hall B reads A's receipt (R JN001 20261125 xxxx 00001) and wants A's next number.
    wanted = _next_receipt(first.receipt_no)
    with _as_hall_b(hub) as conn:
        # As B's own row: refused, the number does not carry B's hall code.
        assert _squat(conn, hall=HALL_B, receipt=wanted, row_id=str(uuid.uuid4())) == "CheckViolation"
        # As A's row: refused by row-level security.
        assert _squat(conn, hall=HALL_A, receipt=wanted, row_id=str(uuid.uuid4())) == "InsufficientPrivilege"
    [second] = take_payments(1, start=1)
    assert second.receipt_no == wanted
    report = sync_once(url)
    assert (report.pushed.applied, report.pushed.rejected) == (1, 0)
    with hub.admin() as conn:
        assert conn.execute("SELECT hall, amount_fen FROM payment WHERE receipt_no = %s",
                            (wanted,)).fetchall() == [(HALL_A, second.amount_fen)]


def test_a_row_id_read_off_a_printed_code_cannot_shadow_the_owner_s_row(tmp_path, hub):
    use(new_terminal(tmp_path / "a.db"))
    url = hub.url_for(ROLE_A)
    sync_once(url)
    [payment] = take_payments(1)  # made while the terminal is offline: not on the hub yet
    own = f"R{HALL_B}20261125EVIL00001"
    with _as_hall_b(hub) as conn:
        # B's own number, A's row id: B's row, which no longer passes for A's.
        assert _squat(conn, hall=HALL_B, receipt=own, row_id=str(payment.id)) == "inserted"
    report = sync_once(url)
    assert (report.pushed.applied, report.pushed.duplicate, report.pushed.rejected) == (1, 0, 0)
    with hub.admin() as conn:
        rows = conn.execute("SELECT hall, receipt_no FROM payment WHERE id = %s ORDER BY hall",
                            (payment.id,)).fetchall()
    assert rows == [(HALL_A, payment.receipt_no), (HALL_B, own)]


def test_another_hall_cannot_start_a_chain_under_a_terminal_s_id(tmp_path, hub):
    from counter_app.models import Staff
    from counter_app.services import audit, audit_chain
    from counter_app.services.session import open_session

    use(new_terminal(tmp_path / "a.db"))
    url = hub.url_for(ROLE_A)
    sync_once(url)
    session = open_session()
    session.staff = Staff.get_by_id("1001")
    terminal = session.terminal_id
    at = dt.datetime(2026, 11, 25, 9, 0)
    fake = audit_chain.ChainEvent(uuid.uuid4().hex, HALL_B, terminal, 1, at, "5001", "login", "5001", "{}", "", "")
    digest = audit_chain.event_hash(fake)
    with _as_hall_b(hub) as conn:
        conn.execute("INSERT INTO audit_event (id, hall, terminal, created_at, hlc, at, staff_no, action, target, "
                     "detail, seq, prev_hash, hash) VALUES (%s, %s, %s, now(), '', %s, '5001', 'login', '5001', '{}', "
                     "1, '', %s)", (fake.id, HALL_B, terminal, at, digest))
    audit.record(session, "customer.view", "13000000001", reason="counter")
    report = sync_once(url)
    assert report.pushed.rejected == 0
    with hub.admin() as conn:
        heads = conn.execute("SELECT hall, seq FROM counter_sync.audit_head WHERE terminal = %s ORDER BY hall",
                             (terminal,)).fetchall()
    assert heads[0][0] == HALL_A and heads[0][1] >= 1
    assert heads[1] == (HALL_B, 1)


def _keys_not_led_by_the_hall(conn) -> list[str]:
    """Every unique index of every hub table with a hall column that does not lead with it,
    except the province's shared tables."""
    from counter_app.sync.hub_keys import SHARED, unique_keys

    tables = conn.execute(
        "SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END, a.attname "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname IN ('hall', 'hall_id') AND NOT a.attisdropped "
        "WHERE c.relkind = 'r' AND n.nspname IN ('public', 'counter_sync')").fetchall()
    wrong = []
    for table, hall in tables:
        if table in SHARED:
            continue
        for index, _primary, _constraint, columns, _partial in unique_keys(conn, table):
            if columns[0] != hall:
                wrong.append(f"{table}: {index} ({', '.join(columns)})")
    return wrong


def test_every_unique_key_of_a_halls_table_leads_with_the_hall(hub):
    from counter_app.sync.hub_keys import NUMBERED, hall_tables

    with hub.admin() as conn:
        assert _keys_not_led_by_the_hall(conn) == []
        checks = {r[0] for r in conn.execute("SELECT conrelid::regclass::text FROM pg_constraint "
                                             "WHERE conname LIKE '%%_of_its_hall'")}
    assert checks == set(NUMBERED)
    assert {"payment", "ticket", "complaint", "sp_claim", "shift_handover", "day_close", "service_order",
            "invoice_request", "counter_sync.op", "counter_sync.audit_head"} <= set(hall_tables())


# The hub's own tables as an earlier version made them (keys without the hall).
_OLD_HUB_TABLES = """
CREATE SCHEMA IF NOT EXISTS counter_sync;
CREATE TABLE counter_sync.op (op_id uuid PRIMARY KEY, hall text NOT NULL, terminal text NOT NULL DEFAULT '',
    tbl text NOT NULL, row_id uuid NOT NULL, hlc text NOT NULL DEFAULT '', result text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE counter_sync.audit_head (terminal text PRIMARY KEY, hall text NOT NULL, seq bigint NOT NULL,
    hash text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE TABLE counter_sync.lookup_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),
    hall text NOT NULL, what text NOT NULL, query text NOT NULL, customer_id uuid);
"""


def test_hub_init_rekeys_a_hub_set_up_before_and_keeps_its_rows(pg_url):
    from counter_app.sync.hub import _create_model_tables

    _create_model_tables(pg_url)
    payment = uuid.uuid4()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(_OLD_HUB_TABLES)
        conn.execute("INSERT INTO hall (code, name, city, address, opens, closes, grade) "
                     "VALUES ('JN001', '泉城路', '济南', '', '08:30', '18:00', '')")
        # A number of the old days, before numbers had to carry their hall: kept as it is.
        conn.execute("INSERT INTO payment (id, hall, terminal, created_at, hlc, receipt_no, business_date, staff_no, "
                     "phone, kind, method, amount_fen, reference, reason, idempotency_key) VALUES (%s, 'JN001', "
                     "'T-a', now(), '', 'R-OLD-1', '2026-11-01', '1001', '', 'payment', 'cash', 100, '', '', 'k1')",
                     (payment,))
        conn.execute("INSERT INTO counter_sync.op (op_id, hall, tbl, row_id, result) "
                     "VALUES (gen_random_uuid(), 'JN001', 'ticket', gen_random_uuid(), 'applied')")
        conn.execute("INSERT INTO counter_sync.audit_head (terminal, hall, seq, hash) VALUES ('T-a', 'JN001', 3, 'h')")
        assert _keys_not_led_by_the_hall(conn) != []
    first = install_hub(pg_url)
    assert first["hall_keys"] > 20 and first["number_checks"] == 4
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert _keys_not_led_by_the_hall(conn) == []
        assert conn.execute("SELECT receipt_no FROM payment WHERE id = %s", (payment,)).fetchone() == ("R-OLD-1",)
        assert conn.execute("SELECT count(*) FROM counter_sync.op").fetchone() == (1,)
        assert conn.execute("SELECT seq FROM counter_sync.audit_head WHERE terminal = 'T-a'").fetchone() == (3,)
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("INSERT INTO payment (id, hall, terminal, created_at, hlc, receipt_no, business_date, "
                         "staff_no, phone, kind, method, amount_fen, reference, reason, idempotency_key) VALUES "
                         "(gen_random_uuid(), 'JN001', 'T-a', now(), '', 'R-NEW-1', '2026-11-25', '1001', '', "
                         "'payment', 'cash', 100, '', '', 'k2')")
    again = install_hub(pg_url)
    assert (again["hall_keys"], again["number_checks"]) == (0, 0)


def _staff_change(conn, *, key: str, by: str, data: dict) -> str:
    try:
        conn.execute("INSERT INTO setup_change (id, hall, terminal, created_at, hlc, target, key, data) "
                     "VALUES (gen_random_uuid(), %s, 'T-x', now(), '', 'staff', %s, %s)",
                     (HALL_A, key, json.dumps({**data, "by": by})))
    except psycopg.Error as exc:
        return exc.diag.message_primary or type(exc).__name__
    return "applied"


def test_the_hub_applies_the_staff_ladder_a_managers_change_to_the_admin_is_refused(hub):
    with psycopg.connect(hub.url_for(ROLE_A), autocommit=True) as conn:
        assert "only an administrator" in _staff_change(conn, key="9001", by="2001", data={"password_hash": "x"})
        assert "only an administrator" in _staff_change(conn, key="2009", by="2001",
                                                         data={"name": "新经理", "role": "manager"})
        assert "manager or an administrator" in _staff_change(conn, key="1002", by="1001", data={"active": False})
        assert "manager or an administrator" in _staff_change(conn, key="1002", by="", data={"active": False})
        assert _staff_change(conn, key="1002", by="2001", data={"active": False}) == "applied"
        assert _staff_change(conn, key="2001", by="9001", data={"password_hash": "new-hash"}) == "applied"
    with hub.admin() as conn:
        assert conn.execute("SELECT password_hash FROM staff WHERE staff_no = '9001'").fetchone()[0] != "x"
        assert conn.execute("SELECT password_hash FROM staff WHERE staff_no = '2001'").fetchone()[0] == "new-hash"
        assert conn.execute("SELECT active FROM staff WHERE staff_no = '1002'").fetchone()[0] is False
        assert conn.execute("SELECT count(*) FROM staff WHERE staff_no = '2009'").fetchone()[0] == 0


def test_a_managers_reset_of_the_admin_password_never_leaves_the_terminal(tmp_path, hub):
    from counter_app.errors import PermissionDenied
    from counter_app.models import SetupChange, Staff
    from counter_app.services import setup
    from counter_app.services.session import open_session

    use(new_terminal(tmp_path / "a.db"))
    sync_once(hub.url_for(ROLE_A))
    manager = open_session()
    manager.staff = Staff.get_by_id("2001")
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        setup.reset_password(manager, "9001", "taken-over")
    assert not SetupChange.select().where(SetupChange.key == "9001").exists()
