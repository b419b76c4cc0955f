"""The counter window keeps its size and its panels their place on a hall PC's screen: a
message beside the customer field moves nothing, in Chinese and in English, in normal and in
training mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.ui.window_size import FRAME
from tests.design.test_counter_layout import SCREENS, counter_at  # noqa: F401 - the signed-in window's fixture
from tests.helpers import ops_done


def settle() -> None:
    for _ in range(5):  # a new text's size reaches the window's layout a pass or two later
        QApplication.processEvents()


def shape(window: QWidget) -> tuple:
    """What a clerk would see move: the window, its minimum, the bar and the panels under it."""
    tabs = window.tabs
    return (window.size().toTuple(), window.minimumSizeHint().toTuple(), window.identify.height(),
            tabs.mapTo(window, QPoint(0, 0)).toTuple(), tabs.size().toTuple())


@pytest.mark.parametrize("mode", ["normal", "training"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_search_message_moves_nothing(counter_at, qtbot, lang, mode):  # noqa: F811
    """Seen at 1366×768: the window grew while "Searching…" or "No customer's name contains…"
    showed beside the field, and the panels under it jumped down and back."""
    window = counter_at(lang, mode, SCREENS["1366x768"])
    settle()
    before = shape(window)
    message = window.identify.message
    window.identify.query.setText("")
    window.identify.lookup()  # refused at once: what to type
    settle()
    assert message.text() and shape(window) == before
    assert message.fits(), f"{message.text()!r} does not fit {message.width()} px in two lines"
    window.identify.query.setText("Zzyzx Qwerty")
    window.identify.lookup()  # searched on a worker: "Searching…", then no customer of that name
    assert message.text()
    settle()
    assert shape(window) == before
    ops_done(qtbot)
    settle()
    assert "Zzyzx" in message.text() and shape(window) == before


class HallScreen:
    """What the counter window learns of a hall PC's screen: 1366×768 less a 40-pixel task bar."""

    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return QRect(0, 0, 1366, 768 - 40)


@pytest.fixture
def left_as_opened(demo_db, db_path, qtbot, frozen_clock, monkeypatch):
    """The counter window signed in through the sign-in window on a 1366×768 screen, in normal
    or training mode, and left at the size and place it opened with."""
    from counter_app import training
    from counter_app.config import TerminalConfig
    from counter_app.db import close_database, open_database
    from counter_app.services.session import open_session
    from counter_app.services.training import prepare_copy
    from counter_app.ui.context import AppContext
    from counter_app.ui.counter.window import CounterWindow
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.shell import Shell
    from counter_app.ui.training import marking
    from tests.test_counter_window import sign_in

    monkeypatch.setattr(CounterWindow, "screen", lambda self: HallScreen())
    app = QApplication.instance()
    made, marks = [], []

    def make(lang: str, mode: str):
        url = str(db_path)
        if mode == "training":
            copy = prepare_copy(url)
            close_database()
            training.activate()
            open_database(str(copy))
            marks.append(marking.install(app))
            url = str(copy)
        install_translations(app, lang)
        shell = Shell(AppContext(open_session(counter_number=1, lang=lang), TerminalConfig(mode="counter", lang=lang),
                                 url), show=True)
        shell.start()
        window = sign_in(qtbot, shell, "1001")
        made.append(window)
        ops_done(qtbot)
        settle()
        return window

    yield make
    for window in made:
        window._leaving = True
        window.close()
    ops_done(qtbot)
    for mark in marks:
        app.removeEventFilter(mark)
    training.deactivate()
    install_translations(app, "en")


@pytest.mark.parametrize("mode", ["normal", "training"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_window_opens_inside_a_1366_screen(left_as_opened, lang, mode):
    """Seen at 1366×768 in English training mode: the window left at the size it opened with
    ended past the screen's right edge (placed for 1280 px, then widened by the drill panel),
    and its status bar under the task bar (1280×728 inside, with the title bar above it)."""
    window = left_as_opened(lang, mode)
    area = HallScreen().availableGeometry()
    frame = QRect(window.pos(), window.size() + FRAME)  # with the title bar and borders of a window manager
    assert area.contains(frame), f"the window spans {frame.getCoords()} on a screen of {area.getCoords()}"
    assert window.size().expandedTo(window.minimumSizeHint()) == window.size(), "Qt will widen it past this"
    if mode == "training":
        assert window.findChild(QWidget, "trainingDock").isVisible()


def whole_rows(table) -> int:
    """The rows a table shows whole, without scrolling inside it."""
    return sum(1 for r in range(table.model().rowCount()) if table.rowViewportPosition(r) >= 0
               and table.rowViewportPosition(r) + table.rowHeight(r) <= table.viewport().height())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_lists_use_the_height_of_a_1920_screen(counter_at, qtbot, lang):  # noqa: F811
    """Seen at 1920×1080: the open complaints and the visits stopped at four rows, to be
    scrolled inside their tables, with empty page below them."""
    from counter_app.models import Account, Staff
    from counter_app.services import complaints, queue
    from counter_app.services.demo import SHOWCASE_PHONE
    from counter_app.services.session import open_session

    clerk = open_session(counter_number=1)
    clerk.staff = Staff.get_by_id("1001")
    account = Account.get(Account.phone == SHOWCASE_PHONE)
    for _ in range(5):  # five visits in the last months
        queue.take_ticket(clerk, "general", phone=SHOWCASE_PHONE)
    for week in range(4):  # and, with the fixture's, five open complaints
        complaints.open_complaint(clerk, account_id=account.id, category="network",
                                  description=f"No signal at home, week {week + 1}.")
    window = counter_at(lang, "normal", SCREENS["1920x1080"])
    view, page = window.customer_view, window.customer_page
    qtbot.waitUntil(lambda: view.complaints.rowCount() == 5 and view.visits.rowCount() == 5)
    settle()
    tables = view.tables.tables
    assert whole_rows(tables["bills"]) == 6
    for name in ("complaints", "visits"):
        assert whole_rows(tables[name]) == 5, f"{name}: {whole_rows(tables[name])} of 5 rows show"
    assert page.verticalScrollBar().maximum() == 0, "the page scrolls on a 1920×1080 screen"
