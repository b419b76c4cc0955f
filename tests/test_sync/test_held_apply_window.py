"""The manager applies money the hub holds from the Sync tab of the full manager window: the
held row selected with the mouse, "Apply to the line" clicked, the list and the status bar
follow the hub (docs/security.md, "Money the hub holds"). Real widgets, a real PostgreSQL hub."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.money import format_yuan
from counter_app.services import identify
from counter_app.sync.runner import sync_once
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_sync.support import run_cli, staff_session
from tests.test_sync.test_hub_held import _balance, _hub, _pay_past_the_counter, _two_halls

pytestmark = pytest.mark.postgres


def test_the_manager_applies_held_money_with_the_sync_tabs_button(qtbot, tmp_path, hub, frozen_clock):
    from counter_app.ui.manager.held_panel import COL_RECEIPT
    from counter_app.ui.manager.window import ManagerWindow
    from counter_app.ui.sync_runner import SyncRunner

    url_b, hall_b, (never, _, _) = _two_halls(tmp_path, hub)
    before = _balance(hub, never)
    pay = _pay_past_the_counter(never, 12345, "b-held-window")
    sync_once(url_b)  # the hub holds it: the hall may not credit the line
    identify.identify(staff_session("5001", url_b), never.phone)  # the customer comes to a counter

    ctx = AppContext(staff_session("5002"), TerminalConfig(mode="manager", hub=url_b, sync_interval_s=3600),
                     str(hall_b))
    ctx.sync_runner = SyncRunner(ctx, parent=ctx)
    window = ManagerWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.sync)
    held = window.sync.held
    bar = window.statusBar()
    qtbot.waitUntil(lambda: held.model.rowCount() == 1, timeout=15_000)
    assert held.isVisible() and "1 payments, 123.45 yuan" in held.title.text()
    assert "1 payments held by the hub (manager: Sync tab)" in bar.sync_label.text()
    assert held.model.index(0, COL_RECEIPT).data() == pay.receipt_no

    held.table.scrollTo(held.model.index(0, COL_RECEIPT))
    cell = held.table.visualRect(held.model.index(0, COL_RECEIPT)).center()
    qtbot.mouseClick(held.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert held.selected_receipt() == pay.receipt_no
    qtbot.mouseClick(held.apply_button, Qt.MouseButton.LeftButton)

    credited = f"{pay.receipt_no}: {format_yuan(12345)} yuan credited to {never.phone}."
    qtbot.waitUntil(lambda: bar.currentMessage() == credited, timeout=20_000)
    # The sync that follows the act reads the hub's list again: nothing held any more.
    qtbot.waitUntil(lambda: held.model.rowCount() == 0 and not ctx.sync_runner.running, timeout=20_000)
    assert not held.isVisibleTo(window.sync)
    assert "held by the hub" not in bar.sync_label.text()
    assert _balance(hub, never) == before + 12345
    assert _hub(hub, "SELECT how, staff_no FROM counter_sync.held_settlement WHERE payment_id = %s", pay.id) == [
        ("applied", "5002")]
    assert "held by the hub" not in run_cli("--db", str(hall_b), "sync", "--status").stdout
    window.board.timer.stop()
    wait_for_tasks()
