"""The audit trail is a hash chain per terminal: editing, deleting, inserting or reordering an
event is found, locally, by ``counter-app audit verify`` and on the manager's audit tab.
(After the events were pushed, the hub's copy: tests/test_sync/test_audit_chain_hub.py.)"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from counter_app.cli.main import main
from counter_app.models import Account, AuditEvent, Outbox, OutboxPayload, Staff, db
from counter_app.models.base import unsynced_writes
from counter_app.services import audit, audit_chain, payments
from counter_app.services.session import open_session


def a_morning(session, manager_session, frozen_clock) -> list[AuditEvent]:
    """A few real audited actions: a customer viewed, payments, a reversal, a day's setup."""
    from counter_app.services import setup

    account = Account.select().first()
    audit.record(session, "customer.view", account.phone, reason="counter")
    taken = []
    for n in range(3):
        frozen_clock.advance(minutes=3)
        taken.append(payments.take_payment(session, account_id=account.id, method="cash", amount_fen=1000 + n,
                                           idempotency_key=f"m{n}"))
    frozen_clock.advance(minutes=3)
    payments.reverse_payment(manager_session, taken[0].id, reason="wrong number", idempotency_key="rev")
    frozen_clock.advance(minutes=3)
    setup.set_wait_target(manager_session, "payment", 12)
    frozen_clock.advance(minutes=3)
    audit.record(session, "customer.view", account.phone, reason="counter")
    return list(AuditEvent.select().order_by(AuditEvent.seq))


def breaks() -> list[str]:
    return [b.text() for b in audit_chain.verify_local().breaks]


def delete_with_outbox(event: AuditEvent) -> None:
    """What a hostile user with the file does: the event and its outbox entry, so nothing
    would ever reach the hub either."""
    seqs = [o.seq for o in Outbox.select().where(Outbox.row_id == event.id)]
    OutboxPayload.delete().where(OutboxPayload.seq.in_(seqs)).execute()
    Outbox.delete().where(Outbox.seq.in_(seqs)).execute()
    with unsynced_writes():
        AuditEvent.delete().where(AuditEvent.id == event.id).execute()


def test_every_audited_action_is_a_link_of_the_terminal_s_chain(session, manager_session, frozen_clock, capsys,
                                                                db_path):
    events = a_morning(session, manager_session, frozen_clock)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert [e.action for e in events] == ["customer.view", "payment.reverse", "setup.wait_target",
                                                 "customer.view"]
    assert {e.terminal for e in events} == {session.terminal_id}
    assert events[0].prev_hash == ""
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash and len(after.hash) == 64
    report = audit_chain.verify_local()
    assert report.ok and report.events == len(events) and report.unchained == 0
    assert main(["--db", str(db_path), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert f"{len(events)} events, no. 1 to {len(events)}: ok" in out and "audit trail whole" in out


def test_an_edited_event_is_found(session, manager_session, frozen_clock, capsys, db_path):
    events = a_morning(session, manager_session, frozen_clock)
    order = next(e for e in events if e.action == "setup.wait_target")
    with unsynced_writes():
        AuditEvent.update(staff_no="1001").where(AuditEvent.id == order.id).execute()  # who did it
    assert breaks() == [f"Event no. {order.seq} of terminal {session.terminal_id} (setup.wait_target, "
                        f"{order.at:%Y-%m-%d %H:%M:%S}) was changed after it was written."]
    assert main(["--db", str(db_path), "audit", "verify"]) == 1
    assert "was changed after it was written" in capsys.readouterr().out
    # Changing the stored hash too only moves the break to the next link.
    with unsynced_writes():
        AuditEvent.update(hash="0" * 64).where(AuditEvent.id == order.id).execute()
    assert any("was changed" in b or "does not follow" in b for b in breaks())


def test_a_deleted_reversal_is_found_at_the_end_and_in_the_middle(session, manager_session, frozen_clock):
    events = a_morning(session, manager_session, frozen_clock)
    last = events[-1]
    delete_with_outbox(last)  # the newest one: nothing links to it yet
    assert breaks() == [f"The newest events of terminal {session.terminal_id} are missing: the chain ends at no. "
                        f"{last.seq - 1}, its recorded head is no. {last.seq}."]
    reversal = next(e for e in events if e.action == "payment.reverse")
    assert 1 < reversal.seq < last.seq
    delete_with_outbox(reversal)  # the first break of the chain is named
    assert breaks() == [f"Event no. {reversal.seq} of terminal {session.terminal_id} is missing."]


def test_an_event_removed_from_the_end_stays_missing_after_new_events(session, manager_session, frozen_clock):
    events = a_morning(session, manager_session, frozen_clock)
    delete_with_outbox(events[-1])
    audit.record(session, "customer.view", "13000000000")
    assert breaks() == [f"Event no. {events[-1].seq} of terminal {session.terminal_id} is missing."]


def _forge(after: AuditEvent, seq: int, action: str) -> AuditEvent:
    """An event with a correct hash linked to ``after``: someone who knows the format."""
    e = audit_chain.ChainEvent(uuid.uuid4().hex, after.hall, after.terminal, seq, after.at + dt.timedelta(seconds=1),
                               "1004", action, "R-forged", "{}", after.hash, "")
    forged = AuditEvent(id=uuid.UUID(e.id), hall=e.hall, terminal=e.terminal, at=e.at, staff_no=e.staff_no,
                        action=e.action, target=e.target, detail={}, seq=seq, prev_hash=e.prev_hash,
                        hash=audit_chain.event_hash(e))
    forged.save(force_insert=True)
    return forged


def test_an_inserted_event_is_found(session, manager_session, frozen_clock):
    events = a_morning(session, manager_session, frozen_clock)
    # At the end, hashed and linked properly: the recorded head does not know it.
    _forge(events[-1], events[-1].seq + 1, "payment.reverse")
    assert breaks() == [f"Events after no. {events[-1].seq} of terminal {session.terminal_id} were added outside "
                        f"the application (the chain ends at no. {events[-1].seq + 1})."]
    with unsynced_writes():
        AuditEvent.delete().where(AuditEvent.seq == events[-1].seq + 1).execute()
    assert breaks() == []
    # In the middle: the events after it renumbered to make room.
    with unsynced_writes():
        AuditEvent.update(seq=AuditEvent.seq + 1000).where(AuditEvent.seq > 2).execute()
    with unsynced_writes():
        AuditEvent.update(seq=AuditEvent.seq - 999).where(AuditEvent.seq > 1000).execute()
    _forge(events[1], 3, "payment.reverse")
    found = breaks()
    assert found and "Event no. 4" in found[0]
    # Outside the chain altogether.
    AuditEvent.create(hall=session.hall_code, terminal=session.terminal_id, at=events[0].at, staff_no="1004",
                      action="payment.reverse", target="x", detail={})
    assert "1 events outside the chain, where the upgrade left 0: events were added or removed outside it." \
           in breaks()


def test_reordered_events_are_found(session, manager_session, frozen_clock):
    events = a_morning(session, manager_session, frozen_clock)
    a, b = events[1], events[2]
    # Swap their times: the reversal now seems to come before the payment.
    with unsynced_writes():
        AuditEvent.update(at=b.at).where(AuditEvent.id == a.id).execute()
    with unsynced_writes():
        AuditEvent.update(at=a.at).where(AuditEvent.id == b.id).execute()
    assert breaks()[0].startswith(f"Event no. {a.seq} of terminal {session.terminal_id}")
    with unsynced_writes():
        AuditEvent.update(at=a.at).where(AuditEvent.id == a.id).execute()
    with unsynced_writes():
        AuditEvent.update(at=b.at).where(AuditEvent.id == b.id).execute()
    assert breaks() == []
    # Swap their places in the chain.
    with unsynced_writes():
        AuditEvent.update(seq=-1).where(AuditEvent.id == a.id).execute()
    with unsynced_writes():
        AuditEvent.update(seq=a.seq).where(AuditEvent.id == b.id).execute()
    with unsynced_writes():
        AuditEvent.update(seq=b.seq).where(AuditEvent.id == a.id).execute()
    assert breaks()[0].startswith(f"Event no. {a.seq} of terminal {session.terminal_id}")


def test_an_upgraded_file_chains_new_events_and_counts_the_old_ones(empty_db, db_path, frozen_clock):
    from counter_app import db as dbmod
    from counter_app.db import close_database, open_database, schema_version
    from counter_app.models import SyncState

    # What schema 5 made: audit_event without the chain's columns, and one event in it.
    for index in ("audit_event_terminal_seq",):
        empty_db.execute_sql(f'DROP INDEX "{index}"')
    for column in ("seq", "prev_hash", "hash"):
        empty_db.execute_sql(f'ALTER TABLE audit_event DROP COLUMN "{column}"')
    empty_db.execute_sql("INSERT INTO audit_event (id, hall, terminal, created_at, hlc, at, staff_no, action, target, "
                         "detail) VALUES ('0190aa0000007000800000000000abcd', 'JN001', 'T-old', '2026-11-01 09:00:00', "
                         "'', '2026-11-01 09:00:00', '2001', 'login', '2001', '{}')")
    SyncState.update(value="5").where(SyncState.key == "schema_version").execute()
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 6
    assert {"seq", "prev_hash", "hash"} <= {c.name for c in database.get_columns("audit_event")}
    from counter_app.services.demo import build_demo

    build_demo(5, detailed=0)
    session = open_session()
    session.staff = Staff.get_by_id("2001")
    audit.record(session, "login", "2001")
    audit.record(session, "logout", "2001")
    report = audit_chain.verify_local()
    assert report.ok and report.unchained == 1 and report.events == 2
    db.execute_sql("DELETE FROM audit_event WHERE seq IS NULL")
    assert breaks() == ["0 events outside the chain, where the upgrade left 1: events were added or removed "
                        "outside it."]


@pytest.fixture
def manager_ctx(manager_session, db_path):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext

    return AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path))


def test_the_manager_s_audit_tab_shows_the_chain_s_state(session, manager_session, frozen_clock, manager_ctx, qtbot):
    from counter_app.ui.manager.audit_tab import AuditTab
    from counter_app.ui.worker import wait_for_tasks

    events = a_morning(session, manager_session, frozen_clock)
    tab = AuditTab(manager_ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.chain_checks == 1, timeout=10_000)
    assert tab.chain.text().startswith(f"Audit chain whole: {len(events)} events")
    reversal = next(e for e in events if e.action == "payment.reverse")
    delete_with_outbox(reversal)
    tab.check_chain()  # F6
    qtbot.waitUntil(lambda: tab.chain_checks == 2, timeout=10_000)
    assert tab.chain.text() == (f"Audit chain BROKEN: Event no. {reversal.seq} of terminal "
                                f"{session.terminal_id} is missing.")
    wait_for_tasks()


def _contents(path) -> list[str]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_verifying_changes_nothing_and_an_older_file_is_refused_not_upgraded(session, manager_session,
                                                                            frozen_clock, capsys, db_path):
    import sqlite3

    from counter_app.db import SCHEMA_VERSION

    a_morning(session, manager_session, frozen_clock)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _contents(db_path)
    assert main(["--db", str(db_path), "audit", "verify"]) == 0
    assert _contents(db_path) == before
    # The connection the command used writes again afterwards (the app's own work goes on).
    audit.record(session, "customer.view", "13800000000", reason="counter")

    with sqlite3.connect(db_path) as conn:  # a file one schema step behind this program
        conn.execute("UPDATE sync_state SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),))
    capsys.readouterr()
    assert main(["--db", str(db_path), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert f"schema step {SCHEMA_VERSION - 1}" in err and "never changed" in err
    with sqlite3.connect(db_path) as conn:  # not upgraded, no backup made
        assert conn.execute("SELECT value FROM sync_state WHERE key = 'schema_version'").fetchone()[0] == str(
            SCHEMA_VERSION - 1)
    assert not list(db_path.parent.glob("*.bak"))
