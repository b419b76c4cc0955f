"""The queue from an operator's shell: ``counter-app queue …`` with --db and --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from counter_app.db import close_database, open_database
from counter_app.models import Hall

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    # A counter's actions are the clerk's: signed in with a password (here from the environment).
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_take_call_and_finish_from_the_command_line(demo_db, db_path, tmp_path):
    Hall.update(opens="00:00", closes="24:00").execute()  # whatever the hour of the real clock
    close_database()
    db = str(db_path)
    empty = run("queue", "next", "--counter", "1", "--staff", "1001", "--db", db, "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == {"database": db, "ticket": None}
    assert "nobody is waiting" in run("queue", "next", "--counter", "1", "--staff", "1001", "--db", db).stdout

    pdf = tmp_path / "ticket.pdf"
    taken = run("queue", "take", "payment", "--green", "--phone", "138 0000 0000", "--db", db, "--json",
                "--pdf", str(pdf))
    assert taken.returncode == 0, taken.stderr
    ticket = json.loads(taken.stdout)["ticket"]
    assert ticket["code"] == "A001" and ticket["priority"] and ticket["status"] == "waiting"
    assert pdf.read_bytes().startswith(b"%PDF")

    called = json.loads(run("queue", "next", "--counter", "2", "--staff", "1004", "--db", db, "--json").stdout)
    assert called["ticket"]["code"] == "A001" and called["ticket"]["counter"] == 2
    recalled = run("queue", "recall", "--counter", "2", "--staff", "1004", "--db", db)
    assert recalled.returncode == 0 and "recall 1" in recalled.stdout
    moved = json.loads(run("queue", "transfer", "--counter", "2", "--to-counter", "3", "--staff", "1004", "--db", db,
                            "--json").stdout)
    assert moved["ticket"]["target_counter"] == 3
    assert json.loads(run("queue", "next", "--counter", "3", "--staff", "1002", "--db", db, "--json").stdout)["ticket"]["code"] == "A001"
    done = json.loads(run("queue", "finish", "--counter", "3", "--staff", "1002", "--db", db, "--json").stdout)
    assert done["ticket"]["status"] == "done"

    status = json.loads(run("queue", "status", "--db", db, "--json").stdout)
    assert status["waiting"]["payment"] == 0
    assert [c["code"] for c in status["calls"]][:1] == ["A001"]
    assert "13800000000" not in json.dumps(status)
    open_database(db)


def test_bad_input_gets_one_clear_line_and_a_nonzero_exit(demo_db, db_path):
    close_database()
    db = str(db_path)
    unknown = run("queue", "take", "lottery", "--db", db)
    assert unknown.returncode == 2 and "no queue category" in unknown.stderr
    idle = run("queue", "finish", "--counter", "1", "--staff", "1001", "--db", db)
    assert idle.returncode == 2 and "not serving a ticket" in idle.stderr
    nobody = run("queue", "next", "--counter", "1", "--staff", "7777", "--db", db)
    assert nobody.returncode == 2 and "Wrong staff number or password" in nobody.stderr
    open_database(db)
