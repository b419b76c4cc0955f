"""The app shell through its real widgets: sign in, the window each role gets, sign out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import AuditEvent
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.shell import Shell


@pytest.fixture
def make_shell(demo_db, db_path, qtbot):
    def make(mode: str = "counter", lang: str = "en") -> Shell:
        install_translations(QApplication.instance(), lang)
        config = TerminalConfig(mode=mode, lang=lang)
        ctx = AppContext(open_session(counter_number=1, lang=lang), config, str(db_path))
        shell = Shell(ctx, show=False)
        shell.start()
        qtbot.addWidget(shell.window)
        return shell

    yield make
    install_translations(QApplication.instance(), "en")


def sign_in(qtbot, shell: Shell, staff_no: str, password: str) -> None:
    login = shell.window
    qtbot.keyClicks(login.staff_no, staff_no)
    qtbot.keyClick(login.staff_no, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)


def test_a_clerk_signs_in_from_the_keyboard_and_finds_a_customer_by_phone(make_shell, qtbot):
    from counter_app.models import Account

    shell = make_shell("counter")
    assert shell.window.objectName() == "loginWindow"
    sign_in(qtbot, shell, "1001", "123456")
    window = shell.window
    assert window.objectName() == "counterWindow"
    qtbot.addWidget(window)
    account = Account.select().order_by(Account.phone).first()
    field = window.findChild(QWidget, "identifyQuery")
    qtbot.keyClicks(field, account.phone)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    name = account.customer.name
    qtbot.waitUntil(lambda: any(name in label.text() for label in window.findChildren(QLabel)), timeout=5000)
    status = window.statusBar()
    texts = " ".join(label.text() for label in status.findChildren(QLabel))
    assert "1001" in texts and "济南泉城路营业厅" in texts


def test_a_wrong_password_says_so_and_keeps_the_login_window(make_shell, qtbot):
    shell = make_shell("counter")
    sign_in(qtbot, shell, "1001", "nope")
    assert shell.window.objectName() == "loginWindow"
    assert "Wrong staff number or password" in shell.window.message.text()
    assert shell.window.password.text() == ""
    assert AuditEvent.select().where(AuditEvent.action == "login.failed").count() == 1


def test_a_clerk_cannot_open_the_manager_window(make_shell, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    shell = make_shell("manager")
    sign_in(qtbot, shell, "1001", "123456")
    assert shell.window.objectName() == "loginWindow"
    assert warnings and "hall managers" in warnings[0]


def test_a_manager_gets_the_manager_window_and_signs_out_to_the_login(make_shell, qtbot):
    shell = make_shell("manager")
    sign_in(qtbot, shell, "2001", "123456")
    window = shell.window
    assert window.objectName() == "managerWindow"
    window.show()
    window.tabs.setCurrentWidget(window.today)  # the tab reads its figures when shown
    qtbot.waitUntil(lambda: window.findChild(QLabel, "today_customers").text() == f"{400:,}")
    window.board.timer.stop()
    window.signedOut.emit()
    assert shell.window.objectName() == "loginWindow"
    assert AuditEvent.select().where(AuditEvent.action == "logout").count() == 1


@pytest.mark.parametrize(("mode", "name"), [("kiosk", "kioskWindow"), ("display", "displayWindow")])
def test_kiosk_and_display_open_without_a_login(make_shell, mode, name):
    shell = make_shell(mode)
    assert shell.window.objectName() == name


def test_in_chinese_the_login_and_counter_windows_speak_chinese(make_shell, qtbot):
    shell = make_shell("counter", lang="zh_CN")
    assert shell.window.sign_in.text() == "登录"
    sign_in(qtbot, shell, "1001", "123456")
    window = shell.window
    tabs = window.findChild(QWidget, "counterTabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[:3] == ["客户", "业务办理", "缴费"]
    assert "窗口" in window.windowTitle()


def test_the_language_switch_rebuilds_the_login_in_english(make_shell, qtbot):
    shell = make_shell("counter", lang="zh_CN")
    shell.window.language.setCurrentIndex(1)
    assert shell.window.sign_in.text() == "Sign in"
    assert TerminalConfig.load().lang == "en"
