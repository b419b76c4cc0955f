"""Shared fixtures. Everything is real: SQLite files, a PostgreSQL server, Qt widgets
(offscreen), PDFs read back and rasterized."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Before any Qt import: without a display Qt aborts the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_base = Path(tempfile.mkdtemp(prefix="counter-tests-"))
os.environ["COUNTER_APP_CONFIG_DIR"] = str(_base / "config")
os.environ["COUNTER_APP_DATA_DIR"] = str(_base / "data")
os.environ["COUNTER_APP_LOG_DIR"] = str(_base / "log")
os.environ.pop("COUNTER_APP_DB", None)
# Printers: only the private CUPS server of tests/cups.py, never the machine's own queues.
os.environ["CUPS_SERVER"] = str(_base / "cups.sock")
os.environ.pop("COUNTER_APP_HUB", None)

import pytest  # noqa: E402

from counter_app import clock  # noqa: E402
from counter_app.db import close_database, open_database  # noqa: E402

DEMO_CUSTOMERS = 400


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A demo hall built once per test run; each test gets its own copy."""
    from counter_app.services.demo import build_demo

    path = tmp_path_factory.mktemp("template") / "demo.db"
    database = open_database(str(path))
    build_demo(DEMO_CUSTOMERS, detailed=60)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path


def settle_windows() -> None:
    """Before a test's database closes: every op and task it started has reported, and the
    widgets it closed are really deleted (deleteLater needs an event loop that a test may
    never run), so no timer of theirs starts work against the next test's database."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is None:
        return
    from counter_app.ui import ops
    from counter_app.ui.worker import wait_for_tasks

    wait_for_tasks()
    ops.wait_idle()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_window_outlives_its_test():
    """Windows a test made and never closed are deleted with it: their timers would otherwise
    start work against the next test's database."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    import shiboken6

    from counter_app.ui import ops
    from counter_app.ui.worker import wait_for_tasks

    # What is still on its way reports first, to widgets that still exist.
    wait_for_tasks()
    ops.wait_idle()
    QCoreApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parent() is None:
            shiboken6.delete(widget)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "hall.db"


@pytest.fixture
def empty_db(db_path):
    database = open_database(str(db_path))
    yield database
    settle_windows()
    close_database()


@pytest.fixture
def demo_db(demo_template, db_path):
    shutil.copy(demo_template, db_path)
    database = open_database(str(db_path))
    yield database
    settle_windows()
    close_database()


@pytest.fixture
def session(demo_db):
    """A session at the demo hall with clerk 1001 signed in."""
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    s = open_session(counter_number=1)
    s.staff = Staff.get_by_id("1001")
    return s


@pytest.fixture
def manager_session(demo_db):
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    s = open_session(counter_number=6)
    s.staff = Staff.get_by_id("2001")
    return s


@pytest.fixture
def frozen_clock():
    import datetime as dt

    fixed = clock.FrozenClock(dt.datetime(2026, 11, 25, 10, 0, 0))
    clock.set_clock(fixed)
    yield fixed
    clock.set_clock(None)


@pytest.fixture(scope="session")
def pg_server():
    from tests.pg import PgServer

    server = PgServer()
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty PostgreSQL database on the test server."""
    return pg_server.url(pg_server.create_database())


@pytest.fixture(autouse=True)
def no_unexpected_error_dialog(request, monkeypatch):
    """An unexpected error in a worker or slot fails the test with its report. Left alone, the
    application's crash dialog would wait for a click that never comes and hang the run."""
    if request.node.get_closest_marker("crash_dialog"):
        yield
        return
    from counter_app.ui import errors

    reports: list[str] = []
    monkeypatch.setattr(errors, "show_crash_report", lambda parent, report: reports.append(report))
    yield
    assert not reports, f"an unexpected error reached the user:\n{reports[0]}"


@pytest.fixture(autouse=True)
def no_sql_on_the_gui_thread(request, monkeypatch):
    """Window code never runs SQL on the GUI thread (it starts an op); see tests/gui_sql.py."""
    from tests import gui_sql

    guard = gui_sql.install(monkeypatch)
    yield guard
    if guard.offences:
        pytest.fail(f"SQL ran on the GUI thread ({len(guard.offences)} statements), first from "
                    f"{guard.offences[0]}", pytrace=False)


from tests.disk import small_disk  # noqa: E402, F401  (a tmpfs of its own: full-disk tests)
