"""The manager's sync tab and the status bar, on a real hub, with the sync running in the
background: the window keeps responding while the hub is asked."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.sync.runner import sync_once
from tests.test_sync.support import ROLE_A, new_terminal, take_payments, use

pytestmark = pytest.mark.postgres


def _manager_ctx(path, hub_url):
    from counter_app.models import Staff
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.sync_runner import SyncRunner

    session = open_session()
    session.staff = Staff.get_by_id("2001")
    ctx = AppContext(session, TerminalConfig(hub=hub_url, sync_interval_s=3600), str(path))
    ctx.sync_runner = SyncRunner(ctx, parent=ctx)
    return ctx


def test_the_manager_sees_a_refused_payment_and_sends_it_again_once_the_hub_is_fixed(qtbot, qtmodeltester,
                                                                                       tmp_path, hub):
    from counter_app.models.base import to_payload
    from counter_app.ui.manager.sync_tab import COL_KIND, COL_REASON, COL_WHAT, SyncTab
    from counter_app.ui.widgets.status_bar import HallStatusBar

    path = new_terminal(tmp_path / "manager.db")
    use(path)
    url = hub.url_for(ROLE_A)
    sync_once(url)
    clash, fine = take_payments(2)
    with hub.admin() as conn:
        conn.execute("INSERT INTO payment SELECT (jsonb_populate_record(NULL::payment, %s::jsonb)).*",
                     (psycopg.types.json.Jsonb({**to_payload(clash), "id": "01900000-0000-7000-8000-0000000000c1",
                                                 "idempotency_key": "restored-backup"}),))
    ctx = _manager_ctx(path, url)
    tab = SyncTab(ctx)
    bar = HallStatusBar(ctx)
    qtbot.addWidget(tab)
    qtbot.addWidget(bar)

    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=20_000)
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, COL_WHAT).data().startswith(clash.receipt_no)
    assert tab.model.index(0, COL_KIND).data() == "Payment"
    assert "receipt_no" in tab.model.index(0, COL_REASON).data()
    assert "duplicate key" in tab.model.index(0, COL_REASON).data(Qt.ItemDataRole.ToolTipRole)  # the hub's words
    qtbot.waitUntil(lambda: "0 pending" in bar.sync_label.text(), timeout=10_000)
    assert "1 refused" in bar.sync_label.text()
    assert tab.pending_label.text() == "0" and tab.error_label.text() == "—"
    assert hub.scalar("SELECT count(*) FROM payment WHERE id = %s", (fine.id,)) == 1

    with hub.admin() as conn:  # the hub's administrator removes the stray row
        conn.execute("DELETE FROM payment WHERE idempotency_key = 'restored-backup'")
    tab.table.selectRow(0)
    tab.retry_button.click()
    qtbot.waitUntil(lambda: hub.scalar("SELECT count(*) FROM payment WHERE id = %s", (clash.id,)) == 1,
                    timeout=20_000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not ctx.sync_runner.running, timeout=10_000)
    assert not tab.retry_button.isEnabled()
    qtbot.waitUntil(lambda: "refused" not in bar.sync_label.text(), timeout=10_000)


def test_the_status_bar_says_the_hub_is_unreachable_without_showing_the_password(qtbot, tmp_path, hub):
    from counter_app.ui.widgets.status_bar import HallStatusBar

    path = new_terminal(tmp_path / "counter.db")
    use(path)
    sync_once(hub.url_for(ROLE_A))
    take_payments(3)
    secret = "Pw-kept-out-of-sight"
    ctx = _manager_ctx(path, f"postgresql://hall_jn001:{secret}@127.0.0.1:1/hub")
    bar = HallStatusBar(ctx)
    qtbot.addWidget(bar)
    ctx.sync_runner.run_now()
    qtbot.waitUntil(lambda: "failed" in bar.sync_label.text(), timeout=20_000)
    text = bar.sync_label.text()
    assert "3 pending" in text and "cannot be reached" in text and secret not in text
    assert secret not in bar.db_label.text()


def test_a_new_terminal_loads_its_hall_from_the_hub_before_anyone_signs_in(qtbot, tmp_path, hub):
    from counter_app.models import Customer
    from counter_app.services.session import current_hall
    from counter_app.ui.sync_runner import first_sync_with_progress

    use(new_terminal(tmp_path / "fresh.db"))
    assert current_hall() is None
    assert first_sync_with_progress(hub.url_for(ROLE_A))
    assert current_hall().code == "JN001" and Customer.select().count() > 0
