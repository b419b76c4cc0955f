"""One whole working day in the real windows on one hall database: customers take numbers at
the kiosk, the calling display calls them, two clerks one after the other serve at counter 2
of the same window (calls, identification, a plan change the customer signs, payments of every
method, an overpayment confirmed, a wrong payment reversed with the manager's password, a
complaint, the handovers), and the manager closes the day. No error dialog and no Qt warning
may appear (tests/conftest.py, setup.cfg); the settlement on screen and on paper equals the
sum of what was done."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import (
    Account,
    AuditEvent,
    DayClose,
    Payment,
    Rating,
    ServiceOrder,
    ShiftHandover,
    Ticket,
)
from counter_app.money import format_yuan
from counter_app.services import ledger, voice
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews, open_previews
from counter_app.ui.shell import Shell
from tests.helpers import ops_done, pdf_text
from tests.test_service_flow import STROKES

COUNTER = 2  # serves payment and general business


class Hall:
    """The hall's terminals, all on one database file."""

    def __init__(self, qtbot, db_path) -> None:
        self.qtbot = qtbot
        self.db = str(db_path)

    def ctx(self, mode: str, counter: int | None = None) -> AppContext:
        return AppContext(open_session(counter_number=counter, lang="zh_CN"), TerminalConfig(mode=mode, lang="zh_CN"),
                          self.db)


def keys(qtbot, *sequence) -> None:
    """Keys pressed on whatever has the focus, one after the other, as a clerk types them."""
    for key in sequence:
        if isinstance(key, tuple):
            key, modifier = key
        else:
            modifier = Qt.KeyboardModifier.NoModifier
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        qtbot.keyClick(target, key, modifier)
        ops_done(qtbot)


def type_into(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)
    ops_done(qtbot)


def sign_in(qtbot, shell: Shell, staff_no: str) -> QWidget:
    login = shell.window
    assert login.objectName() == "loginWindow"
    login.activateWindow()  # the clerk's PC: the kiosk and the display are other screens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is login)
    type_into(qtbot, login.staff_no, staff_no)
    keys(qtbot, Qt.Key.Key_Return)
    type_into(qtbot, login.password, "123456")
    keys(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window.objectName() != "loginWindow")
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ops_done(qtbot)
    return window


def back_to(qtbot, window) -> None:
    """A dialog closed: its window is active again (what the window manager does)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def take_number(qtbot, kiosk, category: str, phone: str) -> str:
    kiosk.category_buttons[category].click()
    for digit in phone:  # the customer taps the on-screen keypad
        kiosk.keypad.buttons[digit].click()
    kiosk.take_button.click()
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.result_page, timeout=10_000)
    code = kiosk.result_code.text()
    kiosk.go_home()
    return code


def close_preview(qtbot, kind: str) -> bytes:
    qtbot.waitUntil(lambda: any(d.kind == kind for d in open_previews()), timeout=15_000)
    preview = next(d for d in open_previews() if d.kind == kind)
    data = preview.pdf_bytes
    owner = preview.parentWidget().window() if preview.parentWidget() is not None else None
    preview.done(0)
    ops_done(qtbot)
    if owner is not None:  # what the window manager does when a dialog closes
        owner.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is owner)
    return data


def call_next(qtbot, window, display) -> str:
    """F1 at the counter; the wall display puts the number up and says it (on its own timer,
    or on the poll this asks for, whichever reads the call first)."""
    with qtbot.waitSignal(display.callShown, timeout=10_000) as shown:
        keys(qtbot, Qt.Key.Key_F1)
        display.poll()
    code = window.queue_panel.code.text()
    assert shown.args == [code, window.queue_panel.number]
    assert display.call_code.text() == code
    return code


def pay(qtbot, window, method_key: int, amount: str, *, tendered: str = "", reference: str = "") -> None:
    """A payment from the keyboard: the method's key, the amount, what was handed over or the
    slip's reference, Enter."""
    panel = window.payment_panel
    keys(qtbot, (method_key, Qt.KeyboardModifier.AltModifier))
    assert QApplication.focusWidget() is panel.amount
    panel.amount.selectAll()
    qtbot.keyClicks(panel.amount, amount)
    keys(qtbot, Qt.Key.Key_Return)
    field = panel.tendered if tendered else panel.reference
    qtbot.keyClicks(field, tendered or reference)
    keys(qtbot, Qt.Key.Key_Return)


def handover(qtbot, window) -> ShiftHandover:
    """Ctrl+H: the clerk counts the drawer (every cash and cross-city row of theirs today)."""
    keys(qtbot, (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
    dialog = window.payment_panel.dialog
    assert dialog.isVisible()
    staff_no = window.ctx.session.staff_no
    drawer = sum(p.amount_fen for p in Payment.select().where(
        (Payment.staff_no == staff_no) & Payment.method.in_(("cash", "remote"))))
    dialog.counted.setText(format_yuan(drawer))
    dialog.accept()
    ops_done(qtbot)
    back_to(qtbot, window)
    return ShiftHandover.get(ShiftHandover.staff_no == staff_no)


@pytest.mark.slow
def test_a_whole_working_day(demo_db, db_path, qtbot, frozen_clock):
    from counter_app.ui.display.window import DisplayWindow
    from counter_app.ui.kiosk.window import KioskWindow

    install_translations(QApplication.instance(), "zh_CN")
    hall = Hall(qtbot, db_path)
    frozen_clock.current = frozen_clock.current.replace(hour=9, minute=0)
    local = [a for a in Account.select().where(Account.home_city == "济南").order_by(Account.phone)
             if ledger.amount_due(a.id) >= 2000]
    payer, planner, complainer, afternoon = local[0], local[1], local[2], local[3]
    remote = next(a for a in Account.select().where(Account.home_city != "济南").order_by(Account.phone)
                  if ledger.amount_due(a.id) >= 3000)

    # -- 09:00 the hall opens: the kiosk and the wall display are on, customers take numbers.
    kiosk = KioskWindow(hall.ctx("kiosk"))
    heard = []
    display = DisplayWindow(hall.ctx("display"), announcer=voice.Announcer(["zh"], sink=lambda t, _l: heard.append(t)))
    for w in (kiosk, display):
        w.show()
    display.poll()
    qtbot.waitUntil(lambda: display.seen is not None)  # the display has read the queue once
    ops_done(qtbot)
    tickets = {}
    for who, category, line in (("payer", "payment", payer), ("planner", "general", planner),
                                ("remote", "payment", remote), ("complainer", "general", complainer)):
        frozen_clock.advance(minutes=1)
        tickets[who] = take_number(qtbot, kiosk, category, line.phone)
    assert tickets["payer"] == "A001" and tickets["planner"] == "B001"

    # -- 09:10 王芳 (1001) signs in at counter 2.
    frozen_clock.advance(minutes=6)
    shell = Shell(hall.ctx("counter", COUNTER), show=True)
    shell.start()
    window = sign_in(qtbot, shell, "1001")
    panel, flow = window.payment_panel, window.service_flow

    # A001: the payer, known from the kiosk; pays what is due in cash from a larger note, then
    # tops up 50 yuan by payment card, which is more than is due: asked, and confirmed.
    assert call_next(qtbot, window, display) == "A001"
    assert window.ctx.current_account == payer.id and heard[-1].startswith("请 A 零 零 一 号")
    due = ledger.amount_due(payer.id)
    keys(qtbot, (Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier))
    assert panel.amount.text() == format_yuan(due)
    keys(qtbot, Qt.Key.Key_Return)
    tendered = (due // 10_000 + 1) * 10_000
    qtbot.keyClicks(panel.tendered, format_yuan(tendered))
    keys(qtbot, Qt.Key.Key_Return)
    receipt = pdf_text(close_preview(qtbot, "receipt"))
    assert format_yuan(tendered - due) in receipt
    pay(qtbot, window, Qt.Key.Key_3, "50", reference="PC20261125001")
    question = panel.overpayment_question
    assert question is not None and question.isVisible() and "50.00" in question.text()
    question.button(question.StandardButton.Yes).click()
    ops_done(qtbot)
    close_preview(qtbot, "receipt")
    back_to(qtbot, window)
    assert ledger.amount_due(payer.id) == 0

    # B001: a plan change in a few keys, the customer signs, the slip is committed and rated.
    assert call_next(qtbot, window, display) == "B001"
    assert window.ctx.current_account == planner.id
    keys(qtbot, Qt.Key.Key_F9, "3", Qt.Key.Key_Down, Qt.Key.Key_Return)
    flow.signature.set_strokes(STROKES)
    assert flow.preview_message.text() == ""
    keys(qtbot, (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    qtbot.waitUntil(lambda: flow.order is not None)
    close_preview(qtbot, "slip")
    flow.done_page.setFocus()
    keys(qtbot, "5")
    order = ServiceOrder.get()
    assert order.business_code == "plan_change" and Rating.get(Rating.order_id == order.id).score == 5

    # A002: a number of another city pays cross-city.
    assert call_next(qtbot, window, display) == tickets["remote"]
    qtbot.waitUntil(lambda: panel.payee_info is not None and panel.payee_info.account_id == remote.id)
    pay(qtbot, window, Qt.Key.Key_4, "30", tendered="30")
    close_preview(qtbot, "receipt")

    # B002: a complaint about SP charges, and a bank-card payment keyed wrong (200 for 20):
    # 王芳 may not reverse, so the manager types her own password at this counter.
    assert call_next(qtbot, window, display) == tickets["complainer"]
    keys(qtbot, (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier))
    intake = window.complaints_panel.dialog
    intake.category.setCurrentIndex(intake.category.findData("sp_charge"))
    intake.description.setPlainText("手机报没订购却扣费")
    intake.submit()
    ops_done(qtbot)
    back_to(qtbot, window)
    assert window.complaints_panel.model.rows[0].category == "sp_charge"
    pay(qtbot, window, Qt.Key.Key_2, "200", reference="88001234")
    if panel.overpayment_question is not None and panel.overpayment_question.isVisible():
        panel.overpayment_question.button(panel.overpayment_question.StandardButton.Yes).click()
        ops_done(qtbot)
    close_preview(qtbot, "receipt")
    wrong = Payment.get((Payment.phone == complainer.phone) & (Payment.method == "pos"))
    keys(qtbot, (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier))
    reversal = panel.dialog
    qtbot.waitUntil(lambda: reversal.model.rowCount() >= 1)
    assert reversal.authoriser.isVisible()
    reversal.reason.setText("金额输错")
    reversal.authoriser_no.setText("2001")
    reversal.password.setText("123456")
    reversal.reverse_button.click()
    ops_done(qtbot)
    close_preview(qtbot, "receipt")
    back_to(qtbot, window)
    event = AuditEvent.get(AuditEvent.action == "payment.reverse")
    assert (event.detail["clerk"], event.detail["authoriser"]) == ("1001", "2001")
    assert event.target == Payment.get(Payment.reverses_id == wrong.id).receipt_no
    pay(qtbot, window, Qt.Key.Key_2, "20", reference="88001235")
    close_preview(qtbot, "receipt")
    keys(qtbot, Qt.Key.Key_F5)
    assert Ticket.get(Ticket.code == tickets["complainer"]).status == "done"

    # 12:00 王芳 hands over her drawer and signs out; 刘洋 (1004) signs in to the same window.
    frozen_clock.current = frozen_clock.current.replace(hour=12, minute=0)
    first_handover = handover(qtbot, window)
    assert first_handover.counted_cash_fen == first_handover.expected_cash_fen
    keys(qtbot, (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    qtbot.waitUntil(lambda: shell.window.objectName() == "loginWindow")
    frozen_clock.advance(minutes=5)
    tickets["afternoon"] = take_number(qtbot, kiosk, "payment", afternoon.phone)
    window = sign_in(qtbot, shell, "1004")
    panel = window.payment_panel
    assert call_next(qtbot, window, display) == tickets["afternoon"]
    assert window.ctx.current_account == afternoon.id and window.identify.query.text() == ""
    pay(qtbot, window, Qt.Key.Key_1, "20", tendered="20")
    close_preview(qtbot, "receipt")
    keys(qtbot, Qt.Key.Key_F5)
    frozen_clock.current = frozen_clock.current.replace(hour=17, minute=55)
    second_handover = handover(qtbot, window)
    assert second_handover.counted_cash_fen == second_handover.expected_cash_fen
    keys(qtbot, (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    qtbot.waitUntil(lambda: shell.window.objectName() == "loginWindow")

    # -- 18:10 the hall has closed: the manager closes the day and prints the settlement.
    frozen_clock.current = frozen_clock.current.replace(hour=18, minute=10)
    manager_shell = Shell(hall.ctx("manager", 6), show=True)
    manager_shell.start()
    manager = sign_in(qtbot, manager_shell, "2001")
    tab = manager.settlement
    manager.tabs.setCurrentWidget(tab)
    tab.refresh()
    ops_done(qtbot)
    qtbot.waitUntil(lambda: tab.data is not None)
    day = frozen_clock.current.date()
    rows = list(Payment.select().where(Payment.business_date == day))
    taken = sum(p.amount_fen for p in rows if p.kind in ("payment", "fee"))
    reversed_fen = sum(p.amount_fen for p in rows if p.kind == "reversal")
    assert tab.data.takings.amount_fen == taken and tab.data.reversals.amount_fen == reversed_fen == -20_000
    assert tab.data.net_fen == taken + reversed_fen
    for method in ("cash", "pos", "card", "remote"):
        assert tab.data.by_method[method].amount_fen == sum(p.amount_fen for p in rows if p.method == method), method
    # Both clerks handed over and the hall has closed: the question carries no warning.
    questions = []

    def answer_when_asked() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "closeDayConfirm"
                    and w.isVisible()), None)
        if box is not None:
            questions.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
            asker.stop()

    asker = QTimer()
    asker.timeout.connect(answer_when_asked)
    asker.start(50)
    tab.close_button.click()
    qtbot.waitUntil(lambda: DayClose.select().exists(), timeout=15_000)
    asker.stop()
    ops_done(qtbot)
    assert len(questions) == 1 and "日结前" not in questions[0]
    tab.print_sheet()
    sheet = pdf_text(close_preview(qtbot, "settlement"))
    net = re.search(r"净收款\s*([-\d.,]+)", sheet).group(1)
    assert net.replace(",", "") == format_yuan(taken + reversed_fen).replace(",", "")
    assert DayClose.get().totals["net_fen"] == taken + reversed_fen

    # The daily summary counts the same day: its money is the settlement's, and its customers,
    # businesses, complaints and ratings are what the counter did.
    from counter_app.services.reports import daily_summary

    summary = daily_summary(manager.ctx.session, day)
    assert summary.settled and summary.settlement.net_fen == taken + reversed_fen
    assert summary.total.issued == len(tickets) == 5
    assert {b.code: b.count for b in summary.businesses}.get("plan_change") == 1
    assert summary.complaints_opened == 1 and summary.ratings.get(5) == 1

    close_previews()
    for w in (kiosk, display):
        w.close()
    install_translations(QApplication.instance(), "en")
