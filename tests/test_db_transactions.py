"""Two writers on one hall database: a transaction that reads before it writes must wait its
turn, never fail with "database is locked" because someone else committed in between."""

from __future__ import annotations

import threading

from counter_app.db import read_snapshot
from counter_app.models import AuditEvent, db
from counter_app.services import audit


def test_a_write_that_reads_first_waits_for_another_writer_instead_of_failing(session):
    before = AuditEvent.select().count()
    have_read, errors = threading.Event(), []

    def clerk_opens_a_customer() -> None:
        try:
            with db.atomic():
                AuditEvent.select().count()  # the transaction reads first...
                have_read.set()
                other.join(timeout=0.5)  # ...another terminal tries to write meanwhile...
                audit.record(session, "customer.view", "13800138000")  # ...then it writes
        except Exception as exc:  # noqa: BLE001 - the failure this test is about
            errors.append(exc)
        finally:
            db.close()

    def another_terminal_writes() -> None:
        have_read.wait(5)
        try:
            audit.record(session, "payment.take", "13900139000")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            db.close()

    other = threading.Thread(target=another_terminal_writes)
    first = threading.Thread(target=clerk_opens_a_customer)
    other.start()  # it waits until the first one has read
    first.start()
    first.join(15)
    other.join(15)
    assert errors == []
    assert AuditEvent.select().count() == before + 2


def test_a_read_snapshot_leaves_writers_free(session):
    with read_snapshot():
        AuditEvent.select().count()
        done: list[bool] = []

        def write() -> None:
            audit.record(session, "customer.view", "13800138000")
            done.append(True)
            db.close()

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(5)
        assert done == [True]  # not held up by the reader's open transaction
