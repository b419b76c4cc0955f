"""The hub of a simulation: a throwaway PostgreSQL server from the machine's binaries, seeded
with the demo hall JN001 and a second hall JN002 (Qingdao) that owns a share of the customers."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class HallSpec:
    code: str
    name: str
    city: str
    role: str
    clerks: tuple[str, ...]  # staff number per terminal
    manager: str


HALLS = (
    HallSpec("JN001", "", "济南", "hall_jn001", ("1004", "1001"), "2001"),
    HallSpec("JN002", "青岛香港中路营业厅", "青岛", "hall_jn002", ("5001", "5003"), "5002"),
)


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("COUNTER_APP_HUB", None)
    env.pop("COUNTER_APP_SYNC_PAUSE_AT", None)
    env.pop("COUNTER_APP_SYNC_PAUSE_FILE", None)
    env.update(extra)
    return env


def run_cli(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=cli_env(**env),
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"counter-app {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result


def start_server():
    """A PostgreSQL server of the machine's binaries (tests/pg.py: run as ``postgres`` when root)."""
    sys.path.insert(0, str(ROOT))
    from tests.pg import PgServer

    return PgServer()


def seed_hub(server, customers: int) -> str:
    """Build the hub database; returns its name."""
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_halls import add_hall

    dbname = server.create_database("simhub")
    url = server.url(dbname)
    run_cli("--db", url, "demo", "--customers", str(customers), "--detailed", "3")
    install_hub(url)
    for hall in HALLS:
        add_hall(url, hall.code, "not-used-under-trust", name=hall.name if hall.name else "", city=hall.city)
    b = HALLS[1]
    with psycopg.connect(url, autocommit=True) as conn:
        for staff_no, person, role in ((b.clerks[0], "孙悦", "clerk"), (b.clerks[1], "周敏", "clerk"),
                                     (b.manager, "吴刚", "manager")):
            conn.execute("INSERT INTO staff (staff_no, hall_id, name, role, specialties, password_hash, "
                         "failed_attempts, active, may_reverse) VALUES (%s, %s, %s, %s, '[\"billing\", \"new_business\", \"plans\"]', 'x', 0, true, %s)",
                         (staff_no, b.code, person, role, role == "manager"))
        for number in (1, 2):
            conn.execute("INSERT INTO counter (hall_id, number, name, categories, active) "
                         "VALUES (%s, %s, %s, '[\"payment\", \"general\"]', true)", (b.code, number, f"{number}号窗口"))
        # Every third customer of the demo hall's city is Qingdao's: their lines are local there.
        conn.execute("UPDATE customer SET hall = %s WHERE hall = %s AND id IN (SELECT id FROM customer "
                     "WHERE hall = %s ORDER BY id) AND ('x' || substr(md5(id::text), 1, 4))::bit(16)::int %% 3 = 0",
                     (b.code, HALLS[0].code, HALLS[0].code))
        conn.execute("UPDATE account SET home_city = %s WHERE customer_id IN (SELECT id FROM customer "
                     "WHERE hall = %s)", (b.city, b.code))
    install_hub(url)  # re-logs the moved customers' rows under their new hall (docs/compliance.md)
    return dbname
