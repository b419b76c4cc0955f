"""The headless commands as an operator runs them: a real process, a real database file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from counter_app.db import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "counter_app", *args], capture_output=True, text=True,
                          cwd=ROOT, env=full_env, timeout=timeout)


def test_init_creates_the_database_and_is_idempotent(tmp_path):
    db = tmp_path / "hall.db"
    first = run("--db", str(db), "init")
    assert first.returncode == 0, first.stderr
    assert f"schema version {SCHEMA_VERSION}" in first.stdout and "business_types 21" in first.stdout
    second = run("init", "--db", str(db))  # --db after the command works too
    assert second.returncode == 0 and f"schema version {SCHEMA_VERSION}" in second.stdout


def test_demo_builds_a_hall_and_reports_it_as_json(tmp_path):
    db = tmp_path / "hall.db"
    result = run("--db", str(db), "demo", "--customers", "120", "--detailed", "5", "--days", "0", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["hall"] == "JN001" and data["customers"] == 120 and data["bills"] == 30


def test_the_database_comes_from_the_environment_when_not_given(tmp_path):
    db = tmp_path / "env.db"
    result = run("init", env={"COUNTER_APP_DB": str(db)})
    assert result.returncode == 0 and db.exists()


def test_errors_are_one_clear_line_and_a_non_zero_exit(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("--db", str(blocker / "hall.db"), "init")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr
    bad = run("demo", "--db", str(tmp_path / "x.db"), "--customers", "0")
    assert bad.returncode == 2 and "--customers" in bad.stderr


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "demo", "gui"):
        assert command in result.stdout


def test_main_py_with_demo_opens_the_login_window_on_a_fresh_database(tmp_path):
    """The README's first command, as a real process on the offscreen platform."""
    log_dir = tmp_path / "log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1",
           "COUNTER_APP_CONFIG_DIR": str(tmp_path / "cfg"), "COUNTER_APP_LOG_DIR": str(log_dir),
           "COUNTER_APP_DB": str(tmp_path / "hall.db")}
    # Its output goes to files: a pipe nobody reads while it starts would stop it at the first
    # 64 KB of warnings, and a start that hangs must leave what it said behind.
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--demo", "--lang", "zh_CN"], cwd=ROOT,
                                env=env, stdout=stdout, stderr=stderr)
    log_file = log_dir / "counter_app.log"
    try:
        deadline = time.time() + 240  # the demo's build first: a busy machine takes minutes, not seconds
        while time.time() < deadline:
            if log_file.exists() and "showing loginWindow" in log_file.read_text(encoding="utf-8"):
                break
            assert proc.poll() is None, err.read_text(encoding="utf-8", errors="replace")
            time.sleep(0.3)
        else:
            proc.send_signal(signal.SIGABRT)  # faulthandler writes where every thread stands
            proc.wait(timeout=20)
            said = log_file.read_text(encoding="utf-8") if log_file.exists() else "(no log)"
            raise AssertionError("the login window never showed; its log:\n" + said + "\nits stderr:\n"
                                 + err.read_text(encoding="utf-8", errors="replace")[-6000:])
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=20)
    saved = tmp_path / "cfg" / "terminal.json"
    # --lang is for this start only (docs/configuration.md): nothing is remembered without --save
    assert not saved.exists() or json.loads(saved.read_text(encoding="utf-8"))["lang"] == ""
