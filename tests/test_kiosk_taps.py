"""The kiosk's first tap after 完成 was once lost. Why: the result page leaves by itself (after
20 s) and appears by itself (when the number is issued), and a tap already on its way lands on
the page that replaced it. Done's place on the start page is the 业务指南 button: a tap meant
for Done opened the service guide, and the next tap, meant for a service, fell on the guide.
A page that changes without a touch now lets the taps of its first moments go."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.config import TerminalConfig
from counter_app.models import Ticket
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk import window as kiosk_window
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done


@pytest.fixture
def kiosk(demo_db, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    ctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN"), str(db_path))
    window = KioskWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: bool(window.category_buttons))
    ops_done(qtbot)
    yield window
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def button(window: KioskWindow, name: str) -> QPushButton:
    found = window.stack.currentWidget().findChild(QPushButton, name)
    assert found is not None, name
    return found


def tap_at(qtbot, window: KioskWindow, where: QPoint) -> None:
    """A finger on the screen at ``where`` (window coordinates): whatever is there now gets it."""
    target = window.childAt(where)
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, where))
    ops_done(qtbot)


def centre(window: KioskWindow, widget: QPushButton) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def take_a_number(qtbot, kiosk: KioskWindow) -> QPoint:
    """Payment, Skip; returns where the Take button was."""
    qtbot.mouseClick(kiosk.category_buttons["payment"], Qt.MouseButton.LeftButton)
    take = button(kiosk, "kioskTake")
    where = centre(kiosk, take)
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000):
        qtbot.mouseClick(button(kiosk, "kioskSkip"), Qt.MouseButton.LeftButton)
    return where


def test_a_tap_meant_for_done_as_the_result_page_leaves_by_itself_opens_nothing(kiosk, qtbot):
    take_a_number(qtbot, kiosk)
    done = centre(kiosk, button(kiosk, "kioskDone"))
    kiosk.taps_from = 0.0  # the customer has read their number
    kiosk.idle.timeout.emit()  # 20 s: the result page leaves by itself ...
    assert kiosk.stack.currentWidget() is kiosk.start_page
    assert kiosk.childAt(done).objectName() == "kioskGuide"  # ... and Done's place is the guide's
    tap_at(qtbot, kiosk, done)  # the finger was already on its way to Done
    assert kiosk.stack.currentWidget() is kiosk.start_page  # not the guide
    qtbot.waitUntil(lambda: time.monotonic() >= kiosk.taps_from, timeout=5000)
    qtbot.mouseClick(kiosk.category_buttons["general"], Qt.MouseButton.LeftButton)
    assert kiosk.stack.currentWidget() is kiosk.details_page  # the next customer's first tap counts


def test_an_impatient_second_tap_on_take_does_not_dismiss_the_number(kiosk, qtbot):
    where = take_a_number(qtbot, kiosk)
    assert kiosk.stack.currentWidget() is kiosk.result_page
    assert kiosk.childAt(where).objectName() == "kioskDone"  # Take's place is Done's
    tap_at(qtbot, kiosk, where)
    assert kiosk.stack.currentWidget() is kiosk.result_page and kiosk.result_code.text() == "A001"
    qtbot.waitUntil(lambda: time.monotonic() >= kiosk.taps_from, timeout=5000)
    qtbot.mouseClick(button(kiosk, "kioskDone"), Qt.MouseButton.LeftButton)  # read, then Done
    assert kiosk.stack.currentWidget() is kiosk.start_page
    assert Ticket.select().count() == 1


def test_taps_the_customer_makes_on_a_page_they_opened_are_never_held_back(kiosk, qtbot):
    qtbot.mouseClick(kiosk.category_buttons["general"], Qt.MouseButton.LeftButton)
    for digit in "138":  # straight after the page they asked for
        qtbot.mouseClick(kiosk.keypad.buttons[digit], Qt.MouseButton.LeftButton)
    assert kiosk.entry.text() == "138"
    assert kiosk_window.TAP_GUARD_S < 1 and kiosk_window.IDLE_GUARD_S < 2  # a person's next tap takes longer
