"""F3 at the counter: the transfer dialog never offers the queue the customer is already in,
and the service refuses a transfer to it with a clear message that changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from counter_app.config import TerminalConfig
from counter_app.errors import Conflict
from counter_app.models import Ticket, TicketEvent
from counter_app.services import queue
from counter_app.ui.context import AppContext
from counter_app.ui.counter.queue_panel import QueuePanel, TransferDialog
from counter_app.ui.i18n import install_translations
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done


def test_a_transfer_to_the_queue_the_ticket_is_in_is_refused_and_changes_nothing(session, frozen_clock):
    queue.take_ticket(session, "payment")
    ticket = queue.call_next(session)
    with pytest.raises(Conflict, match="already in the queue of 缴费"):
        queue.transfer(session, to_category="payment")
    again = Ticket.get_by_id(ticket.id)
    assert again.status == "called" and again.category == "payment"
    assert [e.kind for e in TicketEvent.select().where(TicketEvent.ticket_id == ticket.id)
            .order_by(TicketEvent.at, TicketEvent.id)] == ["issued", "called"]
    moved = queue.transfer(session, to_category="general")  # another queue is fine
    assert moved.category == "general" and moved.status == "waiting"


@pytest.fixture
def panel(session, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    session.lang = "zh_CN"
    widget = QueuePanel(AppContext(session, TerminalConfig(lang="zh_CN"), str(db_path)))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy)
    yield widget
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def test_f3_preselects_nothing_and_the_customers_own_queue_cannot_be_chosen(panel, session, qtbot, monkeypatch):
    queue.take_ticket(session, "payment")
    panel.actions["next"].trigger()
    ops_done(qtbot)
    qtbot.waitUntil(lambda: panel.code.text() == "A001", timeout=5000)
    seen: list[dict] = []

    def look(dialog: TransferDialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        own = dialog.category.findData("payment")
        seen.append({
            "chosen": dialog.category.currentIndex(), "ok": ok.isEnabled(), "target": dialog.target(),
            "own enabled": dialog.category.model().item(own).isEnabled(), "own text": dialog.category.itemText(own),
        })
        dialog.category.setCurrentIndex(dialog.category.findData("general"))
        dialog.category.activated.emit(dialog.category.currentIndex())
        seen.append({"ok": ok.isEnabled(), "target": dialog.target()})
        return TransferDialog.DialogCode.Accepted

    monkeypatch.setattr(TransferDialog, "exec", look)
    panel.actions["transfer"].trigger()
    ops_done(qtbot)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    first, chosen = seen
    assert first["chosen"] == -1 and not first["ok"] and first["target"] is None
    assert not first["own enabled"] and "当前所在" in first["own text"]
    assert chosen == {"ok": True, "target": {"to_category": "general"}}
    qtbot.waitUntil(lambda: panel.message.text() == "A001 已转移。", timeout=5000)
    assert Ticket.get().category == "general"
