"""What the sync and hub tests share: a seeded hub (the demo hall JN001 plus a second hall
JN002, each with its login role), terminals on their own SQLite files, business writes made
through the models, and the sync command run as a real process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from counter_app.db import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
HALL_A, HALL_B = "JN001", "JN002"
ROLE_A, ROLE_B = "hall_jn001", "hall_jn002"
HUB_CUSTOMERS = 80

_template: dict[str, str] = {}


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("COUNTER_APP_HUB", None)
    env.update(extra)
    return env


def run_cli(*args: str, check: bool = True, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=cli_env(**env),
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"counter-app {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result


def seeded_hub_template(pg_server) -> str:
    """A hub database with the demo hall, built once per run and copied per test."""
    if "name" in _template:
        return _template["name"]
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_halls import add_hall

    name = pg_server.create_database("hubtpl")
    url = pg_server.url(name)
    run_cli("--db", url, "demo", "--customers", str(HUB_CUSTOMERS), "--detailed", "5")
    install_hub(url)
    add_hall(url, HALL_A, "pw-a-not-used-under-trust")
    add_hall(url, HALL_B, "pw-b-not-used-under-trust", name="青岛香港中路营业厅", city="青岛")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO staff (staff_no, hall_id, name, role, specialties, password_hash, "
                     "failed_attempts, active, may_reverse) VALUES ('5001', %s, '孙悦', 'clerk', '[]', 'x', 0, true, "
                     "false)", (HALL_B,))
        conn.execute("INSERT INTO counter (hall_id, number, name, categories, active) "
                     "VALUES (%s, 1, '1号窗口', '[\"payment\"]', true)", (HALL_B,))
    _template["name"] = name
    return name


@dataclass
class Hub:
    server: object
    dbname: str

    @property
    def admin_url(self) -> str:
        return self.server.url(self.dbname)

    def url_for(self, role: str) -> str:
        return self.server.url(self.dbname, user=role)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def scalar(self, query: str, params=()):
        with self.admin() as conn:
            return conn.execute(query, params).fetchone()[0]


def new_hub(pg_server) -> Hub:
    template = seeded_hub_template(pg_server)
    name = f"hub_{int(time.time() * 1000) % 10**9}_{os.getpid()}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return Hub(pg_server, name)


def new_terminal(path: Path) -> Path:
    """An empty terminal database, as ``counter-app --db PATH init`` leaves it."""
    from counter_app.services.reference import load_reference_data

    open_database(str(path))
    load_reference_data()
    close_database()
    return path


def use(path: Path):
    """Bind the models to this terminal's file (closing whatever was open)."""
    from counter_app.models import db

    if db.obj is not None:
        close_database()
    return open_database(str(path))


def take_payments(n: int, *, start: int = 0, amount: int = 5000, day: dt.date | None = None,
                  staff_no: str = "1001") -> list:
    """``n`` cash payments at the bound terminal, each with its outbox entry."""
    from counter_app.models import Payment, db
    from counter_app.services.numbering import next_document_no
    from counter_app.services.session import open_session

    session = open_session()
    day = day or dt.date(2026, 11, 25)
    out = []
    for i in range(start, start + n):
        with db.atomic():
            receipt = next_document_no("R", session.hall_code, session.terminal_id, day)
            out.append(Payment.create(hall=session.hall_code, terminal=session.terminal_id, receipt_no=receipt,
                                      business_date=day, staff_no=staff_no, method="cash",
                                      amount_fen=amount + i, idempotency_key=f"{session.terminal_id}-{i}"))
    return out


def outbox_counts() -> dict[str, int]:
    from counter_app.models import db

    return dict(db.execute_sql("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())


def assert_agrees_with_hub(hub_url: str) -> dict:
    """The checks a hall needs after any fault: everything sent is on the hub exactly once,
    payments per terminal and day agree, reference data checksums match."""
    from counter_app.sync.verify import compare_with_hub

    outcome = compare_with_hub(hub_url)
    bad = [name for name, ok in outcome["checks"].items() if not ok]
    assert not bad, f"terminal and hub disagree on {bad}: {outcome['detail']}"
    return outcome


def assert_each_op_once_on_hub(hub: Hub, ops: list[tuple]) -> None:
    """Every ``(op_id, table, row_id, kind)`` is on the hub; facts by their row (one per id:
    the primary key), edits by their ledger entry (one per op id: the primary key); and no
    table holds an id twice."""
    from counter_app.sync.verify import ops_on_hub

    with hub.admin() as conn:
        found = ops_on_hub(conn, ops)
        dup_rows = conn.execute("SELECT (SELECT count(*) - count(DISTINCT id) FROM payment) + "
                                "(SELECT count(*) - count(DISTINCT id) FROM ticket)").fetchone()[0]
    assert found == {op[0] for op in ops}
    assert dup_rows == 0


def staff_session(staff_no: str, hub_url: str | None = None):
    """A session at counter 1 of the terminal in use, signed in as ``staff_no``, with the
    hub's walk-in look-up when ``hub_url`` is given."""
    from counter_app.models import Staff
    from counter_app.services.session import open_session
    from counter_app.sync.lookup import HubLookup

    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    session.hub = HubLookup(hub_url) if hub_url else None
    return session
