"""A hub password never reaches a log line or the screen, whatever characters it holds, and
no two demo staff members share a password hash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.logging_setup import redact

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = ["p@ss-tail", "a/b@c-tail", "with space@x-tail", "q#?:w@-tail", "末尾@密码-tail"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_redaction_hides_the_whole_password(password):
    line = f"sync failed: postgresql://hall_jn001:{password}@hub.example:5432/province?sslmode=require refused"
    shown = redact(line)
    assert "tail" not in shown and "hall_jn001:***@hub.example:5432/province" in shown


def test_a_password_with_an_at_sign_stays_out_of_stderr_and_the_log(tmp_path, empty_db):
    from counter_app.db import close_database

    close_database()
    logs = tmp_path / "logs"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_LOG_DIR": str(logs)}
    url = "postgresql://hall_jn001:s3cr@t-tail@127.0.0.1:9/province?connect_timeout=2"
    db = str(tmp_path / "hall.db")
    subprocess.run([sys.executable, "-m", "counter_app", "--db", db, "init"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    done = subprocess.run([sys.executable, "-m", "counter_app", "--db", db, "sync", "--once", "--hub", url],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "127.0.0.1" in done.stderr  # it says which hub failed
    written = done.stdout + done.stderr + "".join(p.read_text() for p in logs.glob("*.log*"))
    assert "s3cr" not in written and "t-tail" not in written


def test_the_demo_staff_each_have_their_own_salt(demo_db):
    from counter_app.models import Staff

    hashes = [s.password_hash for s in Staff.select()]
    assert len(hashes) >= 6 and len(set(hashes)) == len(hashes)
    salts = {h.split("$")[4] for h in hashes}  # $argon2id$v=19$m=…,t=…,p=…$SALT$HASH
    assert len(salts) == len(hashes)


def test_a_raw_at_sign_in_the_password_is_read_as_python_reads_urls_not_as_a_host():
    from counter_app.sync.hub import connection_params

    params = connection_params("postgresql://hall_jn001:s3cr@t:x@hub.example:6543/province?sslmode=verify-full")
    assert (params["user"], params["password"], params["host"], params["port"], params["dbname"],
            params["sslmode"]) == ("hall_jn001", "s3cr@t:x", "hub.example", 6543, "province", "verify-full")
