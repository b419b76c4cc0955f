"""The bill on screen at the counter and the kiosk: the same figures as the printed bill."""

from __future__ import annotations

import pytest

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Bill, BillItem
from counter_app.money import format_yuan
from counter_app.services import statements
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.service_data import verify
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


@pytest.fixture
def ctx(session, db_path):
    return AppContext(session, TerminalConfig(), str(db_path))


def billed_account() -> Account:
    bill = Bill.select().join(BillItem).where(BillItem.group == "sp").order_by(Bill.period.desc()).first()
    return Account.get_by_id(bill.account_id)


def test_the_counter_shows_the_bill_then_the_audited_records_and_prints(ctx, qtbot, qtmodeltester):
    from counter_app.ui.counter.statement_panel import StatementPanel
    from counter_app.ui.printing import open_previews

    panel = StatementPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    account = billed_account()
    ctx.select_customer(account.id)
    qtbot.waitUntil(lambda: panel.month.count() == 6)
    panel.show_bill()
    qtbot.waitUntil(lambda: panel.bill_view.data is not None)
    data = statements.bill_data(ctx.session, account.phone, panel.month.currentText())
    text = panel.bill_view.toPlainText()
    assert format_yuan(data.due_fen) in text and data.header.masked_id in text
    assert all(format_yuan(line.amount_fen) in text for g in data.groups for line in g.lines)

    verify(ctx.session, account)  # the subscriber showed their ID card (the dialog's own tests: tests/regulatory)
    panel.show_records()
    qtbot.waitUntil(lambda: panel.records_model.rowCount() > 0)
    qtmodeltester.check(panel.records_model)
    assert AuditEvent.select().where(AuditEvent.action == "records.view").count() == 1
    assert format_yuan(data.usage_fen("VOICE_LOCAL")) in panel.records_totals.text()

    panel.print_current()
    qtbot.waitUntil(lambda: len(open_previews()) == 1, timeout=15_000)
    preview = open_previews()[0]
    assert preview.kind == "records" and preview.page_count >= 1
    preview.done(0)
    wait_for_tasks()


def test_the_kiosk_shows_the_same_bill_after_number_and_password_and_forgets_it(ctx, qtbot):
    from counter_app.ui.kiosk.bill_view import KioskBillView

    view = KioskBillView(ctx)
    qtbot.addWidget(view)
    view.show()
    account = billed_account()
    qtbot.keyClicks(view.phone, account.phone)
    qtbot.keyClicks(view.password, "000000")
    view.look_up()
    qtbot.waitUntil(lambda: bool(view.message.text()))
    assert view.bill_view.data is None
    qtbot.keyClicks(view.password, "123456")
    view.look_up()
    qtbot.waitUntil(lambda: view.bill_view.data is not None)
    latest = Bill.select().where(Bill.account == account).order_by(Bill.period.desc()).first()
    counter = statements.bill_data(ctx.session, account.phone, latest.period)
    shown = view.bill_view.data
    assert (shown.groups, shown.total_fen, shown.due_fen) == (counter.groups, counter.total_fen, counter.due_fen)
    assert format_yuan(counter.due_fen) in view.bill_view.toPlainText()
    qtbot.waitUntil(lambda: view.month.count() == 6)
    with qtbot.waitSignal(view.closed):
        view.idle.setInterval(10)
        view.idle.start()
    assert view.bill_view.data is None and view.phone.text() == ""
    wait_for_tasks()


def test_a_customer_without_a_keyboard_reaches_the_bill_by_touching_the_keypad(ctx, qtbot):
    from PySide6.QtCore import Qt

    from counter_app.ui.kiosk.bill_view import PAGE_BILL, KioskBillView

    view = KioskBillView(ctx)
    qtbot.addWidget(view)
    view.show()
    account = billed_account()
    touch = lambda key: qtbot.mouseClick(view.keypad.buttons[key], Qt.MouseButton.LeftButton)  # noqa: E731
    for digit in "139":  # a slip of the finger, corrected with backspace and clear
        touch(digit)
    touch("back")
    assert view.phone.text() == "13"
    touch("clear")
    for digit in account.phone:  # eleven digits, then the keypad moves on to the password
        touch(digit)
    for digit in "1234567":  # the password takes six digits, a seventh touch changes nothing
        touch(digit)
    assert (view.phone.text(), view.password.text()) == (account.phone, "123456")
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == PAGE_BILL and view.bill_view.data is not None)
    view.finish()
    assert view.keypad.target is view.phone and view.phone.text() == ""
    wait_for_tasks()


def test_the_fee_standards_are_one_touch_away_on_the_kiosk(ctx, qtbot):
    from counter_app.ui.kiosk.bill_view import PAGE_FEES, KioskBillView

    view = KioskBillView(ctx)
    qtbot.addWidget(view)
    view.fees_button.click()
    qtbot.waitUntil(lambda: view.pages.currentIndex() == PAGE_FEES)
    assert "20.00" in view.fees_view.toPlainText()
    wait_for_tasks()
