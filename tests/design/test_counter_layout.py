"""The counter window on a hall PC's 1366×768 screen, with a customer at the counter: the six
last bills show whole (the clerk reads them to the customer), and the queue's waiting table
fits its panel without scrolling sideways, in Chinese and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import Staff
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
