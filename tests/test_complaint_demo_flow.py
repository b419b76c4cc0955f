"""The demo story end to end in the real windows: a clerk records an SP-charge complaint,
refunds it within the limit and prints the acknowledgment; a complaint left open past its
deadline shows escalated on the manager's window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.models import Complaint, Payment
from counter_app.services import complaints
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.complaint_data import line_with_sp_charges
from tests.helpers import ops_done, pdf_text


@pytest.fixture
def counter_window(session, db_path, qtbot):
    from counter_app.ui.counter.window import CounterWindow

    window = CounterWindow(AppContext(session, TerminalConfig(), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    wait_for_tasks()


def test_a_demo_clerk_records_refunds_and_prints_from_the_counter_window(counter_window, qtbot, frozen_clock):
    account, items = line_with_sp_charges(min_recent=1)
    qtbot.keyClicks(counter_window.identify.query, account.phone)
    qtbot.keyClick(counter_window.identify.query, Qt.Key.Key_Return)
    panel = counter_window.complaints_panel
    counter_window.tabs.setCurrentWidget(panel)
    ops_done(qtbot)
    assert panel.new_button.isEnabled()

    panel.actions["new"].trigger()
    ops_done(qtbot)
    panel.dialog.category.setCurrentIndex(panel.dialog.category.findData("sp_charge"))
    panel.dialog.description.setPlainText("未订购却被扣信息费")
    panel.dialog.submit()
    ops_done(qtbot)
    complaint = Complaint.get()
    assert complaint.account_id == account.id and complaint.phone == account.phone

    panel.actions["refund"].trigger()
    ops_done(qtbot)
    dialog = panel.dialog
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not dialog.approval.isVisibleTo(dialog)  # within the limit: no manager needed
    dialog.pay_button.click()
    ops_done(qtbot)
    credit = Payment.get(Payment.kind == "compensation")
    assert credit.reference == complaint.complaint_no

    panel.actions["print"].trigger()
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=15_000)
    text = pdf_text(panel.preview.pdf_bytes)
    assert complaint.complaint_no in text and credit.receipt_no in text and "12300" in text
    panel.preview.reject()


def test_a_complaint_left_open_shows_escalated_in_the_manager_window(session, manager_session, db_path, qtbot,
                                                                     frozen_clock):
    from counter_app.ui.manager.window import ManagerWindow

    account, _ = line_with_sp_charges(min_recent=1)
    left = complaints.open_complaint(session, account_id=account.id, category="sp_charge", description="扣费不明")
    frozen_clock.advance(hours=24, minutes=1)
    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    tab = window.complaints
    qtbot.waitUntil(lambda: bool(tab.model.rows) and tab.model.rows[0].escalated, timeout=15_000)
    wait_for_tasks()
    assert tab.model.rows[0].complaint_no == left.complaint_no
    assert "escalated" in tab.banner.text()
    index = window.tabs.indexOf(tab)
    assert window.tabs.tabBar().tabTextColor(index).name() == "#b00020"
