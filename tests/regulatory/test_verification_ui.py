"""At the counter window: detailed records and a PUK unlock go through the verification dialog;
a wrong answer says so and opens nothing; the PUK shows on the clerk's screen only."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.models import Account, AuditEvent, Customer, SimCard, SubscriberCheck, UsageRecord
from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_FORM, PAGE_PREVIEW
from counter_app.ui.counter.verify_dialog import VerifyDialog
from tests.service_data import local_line
from tests.test_service_flow import Keys, identify, settle, sign

SHOTS = Path(os.environ.get("COUNTER_APP_SHOTS", "")) if os.environ.get("COUNTER_APP_SHOTS") else None


def dialog_of(window) -> VerifyDialog:
    found = [d for d in window.findChildren(VerifyDialog) if d.isVisible()]
    assert len(found) == 1, "one verification dialog is open"
    return found[0]


def shot(widget, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def records_line() -> Account:
    row = UsageRecord.select(UsageRecord.account).order_by(UsageRecord.id).first()
    return Account.get_by_id(row.account_id)


def test_ctrl_2_asks_for_the_subscribers_id_then_shows_the_records(window, qtbot):
    line = records_line()
    owner = Customer.get_by_id(line.customer_id)
    identify(qtbot, window, line.phone)
    panel = window.statement_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.month.count() > 0)
    panel.month.setFocus()  # the clerk is on the bills and records tab
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(VerifyDialog)))
    dialog = dialog_of(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.id_number)
    assert panel.records_model.rowCount() == 0
    shot(dialog, "verify_dialog_en")

    keys.type(Customer.select().where(Customer.id != owner.id).first().id_number)  # someone else's card
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not the one" in dialog.message.text())
    assert dialog.isVisible() and panel.records_model.rowCount() == 0

    dialog.id_number.clear()
    keys.type(owner.id_number)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.records_model.rowCount() > 0)
    assert [c.result for c in SubscriberCheck.select().order_by(SubscriberCheck.at, SubscriberCheck.id)] == [
        "failed", "passed"]
    assert AuditEvent.select().where(AuditEvent.action == "records.view").count() == 1
    view = window.customer_view
    assert "verified" in view.verify_status.text() and "ID document" in view.verify_status.text()
    # Within the half hour the records open at once again.
    panel.records_model.set_rows([])
    panel.month.setFocus()
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.records_model.rowCount() > 0)
    assert not [d for d in window.findChildren(VerifyDialog) if d.isVisible()]
    settle(qtbot)


def test_a_puk_unlock_verifies_by_service_password_and_shows_the_puk_on_screen_only(window, qtbot):
    line = local_line()
    identify(qtbot, window, line.phone)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F9)
    keys.press("8")  # PUK unlock
    qtbot.waitUntil(lambda: bool(window.findChildren(VerifyDialog)))
    dialog = dialog_of(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.id_number)
    assert window.service_flow.stack.currentIndex() != PAGE_FORM
    keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Alt+P: service password
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password)
    keys.type("654321")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "service password" in dialog.message.text())
    assert window.service_flow.stack.currentIndex() != PAGE_FORM
    keys.type("123456")
    keys.press(Qt.Key.Key_Return)
    flow = window.service_flow
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == PAGE_FORM)
    keys.press(Qt.Key.Key_Return)
    assert flow.stack.currentIndex() == PAGE_PREVIEW
    sign(qtbot, flow.signature)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == PAGE_DONE and flow.puk_label.isVisible(), timeout=10000)
    puk = SimCard.get((SimCard.account == line.id) & (SimCard.status == "active")).puk
    assert puk in flow.puk_label.text()
    assert AuditEvent.select().where(AuditEvent.action == "puk.show").count() == 1
    shot(flow, "puk_done_en")
    settle(qtbot)


def test_ctrl_i_verifies_an_agent_and_the_customer_view_says_so(window, qtbot):
    line = local_line()
    owner = Customer.get_by_id(line.customer_id)
    agent = Customer.select().where(Customer.id != owner.id).order_by(Customer.id_number).first()
    identify(qtbot, window, line.phone)
    view = window.customer_view
    assert "not verified" in view.verify_status.text()
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(VerifyDialog)))
    dialog = dialog_of(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.id_number)
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.owner_number)
    dialog.owner_number.setText(owner.id_number)
    dialog.agent_name.setText(agent.name)
    dialog.agent_number.setText(agent.id_number)
    dialog.authorisation.setText("授权委托书 第2026-0117号")
    shot(dialog, "verify_agent_en")
    dialog.authorisation.setFocus()
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "agent" in view.verify_status.text())
    check = SubscriberCheck.get(SubscriberCheck.method == "agent")
    assert (check.agent_name, check.agent_id_number, check.result) == (agent.name, agent.id_number, "passed")
    shot(window, "counter_verified_en")
    settle(qtbot)
