"""The hub keeps each terminal's audit chain: it refuses an event that does not extend it, and
``audit verify --hub`` finds an event edited, deleted, inserted or reordered after it was
pushed, even when the whole local chain was recomputed to hide it."""

from __future__ import annotations

import json

import psycopg
import pytest

from counter_app.cli.main import main
from counter_app.models import AuditEvent, Outbox, OutboxPayload, Staff, db
from counter_app.models.base import unsynced_writes
from counter_app.services import audit, audit_chain
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.test_sync.support import HALL_A

pytestmark = pytest.mark.postgres


def clerk():
    session = open_session()
    session.staff = Staff.get_by_id("1001")
    return session


def record(n: int, start: int = 1) -> list[AuditEvent]:
    session = clerk()
    return [audit.record(session, "customer.view", f"130000000{i:02d}", reason="counter")
            for i in range(start, start + n)]


def rechain() -> None:
    """A thorough forger: every event of the terminal renumbered and rehashed in its
    current order, and the recorded head moved, so the local chain is whole again."""
    rows = list(AuditEvent.select().where(AuditEvent.seq.is_null(False)).order_by(AuditEvent.seq))
    with unsynced_writes():
        AuditEvent.update(seq=AuditEvent.seq + 100_000).where(AuditEvent.seq.is_null(False)).execute()
    prev = ""
    for n, e in enumerate(rows, 1):
        chained = audit_chain.ChainEvent(e.id.hex, e.hall, e.terminal, n, e.at, e.staff_no, e.action, e.target,
                                         AuditEvent.detail.db_value(e.detail), prev, "")
        digest = audit_chain.event_hash(chained)
        with unsynced_writes():
            AuditEvent.update(seq=n, prev_hash=prev, hash=digest).where(AuditEvent.id == e.id).execute()
        prev = digest
        audit_chain.write_head(e.terminal, n, digest)


def verify(path, url, capsys) -> tuple[int, str]:
    code = main(["--db", str(path), "audit", "verify", "--hub", url])
    return code, capsys.readouterr().out


def hub_chain(hub, terminal: str) -> list[tuple[int, str]]:
    with hub.admin() as conn:
        return conn.execute("SELECT seq, hash FROM audit_event WHERE terminal = %s AND seq IS NOT NULL "
                            "ORDER BY seq", (terminal,)).fetchall()


def test_the_chain_goes_up_with_sync_and_matches_the_hub(hub, terminal, capsys):
    path, url = terminal
    events = record(5)
    terminal_id = events[0].terminal
    report = sync_once(url)
    assert report.pushed.rejected == 0
    assert hub_chain(hub, terminal_id) == [(e.seq, e.hash) for e in events]
    assert hub.scalar("SELECT seq FROM counter_sync.audit_head WHERE terminal = %s", (terminal_id,)) == 5
    code, out = verify(path, url, capsys)
    assert code == 0, out
    assert f"terminal {terminal_id}: 5 events, no. 1 to 5, hub holds up to no. 5: ok" in out
    # A resend (the answer lost) is recognised, never refused.
    Outbox.update(status="pending").where(Outbox.table == "audit_event").execute()
    again = sync_once(url)
    assert (again.pushed.duplicate, again.pushed.rejected) >= (5, 0) and again.pushed.rejected == 0


def test_a_sent_event_edited_here_is_found_even_after_the_chain_is_recomputed(hub, terminal, capsys):
    path, url = terminal
    events = record(5)
    sync_once(url)
    with unsynced_writes():
        AuditEvent.update(staff_no="2001").where(AuditEvent.id == events[1].id).execute()
    code, out = verify(path, url, capsys)
    assert code == 1 and "Event no. 2 of terminal" in out and "was changed after it was written" in out
    rechain()
    assert audit_chain.verify_local().ok  # the file alone can no longer tell
    code, out = verify(path, url, capsys)
    assert code == 1 and f"Event no. 2 of terminal {events[0].terminal} differs from the hub's copy." in out


def place(order: list[AuditEvent]) -> None:
    """Number the events in ``order`` 1, 2, 3, ... (out of the way of each other first)."""
    with unsynced_writes():
        AuditEvent.update(seq=AuditEvent.seq + 1000).where(AuditEvent.seq.is_null(False)).execute()
    for n, e in enumerate(order, 1):
        with unsynced_writes():
            AuditEvent.update(seq=n).where(AuditEvent.id == e.id).execute()


def test_a_sent_event_deleted_here_is_found(hub, terminal, capsys):
    path, url = terminal
    events = record(4)
    sync_once(url)
    terminal_id = events[0].terminal
    with unsynced_writes():
        AuditEvent.delete().where(AuditEvent.id == events[1].id).execute()
    rechain()  # the gap closed and every hash recomputed
    assert audit_chain.verify_local().ok
    code, out = verify(path, url, capsys)
    assert code == 1 and f"Event no. 2 of terminal {terminal_id} differs from the hub's copy." in out
    assert f"The hub holds event no. 4 of terminal {terminal_id}, which this file lacks." in out


def test_a_sent_event_moved_here_is_found(hub, terminal, capsys):
    path, url = terminal
    events = record(4)
    sync_once(url)
    place([events[0], events[2], events[1], events[3]])  # the third before the second
    rechain()
    assert audit_chain.verify_local().ok
    code, out = verify(path, url, capsys)
    assert code == 1 and f"Event no. 2 of terminal {events[0].terminal} differs from the hub's copy." in out


def test_an_event_slipped_in_among_sent_ones_is_found(hub, terminal, capsys):
    path, url = terminal
    events = record(4)
    sync_once(url)
    place(events)
    with unsynced_writes():
        AuditEvent.update(seq=AuditEvent.seq + 1000).where(AuditEvent.seq.is_null(False)).execute()
    forged = AuditEvent.create(hall=HALL_A, terminal=events[0].terminal, at=events[0].at, staff_no="1004",
                               action="payment.reverse", target="R-x", detail={}, seq=1)
    place([events[0], forged, *events[1:]])
    rechain()
    assert audit_chain.verify_local().ok
    code, out = verify(path, url, capsys)
    assert code == 1 and f"Event no. 2 of terminal {events[0].terminal} differs from the hub's copy." in out


def test_the_hub_refuses_an_event_that_does_not_extend_the_chain(hub, terminal, capsys):
    path, url = terminal
    first = record(3)
    sync_once(url)
    later = record(3, start=4)  # no. 4, 5, 6, not sent yet
    gone = later[1]
    for o in Outbox.select().where(Outbox.row_id == gone.id):  # no. 5 and its outbox entry deleted
        OutboxPayload.delete().where(OutboxPayload.seq == o.seq).execute()
        o.delete_instance()
    with unsynced_writes():
        AuditEvent.delete().where(AuditEvent.id == gone.id).execute()
    report = sync_once(url)
    assert report.pushed.rejected == 1
    refused = Outbox.get(Outbox.row_id == later[2].id)
    assert refused.status == "rejected"
    assert "does not extend its chain (the hub holds up to no. 4)" in refused.error
    assert hub_chain(hub, first[0].terminal)[-1][0] == 4
    code, out = verify(path, url, capsys)
    assert code == 1 and f"Event no. 5 of terminal {first[0].terminal} is missing." in out


def test_an_event_changed_on_its_way_is_refused(hub, terminal):
    _path, url = terminal
    events = record(2)
    # The outbox copy of no. 2 rewritten (who did it), its hash left alone.
    entry = Outbox.get(Outbox.row_id == events[1].id)
    stored = OutboxPayload.get_by_id(entry.seq)
    payload = dict(stored.payload)
    payload["staff_no"] = "2001"
    OutboxPayload.update(payload=payload, wire="", shape="").where(OutboxPayload.seq == entry.seq).execute()
    report = sync_once(url)
    assert report.pushed.rejected == 1
    assert "does not match its hash" in Outbox.get_by_id(entry.seq).error


def test_the_hub_s_copy_cannot_be_rewritten_and_a_copy_changed_there_is_found(hub, terminal, capsys):
    path, url = terminal
    events = record(3)
    sync_once(url)
    terminal_id = events[0].terminal
    with psycopg.connect(url, autocommit=True) as conn:  # the hall's own login
        with pytest.raises(psycopg.errors.CheckViolation, match="never changed"):
            conn.execute("UPDATE audit_event SET staff_no = '2001' WHERE seq = 2 AND terminal = %s", (terminal_id,))
        e = events[2]
        forged = audit_chain.ChainEvent("0" * 31 + "1", HALL_A, terminal_id, 4, e.at, "1004", "payment.reverse",
                                        "R-x", "{}", e.hash, "")
        row = ("00000000-0000-0000-0000-000000000001", HALL_A, terminal_id, e.at, e.at, 4, "1004", "payment.reverse",
               "R-x", "{}", e.hash)
        insert = ("INSERT INTO audit_event (id, hall, terminal, created_at, at, seq, staff_no, action, target, detail, "
                  "prev_hash, hlc, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', %s)")
        with pytest.raises(psycopg.errors.CheckViolation, match="does not match its hash"):
            conn.execute(insert, (*row, "f" * 64))
        wrong_place = audit_chain.ChainEvent(forged.id, HALL_A, terminal_id, 5, e.at, "1004", "payment.reverse",
                                             "R-x", "{}", e.hash, "")
        with pytest.raises(psycopg.errors.CheckViolation, match="does not extend its chain"):
            conn.execute(insert, (*row[:5], 5, *row[6:], audit_chain.event_hash(wrong_place)))
    # An administrator who switches the checks off to edit the hub's copy is found out too.
    with hub.admin() as conn:
        conn.execute("ALTER TABLE audit_event DISABLE TRIGGER counter_sync_audit_unchanged")
        conn.execute("UPDATE audit_event SET target = 'x' WHERE seq = 2 AND terminal = %s", (terminal_id,))
        conn.execute("ALTER TABLE audit_event ENABLE TRIGGER counter_sync_audit_unchanged")
    code, out = verify(path, url, capsys)
    assert code == 1 and f"On the hub: Event no. 2 of terminal {terminal_id}" in out
    assert json.loads(json.dumps(audit_chain.verify_local().as_dict()))["ok"]  # the file itself is whole
    assert db.execute_sql("SELECT count(*) FROM audit_event").fetchone()[0] == 3


def test_a_chain_written_straight_into_postgresql_goes_on_after_the_hub_is_set_up(pg_url):
    from counter_app.db import open_database
    from counter_app.services.demo import build_demo
    from counter_app.sync.hub import install_hub

    open_database(pg_url)
    build_demo(5, detailed=0)
    session = clerk()
    audit.record(session, "login", "1001")
    audit.record(session, "customer.view", "13000000001")
    install_hub(pg_url)  # the hub's check begins after these two
    third = audit.record(session, "logout", "1001")
    assert (third.seq, third.prev_hash) == (3, AuditEvent.get(AuditEvent.seq == 2).hash)
    report = audit_chain.verify_local()
    assert report.ok and report.events == 3
    with pytest.raises(Exception, match="does not extend its chain"), db.atomic():
        db.execute_sql("UPDATE counter_sync.audit_head SET seq = 1 WHERE terminal = %s", (session.terminal_id,))
        audit.record(session, "logout", "1001")


# --- sync --check and the manager's audit tab (with the hub configured) see it too ------------


def sync_check(path, url) -> tuple[int, str]:
    from tests.test_sync.support import run_cli

    done = run_cli("--db", str(path), "sync", "--check", "--hub", url, check=False, COUNTER_APP_LANG="en")
    return done.returncode, done.stdout + done.stderr


def audit_tab_verdict(qtbot, path, url) -> str:
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.audit_tab import AuditTab
    from counter_app.ui.worker import wait_for_tasks

    manager = open_session()
    manager.staff = Staff.get_by_id("2001")
    tab = AuditTab(AppContext(manager, TerminalConfig(mode="manager", hub=url), str(path)))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.chain_checks == 1, timeout=20_000)
    wait_for_tasks()
    return tab.chain.text()


def a_line():
    from counter_app.models import Account

    return Account.select().where(Account.status == "active").order_by(Account.phone).first()


def test_sync_check_and_the_audit_tab_find_an_unsent_reversal_deleted_with_its_outbox_entry(hub, terminal, qtbot):
    from counter_app.services import payments

    path, url = terminal
    clerk_session, manager = clerk(), open_session()
    manager.staff = Staff.get_by_id("2001")
    paid = payments.take_payment(clerk_session, account_id=a_line().id, method="cash", amount_fen=1000,
                                 tendered_fen=1000, idempotency_key="check-1")
    sync_once(url)
    code, out = sync_check(path, url)
    assert code == 0 and "audit chain: ok" in out, out
    payments.reverse_payment(manager, paid.id, reason="wrong number", idempotency_key="check-r")
    record(1)  # the clerk looks at the next customer: the reversal is no longer the newest event
    reversal = AuditEvent.get(AuditEvent.action == "payment.reverse")
    for entry in Outbox.select().where(Outbox.row_id == reversal.id):  # never to reach the hub either
        OutboxPayload.delete().where(OutboxPayload.seq == entry.seq).execute()
        entry.delete_instance()
    with unsynced_writes():
        AuditEvent.delete().where(AuditEvent.id == reversal.id).execute()
    code, out = sync_check(path, url)
    assert code == 1 and "audit chain: DIFFERENT" in out, out
    assert f"Event no. {reversal.seq} of terminal {reversal.terminal} is missing." in out
    assert audit_tab_verdict(qtbot, path, url).startswith(
        f"Audit chain BROKEN: Event no. {reversal.seq} of terminal {reversal.terminal} is missing.")


def test_sync_check_and_the_audit_tab_find_a_sent_order_whose_staff_number_was_edited(hub, terminal, qtbot):
    from tests.service_data import submit

    path, url = terminal
    order = submit(clerk(), "phonebook", a_line(), handset="诺基亚 N73", entries="120")
    sync_once(url)
    created = AuditEvent.get((AuditEvent.action == "order.create") & (AuditEvent.target == order.order_no))
    with unsynced_writes():
        AuditEvent.update(staff_no="2001").where(AuditEvent.id == created.id).execute()
    rechain()  # the whole local chain recomputed: only the hub's copy can tell
    assert audit_chain.verify_local().ok
    code, out = sync_check(path, url)
    assert code == 1 and "audit chain: DIFFERENT" in out, out
    assert f"Event no. {created.seq} of terminal {created.terminal} differs from the hub's copy." in out
    assert "reference customer: ok" in out  # the rest of the file still agrees
    verdict = audit_tab_verdict(qtbot, path, url)
    assert verdict.startswith("Audit chain BROKEN") and "differs from the hub's copy" in verdict, verdict
