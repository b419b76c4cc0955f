"""A VIP club member takes a ticket at the kiosk: the manager's board and the counter that
serves VIP show the member at once (tier, member number, masked name), and the window asks
for attention; a counter that does not serve VIP is not disturbed; once the member is called
the alert goes. All in the full windows on one hall database, as on the hall's PCs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Customer, Staff
from counter_app.services import club, queue
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.manager.window import ManagerWindow
from tests.helpers import ops_done
from tests.test_kiosk import touch, type_on_keypad


def counter_window(db_path, number: int, staff_no: str):
    from counter_app.ui.counter.window import CounterWindow

    session = open_session(counter_number=number, lang="zh_CN")
    session.staff = Staff.get_by_id(staff_no)
    window = CounterWindow(AppContext(session, TerminalConfig(mode="counter", lang="zh_CN"), str(db_path)))
    window.show()
    return window


@pytest.fixture
def hall(demo_db, db_path, qtbot, frozen_clock, manager_session):
    install_translations(QApplication.instance(), "zh_CN")
    kiosk = KioskWindow(AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN"),
                                   str(db_path)))
    qtbot.addWidget(kiosk)
    kiosk.show()
    manager = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager", lang="zh_CN"), str(db_path)))
    qtbot.addWidget(manager)
    manager.show()
    vip_counter = counter_window(db_path, 2, "1001")  # counter 2 serves payment, general, VIP, green
    plain_counter = counter_window(db_path, 3, "1002")  # counter 3: new business and general
    qtbot.waitUntil(lambda: bool(kiosk.category_buttons))
    ops_done(qtbot)
    yield kiosk, manager, vip_counter, plain_counter
    manager.board.timer.stop()
    ops_done(qtbot)
    for window in (vip_counter, plain_counter):
        window._leaving = True
        window.close()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


def test_a_vip_ticket_from_the_kiosk_alerts_the_board_and_the_vip_counter(hall, qtbot):
    kiosk, manager, vip_counter, plain_counter = hall
    member = Customer.select().where(Customer.vip_member_no.is_null(False) & (Customer.vip_tier == "gold")) \
        .order_by(Customer.vip_member_no).first()
    board_alert, counter_alert = manager.board.vip_alert, vip_counter.queue_panel.vip_alert
    plain_alert = plain_counter.queue_panel.vip_alert
    assert not board_alert.isVisible() and not counter_alert.isVisible()
    arrived = []
    counter_alert.arrived.connect(arrived.append)

    touch(qtbot, kiosk, "category_vip")
    type_on_keypad(qtbot, kiosk, member.vip_member_no.removeprefix("VIP"))
    with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
        touch(qtbot, kiosk, "kioskTake")
    code = issued.args[0].code
    assert code.startswith("V")

    # The other PCs hear nothing from the kiosk: their next reading finds the member.
    qtbot.waitUntil(lambda: board_alert.isVisible() and code in board_alert.text(), timeout=15_000)
    qtbot.waitUntil(lambda: counter_alert.isVisible() and code in counter_alert.text(), timeout=15_000)
    gold = club.tier("gold", "zh_CN").name
    for alert in (board_alert, counter_alert):
        text = alert.text()
        assert "VIP会员等候" in text and gold in text and member.vip_member_no in text
        assert member.name not in text and member.name[0] in text  # masked over the clerk's shoulder
    assert [a.code for a in arrived[-1]] == [code]
    reads = plain_alert.reads
    qtbot.waitUntil(lambda: plain_alert.reads > reads, timeout=15_000)
    assert not plain_alert.isVisible() and plain_alert.arrivals == []

    # The VIP counter calls the member: the alert goes, on the board too.
    queue.call_next(vip_counter.ctx.session, 2)
    vip_counter.queue_panel.refresh()
    qtbot.waitUntil(lambda: not counter_alert.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: not board_alert.isVisible(), timeout=15_000)
