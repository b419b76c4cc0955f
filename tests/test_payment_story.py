"""A day at the counter, end to end through the real windows: a cash payment with change and
its reversal, bill, records and receipt printed, the kiosk showing the same bill, the manager
closing the day with a settlement sheet whose totals match."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Bill, DayClose, Payment, Staff
from counter_app.money import format_yuan
from counter_app.services import settlement, statements
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done, pdf_text
from tests.service_data import verify
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def latest_preview(qtbot, kind: str):
    from counter_app.ui.printing import open_previews

    qtbot.waitUntil(lambda: any(d.kind == kind for d in open_previews()), timeout=20_000)
    return next(d for d in open_previews() if d.kind == kind)


def test_a_day_at_the_counter(demo_db, db_path, frozen_clock, qtbot, tmp_path):
    from counter_app.ui.counter.window import CounterWindow
    from counter_app.ui.kiosk.bill_view import KioskBillView
    from counter_app.ui.manager.settlement_tab import SettlementTab

    clerk = open_session(counter_number=2)
    clerk.staff = Staff.get_by_id("1004")  # 刘洋, on the reversal list
    ctx = AppContext(clerk, TerminalConfig(), str(db_path))
    window = CounterWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    from counter_app.services.ledger import amount_due

    bill = next(b for b in Bill.select().join(Account).where(Account.home_city == "济南").order_by(Bill.period.desc())
                if amount_due(b.account_id) >= 8800)  # no overpayment question in this story
    account = Account.get_by_id(bill.account_id)

    # The clerk finds the customer and takes 50 yuan from a 100 note.
    qtbot.keyClicks(window.identify.query, account.phone)
    qtbot.keyClick(window.identify.query, Qt.Key.Key_Return)
    panel = window.payment_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.payee_info is not None)
    qtbot.keyClicks(panel.amount, "50")
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.tendered, "100")
    qtbot.keyClick(panel.tendered, Qt.Key.Key_Return)
    receipt = latest_preview(qtbot, "receipt")
    assert receipt.print_to(pdf_printer(tmp_path / "receipt.pdf")) == 1
    on_paper = pdf_text(receipt.pdf_bytes)
    assert "实收" in on_paper and "100.00" in on_paper and "找零" in on_paper
    receipt.done(0)
    paid = Payment.get(Payment.kind == "payment")
    assert (paid.amount_fen, paid.change_fen) == (5000, 5000)

    # The customer changes their mind: the payment is reversed with a reason.
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    panel.reverse_selected()  # Ctrl+R
    qtbot.waitUntil(lambda: panel.dialog.model.rowCount() == 1)
    panel.dialog.reason.setText("客户改用银行卡")
    panel.dialog.reverse_button.click()
    latest_preview(qtbot, "receipt").done(0)
    assert Payment.get(Payment.kind == "reversal").amount_fen == -5000
    panel.set_method("pos")
    panel.amount.setText("88.00")
    panel.reference.setText("20261125888")
    panel.pay()
    latest_preview(qtbot, "receipt").done(0)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)

    # Bill and detailed records, printed through the preview.
    statement = window.statement_panel
    window.tabs.setCurrentWidget(statement)
    qtbot.waitUntil(lambda: statement.month.count() > 0)
    statement.month.setCurrentText(bill.period)
    statement.show_bill()
    qtbot.waitUntil(lambda: statement.bill_view.data is not None)
    statement.print_current()
    printed_bill = latest_preview(qtbot, "bill")
    bill_file = printed_bill.save_to(tmp_path / "bill.pdf")
    ops_done(qtbot)  # the file and its print event are written on a worker
    printed_bill.done(0)
    verify(ctx.session, account)  # the subscriber showed their ID card before the detailed records
    statement.show_records()
    qtbot.waitUntil(lambda: statement.records_model.rowCount() > 0)
    statement.print_current()
    records = latest_preview(qtbot, "records")
    records.print_to(pdf_printer(tmp_path / "records.pdf"))
    records.done(0)
    actions = {e.action for e in AuditEvent.select()}
    assert {"records.view", "records.print", "print", "payment.reverse"} <= actions

    # The kiosk shows the same figures as the printed bill.
    kiosk = KioskBillView(AppContext(open_session(), TerminalConfig(mode="kiosk"), str(db_path)))
    qtbot.addWidget(kiosk)
    kiosk.phone.setText(account.phone)
    kiosk.password.setText("123456")
    kiosk.look_up()
    qtbot.waitUntil(lambda: kiosk.bill_view.data is not None)
    printed = pdf_text(bill_file.read_bytes())
    shown = kiosk.bill_view.data
    assert shown.header.period == bill.period
    assert re.search(r"当前应缴\s*([-\d.,]+)", printed).group(1) == format_yuan(shown.due_fen)
    assert statement.bill_view.data.groups == shown.groups

    # The manager closes the day and prints the settlement sheet.
    manager = open_session(counter_number=6)
    manager.staff = Staff.get_by_id("2001")
    mctx = AppContext(manager, TerminalConfig(mode="manager"), str(db_path))
    tab = SettlementTab(mctx)
    qtbot.addWidget(tab)
    tab.show()  # a tab reads its figures when it is shown
    qtbot.waitUntil(lambda: tab.data is not None)
    tab.close_day(confirmed=True)
    qtbot.waitUntil(lambda: DayClose.select().exists())
    tab.print_sheet()
    settle = latest_preview(qtbot, "settlement")
    text = pdf_text(settle.pdf_bytes)
    settle.done(0)
    data = settlement.settlement(manager, frozen_clock.current.date())
    assert data.net_fen == 8800 == DayClose.get().totals["net_fen"]
    assert re.search(r"净收款\s*([-\d.,]+)", text).group(1) == "88.00"
    assert "已日结" in text and "冲正" in text
    wait_for_tasks()
    assert statements.bill_data(clerk, account.phone, bill.period).due_fen == shown.due_fen
