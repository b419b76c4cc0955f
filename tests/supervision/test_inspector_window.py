"""The inspector at a hall terminal: signs in, gets the inspector's window and nothing else,
records a check through the form (a refused value leaves the form open and writes nothing),
prints the check's sheet and the month's bulletin. The manager reads the checks in a tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QCheckBox, QSpinBox

from counter_app.config import TerminalConfig
from counter_app.models import Inspection
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews, open_previews
from counter_app.ui.shell import Shell
from tests.helpers import ops_done, pdf_text
from tests.supervision.conftest import INSPECTOR_NO, PASSWORD
from tests.test_gui_shell import sign_in


@pytest.fixture
def shell_for(inspector, db_path, qtbot, frozen_clock):
    made = []

    def make(mode: str, lang: str = "zh_CN") -> Shell:
        install_translations(QApplication.instance(), lang)
        ctx = AppContext(open_session(counter_number=1, lang=lang), TerminalConfig(mode=mode, lang=lang), str(db_path))
        shell = Shell(ctx, show=True)
        shell.start()
        made.append(shell)
        return shell

    yield make
    close_previews()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


@pytest.mark.parametrize("mode", ["counter", "manager"])
def test_an_inspector_gets_the_inspectors_window_at_any_staff_terminal(shell_for, qtbot, mode):
    shell = shell_for(mode)
    sign_in(qtbot, shell, INSPECTOR_NO, PASSWORD)
    qtbot.waitUntil(lambda: shell.window.objectName() == "inspectorWindow")
    assert "服务检查" in shell.window.windowTitle() and "孙敏" in shell.window.windowTitle()


def test_an_inspector_records_a_check_and_prints_its_sheet_and_the_bulletin(shell_for, qtbot):
    shell = shell_for("counter")
    sign_in(qtbot, shell, INSPECTOR_NO, PASSWORD)
    qtbot.waitUntil(lambda: shell.window.objectName() == "inspectorWindow")
    window = shell.window
    tab = window.checks
    qtbot.waitUntil(lambda: tab.loads >= 1)
    assert "没有抽查" in tab.summary.text()
    window.activateWindow()
    tab.table.setFocus()
    qtbot.keySequence(QApplication.focusWidget(), QKeySequence("Ctrl+N"))
    qtbot.waitUntil(lambda: getattr(tab, "form", None) is not None and tab.form.isVisible())
    form = tab.form
    form.staff.setCurrentIndex(form.staff.findData("1001"))
    form.counter.setCurrentIndex(form.counter.findData(1))
    form.findChild(QSpinBox, "score_greeting").setValue(2)
    form.findChild(QSpinBox, "score_identity").setValue(5)
    assert form.total.text() == "合计 94 / 100 分"
    form.has_due.setChecked(True)  # a due date without saying what to put right
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.message.text() != "")
    assert "整改" in form.message.text() and form.isVisible() and Inspection.select().count() == 0
    form.follow_up.setText("重新学习服务规范用语")
    form.due.setDate(form.due.date().addDays(10))
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Inspection.select().count() == 1 and tab.model.rowCount() == 1, timeout=10_000)
    stored = Inspection.get()
    assert (stored.score, stored.staff_no, stored.counter_number, stored.inspector_no) == (94, "1001", 1, "7001")
    assert "共检查 1 次，平均得分率 94.0%" in tab.summary.text()

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    assert "94 / 100" in pdf_text(open_previews()[0].pdf_bytes)
    close_previews()
    qtbot.mouseClick(tab.bulletin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    assert "服务质量抽查通报" in pdf_text(open_previews()[0].pdf_bytes)
    close_previews()


def test_the_checklist_form_is_passed_or_failed_and_scores_the_hall(shell_for, qtbot):
    shell = shell_for("counter", lang="en")
    sign_in(qtbot, shell, INSPECTOR_NO, PASSWORD)
    qtbot.waitUntil(lambda: shell.window.objectName() == "inspectorWindow")
    tab = shell.window.checks
    tab.record()
    qtbot.waitUntil(lambda: getattr(tab, "form", None) is not None and tab.form.isVisible())
    form = tab.form
    form.kind.setCurrentIndex(form.kind.findData("standard_hall"))
    assert not form.staff.isEnabled()
    form.findChild(QCheckBox, "score_ss_two").setChecked(False)
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Inspection.select().count() == 1)
    stored = Inspection.get()
    assert (stored.kind, stored.score, stored.max_score, stored.staff_no) == ("standard_hall", 19, 20, "")


def test_the_manager_reads_the_checks_in_the_service_checks_tab(inspector, manager_session, db_path, qtbot,
                                                              frozen_clock):
    from counter_app.ui.manager.window import ManagerWindow
    from tests.supervision.test_inspections import month_of_checks

    month_of_checks(inspector)
    install_translations(QApplication.instance(), "en")
    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager", lang="en"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.checks)
    qtbot.waitUntil(lambda: window.checks.loads >= 1)
    assert window.checks.model.rowCount() == 3 and not window.checks.record_button.isVisible()
    assert "3 checks in 2026-11, average 96.0%" in window.checks.summary.text()
