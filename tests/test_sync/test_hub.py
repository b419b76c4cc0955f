"""The hub's set-up and its security, checked with real logins of each hall."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from counter_app.sync.hub import install_hub, safe_message
from tests.test_sync.support import (
    HALL_A,
    HALL_B,
    ROLE_A,
    ROLE_B,
    new_terminal,
    run_cli,
    use,
)

pytestmark = pytest.mark.postgres


def _payment_row(hall: str, receipt: str) -> dict:
    return {"id": str(uuid.uuid4()), "hall": hall, "receipt_no": receipt, "key": receipt}


def _insert_payment(conn, hall: str, receipt: str) -> str:
    row = _payment_row(hall, receipt)
    conn.execute("INSERT INTO payment (id, hall, terminal, created_at, hlc, receipt_no, business_date, staff_no, "
                 "phone, kind, method, amount_fen, reference, reason, idempotency_key) VALUES "
                 "(%(id)s, %(hall)s, 'T-x', now(), '', %(receipt_no)s, '2026-11-25', '1001', '', 'payment', "
                 "'cash', 100, '', '', %(key)s)", row)
    return row["id"]


def test_hall_b_cannot_read_or_write_hall_a_rows(hub):
    with psycopg.connect(hub.url_for(ROLE_A), autocommit=True) as a:
        a_payment = _insert_payment(a, HALL_A, f"R{HALL_A}20261125TEST00001")
        a.execute("INSERT INTO ticket (id, hall, terminal, created_at, hlc, business_date, category, issued_category, number, code, "
                  "priority, vip, green, member_no, phone, status, issued_at, queued_at, staff_no, recalls, "
                  "requeues, ahead_at_issue, est_wait_min) VALUES (%s, %s, 'T-a', now(), '1', '2026-11-25', "
                  "'payment', 'payment', 1, 'A001', 0, false, false, '', '', 'waiting', now(), now(), '', 0, 0, 0, 0)",
                  (a_payment, HALL_A))
        assert a.execute("SELECT count(*) FROM payment").fetchone()[0] == 1
        assert {r[0] for r in a.execute("SELECT hall_id FROM staff")} == {HALL_A}

    with psycopg.connect(hub.url_for(ROLE_B), autocommit=True) as b:
        # Reads: none of A's rows, none of A's staff (password hashes), but the shared catalogue.
        assert b.execute("SELECT count(*) FROM payment").fetchone()[0] == 0
        assert b.execute("SELECT count(*) FROM ticket").fetchone()[0] == 0
        assert {r[0] for r in b.execute("SELECT staff_no FROM staff")} == {"5001"}
        # Hall A's customers are hall A's (data minimisation): B reads none of them, nor their lines.
        assert b.execute("SELECT count(*) FROM customer").fetchone()[0] == 0
        assert b.execute("SELECT count(*) FROM account").fetchone()[0] == 0
        assert b.execute("SELECT count(*) FROM tariff_plan").fetchone()[0] > 0
        assert b.execute("SELECT count(*) FROM counter_sync.change WHERE tbl = 'staff'").fetchone()[0] == 1
        # Writes: a row claiming hall A is refused, an update of A's row finds nothing.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            _insert_payment(b, HALL_A, f"R{HALL_A}20261125TEST00002")
        assert b.execute("UPDATE payment SET amount_fen = 1 WHERE id = %s", (a_payment,)).rowcount == 0
        assert b.execute("UPDATE ticket SET status = 'done'").rowcount == 0
        # Nor may B delete anything, read the ledger of A, or touch terminal-only tables.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("DELETE FROM payment")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("SELECT * FROM outbox")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("UPDATE customer SET name = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("SELECT * FROM counter_sync.hall_role")
        # B cannot pretend to be A: the hall comes from the login, not from a setting.
        b.execute("SET application_name = 'hall_jn001'")
        assert b.execute("SELECT counter_sync.current_hall()").fetchone()[0] == HALL_B
        assert _insert_payment(b, HALL_B, f"R{HALL_B}20261125TEST00001")

    assert hub.scalar("SELECT amount_fen FROM payment WHERE id = %s", (a_payment,)) == 100
    assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (a_payment,)) == "waiting"


def test_hall_roles_own_nothing_bypass_nothing_and_every_table_forces_rls(hub):
    with hub.admin() as conn:
        for role in (ROLE_A, ROLE_B):
            superuser, bypass, login = conn.execute(
                "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            assert (superuser, bypass, login) == (False, False, True)
            owned = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                 "WHERE r.rolname = %s", (role,)).fetchone()[0]
            assert owned == 0
        loose = conn.execute(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname IN ('public', 'counter_sync') AND c.relname <> 'hall_role' "
            "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)").fetchall()
        assert loose == []


def test_hub_init_is_idempotent_and_keeps_data(hub):
    before = hub.scalar("SELECT count(*) FROM counter_sync.change")
    first = run_cli("hub", "init", "--url", hub.admin_url)
    assert "ready" in first.stdout
    install_hub(hub.admin_url)
    assert hub.scalar("SELECT count(*) FROM counter_sync.change") == before > 0


def test_a_hub_seeded_by_the_demo_command_serves_a_new_terminal(pg_server, tmp_path):
    name = pg_server.create_database("demo")
    url = pg_server.url(name)
    out = run_cli("--db", url, "demo", "--customers", "30", "--detailed", "2")
    assert "demo hall JN001" in out.stdout
    pw = tmp_path / "jn001.pw"
    added = run_cli("hub", "add-hall", "--url", url, "--hall", "JN001", "--password-file", str(pw))
    secret = pw.read_text().strip()
    assert len(secret) >= 16 and secret not in added.stdout + added.stderr
    assert "hall_jn001:***@" in added.stdout
    db = tmp_path / "new.db"
    run_cli("--db", str(db), "init")
    synced = run_cli("--db", str(db), "sync", "--once", "--hub", pg_server.url(name, user="hall_jn001"))
    assert "full load" in synced.stdout
    use(db)
    from counter_app.models import Customer, Staff
    from counter_app.services.session import current_hall

    assert current_hall().code == HALL_A
    assert Customer.select().count() == 30
    assert Staff.get_by_id("1001").name == "王芳"


def test_the_hub_password_never_shows_in_errors_logs_or_state(tmp_path, pg_server):
    import os

    secret = "Zq-9-very-secret"
    db = new_terminal(tmp_path / "t.db")
    dead = f"postgresql://hall_jn001:{secret}@127.0.0.1:1/hub"
    result = run_cli("--db", str(db), "sync", "--once", "--hub", dead, check=False)
    assert result.returncode != 0
    assert "cannot be reached" in result.stderr and secret not in result.stdout + result.stderr
    state = run_cli("--db", str(db), "sync", "--status")
    assert "cannot be reached" in state.stdout and secret not in state.stdout
    logs = "".join(p.read_text(errors="replace") for p in
                   __import__("pathlib").Path(os.environ["COUNTER_APP_LOG_DIR"]).glob("*.log*"))
    assert secret not in logs
    assert secret not in safe_message(f"could not connect to {dead} with password {secret}", dead)


def test_tls_settings_reach_libpq(tmp_path, pg_server):
    db = new_terminal(tmp_path / "t.db")
    url = pg_server.url("postgres") + "?sslmode=require"
    result = run_cli("--db", str(db), "sync", "--once", "--hub", url, check=False)
    # The test server has no TLS: libpq itself refuses, which proves sslmode got there.
    assert result.returncode != 0 and "SSL" in result.stderr
