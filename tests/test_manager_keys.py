"""Every key the README gives the manager, pressed in the full manager window: from the tab
bar (where the focus is after clicking a tab) and from a field inside the tab. No two actions
answer to the same key while a tab is shown."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLineEdit, QWidget

from counter_app.config import TerminalConfig
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


@pytest.fixture
def window(manager_session, db_path, frozen_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    w = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    yield w
    w.board.timer.stop()
    wait_for_tasks()


def active_keys(window: QWidget) -> list[str]:
    """The key sequences that would fire now: menu actions, and shortcuts and buttons on a
    widget that is shown (Qt ignores the keys of widgets on a hidden tab)."""
    keys: list[str] = []
    for action in window.findChildren(QAction):
        if action.isEnabled() and not action.shortcut().isEmpty():
            keys.append(action.shortcut().toString())
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and parent is not None and parent.isVisible():
            keys.append(shortcut.key().toString())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and not button.shortcut().isEmpty():
            keys.append(button.shortcut().toString())
    return keys


def every_view(window):
    """(tab, setup page) pairs: every place a manager can be in the window."""
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        if window.tabs.currentWidget() is window.setup:
            for page in range(window.setup.pages.count()):
                window.setup.pages.setCurrentIndex(page)
                yield window.tabs.tabText(i), window.setup.pages.tabText(page)
        else:
            yield window.tabs.tabText(i), ""


def test_no_key_answers_two_actions_anywhere_in_the_window(window):
    for tab, page in every_view(window):
        keys = active_keys(window)
        doubled = [k for k, n in Counter(keys).items() if n > 1]
        assert not doubled, f"{tab} {page}: {doubled} bound twice"
        assert "F5" in keys, f"{tab} {page}: F5 does nothing"


def press(qtbot, widget: QWidget, key: str) -> None:
    sequence = QKeySequence(key)
    combo = sequence[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def places(window, tab: QWidget) -> list[QWidget]:
    """Where the focus may be when the key is pressed: the tab bar, and a field in the tab."""
    inside = [w for w in tab.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
              and not isinstance(w, QAbstractButton)]
    return [window.tabs.tabBar(), (inside or [tab])[0]]


@pytest.mark.parametrize("name, counter", [
    ("board", "refreshes"), ("today", "loads"), ("reports", "builds"), ("grade", "history_loads"),
    ("settlement", "loads"), ("complaints", "loads"), ("setup", "loads"), ("audit", "loads"),
])
def test_f5_reads_the_shown_tab_again_wherever_the_focus_is(window, qtbot, name, counter):
    tab = getattr(window, name)
    window.tabs.setCurrentWidget(tab)
    if name != "reports":  # the summary is built on request only
        qtbot.waitUntil(lambda: getattr(tab, counter) >= 1, timeout=15_000)
    wait_for_tasks()
    qtbot.wait(10)
    for widget in places(window, tab):
        before = getattr(tab, counter)
        widget.setFocus()
        press(qtbot, widget, "F5")
        qtbot.waitUntil(lambda before=before: getattr(tab, counter) > before, timeout=15_000)
        wait_for_tasks()
        qtbot.wait(10)


def test_f5_on_the_sync_tab_syncs_now(manager_session, db_path, frozen_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow
    from counter_app.ui.sync_runner import SyncRunner

    ctx = AppContext(manager_session, TerminalConfig(mode="manager", hub="postgresql://hall:pw@127.0.0.1:1/hub",
                                                     sync_interval_s=3600), str(db_path))
    ctx.sync_runner = SyncRunner(ctx, parent=ctx)
    w = ManagerWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.tabs.setCurrentWidget(w.sync)
    press(qtbot, w.tabs.tabBar(), "F5")
    qtbot.waitUntil(lambda: "cannot be reached" in w.sync.error_label.text(), timeout=20_000)
    w.board.timer.stop()
    wait_for_tasks()


@pytest.mark.parametrize("name, kind", [("reports", "daily"), ("settlement", "settlement")])
def test_ctrl_p_prints_the_shown_tab(window, qtbot, name, kind):
    from counter_app.ui.printing import open_previews

    tab = getattr(window, name)
    window.tabs.setCurrentWidget(tab)
    if name == "reports":
        press(qtbot, window.tabs.tabBar(), "F5")
        qtbot.waitUntil(lambda: tab.builds == 1, timeout=15_000)
    for widget in places(window, tab):
        widget.setFocus()
        press(qtbot, widget, "Ctrl+P")
        qtbot.waitUntil(lambda: any(d.kind == kind for d in open_previews()), timeout=15_000)
        for preview in open_previews():
            preview.done(0)
        with qtbot.waitActive(window):  # what the window manager does when the preview closes
            window.activateWindow()


def dismiss_next_dialog(seen: list[str]) -> None:
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(f"{dialog.objectName()} {dialog.windowTitle()}")
        dialog.reject()

    QTimer.singleShot(0, look)


@pytest.mark.parametrize("page, key, title", [
    (0, "Ctrl+N", "staffDialog"), (0, "Ctrl+R", "Reset password"), (0, "Ctrl+E", "Specialties of"),
    (1, "Ctrl+N", "counterDialog"), (1, "Ctrl+E", "Queue categories of counter"), (2, "Ctrl+E", "Wait target"),
])
def test_the_setup_keys_open_their_dialog(window, qtbot, page, key, title):
    from tests.helpers import ops_done

    window.tabs.setCurrentWidget(window.setup)
    ops_done(qtbot)  # the tab reads its lists on a worker when shown
    window.setup.pages.setCurrentIndex(page)
    view = [window.setup.staff_view, window.setup.counter_view, window.setup.category_view][page]
    view.selectRow(0)
    view.setCurrentIndex(view.model().index(0, 0))
    seen: list[str] = []
    dismiss_next_dialog(seen)
    press(qtbot, view, key)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert title in seen[0]


def test_ctrl_d_disables_the_selected_counter(window, qtbot):
    from tests.helpers import ops_done

    window.tabs.setCurrentWidget(window.setup)
    ops_done(qtbot)  # the tab reads its lists on a worker when shown
    window.setup.pages.setCurrentIndex(1)
    view = window.setup.counter_view
    view.setCurrentIndex(view.model().index(0, 0))
    assert window.setup.counters.rows[0].active
    press(qtbot, view, "Ctrl+D")
    qtbot.waitUntil(lambda: not window.setup.counters.rows[0].active)


def test_ctrl_shift_l_signs_out_from_any_tab(window, qtbot):
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        field = next((w for w in window.tabs.currentWidget().findChildren(QLineEdit) if w.isVisible()),
                     window.tabs.tabBar())
        field.setFocus()
        with qtbot.waitSignal(window.signedOut, timeout=2000):
            press(qtbot, field, "Ctrl+Shift+L")
