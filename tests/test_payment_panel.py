"""The clerk's payment panel, driven from the keyboard as a clerk would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.models import Account, Payment, Staff
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


@pytest.fixture
def ctx(session, db_path, frozen_clock):
    return AppContext(session, TerminalConfig(), str(db_path))


@pytest.fixture
def panel(ctx, qtbot):
    from counter_app.ui.counter.payment_panel import PaymentPanel

    widget = PaymentPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    yield widget


def select(ctx, panel, qtbot, account: Account) -> None:
    ctx.select_customer(account.id)
    qtbot.waitUntil(lambda: panel.payee_info is not None and panel.payee_info.account_id == account.id)


def owing(at_least_fen: int) -> Account:
    """A Jinan number that owes at least this much."""
    from counter_app.services.ledger import amount_due

    return next(a for a in Account.select().where(Account.home_city == "济南").order_by(Account.phone)
                if amount_due(a.id) >= at_least_fen)


def test_a_cash_payment_with_change_from_the_keyboard_pays_once_and_opens_the_receipt(ctx, panel, qtbot,
                                                                                     qtmodeltester):
    from counter_app.ui.printing import open_previews

    account = owing(5000)
    select(ctx, panel, qtbot, account)
    assert account.phone in panel.payee_label.text()
    qtbot.keyClicks(panel.amount, "50")
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    assert panel.tendered.hasFocus()
    qtbot.keyClicks(panel.tendered, "100")
    assert panel.change_label.text() == "50.00"
    qtbot.keyClick(panel.tendered, Qt.Key.Key_Return)
    qtbot.keyClick(panel.tendered, Qt.Key.Key_Return)  # the impatient second Enter
    qtbot.waitUntil(lambda: panel.last_payment is not None)
    wait_for_tasks()
    assert Payment.select().count() == 1
    assert "找零" in panel.message.text() or "Change" in panel.message.text()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    qtmodeltester.check(panel.model)
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    assert open_previews()[0].kind == "receipt"


def test_amount_due_is_one_key_and_a_bad_amount_is_explained(ctx, panel, qtbot):
    from counter_app.services.payments import amount_due

    account = next(a for a in Account.select().where(Account.home_city == "济南") if amount_due(ctx.session, a.id) > 0)
    select(ctx, panel, qtbot, account)
    panel.fill_due()  # Ctrl+D in the counter window (tests/test_counter_keys.py)
    from counter_app.money import parse_yuan

    assert parse_yuan(panel.amount.text()) == amount_due(ctx.session, account.id)
    panel.amount.setText("19.999")
    panel.pay()
    assert "two decimals" in panel.message.text() or "两位小数" in panel.message.text()
    assert Payment.select().count() == 0


def test_a_number_of_another_city_switches_to_cross_city(ctx, panel, qtbot):
    account = Account.select().where(Account.home_city != "济南").first()
    select(ctx, panel, qtbot, account)
    assert panel.method == "remote"


def test_the_allowed_clerk_reverses_from_the_list_with_a_reason(ctx, panel, qtbot):
    ctx.session.staff = Staff.get_by_id("1004")
    panel.refresh()
    account = owing(8800)
    select(ctx, panel, qtbot, account)
    panel.set_method("pos")
    panel.amount.setText("88")
    panel.reference.setText("12345678")
    panel.pay()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    panel.reverse_selected()  # Ctrl+R: the dialog opens on the selected receipt
    dialog = panel.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert not dialog.authoriser.isVisible()  # 刘洋 may reverse himself
    dialog.reason.setText("客户要求改用现金")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    ops_done(qtbot)
    reversal = Payment.get(Payment.kind == "reversal")
    assert reversal.amount_fen == -8800 and reversal.reason == "客户要求改用现金"
    assert any(r.reversed for r in panel.model.rows) and not dialog.isVisible()


def test_a_handover_with_a_difference_needs_a_note(ctx, panel, qtbot):
    account = owing(2000)
    select(ctx, panel, qtbot, account)
    panel.amount.setText("20")
    panel.tendered.setText("20")
    panel.pay()
    qtbot.waitUntil(lambda: panel.last_payment is not None)
    panel.hand_over("19.90", "")
    qtbot.waitUntil(lambda: "note" in panel.message.text() or "备注" in panel.message.text() or
                    "说明" in panel.message.text())
    panel.hand_over("19.90", "少一角")
    qtbot.waitUntil(lambda: "-0.10" in panel.message.text())


def test_cash_needs_what_was_handed_over_and_too_little_says_how_much_is_missing(ctx, panel, qtbot):
    account = owing(8620)
    select(ctx, panel, qtbot, account)
    qtbot.keyClicks(panel.amount, "86.20")
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    qtbot.keyClick(panel.tendered, Qt.Key.Key_Return)  # nothing typed: not "exact", a question
    ops_done(qtbot)
    assert "handed over" in panel.message.text() and panel.tendered.hasFocus()
    qtbot.keyClicks(panel.tendered, "56.20")
    assert panel.change_label.text() == "30.00 yuan short"  # never "change -30.00"
    qtbot.keyClick(panel.tendered, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert "less than" in panel.message.text()
    assert Payment.select().count() == 0


def test_paying_more_than_is_due_is_asked_and_an_impatient_enter_takes_nothing(ctx, panel, qtbot):
    from counter_app.money import format_yuan
    from counter_app.services.ledger import amount_due

    account = owing(1)
    due = amount_due(account.id)
    select(ctx, panel, qtbot, account)
    panel.amount.setText(format_yuan(due + 11_380))
    panel.tendered.setText(format_yuan(due + 20_000))
    panel.pay()
    ops_done(qtbot)
    question = panel.overpayment_question
    assert question is not None and question.isVisible()
    assert f"113.80 yuan more than the {format_yuan(due)} yuan due" in question.text()
    qtbot.keyClick(question, Qt.Key.Key_Return)  # the default is "Change the amount"
    ops_done(qtbot)
    assert Payment.select().count() == 0 and panel.focusWidget() is panel.amount

    panel.pay()
    ops_done(qtbot)
    question = panel.overpayment_question
    question.button(question.StandardButton.Yes).click()
    ops_done(qtbot)
    paid = Payment.get()
    assert paid.amount_fen == due + 11_380 and paid.change_fen == 20_000 - 11_380


def test_the_payment_the_clerk_selected_stays_selected_when_another_payment_comes_in(ctx, panel, qtbot):
    """The list is read again after every payment (here or in another panel): the clerk's
    choice for Ctrl+P / Ctrl+R stays on the same receipt, not on whatever row took its place."""
    from counter_app.services import counter_payments, payments

    account = owing(5000)

    def take(fen: int) -> None:
        counter_payments.take_counter_payment(ctx.session, account_id=account.id, method="pos", amount_fen=fen,
                                              tendered_fen=None, reference="20261201",
                                              idempotency_key=payments.new_key())
        panel.refresh()

    take(1000)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    chosen = panel.selected()
    take(2000)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.selected() == chosen
    selected = panel.table.selectionModel().selectedRows()
    assert [panel.model.rows[i.row()].id for i in selected] == [chosen]
    assert panel.model.rows[selected[0].row()].amount_fen == 1000
