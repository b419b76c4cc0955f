"""The domain model on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid

import pytest
from peewee import IntegrityError

from counter_app.db import SCHEMA_VERSION, close_database, open_database, schema_version
from counter_app.ids import uuid7, uuid7_time_ms
from counter_app.models import ALL_MODELS, Account, Outbox, Payment, Staff, db


def test_a_fresh_file_gets_every_table_in_wal_with_foreign_keys(empty_db, db_path):
    assert schema_version(empty_db) == SCHEMA_VERSION
    names = set(empty_db.get_tables())
    assert {m._meta.table_name for m in ALL_MODELS} <= names
    assert empty_db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert empty_db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert empty_db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_opening_twice_is_idempotent_and_keeps_data(demo_db, db_path):
    before = Account.select().count()
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == SCHEMA_VERSION
    assert Account.select().count() == before > 0


def test_a_database_from_a_newer_version_is_refused_with_a_clear_message(empty_db, db_path):
    from counter_app.errors import UserError
    from counter_app.models import SyncState

    SyncState.update(value=str(SCHEMA_VERSION + 5)).where(SyncState.key == "schema_version").execute()
    close_database()
    with pytest.raises(UserError, match="newer version"):
        open_database(str(db_path))


def test_uuid7_ids_are_time_ordered_and_unique():
    ids = [uuid7() for _ in range(5000)]
    assert len(set(ids)) == 5000
    assert ids == sorted(ids, key=lambda u: u.int)
    assert all(u.version == 7 for u in ids[:10])
    assert uuid7_time_ms(ids[-1]) >= uuid7_time_ms(ids[0])


def test_a_payment_and_its_outbox_entry_commit_together(session):
    before = Outbox.select().count()
    with pytest.raises(RuntimeError), db.atomic():
        Payment.create(hall=session.hall_code, receipt_no="R-X-1", business_date="2026-11-25", staff_no="1001",
                       method="cash", amount_fen=5000, idempotency_key="k1")
        raise RuntimeError("power cut between the payment and anything after it")
    assert Payment.select().count() == 0
    assert Outbox.select().count() == before
    Payment.create(hall=session.hall_code, receipt_no="R-X-1", business_date="2026-11-25", staff_no="1001",
                   method="cash", amount_fen=5000, idempotency_key="k1")
    entry = Outbox.select().order_by(Outbox.seq.desc()).get()
    assert entry.table == "payment" and entry.kind == "fact" and entry.payload["amount_fen"] == 5000


def test_unique_receipt_numbers_and_idempotency_keys_are_enforced(session):
    Payment.create(hall="JN001", receipt_no="R1", business_date="2026-11-25", staff_no="1001", method="cash",
                   amount_fen=100, idempotency_key="same")
    with pytest.raises(IntegrityError):
        Payment.create(hall="JN001", receipt_no="R2", business_date="2026-11-25", staff_no="1001", method="cash",
                       amount_fen=100, idempotency_key="same")


def test_a_refused_duplicate_inside_a_transaction_leaves_no_outbox_entry(session):
    # The idempotent-retry pattern: a second write with the same key is refused and the
    # transaction goes on; the hub must receive exactly the rows that exist.
    before = Outbox.select().count()
    with db.atomic():
        Payment.create(hall="JN001", receipt_no="R1", business_date="2026-11-25", staff_no="1001", method="cash",
                       amount_fen=100, idempotency_key="same")
        with pytest.raises(IntegrityError):
            Payment.create(hall="JN001", receipt_no="R2", business_date="2026-11-25", staff_no="1001",
                           method="cash", amount_fen=100, idempotency_key="same")
        Payment.create(hall="JN001", receipt_no="R3", business_date="2026-11-25", staff_no="1001", method="cash",
                       amount_fen=300, idempotency_key="other")
    entries = list(Outbox.select().order_by(Outbox.seq))[before:]
    assert [e.payload["receipt_no"] for e in entries] == ["R1", "R3"]
    assert {e.row_id for e in entries} == {p.id for p in Payment.select()}


def test_an_edit_of_a_stored_row_is_sent_as_a_newer_update(session):
    from counter_app.models import Ticket

    ticket = Ticket.create(hall="JN001", business_date="2026-11-25", category="payment", issued_category="payment",
                           number=1, code="A001", issued_at="2026-11-25 09:00:00",
                           queued_at="2026-11-25 09:00:00")
    first = Outbox.select().order_by(Outbox.seq.desc()).get()
    again = Ticket.get_by_id(ticket.id)
    again.status = "called"
    again.save()
    edit = Outbox.select().order_by(Outbox.seq.desc()).get()
    assert (first.op, edit.op) == ("insert", "update")
    assert edit.row_id == ticket.id and edit.payload["status"] == "called" and edit.payload["code"] == "A001"
    assert edit.hlc > first.hlc
    assert Ticket.select().count() == 1 and Ticket.get_by_id(ticket.id).status == "called"


def test_foreign_keys_are_enforced(session):
    with pytest.raises(IntegrityError):
        Staff.create(staff_no="x1", hall="NOPE", name="n", password_hash="h")


def test_the_integrity_check_passes_on_the_demo_hall(demo_db, db_path):
    close_database()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.postgres
def test_the_same_models_create_and_work_on_postgresql(pg_url):
    from counter_app.services.demo import build_demo

    database = open_database(pg_url)
    try:
        assert schema_version(database) == SCHEMA_VERSION
        result = build_demo(30, detailed=3)
        assert result.customers == 30
        account = Account.select().first()
        assert account.customer.name and len(account.phone) == 11
        Payment.create(hall="JN001", receipt_no="P1", business_date="2026-11-25", staff_no="1001",
                       method="cash", amount_fen=100, idempotency_key="pk")
        assert Payment.get(Payment.receipt_no == "P1").amount_fen == 100
        # Rows written straight into PostgreSQL are where they belong: no outbox to push there.
        assert Outbox.select().count() == 0 and Payment.get(Payment.receipt_no == "P1").hlc
    finally:
        close_database()


def test_models_and_services_do_not_import_qt():
    code = (
        "import sys, pkgutil, importlib\n"
        "import counter_app.models, counter_app.services, counter_app.documents, counter_app.sync\n"
        "for pkg in (counter_app.models, counter_app.services, counter_app.documents, counter_app.sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_uuid7_hex_ids_are_version_7_time_ordered_unique_and_ordered_with_uuid7():
    from counter_app.ids import uuid7_hex

    ids = [uuid7_hex() if n % 2 else uuid7().hex for n in range(3000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(len(i) == 32 and uuid.UUID(hex=i).version == 7 and uuid.UUID(hex=i).variant == uuid.RFC_4122
               for i in ids)
