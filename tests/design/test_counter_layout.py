"""The counter window on a hall PC's 1366×768 screen, with a customer at the counter: the six
last bills show whole (the clerk reads them to the customer), and the queue's waiting table
fits its panel without scrolling sideways, in Chinese and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import Account, Staff
from counter_app.services.demo import SHOWCASE_PHONE
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.window_size import fit_to_screen
from tests.helpers import ops_done

HALL_PC = QRect(0, 0, 1366, 768 - 40)  # the screen less a 40-pixel task bar


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_six_bills_show_whole_and_the_queue_does_not_scroll_sideways(demo_db, db_path, qtbot, qtmodeltester,
                                                                     frozen_clock, lang):
    from counter_app.models import Hall
    from counter_app.services import queue
    from counter_app.ui.counter.window import CounterWindow

    Hall.update(opens="00:00", closes="24:00").execute()
    install_translations(QApplication.instance(), lang)
    try:
        # A morning queue: long category names, priority customers, waits over their target.
        clerk = open_session(counter_number=1, lang=lang)
        clerk.staff = Staff.get_by_id("1001")
        for code in ("new_data", "complaint", "general", "payment", "new_data", "plan"):
            queue.take_ticket(clerk, code, green=code == "new_data")
        frozen_clock.advance(minutes=45)
        session = open_session(counter_number=1, lang=lang)
        session.staff = Staff.get_by_id("1001")
        window = CounterWindow(AppContext(session, TerminalConfig(lang=lang), str(db_path)))
        qtbot.addWidget(window)
        fit_to_screen(window, available=HALL_PC)
        window.show()
        qtbot.waitExposed(window)
        ops_done(qtbot)
        window.identify.query.setText(SHOWCASE_PHONE)
        window.identify.lookup()
        bills = window.findChild(QTableView, "customer_bills_table")
        qtbot.waitUntil(lambda: bills.model().rowCount() >= 6, timeout=15_000)
        ops_done(qtbot)
        QApplication.processEvents()
        rows = bills.model().rowCount()
        shown = sum(1 for r in range(rows) if bills.rowViewportPosition(r) >= 0 and
                    bills.rowViewportPosition(r) + bills.rowHeight(r) <= bills.viewport().height())
        assert shown >= 6, f"{shown} of {rows} bills show whole in {bills.viewport().height()} px"
        assert window.height() <= HALL_PC.height()  # and not by growing the window past the screen
        # The customer's tables are the one generic model, sound by Qt's own model tester.
        view = window.findChild(QWidget, "customerView")
        for model in (view.bills, view.services, view.orders, view.complaints, view.visits):
            qtmodeltester.check(model)
        assert bills.model().data(bills.model().index(0, 1), Qt.ItemDataRole.TextAlignmentRole) is not None
        waiting = window.findChild(QTableView, "queueWaiting")
        qtbot.waitUntil(lambda: waiting.model().rowCount() >= 2, timeout=15_000)  # those this counter calls
        QApplication.processEvents()
        assert waiting.isVisible()
        assert not waiting.horizontalScrollBar().isVisible(), (
            f"{waiting.horizontalHeader().length()} px of columns in {waiting.viewport().width()} px")
    finally:
        install_translations(QApplication.instance(), "en")


SCREENS = {"1366x768": HALL_PC, "1920x1080": QRect(0, 0, 1920, 1080 - 40)}


@pytest.fixture
def counter_at(demo_db, db_path, qtbot, frozen_clock):
    """The counter window as a clerk gets it: signed in through the sign-in window, in normal
    or training mode (the drill panel docked beside the page), fitted to a screen, with a
    customer who has bills, SP services, orders, visits and an open complaint."""
    from counter_app import training
    from counter_app.db import close_database, open_database
    from counter_app.models import Hall
    from counter_app.services import complaints
    from counter_app.services.training import prepare_copy
    from counter_app.ui.shell import Shell
    from counter_app.ui.training import marking
    from counter_app.ui.window_size import fit_to_screen as fit
    from tests.test_counter_window import find, sign_in

    app = QApplication.instance()
    marks = []
    made = []

    def make(lang: str, mode: str, screen: QRect):
        Hall.update(opens="00:00", closes="24:00").execute()
        account_id = Account.get(Account.phone == SHOWCASE_PHONE).id
        url = str(db_path)
        if mode == "training":  # the training copy (made-up customers), as a training process opens it
            copy = prepare_copy(url)
            close_database()
            training.activate()
            open_database(str(copy))
            marks.append(marking.install(app))
            url = str(copy)
        phone = Account.get_by_id(account_id).phone
        install_translations(app, lang)
        session = open_session(counter_number=1, lang=lang)
        session.staff = Staff.get_by_id("1001")
        complaints.open_complaint(session, account_id=account_id, category="billing",
                                  description="The October bill charged a data package twice.")
        shell = Shell(AppContext(open_session(counter_number=1, lang=lang), TerminalConfig(mode="counter", lang=lang),
                                 url), show=True)
        shell.start()
        window = sign_in(qtbot, shell, "1001")
        made.append(window)
        fit(window, screen.size(), available=screen)  # as a clerk maximises it
        qtbot.waitUntil(lambda: window.size().width() <= screen.width())
        find(qtbot, window, phone)
        QApplication.processEvents()
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


def right_edge_inside(table: QTableView) -> tuple[int, int]:
    """The right edge of the table's last column and of its viewport, in viewport pixels."""
    header = table.horizontalHeader()
    last = header.logicalIndex(header.count() - 1)
    return header.sectionViewportPosition(last) + header.sectionSize(last), table.viewport().width()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("mode", ["normal", "training"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_customer_page_never_scrolls_sideways(counter_at, qtbot, lang, mode, screen):
    """A clerk with a queue of thirty sees the customer at a glance: the page never scrolls
    sideways, every column of the bills shows, six bills whole, and the open complaints and
    recent visits are on the page (scrolled to if the screen is short)."""
    window = counter_at(lang, mode, SCREENS[screen])
    narrow = mode == "training" and screen == "1366x768"
    assert (mode == "training") == (window.findChild(QWidget, "trainingDock") is not None)
    assert window.frameGeometry().width() <= SCREENS[screen].width(), "the window is wider than the screen"
    page, view = window.customer_page, window.customer_view
    qtbot.waitUntil(lambda: view.complaints.rowCount() >= 1)
    QApplication.processEvents()
    assert window.tabs.currentWidget() is page
    assert not page.horizontalScrollBar().isVisible(), (
        f"the page is {view.width()} px wide in a {page.viewport().width()} px viewport "
        f"(its minimum {view.minimumSizeHint().width()} px)")
    assert view.width() <= page.viewport().width()
    for name in ("bills", "services", "orders", "complaints", "visits"):
        table = view.tables.tables[name]
        edge, width = right_edge_inside(table)
        assert edge <= width, f"{name}: the last column ends at {edge} px in a {width} px table"
        assert not table.horizontalScrollBar().isVisible()
        box = view.tables.boxes[name]
        left = box.mapTo(page.viewport(), box.rect().topLeft()).x()
        assert left >= 0 and left + box.width() <= page.viewport().width(), f"{name} sticks out sideways"
    bills = view.tables.tables["bills"]
    assert bills.model().rowCount() == 6
    assert all(bills.rowViewportPosition(r) + bills.rowHeight(r) <= bills.viewport().height() for r in range(6))
    for name in ("complaints", "visits"):  # reachable: scrolled to, the whole list shows
        box = view.tables.boxes[name]
        page.ensureWidgetVisible(box, 0, 0)
        QApplication.processEvents()
        top = box.mapTo(page.viewport(), box.rect().topLeft()).y()
        assert top >= 0 and top + box.height() <= page.viewport().height(), f"{name} cannot be scrolled to whole"
    assert view.tables.tables["complaints"].model().rowCount() >= 1
    if narrow:  # one column beside the drills: the visits are well below the first screen
        assert page.verticalScrollBar().value() > 0
    # The next customer is shown from the top of the page, wherever the last one was scrolled to.
    other = Account.select().where(Account.phone != view.view.phone).order_by(Account.phone).first().phone
    window.identify.query.setText(other)
    window.identify.lookup()
    qtbot.waitUntil(lambda: view.view is not None and view.view.phone == other, timeout=5000)
    assert page.verticalScrollBar().value() == 0
    window.tabs.setCurrentWidget(window.payment_panel)  # away and back: the arrangement stays
    QApplication.processEvents()
    window.tabs.setCurrentWidget(page)
    QApplication.processEvents()
    # Where the page is wide the lists stand side by side; beside the drills at 1366×768 they fold.
    assert view.tables.column_count == (1 if narrow else 2), (
        f"window {window.width()} queue {window.queue_panel.width()} tabs {window.tabs.width()} "
        f"dock {window.findChild(QWidget, 'trainingDock').width() if mode == 'training' else 0}; "
        f"{view.tables.width()} px for lists needing {view.tables.two_column_width()} px side by side: "
        + ", ".join(f"{n} {b.minimumSizeHint().width()}" for n, b in view.tables.boxes.items()))
