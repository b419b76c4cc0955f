"""A terminal and the hub, in the stories a hall lives through: the first sync of a new PC,
payments going up once however often they are sent, a payment the hub refuses, edits that
arrive out of order, reference changes committed late, and a full reload."""

from __future__ import annotations

import datetime as dt
import threading

import psycopg
import pytest

from counter_app.sync.runner import sync_once, sync_state
from tests.test_sync.support import (
    HALL_A,
    HUB_CUSTOMERS,
    ROLE_A,
    assert_agrees_with_hub,
    new_terminal,
    outbox_counts,
    run_cli,
    take_payments,
    use,
)

pytestmark = pytest.mark.postgres


def test_a_new_terminal_gets_its_hall_and_reference_data_in_pages_with_progress(tmp_path, hub):
    from counter_app.models import Counter, Customer, Staff
    from counter_app.services.session import current_hall

    use(new_terminal(tmp_path / "new.db"))
    seen: list[tuple[str, int, int]] = []
    report = sync_once(hub.url_for(ROLE_A), progress=lambda *a: seen.append(a), page=200)
    assert report.pulled.full and report.pulled.pages > 3
    pulls = [s for s in seen if s[0] == "pull"]
    assert pulls[-1][1] == pulls[-1][2] == report.pulled.changes
    assert [done for _, done, _ in pulls] == sorted(done for _, done, _ in pulls)
    assert current_hall().code == HALL_A
    assert Customer.select().count() == HUB_CUSTOMERS
    # Only this hall's staff and counters (staff rows carry password hashes).
    assert {s.hall_id for s in Staff.select()} == {HALL_A} and not Staff.get_or_none(Staff.staff_no == "5001")
    assert {c.hall_id for c in Counter.select()} == {HALL_A}
    assert_agrees_with_hub(hub.url_for(ROLE_A))


def test_payments_reach_the_hub_once_however_often_they_are_sent(terminal, hub):
    from counter_app.models import Outbox

    _, url = terminal
    payments = take_payments(5)
    first = sync_once(url)
    assert (first.pushed.applied, first.pushed.duplicate, first.pending) == (5, 0, 0)
    # The answer got lost: the terminal sends the same batch again.
    Outbox.update(status="pending").execute()
    again = sync_once(url)
    assert (again.pushed.applied, again.pushed.duplicate) == (0, 5)
    ids = [str(p.id) for p in payments]
    assert hub.scalar("SELECT count(*) FROM payment WHERE id = ANY(%s::uuid[])", (ids,)) == 5
    assert hub.scalar("SELECT sum(amount_fen) FROM payment") == sum(p.amount_fen for p in payments)
    assert hub.scalar("SELECT count(*) FROM payment") == 5
    assert_agrees_with_hub(url)


def test_acknowledged_entries_are_dropped_after_a_month_and_refused_ones_stay(terminal, hub):
    from counter_app.models import Outbox, OutboxPayload, db

    _, url = terminal
    take_payments(3)
    sync_once(url)
    assert outbox_counts() == {"sent": 3}
    # A month and more passes; two entries are new, one was refused and waits for the manager.
    db.execute_sql("UPDATE outbox SET created_at = '2026-10-01 09:00:00'")
    Outbox.update(status="rejected", error="receipt_no taken").where(Outbox.seq == Outbox.select(
        Outbox.seq).order_by(Outbox.seq).limit(1)).execute()
    take_payments(2, start=10)
    report = sync_once(url)
    assert (report.pushed.applied, report.pruned) == (2, 2)
    assert outbox_counts() == {"sent": 2, "rejected": 1}
    assert OutboxPayload.select().count() == 3  # each entry left keeps its row
    assert hub.scalar("SELECT count(*) FROM payment") == 5  # dropping an entry never touches the hub


def test_a_refused_payment_is_set_aside_for_the_manager_and_does_not_hold_back_the_rest(terminal, hub):
    from counter_app.models import Staff
    from counter_app.services.session import open_session
    from counter_app.sync.status import dismiss_rejected, rejected_ops, retry_rejected

    _, url = terminal
    payments = take_payments(3)
    # Someone already used the second receipt number on the hub (a restored old backup, say).
    with hub.admin() as conn:
        conn.execute("INSERT INTO payment SELECT (jsonb_populate_record(NULL::payment, %s::jsonb)).*",
                     (psycopg.types.json.Jsonb({**_payload(payments[1]), "id": "01900000-0000-7000-8000-000000000001",
                                                 "idempotency_key": "other"}),))
    report = sync_once(url)
    assert (report.pushed.applied, report.pushed.rejected) == (2, 1)
    assert outbox_counts() == {"sent": 2, "rejected": 1}
    refused = rejected_ops()
    assert [r.summary.split(" ")[0] for r in refused] == [payments[1].receipt_no]
    assert "receipt_no" in refused[0].error
    assert sync_state()["rejected"] == 1
    # Later payments still go; the refused one is not resent on its own.
    take_payments(2, start=10)
    later = sync_once(url)
    assert (later.pushed.applied, later.pushed.rejected) == (2, 0)
    # Only a manager decides; a retry that fails again comes back rejected, a dismissal sticks.
    manager = open_session()
    manager.staff = Staff.get_by_id("2001")
    clerk = open_session()
    clerk.staff = Staff.get_by_id("1001")
    from counter_app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        retry_rejected(clerk, [refused[0].op_id])
    assert retry_rejected(manager, [refused[0].op_id]) == 1
    assert sync_once(url).pushed.rejected == 1
    assert dismiss_rejected(manager, [refused[0].op_id]) == 1
    assert sync_state()["rejected"] == 0
    assert sync_once(url).pending == 0
    assert hub.scalar("SELECT count(*) FROM audit_event WHERE action LIKE 'sync.%%'") == 2


def _payload(row) -> dict:
    from counter_app.models.base import to_payload

    return to_payload(row)


def test_an_edit_wins_only_when_newer_by_the_hybrid_clock(terminal, hub):
    from counter_app.models import Ticket

    _, url = terminal
    now = dt.datetime(2026, 11, 25, 9, 0)
    ticket = Ticket.create(hall=HALL_A, business_date=now.date(), category="payment", number=7, code="A007",
                           issued_at=now, queued_at=now)
    ticket.status = "called"
    ticket.save()
    assert sync_once(url).pushed.applied == 2
    assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (ticket.id,)) == "called"
    # The hub meanwhile holds a newer version (stamped far ahead); an older local edit loses.
    with hub.admin() as conn:
        conn.execute("UPDATE ticket SET status = 'done', hlc = '9999999999999.0000.T-other' WHERE id = %s",
                     (ticket.id,))
    ticket.status = "noshow"
    ticket.save()
    stale = sync_once(url)
    assert (stale.pushed.applied, stale.pushed.duplicate) == (0, 1)
    assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (ticket.id,)) == "done"
    # Without that, the newest local edit of the row lands, and edits sort by stamp.
    other = Ticket.create(hall=HALL_A, business_date=now.date(), category="payment", number=8, code="A008",
                          issued_at=now, queued_at=now)
    for status in ("called", "done"):
        other.status = status
        other.save()
    assert sync_once(url).pushed.applied == 3
    assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (other.id,)) == "done"


def test_reference_changes_committed_late_are_not_skipped(terminal, hub):
    from counter_app.models import Customer

    _, url = terminal
    # Customers of hall A: a terminal pulls its own hall's customers only.
    insert = ("INSERT INTO customer (id, name, id_number, phone, address, vip_tier, home_city, created_at, seq, hall) "
              f"VALUES (%s, %s, %s, '', '', '', '济南', now(), 0, '{HALL_A}')")
    slow = psycopg.connect(hub.admin_url)  # takes its change number first, commits last
    slow.execute(insert, ("01900000-0000-7000-8000-0000000000a1", "迟到", "370102199001010011"))
    with hub.admin() as fast:
        fast.execute(insert, ("01900000-0000-7000-8000-0000000000a2", "先到", "370102199001010012"))
        fast.execute("UPDATE customer SET name = '改名' WHERE id = (SELECT id FROM customer ORDER BY id DESC LIMIT 1)")
        fast.execute("DELETE FROM account WHERE id = (SELECT id FROM account ORDER BY id DESC LIMIT 1)")
    sync_once(url)  # the slow transaction still runs: nothing after its place may be taken yet
    assert not Customer.select().where(Customer.name.in_(["迟到", "先到"])).exists()
    slow.commit()
    slow.close()
    sync_once(url)
    names = {c.name for c in Customer.select()}
    assert {"迟到", "先到", "改名"} <= names
    assert Customer.select().count() == HUB_CUSTOMERS + 2
    assert_agrees_with_hub(url)


def test_a_full_resync_repairs_local_reference_data(terminal, hub):
    from counter_app.models import Account, Customer, TariffPlan

    path, url = terminal
    Customer.update(name="被改了").execute()
    Account.delete().where(Account.id == Account.select(Account.id).limit(1)).execute()
    TariffPlan.update(monthly_fee_fen=1).execute()
    with pytest.raises(AssertionError):
        assert_agrees_with_hub(url)
    out = run_cli("--db", str(path), "sync", "--once", "--full", "--hub", url)
    assert "full load" in out.stdout
    assert_agrees_with_hub(url)
    assert run_cli("--db", str(path), "sync", "--check", "--hub", url).stdout.count(": ok") >= 18


def test_two_pullers_on_one_file_neither_skip_nor_rewind_the_watermark(terminal, hub):
    from counter_app.models import Customer
    from counter_app.sync.pull import read_watermark

    path, url = terminal
    with hub.admin() as conn:
        conn.execute("UPDATE customer SET name = name || '·'")
    errors: list[BaseException] = []

    def other_process() -> None:
        try:
            run_cli("--db", str(path), "sync", "--once", "--hub", url)
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=other_process)
    thread.start()
    sync_once(url, page=10)
    thread.join()
    assert not errors
    sync_once(url)
    assert all(c.name.endswith("·") for c in Customer.select())
    wm = read_watermark()
    assert wm is not None and wm[1] > 0
    assert_agrees_with_hub(url)


def test_headless_sync_every_few_seconds_prints_each_run(terminal):
    import subprocess
    import sys
    import time

    from tests.test_sync.support import ROOT, cli_env

    path, url = terminal
    take_payments(2)
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(path), "sync", "--every", "1",
                             "--hub", url], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE, text=True)
    runs: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len(runs) < 2 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("pushed"):
                runs.append(line)
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert len(runs) == 2 and "applied 2" in runs[0] and "applied 0" in runs[1]
    status = run_cli("--db", str(path), "sync", "--status").stdout
    assert "pending 0" in status and "last error: —" in status


def test_an_order_with_its_signature_and_an_audit_entry_arrive_unchanged(terminal, hub):
    from counter_app.models import AuditEvent, ServiceOrder

    _, url = terminal
    png = bytes(range(256)) * 4
    order = ServiceOrder.create(hall=HALL_A, order_no="OJN00120261125AB0100001", business_date=dt.date(2026, 11, 25),
                                business_code="sim_replace", staff_no="1001", fields={"原因": "丢失", "n": 1},
                                fee_fen=1000, signature_png=png, idempotency_key="order-1")
    AuditEvent.create(hall=HALL_A, at=dt.datetime(2026, 11, 25, 9, 30, 5), staff_no="1001", action="records.view",
                      detail={"phone": "13012345678"})
    assert sync_once(url).pushed.applied == 2
    with hub.admin() as conn:
        sig, fields, fee = conn.execute("SELECT signature_png, fields, fee_fen FROM service_order WHERE id = %s",
                                        (order.id,)).fetchone()
        at, detail = conn.execute("SELECT at, detail FROM audit_event WHERE action = 'records.view'").fetchone()
    assert bytes(sig) == png and fee == 1000
    assert fields == ServiceOrder.fields.db_value({"原因": "丢失", "n": 1})
    assert at == dt.datetime(2026, 11, 25, 9, 30, 5) and '"13012345678"' in detail


def test_text_with_tabs_newlines_and_backslashes_and_rows_captured_by_an_older_version_arrive_intact(terminal, hub):
    from counter_app.models import Complaint, OutboxPayload, db

    _, url = terminal
    text = "话费\t多扣\\了 5 元\n第二行\r\\N 不是空值"
    now = dt.datetime(2026, 11, 25, 9, 0)
    first = Complaint.create(hall=HALL_A, complaint_no="CJN00120261125AB0100001", category="billing",
                             description=text, opened_by="1001", opened_at=now, deadline_at=now, wish="")
    second = Complaint.create(hall=HALL_A, complaint_no="CJN00120261125AB0100002", category="billing",
                              description=text, opened_by="1001", opened_at=now, deadline_at=now, wish="",
                              escalated_at=None)
    # As if captured before the complaint table got a column: the line is rebuilt from the payload.
    last = OutboxPayload.select().order_by(OutboxPayload.seq.desc()).get()
    OutboxPayload.update(shape="older", wire="garbage").where(OutboxPayload.seq == last.seq).execute()
    assert db.obj is not None and sync_once(url).pushed.applied == 2
    with hub.admin() as conn:
        stored = dict(conn.execute("SELECT id, description FROM complaint WHERE id IN (%s, %s)",
                                   (first.id, second.id)).fetchall())
        escalated = conn.execute("SELECT escalated_at FROM complaint WHERE id = %s", (second.id,)).fetchone()[0]
    assert set(stored.values()) == {text} and len(stored) == 2 and escalated is None
