"""Pruning the hub's tombstones: old deletions leave the change log, and a terminal that had
not pulled them reloads its reference data instead of keeping rows the hub no longer has."""

from __future__ import annotations

import json

import pytest

from counter_app.sync.runner import sync_once
from tests.test_sync.support import assert_agrees_with_hub, run_cli

pytestmark = pytest.mark.postgres


def _delete_an_account(hub) -> str:
    with hub.admin() as conn:
        account_id = conn.execute("SELECT id::text FROM account ORDER BY id DESC LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM account WHERE id = %s", (account_id,))
    return account_id


def _age_tombstones(hub, days: int) -> None:
    with hub.admin() as conn:
        conn.execute("UPDATE counter_sync.change SET changed_at = now() - make_interval(days => %s) WHERE deleted",
                     (days,))


def _prune(hub, *extra: str) -> dict:
    result = json.loads(run_cli("hub", "prune", "--url", hub.admin_url, "--json", *extra).stdout)
    result.pop("database", None)  # every command names its database (tested in test_cli_core)
    return result


def _local_account(account_id: str):
    from counter_app.models import Account

    return Account.get_or_none(Account.id == account_id)


def test_a_terminal_behind_the_pruned_horizon_reloads_and_drops_the_deleted_row(terminal, hub):
    _, url = terminal
    account_id = _delete_an_account(hub)
    assert _local_account(account_id) is not None  # not pulled yet
    _age_tombstones(hub, 100)
    result = _prune(hub, "--keep-days", "90")
    assert result["pruned"] >= 1 and result["horizon"]
    assert hub.scalar("SELECT count(*) FROM counter_sync.change WHERE deleted") == 0

    report = sync_once(url)  # the deletion is no longer in the log: only a reload can see it
    assert report.pulled.full and report.pulled.after_prune
    assert "pruned deletions" in report.summary()
    assert _local_account(account_id) is None
    assert_agrees_with_hub(url)
    assert not sync_once(url).pulled.full  # and after that, incremental again


def test_a_terminal_that_pulled_the_deletion_goes_on_incrementally(terminal, hub):
    _, url = terminal
    account_id = _delete_an_account(hub)
    sync_once(url)
    assert _local_account(account_id) is None
    _age_tombstones(hub, 100)
    assert _prune(hub)["pruned"] >= 1
    report = sync_once(url)
    assert not report.pulled.full and not report.pulled.after_prune
    assert_agrees_with_hub(url)


def test_recent_tombstones_are_kept_and_a_day_is_the_least_one_may_keep(terminal, hub):
    _, url = terminal
    _delete_an_account(hub)
    tombstones = hub.scalar("SELECT count(*) FROM counter_sync.change WHERE deleted")
    assert tombstones >= 1
    assert _prune(hub, "--keep-days", "1") == {"pruned": 0, "keep_days": 1, "horizon": "", "ledger_pruned": 0,
                                               "ledger_keep_days": 60}
    assert hub.scalar("SELECT count(*) FROM counter_sync.change WHERE deleted") == tombstones
    refused = run_cli("hub", "prune", "--url", hub.admin_url, "--keep-days", "0", check=False)
    assert refused.returncode != 0 and "at least 1 day" in refused.stdout + refused.stderr
    assert hub.scalar("SELECT count(*) FROM counter_sync.change WHERE deleted") == tombstones
    assert not sync_once(url).pulled.full


def test_old_ledger_entries_go_and_a_late_resend_of_their_edit_still_changes_nothing(terminal, hub, frozen_clock):
    from counter_app.models import Outbox, Ticket
    from counter_app.services import queue
    from counter_app.services.session import open_session
    from counter_app.sync.push import pending_count

    _, url = terminal
    ticket = queue.take_ticket(open_session(), "payment")
    sync_once(url)
    assert hub.scalar("SELECT count(*) FROM counter_sync.op WHERE row_id = %s", (str(ticket.id),)) == 1
    with hub.admin() as conn:
        conn.execute("UPDATE counter_sync.op SET received_at = now() - interval '61 days'")
        conn.execute("UPDATE ticket SET status = 'done' WHERE id = %s", (str(ticket.id),))  # changed since
    result = _prune(hub, "--keep-days", "30")
    assert result["ledger_keep_days"] == 60 and result["ledger_pruned"] >= 1
    assert hub.scalar("SELECT count(*) FROM counter_sync.op") == 0
    Outbox.update(status="pending").where(Outbox.row_id == ticket.id).execute()  # an answer lost long ago
    assert pending_count() >= 1
    report = sync_once(url)
    assert report.pushed.rejected == 0 and pending_count() == 0
    assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (str(ticket.id),)) == "done"
    assert Ticket.get_by_id(ticket.id).status == "waiting"  # the terminal's own row, untouched by the pull
