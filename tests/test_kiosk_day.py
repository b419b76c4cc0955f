"""The kiosk through a whole day: a mistyped member number, the hall closing its day (日结)
while the kiosk is up, a VIP ticket while no counter serves the VIP club, and the keys a
keyboard gives the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.documents.ticket import render_ticket
from counter_app.models import Customer, Staff, Ticket
from counter_app.services import queue, settlement
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import pdf_text
from tests.test_kiosk import touch, type_on_keypad


@pytest.fixture(params=["zh_CN"])
def kiosk(request, demo_db, db_path, qtbot, frozen_clock):
    lang = install_translations(QApplication.instance(), request.param)
    ctx = AppContext(open_session(lang=lang), TerminalConfig(mode="kiosk", lang=lang, kiosk_idle_s=60), str(db_path))
    window = KioskWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.status is not None and bool(window.category_buttons))
    yield window
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def clerk(staff_no: str, counter: int):
    s = open_session(counter_number=counter)
    s.staff = Staff.get_by_id(staff_no)
    return s


def test_a_mistyped_member_number_is_replaced_by_the_next_taps_and_the_keypad_stays_put(kiosk, qtbot):
    member = Customer.select().where(Customer.vip_member_no.is_null(False)).order_by(Customer.vip_member_no).first()
    touch(qtbot, kiosk, "category_vip")
    keypad_at = kiosk.keypad.geometry()
    type_on_keypad(qtbot, kiosk, "999999")
    touch(qtbot, kiosk, "kioskTake")
    qtbot.waitUntil(lambda: kiosk.details_error.text() != "", timeout=5000)
    assert "VIP999999" in kiosk.details_error.text()
    assert kiosk.keypad.geometry() == keypad_at  # the message did not push the keys down
    # The customer simply types the right number: the wrong one goes at the first tap.
    type_on_keypad(qtbot, kiosk, member.vip_member_no.removeprefix("VIP"))
    assert kiosk.entry.text() == member.vip_member_no.removeprefix("VIP")
    assert kiosk.details_error.text() == ""
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
        touch(qtbot, kiosk, "kioskTake")
    assert issued.args[0].customer_id == member.id


def test_after_the_day_is_closed_the_kiosk_says_so_in_a_customers_words(kiosk, qtbot, frozen_clock):
    assert kiosk.stack.currentWidget() is kiosk.start_page
    touch(qtbot, kiosk, "category_payment")  # a customer is typing a number as the manager closes
    manager = clerk("2001", 6)
    settlement.close_day(manager, frozen_clock.current.date())
    touch(qtbot, kiosk, "kioskSkip")
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.closed_page, timeout=5000)
    shown = kiosk.closed_title.text() + kiosk.closed_hours.text()
    assert "今日营业已结束" in shown and "08:30" in shown
    assert "日结" not in shown and "(" not in shown
    assert Ticket.select().count() == 0
    # The next customer finds the closed page at once, not a start page that refuses later.
    kiosk.go_home()
    qtbot.waitUntil(lambda: not kiosk.checking)
    assert kiosk.stack.currentWidget() is kiosk.closed_page


def test_the_start_page_closes_by_itself_when_the_day_is_closed(kiosk, qtbot, frozen_clock):
    settlement.close_day(clerk("2001", 6), frozen_clock.current.date())
    kiosk.hours.timeout.emit()  # the kiosk's regular look
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.closed_page, timeout=5000)
    assert "今日营业已结束" in kiosk.closed_title.text()


def test_a_vip_ticket_while_no_counter_serves_the_club_promises_no_minutes(kiosk, qtbot, frozen_clock):
    member = Customer.select().where(Customer.vip_member_no.is_null(False)).order_by(Customer.vip_member_no).first()
    # Counter 1 (payments) is open; the VIP counter is not.
    queue.resume(clerk("1001", 1), 1)
    other = open_session()
    queue.take_ticket(other, "vip", member_no=member.vip_member_no)
    kiosk.refresh_counts()
    qtbot.waitUntil(lambda: "暂无窗口" in kiosk.category_buttons["vip"].text(), timeout=5000)
    touch(qtbot, kiosk, "category_vip")
    type_on_keypad(qtbot, kiosk, member.vip_member_no.removeprefix("VIP"))
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
        touch(qtbot, kiosk, "kioskTake")
    ticket = issued.args[0]
    assert ticket.est_wait_min == queue.NO_COUNTER_NOW
    assert "暂无窗口" in kiosk.result_wait.text() and "分钟" not in kiosk.result_wait.text()
    printed = pdf_text(render_ticket(queue.ticket_data(ticket)))
    assert "暂无窗口办理" in printed and "预计等待" not in printed
    # Once a counter serving the club opens, the next member is told minutes again.
    queue.resume(clerk("1004", 2), 2)
    third = queue.take_ticket(other, "vip", member_no=member.vip_member_no)
    assert third.est_wait_min >= 0


def test_keys_enter_takes_the_number_and_escape_goes_back(kiosk, qtbot):
    touch(qtbot, kiosk, "category_general")
    assert kiosk.entry.hasFocus() or QApplication.focusWidget() is None  # offscreen: no active window
    kiosk.entry.setFocus()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    touch(qtbot, kiosk, "category_general")
    qtbot.keyClicks(kiosk.entry, "abc")  # a keyboard cannot put letters in a phone number
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000):
        qtbot.keyClick(kiosk.entry, Qt.Key.Key_Return)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    touch(qtbot, kiosk, "kioskBill")
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    touch(qtbot, kiosk, "kioskStaff")
    qtbot.keyClicks(kiosk.pin, "8888")
    with qtbot.waitSignal(kiosk.leaveRequested, timeout=10_000):
        qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
