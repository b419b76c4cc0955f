"""The clerk's queue panel through real widgets and keys: F1 calls the next customer (and
opens the customer the kiosk learned), F2 recalls, F4 no-show, F5 finishes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Account, Ticket, TicketEvent
from counter_app.services import queue
from counter_app.ui.context import AppContext
from counter_app.ui.counter.queue_panel import COL_CATEGORY, COL_CODE, COL_NOTE, QueuePanel, waiting_model
from counter_app.ui.i18n import install_translations
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done


@pytest.fixture
def panel(session, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    session.lang = "zh_CN"
    ctx = AppContext(session, TerminalConfig(lang="zh_CN"), str(db_path))
    widget = QueuePanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: not widget.busy)
    yield widget
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def press(qtbot, panel, key) -> None:
    panel.actions[key].trigger()  # what the F-key's shortcut does
    ops_done(qtbot)


def test_f1_calls_the_next_customer_and_opens_the_customer_from_the_kiosk(panel, session, qtbot, frozen_clock):
    account = Account.select().order_by(Account.phone).first()
    queue.take_ticket(session, "payment", phone=account.phone)
    queue.take_ticket(session, "general")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert panel.model.data(panel.model.index(0, COL_CODE)) == "A001"
    assert panel.actions["next"].shortcut().toString() == "F1"
    frozen_clock.advance(minutes=6)
    customers = []
    panel.ctx.customerChanged.connect(customers.append)
    with qtbot.waitSignal(panel.ctx.ticketChanged, timeout=5000):
        panel.actions["next"].trigger()
    assert customers == [account.id]
    qtbot.waitUntil(lambda: panel.code.text() == "A001", timeout=5000)
    assert account.customer.name in panel.who.text()
    assert account.phone not in panel.who.text()  # masked on screen
    assert "缴费" in panel.detail.text() and "已等 6 分钟" in panel.detail.text()
    frozen_clock.advance(minutes=2, seconds=5)
    panel._tick()
    assert panel.timer_label.text() == "办理用时 0:02:05"
    assert panel.ctx.current_ticket == Ticket.get(Ticket.code == "A001").id

    frozen_clock.advance(seconds=30)
    press(qtbot, panel, "recall")
    assert "重呼 1 次" in panel.detail.text()
    # F2 calls again but the service keeps its start: the timer runs on, the wait stays 6 min
    assert panel.timer_label.text() == "办理用时 0:02:35" and "已等 6 分钟" in panel.detail.text()
    frozen_clock.advance(minutes=3)
    press(qtbot, panel, "finish")
    assert panel.code.text() == "—" and panel.ctx.current_ticket is None
    assert panel.ctx.current_account == account.id  # still open for the receipt after finishing
    kinds = [e.kind for e in TicketEvent.select().order_by(TicketEvent.at)
             if e.counter_number == 1]
    assert kinds == ["called", "recalled", "finished"]


def test_the_next_customer_who_gave_no_number_does_not_inherit_the_last_ones_record(panel, session, qtbot):
    account = Account.select().order_by(Account.phone).first()
    queue.take_ticket(session, "payment", phone=account.phone)
    queue.take_ticket(session, "payment")
    press(qtbot, panel, "next")
    assert panel.ctx.current_account == account.id
    press(qtbot, panel, "next")
    assert panel.code.text() == "A002" and panel.ctx.current_account is None
    assert panel.who.text() == "客户身份待识别"


def test_a_double_f1_calls_one_customer_only(panel, session, qtbot):
    for _ in range(3):
        queue.take_ticket(session, "payment")
    panel.actions["next"].trigger()
    panel.actions["next"].trigger()  # while the first is still on its way
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    wait_for_tasks()
    assert Ticket.select().where(Ticket.status == "waiting").count() == 2


def test_no_show_and_an_empty_queue_are_explained(panel, session, qtbot):
    queue.take_ticket(session, "payment")
    press(qtbot, panel, "next")
    press(qtbot, panel, "noshow")
    assert panel.message.text() == "A001 已重新排到队尾。"
    press(qtbot, panel, "next")
    press(qtbot, panel, "noshow")
    assert panel.message.text() == "A001 过号作废。"
    press(qtbot, panel, "next")
    assert panel.message.text() == "本窗口暂无等候的客户。"


def test_pause_is_refused_while_serving_and_f6_pauses_when_free(panel, session, qtbot):
    queue.take_ticket(session, "payment")
    press(qtbot, panel, "next")
    press(qtbot, panel, "pause")
    assert "办结或转移" in panel.message.text()
    press(qtbot, panel, "finish")
    press(qtbot, panel, "pause")
    assert queue.counter_status(session.hall_code, 1) == "paused"
    assert panel.buttons["pause"].text().startswith("恢复")
    press(qtbot, panel, "next")
    assert "暂停" in panel.message.text()


def test_transfer_sends_the_customer_to_a_named_counter(panel, session, qtbot, monkeypatch):
    from counter_app.ui.counter.queue_panel import TransferDialog

    queue.take_ticket(session, "payment")
    press(qtbot, panel, "next")

    def choose_counter_3(dialog):
        dialog.to_counter.setChecked(True)
        dialog.counter.setCurrentIndex(dialog.counter.findData(3))
        return TransferDialog.DialogCode.Accepted

    monkeypatch.setattr(TransferDialog, "exec", choose_counter_3)
    press(qtbot, panel, "transfer")
    assert Ticket.get().target_counter == 3 and panel.message.text() == "A001 已转移。"


def test_the_waiting_model_passes_the_model_tester(panel, session, qtbot, qtmodeltester):
    queue.take_ticket(session, "payment", vip=True)
    queue.take_ticket(session, "general")
    model = waiting_model({"payment": "缴费"})
    model.set_rows(queue.waiting_list(session))
    qtmodeltester.check(model)
    assert model.data(model.index(0, COL_NOTE)) == "优先"
    assert model.data(model.index(0, COL_CATEGORY), Qt.ItemDataRole.ToolTipRole) == "缴费"
    assert model.data(model.index(1, COL_NOTE), Qt.ItemDataRole.ToolTipRole) is None  # nothing to add
    assert model.headerData(0, Qt.Orientation.Horizontal) == "号码"
