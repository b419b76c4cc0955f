"""The hall's standard phrases: shown at the counter at each step (greeting at the call, the
identity check when the customer is found, the confirmation with the slip, the payment, the
farewell), edited by the manager in both languages; an empty phrase is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent
from counter_app.services import phrases, queue
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_PREVIEW
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews
from counter_app.ui.shell import Shell
from tests.helpers import ops_done
from tests.service_data import local_line
from tests.test_counter_window import find, sign_in
from tests.test_service_flow import Keys, settle, sign


def test_the_shipped_phrases_and_a_managers_own(manager_session, session):
    shipped = phrases.phrases("JN001")
    assert list(shipped) == list(phrases.STEPS)
    assert shipped["greeting"]["zh"].startswith("您好") and shipped["farewell"]["en"].startswith("Here are")
    mine = {step: dict(row) for step, row in shipped.items()}
    mine["greeting"]["zh"] = "  您好，  请坐！ "
    saved = phrases.save_phrases(manager_session, mine)
    assert saved["greeting"]["zh"] == "您好， 请坐！" and phrases.phrases("JN001")["greeting"]["zh"] == "您好， 请坐！"
    assert AuditEvent.get(AuditEvent.action == "setup.service_phrases").detail["after"]["greeting"]["zh"] == "您好， 请坐！"
    mine["payment"]["en"] = "   "
    with pytest.raises(ValidationError) as refused:
        phrases.save_phrases(manager_session, mine)
    assert refused.value.field == "payment.en"
    assert phrases.phrases("JN001")["payment"]["en"] == shipped["payment"]["en"]
    with pytest.raises(PermissionDenied):
        phrases.save_phrases(session, shipped)


@pytest.fixture
def shell(demo_db, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    ctx = AppContext(open_session(counter_number=1, lang="zh_CN"), TerminalConfig(mode="counter", lang="zh_CN"),
                     str(db_path))
    shell = Shell(ctx, show=True)
    shell.start()
    yield shell
    close_previews()
    ops_done(qtbot)
    settle(qtbot)
    if shell.window is not None and hasattr(shell.window, "_leaving"):
        shell.window._leaving = True
    install_translations(QApplication.instance(), "en")


def test_each_step_shows_its_phrase_at_the_counter(shell, qtbot):
    window = sign_in(qtbot, shell, "1001")
    strip = window.phrases
    qtbot.waitUntil(lambda: bool(strip.wording))
    assert strip.text() == ""
    line = local_line()
    queue.take_ticket(window.ctx.session, "payment", phone=line.phone)
    window.identify.query.setFocus()
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: "请问您办理什么业务" in strip.text())
    find(qtbot, window, line.phone)
    assert "身份证" in strip.text()
    keys.press(Qt.Key.Key_F9)
    keys.press("3")
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    flow = window.service_flow
    assert flow.stack.currentIndex() == PAGE_PREVIEW
    assert "签名" in strip.text()
    sign(qtbot, flow.signature)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == PAGE_DONE, timeout=10_000)
    assert "慢走" in strip.text()
    close_previews()
    window.tabs.setCurrentWidget(window.payment_panel)
    assert "现金还是刷卡" in strip.text()


def test_the_manager_edits_the_phrases_in_the_training_tab(manager_session, db_path, qtbot, frozen_clock):
    from counter_app.ui.manager.window import ManagerWindow

    install_translations(QApplication.instance(), "en")
    manager_session.lang = "en"
    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager", lang="en"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.training)
    qtbot.mouseClick(window.training.phrases_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window.training, "phrases_dialog", None) is not None)
    dialog = window.training.phrases_dialog
    dialog.edits[("farewell", "en")].clear()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert "Farewell" in dialog.message.text() and dialog.isVisible()
    dialog.edits[("farewell", "en")].setText("Thank you, see you soon!")
    dialog.save()
    qtbot.waitUntil(lambda: phrases.phrases("JN001")["farewell"]["en"] == "Thank you, see you soon!")
