"""The manager window on a common hall PC (1366×768 with a task bar), in English and Chinese:
the window fits with its status bar on screen, no table header or figure is cut, counters
read as the reader's language calls them, and a wait past its target stands out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTableView

from counter_app import theme
from counter_app.config import TerminalConfig
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.window_size import FRAME, fit_to_screen, fitted_size
from counter_app.ui.worker import wait_for_tasks
from tests.manager_day import script_day

HALL_PC = QRect(0, 0, 1366, 768 - 40)  # the screen less a 40-pixel task bar


@pytest.fixture(params=["en", "zh_CN"])
def window(request, manager_session, db_path, frozen_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    script_day(frozen_clock)
    manager_session.lang = install_translations(QApplication.instance(), request.param)
    w = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(w)
    fit_to_screen(w, available=HALL_PC)
    w.show()
    yield w
    w.board.timer.stop()
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def cut_texts(view: QTableView) -> list[str]:
    """Headers narrower than their text, and cells (but the last, free-text column) narrower
    than what they show."""
    header = view.horizontalHeader()
    model = view.model()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        width = header.sectionSize(column)
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if header.sectionSizeFromContents(column).width() > width + 1:
            cut.append(f"header {title!r}: {header.sectionSizeFromContents(column).width()} > {width}")
        if column < model.columnCount() - 1 and view.sizeHintForColumn(column) > width + 1:
            cut.append(f"cells of {title!r}: {view.sizeHintForColumn(column)} > {width}")
    return cut


def test_the_window_fits_a_1366_by_768_screen_with_its_status_bar(window, qtbot):
    size = fitted_size(HALL_PC)
    assert size.width() + FRAME.width() <= 1366 and size.height() + FRAME.height() <= 728
    qtbot.waitUntil(lambda: window.size() == size)
    assert window.minimumSizeHint().width() <= size.width()
    assert window.minimumSizeHint().height() <= size.height()
    bar = window.statusBar()
    assert bar.isVisible() and window.rect().contains(bar.geometry())
    # A large screen keeps the comfortable size.
    assert fitted_size(QRect(0, 0, 1920, 1040)).width() == 1280


def test_no_table_of_any_tab_cuts_a_header_or_a_figure(window, qtbot):
    window.tabs.setCurrentWidget(window.board)
    qtbot.waitUntil(lambda: window.board.refreshes >= 1, timeout=10_000)
    window.tabs.setCurrentWidget(window.grade)
    qtbot.waitUntil(lambda: window.grade.history_loads >= 1 and window.grade.loads >= 1, timeout=20_000)
    window.tabs.setCurrentWidget(window.settlement)
    qtbot.waitUntil(lambda: window.settlement.loads >= 1)
    problems = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        for view in window.tabs.currentWidget().findChildren(QTableView):
            if view.isVisible() and view.model() is not None and view.model().rowCount():
                problems += [f"{window.tabs.tabText(i)} / {view.objectName()}: {p}" for p in cut_texts(view)]
    assert not problems, "\n".join(problems)


def test_counters_read_in_the_readers_language_and_late_waits_are_red(window, qtbot):
    window.tabs.setCurrentWidget(window.board)
    qtbot.waitUntil(lambda: window.board.refreshes >= 1, timeout=10_000)
    counters = window.board.counters
    first = counters.data(counters.index(0, 0))
    assert first == ("Counter 1" if window.ctx.lang == "en" else "1号窗口")
    # A004 has waited 30 minutes for a payment (target 10): its row and the longest wait are red.
    categories = window.board.categories
    row = next(i for i, line in enumerate(categories.rows) if line.code == "payment")
    assert categories.data(categories.index(row, 2), Qt.ItemDataRole.ForegroundRole) == QColor(theme.colour("manager", "danger"))
    calm = next(i for i, line in enumerate(categories.rows) if line.code == "vip")
    assert categories.data(categories.index(calm, 2), Qt.ItemDataRole.ForegroundRole) is None
    longest = window.board.figures["longest"]
    assert longest.property("tone") == "figure-late"
    assert longest.palette().color(longest.foregroundRole()).name() == theme.colour("manager", "danger")
