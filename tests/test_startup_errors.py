"""Migrations of older databases, and what the user sees when something unexpected breaks."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app import db as dbmod
from counter_app.db import close_database, open_database, schema_version


def test_a_database_of_an_earlier_version_is_backed_up_and_migrated(empty_db, db_path, monkeypatch):
    from counter_app.models import Customer

    Customer.create(name="张三", id_number="11010519491231002X")
    close_database()

    old, new = dbmod.SCHEMA_VERSION, dbmod.SCHEMA_VERSION + 1

    def step(database):
        database.execute_sql("ALTER TABLE customer ADD COLUMN nickname TEXT DEFAULT ''")

    monkeypatch.setitem(dbmod.MIGRATIONS, new, step)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", new)
    database = open_database(str(db_path))
    assert schema_version(database) == new
    columns = [c.name for c in database.get_columns("customer")]
    assert "nickname" in columns
    assert Customer.get(Customer.name == "张三").id_number == "11010519491231002X"
    assert (db_path.parent / f"hall.db.v{old}.bak").exists()
    # Opening again runs nothing twice.
    close_database()
    assert schema_version(open_database(str(db_path))) == new


def test_a_version_1_database_gains_the_visit_indexes_and_keeps_its_tickets(empty_db, db_path):
    import datetime as dt

    from counter_app.models import SyncState, Ticket

    # What version 1 made: the same tables without the two visit indexes.
    for name in ("ticket_customer_id_business_date", "ticket_phone_business_date"):
        empty_db.execute_sql(f"DROP INDEX {name}")
    SyncState.update(value="1").where(SyncState.key == "schema_version").execute()
    now = dt.datetime(2026, 11, 25, 9, 0)
    Ticket.create(hall="JN001", business_date=now.date(), category="payment", issued_category="payment", number=1,
                  code="A001", phone="13800138000", issued_at=now, queued_at=now)
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 2
    indexes = {i.name for i in database.get_indexes("ticket")}
    assert {"ticket_customer_id_business_date", "ticket_phone_business_date"} <= indexes
    plan = " ".join(str(r) for r in database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT code FROM ticket WHERE phone = ? AND business_date >= ?",
        ("13800138000", "2026-11-01")).fetchall())
    assert "ticket_phone_business_date" in plan
    assert Ticket.get(Ticket.phone == "13800138000").code == "A001"


@pytest.mark.crash_dialog
def test_an_unexpected_error_shows_a_copyable_report_and_goes_to_the_log(qtbot, caplog):
    from counter_app.ui.errors import install_excepthook

    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["text"] = box.text()
            seen["details"] = box.detailedText()
            box.done(0)

    previous = sys.excepthook
    install_excepthook()
    try:
        QTimer.singleShot(200, read_and_close)
        with caplog.at_level(logging.ERROR):
            try:
                raise ZeroDivisionError("a bug in a slot")
            except ZeroDivisionError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "Nothing was lost" in seen["text"]
    assert "ZeroDivisionError: a bug in a slot" in seen["details"]
    assert "ZeroDivisionError" in caplog.text


def test_database_passwords_never_reach_the_log_or_the_status_bar():
    from counter_app.logging_setup import redact
    from counter_app.ui.widgets.status_bar import describe_database

    url = "postgresql://hall_jn001:s3cret@hub.example:5432/hub?sslmode=require"
    assert "s3cret" not in redact(f"cannot connect to {url}")
    assert "s3cret" not in describe_database(url)
