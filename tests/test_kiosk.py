"""The kiosk through its real widgets: a customer touches a service, types a phone number
on the on-screen keypad, and gets a number; an idle kiosk goes back to its start page;
leaving kiosk mode needs the manager PIN; a closed hall issues nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Customer, Ticket
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.worker import wait_for_tasks


@pytest.fixture
def kiosk(demo_db, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    ctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN", kiosk_idle_s=5),
                     str(db_path))
    window = KioskWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.category_buttons))  # the services are read in a worker
    yield window
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def touch(qtbot, window, name: str) -> None:
    from PySide6.QtWidgets import QPushButton

    button = window.stack.currentWidget().findChild(QPushButton, name)
    assert button is not None, name
    # A button added to a page already on screen is shown at the next turn of the event loop,
    # as a customer sees it appear: wait for it as they would, briefly.
    qtbot.waitUntil(button.isVisible, timeout=2000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_on_keypad(qtbot, window, digits: str) -> None:
    for digit in digits:
        touch(qtbot, window, f"key_{digit}")


def test_a_customer_takes_a_payment_number_with_a_phone_number_from_the_touch_keypad(kiosk, qtbot):
    account = Account.select().order_by(Account.phone).first()
    assert kiosk.stack.currentWidget() is kiosk.start_page
    assert kiosk.category_buttons["payment"].text().startswith("A  缴费")
    touch(qtbot, kiosk, "category_payment")
    assert kiosk.stack.currentWidget() is kiosk.details_page
    type_on_keypad(qtbot, kiosk, account.phone + "9")  # one digit too many is not taken
    assert kiosk.entry.text() == account.phone
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
        touch(qtbot, kiosk, "kioskTake")
        touch(qtbot, kiosk, "kioskTake")  # an impatient second tap
    ticket = issued.args[0]
    assert kiosk.result_code.text() == "A001" == ticket.code
    assert "前面" in kiosk.result_wait.text() and "分钟" in kiosk.result_wait.text()
    assert Ticket.select().count() == 1
    stored = Ticket.get()
    assert stored.phone == account.phone and stored.customer_id == account.customer_id
    # no printer on this machine: the PDF is kept and the kiosk says so
    assert not kiosk.last_outcome.printed and kiosk.last_outcome.kept.read_bytes().startswith(b"%PDF")
    assert "打印机" in kiosk.result_print.text() and "A001" in kiosk.result_print.text()


def test_a_wrong_phone_number_is_explained_and_nothing_is_issued(kiosk, qtbot):
    touch(qtbot, kiosk, "category_general")
    type_on_keypad(qtbot, kiosk, "12345")
    touch(qtbot, kiosk, "kioskTake")
    qtbot.waitUntil(lambda: kiosk.details_error.text() != "", timeout=5000)
    assert "11" in kiosk.details_error.text()
    assert Ticket.select().count() == 0
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000):
        touch(qtbot, kiosk, "kioskSkip")
    assert kiosk.result_code.text() == "B001"


def test_a_vip_member_enters_the_member_number(kiosk, qtbot):
    member = Customer.select().where(Customer.vip_member_no.is_null(False)).order_by(Customer.vip_member_no).first()
    touch(qtbot, kiosk, "category_vip")
    assert not kiosk.skip_button.isVisible() and kiosk.member_prefix.text() == "VIP"
    type_on_keypad(qtbot, kiosk, member.vip_member_no.removeprefix("VIP"))
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
        touch(qtbot, kiosk, "kioskTake")
    assert issued.args[0].code == "V001" and issued.args[0].customer_id == member.id


def test_the_language_button_switches_to_english_and_an_idle_kiosk_returns_in_chinese(kiosk, qtbot):
    touch(qtbot, kiosk, "kioskLanguage")
    assert kiosk.category_buttons["payment"].text() == "A  Payment"
    assert kiosk.bill_button.text() == "My bill"
    touch(qtbot, kiosk, "category_plan")
    assert kiosk.idle.isActive()
    kiosk.idle.timeout.emit()  # the configured idle time passed
    assert kiosk.stack.currentWidget() is kiosk.start_page
    assert kiosk.category_buttons["payment"].text().startswith("A  缴费")


def test_my_bill_opens_the_bill_view_and_back_returns(kiosk, qtbot):
    from counter_app.ui.kiosk.bill_view import KioskBillView

    touch(qtbot, kiosk, "kioskBill")
    assert kiosk.stack.currentWidget() is kiosk.bill_page
    assert isinstance(kiosk.bill_view, KioskBillView)
    touch(qtbot, kiosk, "kioskBillBack")
    assert kiosk.stack.currentWidget() is kiosk.start_page


def test_leaving_kiosk_mode_needs_the_manager_pin(kiosk, qtbot):
    touch(qtbot, kiosk, "kioskStaff")
    type_on_keypad(qtbot, kiosk, "1234")
    touch(qtbot, kiosk, "kioskPinOk")
    qtbot.waitUntil(lambda: kiosk.pin_error.text() != "", timeout=10_000)
    assert kiosk.isVisible() and kiosk.pin.text() == ""
    type_on_keypad(qtbot, kiosk, "8888")
    with qtbot.waitSignal(kiosk.leaveRequested, timeout=10_000):
        touch(qtbot, kiosk, "kioskPinOk")
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("kiosk."))]
    assert sorted(actions) == ["kiosk.exit", "kiosk.exit_refused"]


def test_outside_opening_hours_the_kiosk_says_the_hall_is_closed(demo_db, db_path, qtbot, frozen_clock):
    frozen_clock.current = dt.datetime(2026, 11, 25, 19, 30)
    ctx = AppContext(open_session(lang="en"), TerminalConfig(mode="kiosk", lang="en"), str(db_path))
    window = KioskWindow(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.closed_page)
    assert "08:30–18:00" in window.findChild(type(window.result_wait), "kioskClosedHours").text()
    frozen_clock.current = dt.datetime(2026, 11, 26, 8, 30)
    window.hours.timeout.emit()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.start_page)


def test_the_start_page_shows_how_many_wait_for_each_service(kiosk, qtbot):
    from counter_app.services import queue

    qtbot.waitUntil(lambda: kiosk.category_buttons["payment"].text() == "A  缴费\n0 人等候", timeout=5000)
    other_kiosk = open_session()
    queue.take_ticket(other_kiosk, "payment")
    queue.take_ticket(other_kiosk, "payment")
    queue.take_ticket(other_kiosk, "plan")
    kiosk.refresh_counts()  # what the five-second timer does
    qtbot.waitUntil(lambda: "\n2 人等候 · 约 " in kiosk.category_buttons["payment"].text(), timeout=5000)
    assert kiosk.category_buttons["plan"].text().startswith("D  套餐咨询\n1 人等候 · 约 ")
    assert kiosk.category_buttons["general"].text().endswith("\n0 人等候")
    # The wait the button shows is the one the next ticket prints.
    shown = int(kiosk.category_buttons["payment"].text().split("约 ")[1].split(" ")[0])
    ticket = queue.take_ticket(other_kiosk, "payment")
    assert (ticket.ahead_at_issue, ticket.est_wait_min) == (2, shown) and shown > 0
