"""Defects found by driving the counter window by hand (docs/development.md, "By-hand checks"),
each checked again here in the whole window, from the keyboard as the clerk met it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.models import Payment
from counter_app.services import counter_payments, payments
from counter_app.ui.printing import close_previews
from tests import test_counter_window
from tests.helpers import ops_done
from tests.test_counter_window import find, owing, sign_in

shell = test_counter_window.shell  # the counter window's fixture: a Shell signed in by sign_in()


def test_enter_on_a_bad_amount_says_so_at_once_and_the_message_goes_when_the_clerk_corrects_it(shell, qtbot):
    """Seen by hand: Enter after "abc" moved on to the cash field without a word, the refusal
    came only at the next Enter, and it stayed on screen under the next, corrected amount."""
    window = sign_in(qtbot, shell, "1001")
    account = owing(1000)
    find(qtbot, window, account.phone)
    pay = window.payment_panel
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: pay.payee_info is not None and pay.amount.hasFocus())

    qtbot.keyClicks(pay.amount, "abc")
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert "abc" in pay.message.text() and "not an amount" in pay.message.text()
    assert pay.amount.hasFocus() and not pay.tendered.hasFocus()  # the cursor stays on what is wrong

    qtbot.keyClick(pay.amount, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pay.amount, "-5")
    assert pay.message.text() == ""  # the refusal of "abc" is not shown beside "-5"
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert "negative" in pay.message.text() and pay.amount.hasFocus()

    qtbot.keyClick(pay.amount, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pay.amount, "10")
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert pay.tendered.hasFocus() and pay.message.text() == ""
    before = Payment.select().count()
    qtbot.keyClicks(pay.tendered, "10")
    qtbot.keyClick(pay.tendered, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert Payment.select().count() == before + 1 and pay.last_payment.amount_fen == 1000
    close_previews()


def test_the_payment_just_taken_is_in_sight_in_a_long_list_of_the_day(shell, qtbot):
    """Seen by hand: by midday the clerk's list of today's payments (oldest first) was longer
    than its box, and the payment just taken was below the fold, out of sight."""
    window = sign_in(qtbot, shell, "1001")
    session = window.ctx.session
    account, earlier = owing(1000), owing(1000, skip=1)
    for _ in range(40):  # the morning's payments of this clerk
        counter_payments.take_counter_payment(session, account_id=earlier.id, method="pos", amount_fen=100,
                                              tendered_fen=None, reference="20261201",
                                              idempotency_key=payments.new_key(), overpayment_confirmed=True)
    find(qtbot, window, account.phone)
    pay = window.payment_panel
    window.tabs.setCurrentWidget(pay)
    pay.refresh()
    ops_done(qtbot)
    assert pay.model.rowCount() == 40
    assert pay.table.verticalScrollBar().maximum() > 0  # longer than its box

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # bank card
    qtbot.waitUntil(lambda: pay.amount.hasFocus())
    qtbot.keyClicks(pay.amount, "3")
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(pay.reference, "88001234")
    qtbot.keyClick(pay.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.model.rowCount() == 41)
    ops_done(qtbot)
    close_previews()
    row = pay.model.row_of(pay.last_payment.id)
    assert row >= 0
    shown = pay.table.visualRect(pay.model.index(row, 0))
    assert pay.table.viewport().rect().contains(shown), "the new payment is out of sight"
