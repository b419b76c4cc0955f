"""The demo hall is built whole or not at all: a run killed half-way leaves nothing, and the
next run builds the complete hall instead of reporting a half-built one as done."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CUSTOMERS = 45_000  # the build writes customers in batches of 20,000


def counts(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT count(*) FROM customer").fetchone()[0],
                conn.execute("SELECT count(*) FROM bill").fetchone()[0])


@pytest.mark.slow
def test_a_demo_killed_half_way_is_rebuilt_whole_by_the_next_run(tmp_path):
    db = tmp_path / "demo.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "counter_app", "--db", str(db), "demo", "--customers", str(CUSTOMERS),
               "--detailed", "20", "--days", "0"]  # no working days: their new lines would change the counts
    run = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 240
        seen: list[str] = []
        while time.monotonic() < deadline:
            line = run.stderr.readline()
            assert line, f"the demo ended before it reported a batch of customers: {''.join(seen)}"
            seen.append(line)
            if line.strip().startswith("customers: 20,000/"):
                break
        else:
            pytest.fail("no progress line within four minutes")
        # The first batch of customers is written (a savepoint of the one transaction): kill now.
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
        run.stderr.close()
    assert run.returncode == -signal.SIGKILL
    assert counts(db) == (0, 0)  # nothing of the killed run is left

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{CUSTOMERS:,} customers" in done.stdout
    assert counts(db) == (CUSTOMERS, 20 * 6)
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and counts(db) == (CUSTOMERS, 20 * 6)  # a complete hall is not built twice


@pytest.mark.parametrize("reader", [False, True], ids=["alone", "beside-a-reader"])
def test_a_new_demo_file_ends_in_wal_mode_with_its_hall(tmp_path, reader):
    """The build goes through a rollback journal when it can, and the file is in WAL again
    afterwards (the app's readers rely on it); a connection already reading the file keeps
    it in WAL, and the build succeeds all the same."""
    from counter_app.db import close_database, open_database
    from counter_app.services.demo_whole import build_demo_whole

    path = tmp_path / "demo.db"
    open_database(str(path))
    other = sqlite3.connect(path) if reader else None
    try:
        if other is not None:
            other.execute("SELECT count(*) FROM customer").fetchone()
        result = build_demo_whole(30, detailed=5, days=0)
    finally:
        close_database()
        if other is not None:
            other.close()
    assert result.customers == 30
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 30
        assert conn.execute("SELECT count(*) FROM bill").fetchone()[0] > 0
    assert not path.with_name("demo.db-journal").exists()
