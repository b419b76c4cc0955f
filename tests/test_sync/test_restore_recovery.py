"""Back up, take payments, sync, restore, sync: every payment is on the hub once and back in
the file, and the audit chain is whole here and on the hub."""

from __future__ import annotations

import pytest

from counter_app.cli.main import main
from counter_app.db import close_database
from counter_app.models import AuditEvent, Payment, Staff
from counter_app.services import audit, audit_chain, backups
from counter_app.services.session import open_session, terminal_id
from counter_app.sync.runner import sync_once
from tests.test_sync.support import HALL_A, assert_agrees_with_hub, run_cli, take_payments, use

pytestmark = pytest.mark.postgres


def a_reversal_noted(what: str) -> None:
    session = open_session()
    session.staff = Staff.get_by_id("2001")
    audit.record(session, "payment.reverse", what, reason="test")


def hub_payments(hub) -> list[str]:
    with hub.admin() as conn:
        return sorted(r[0].hex for r in conn.execute("SELECT id FROM payment WHERE hall = %s", (HALL_A,)))


def local_payments() -> list[str]:
    return sorted(p.id.hex for p in Payment.select(Payment.id))


def test_a_restored_terminal_gets_back_what_the_backup_lacks_and_sends_once_what_it_had_unsent(
        hub, terminal, tmp_path, capsys):
    path, url = terminal
    take_payments(3, start=0)
    a_reversal_noted("R-1")
    sync_once(url)
    take_payments(1, start=3)  # taken, not yet sent when the backup is made
    a_reversal_noted("R-2")
    backup = tmp_path / "backup.db"
    backups.take_backup(backup)
    old_terminal = terminal_id()
    take_payments(3, start=4)  # after the backup...
    a_reversal_noted("R-3")
    sync_once(url)  # ...and on the hub
    assert len(hub_payments(hub)) == 7
    close_database()

    done = run_cli("--db", str(path), "restore", str(backup))
    assert "the next sync brings back from the hub what the backup lacks" in done.stdout
    use(path)
    assert len(local_payments()) == 4  # the backup's moment
    report = sync_once(url)
    assert report.recovered >= 3 and report.pushed.rejected == 0
    assert "brought back" in report.summary()
    # Every payment once on the hub (the backup's unsent one answered "duplicate") and back here.
    assert len(hub_payments(hub)) == 7 and hub_payments(hub) == local_payments()
    assert_agrees_with_hub(url)

    # The old terminal's chain is whole again here; the new one begins with the restore.
    new_terminal = terminal_id()
    assert new_terminal != old_terminal
    restored = AuditEvent.get(AuditEvent.action == "backup.restore")
    assert (restored.terminal, restored.seq, restored.prev_hash) == (new_terminal, 1, "")
    assert restored.detail["previous_terminal"] == old_terminal
    report = audit_chain.verify_local()
    assert report.ok, [b.text() for b in report.breaks]
    # R-1, R-2 (in the backup), the backup's own event and R-3 (brought back from the hub).
    assert report.chains[old_terminal].last_seq == 4 and report.chains[new_terminal].last_seq == 1
    assert main(["--db", str(path), "audit", "verify", "--hub", url]) == 0, capsys.readouterr().out
    use(path)

    # Business goes on under the new id: its numbers cannot collide with the old ones.
    take_payments(1, start=100)
    newest = Payment.select().order_by(Payment.created_at.desc()).first()
    assert newest.terminal == new_terminal
    assert newest.receipt_no[-9:-5] == new_terminal[-4:].upper() != old_terminal[-4:].upper()
    assert sync_once(url).pushed.rejected == 0
    assert len(hub_payments(hub)) == 8 and hub_payments(hub) == local_payments()
    # Nothing more to bring back: the marks went with the first sync.
    assert sync_once(url).recovered == 0
