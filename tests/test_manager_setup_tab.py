"""The setup tab through its real widgets: a manager adds a clerk from the keyboard, disables
another, and sees a refused change explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from counter_app.config import TerminalConfig
from counter_app.models import AuditEvent, Staff
from counter_app.ui.context import AppContext
from counter_app.ui.manager.setup_dialogs import StaffDialog
from counter_app.ui.manager.setup_tab import SetupTab


@pytest.fixture
def tab(manager_session, db_path, qtbot):
    widget = SetupTab(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.loads >= 1)  # the lists are read in a worker
    return widget


def staff_row(tab, staff_no: str) -> int:
    return next(r for r in range(tab.staff.rowCount()) if tab.staff.data(tab.staff.index(r, 0)) == staff_no)


def test_the_setup_lists_are_sound_models(tab, qtmodeltester):
    for model in (tab.staff, tab.counters, tab.categories):
        qtmodeltester.check(model)
    assert tab.staff.rowCount() == 7  # the demo's six clerks and managers and its inspector
    assert tab.counters.data(tab.counters.index(0, 2)) == "缴费, 综合业务"
    assert tab.opens.time().toString("HH:mm") == "08:30"


# The offscreen platform cannot size a modal window and says so; nothing to do with the dialog.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_manager_adds_a_clerk_through_the_dialog(tab, qtbot):
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StaffDialog)
        qtbot.keyClicks(dialog.staff_no, "1006")
        dialog.name.setText("周敏")  # Chinese arrives through the input method, not key by key
        dialog.specialties.boxes["calming"].setChecked(True)
        qtbot.keyClicks(dialog.password, "secret99")
        dialog.accept()

    QTimer.singleShot(0, fill)
    tab.findChild(type(tab.pages), "setupPages").setCurrentIndex(0)
    tab.add_staff()
    qtbot.waitUntil(lambda: any(s.staff_no == "1006" for s in tab.staff.rows))
    row = staff_row(tab, "1006")
    assert [tab.staff.data(tab.staff.index(row, c)) for c in range(1, 5)] == ["周敏", "Clerk", "Calming upset customers",
                                                                               "active"]
    assert Staff.get_by_id("1006").specialties == ["calming"]
    assert AuditEvent.get(AuditEvent.action == "setup.staff_add").target == "1006"


def test_a_manager_disables_a_clerk_with_the_keyboard(tab, qtbot):
    tab.staff_view.setFocus()
    tab.staff_view.selectRow(staff_row(tab, "1002"))
    tab.toggle_staff()
    qtbot.waitUntil(lambda: tab.staff.data(tab.staff.index(staff_row(tab, "1002"), 4)) == "disabled")
    assert not Staff.get_by_id("1002").active


def test_a_refused_change_is_explained_and_changes_nothing(tab, monkeypatch, qtbot):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    tab.staff_view.selectRow(staff_row(tab, "2001"))
    tab.toggle_staff()
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert warnings == ["You cannot disable your own account."]
    assert Staff.get_by_id("2001").active
    tab.opens.setTime(tab.closes.time())
    tab.save_hours()
    qtbot.waitUntil(lambda: len(warnings) == 2)
    assert "open before it closes" in warnings[1]


def test_a_manager_sets_the_kiosk_pin_typed_twice(tab, qtbot, monkeypatch, manager_session):
    from counter_app.errors import PermissionDenied
    from counter_app.services.queue_kiosk import leave_kiosk

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    qtbot.keyClicks(tab.pin, "24x68")  # only digits are taken
    qtbot.keyClicks(tab.pin_again, "2469")
    tab.findChild(QPushButton, "setKioskPin").click()
    assert warnings == ["The two PINs differ. Type the same PIN twice."]  # said at once: no database needed
    with pytest.raises(PermissionDenied):
        leave_kiosk(manager_session, "2468")
    tab.pin_again.clear()
    qtbot.keyClicks(tab.pin_again, "2468")
    tab.findChild(QPushButton, "setKioskPin").click()
    qtbot.waitUntil(lambda: tab.pin.text() == "")
    assert len(warnings) == 1
    leave_kiosk(manager_session, "2468")  # the kiosk now lets staff out with it
    entry = AuditEvent.get(AuditEvent.action == "setup.kiosk_pin")
    assert "2468" not in str(entry.detail)
