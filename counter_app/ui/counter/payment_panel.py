"""Taking payments at the counter: cash, POS, payment card, cross-city; receipts; reversals.

Keyboard first (the window's keys, counter/keys.py): Alt+1–Alt+4 pick the method, Ctrl+D
fills the amount due, Enter moves on and pays from the last field, Ctrl+P reprints the
selected receipt, Ctrl+R reverses a payment, Ctrl+H hands the shift over. One idempotency key
per attempt: a double Enter pays once.

This module is the payment form and paying; today's list, reprints, reversals and the shift
handover are ``payment_today.py``, the list's columns ``payment_columns.py``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.money import MAX_FEN_DEFAULT, format_yuan, parse_yuan
from counter_app.services import counter_payments, payments
from counter_app.services.payments import PayeeInfo
from counter_app.ui.context import AppContext
from counter_app.ui.counter.keys import shown_key
from counter_app.ui.counter.payment_today import TodaysPayments
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ledger_text import balance_text
from counter_app.ui.ops import Op, Topic, connect_while_alive, drop_pending, on_change
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.flow_row import FlowRow


class PaymentPanel(TodaysPayments, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paymentPanel")
        self.payee_info: PayeeInfo | None = None
        self.bounds: payments.Bounds | None = None  # read with the payee
        self._key = payments.new_key()
        self._busy = False
        self.last_payment = None
        self.scroll_to_payment = None
        self.overpayment_question: QMessageBox | None = None
        self.dialog: QDialog | None = None  # the reversal or handover dialog open now

        layout = QVBoxLayout(self)
        layout.addWidget(self._take_box())
        layout.addWidget(self._today_box(), 1)

        self.amount.returnPressed.connect(self.next_after_amount)
        self.tendered.returnPressed.connect(self.pay)
        self.reference.returnPressed.connect(self.pay)
        self.amount.textChanged.connect(self.update_change)
        self.tendered.textChanged.connect(self.update_change)
        for field in (self.amount, self.tendered, self.reference):
            field.textEdited.connect(self._drop_error)
        connect_while_alive(self, ctx.customerChanged, self.load_payee)
        on_change(self, ctx, {Topic.PAYMENTS, Topic.HANDOVER, Topic.ORDERS}, self._money_changed)
        self.update_fields()
        self.refresh()

    def _take_box(self) -> QGroupBox:
        """Take a payment: the payee, the method keys, amount, tendered and change, the POS or
        card reference, and the pay button."""
        self.payee_label = QLabel(self.tr("No customer selected. Find the customer first (Ctrl+F)."))
        self.payee_label.setObjectName("paymentPayee")
        self.payee_label.setWordWrap(True)

        self.methods = QButtonGroup(self)
        method_row = FlowRow()  # the four methods wrap onto two lines on a narrow window
        for key, text in (("cash", self.tr("Cash")), ("pos", self.tr("Bank card")),
                          ("card", self.tr("Payment card")), ("remote", self.tr("Cross-city"))):
            button = QRadioButton(f"{text} ({shown_key(key)})")  # the window's keys (counter/keys.py)
            button.setObjectName(f"method_{key}")
            button.setProperty("method", key)
            self.methods.addButton(button)
            method_row.addWidget(button)
        self.methods.buttons()[0].setChecked(True)
        self.methods.buttonToggled.connect(lambda *_: self.update_fields())

        self.amount = QLineEdit()
        self.amount.setObjectName("paymentAmount")
        self.amount.setPlaceholderText(self.tr("yuan, e.g. 50 or 50.00"))
        self.due_button = QPushButton(self.tr("Amount due (Ctrl+D)"))
        self.due_button.setObjectName("paymentDue")
        self.due_button.clicked.connect(self.fill_due)
        self.tendered = QLineEdit()
        self.tendered.setObjectName("paymentTendered")
        self.tendered.setPlaceholderText(self.tr("what the customer hands over"))
        self.change_label = QLabel("—")
        self.change_label.setObjectName("paymentChange")
        self.reference = QLineEdit()
        self.reference.setObjectName("paymentReference")
        self.pay_button = QPushButton(self.tr("Take payment (Ctrl+Enter)"))
        self.pay_button.setObjectName("paymentPay")
        self.pay_button.clicked.connect(self.pay)
        self.message = QLabel()
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.due_button)
        form = QFormLayout()
        form.addRow(self.tr("Method"), method_row)
        form.addRow(self.tr("Amount (yuan)"), amount_row)
        self.tendered_label = QLabel(self.tr("Tendered (yuan)"))
        form.addRow(self.tendered_label, self.tendered)
        form.addRow(self.tr("Change (yuan)"), self.change_label)
        self.reference_label = QLabel(self.tr("POS reference"))
        form.addRow(self.reference_label, self.reference)
        take = QGroupBox(self.tr("Take a payment"))
        take_layout = QVBoxLayout(take)
        take_layout.addWidget(self.payee_label)
        take_layout.addLayout(form)
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.message, 1)
        pay_row.addWidget(self.pay_button)
        take_layout.addLayout(pay_row)
        return take

    # -- the form --------------------------------------------------------------------------------

    @property
    def method(self) -> str:
        checked = self.methods.checkedButton()
        return checked.property("method") if checked else "cash"

    def set_method(self, method: str) -> None:
        for button in self.methods.buttons():
            if button.property("method") == method:
                button.setChecked(True)

    def choose_method(self, method: str) -> None:
        """A method's key (Alt+1–Alt+4): that method, and the amount field ready to type."""
        self.set_method(method)
        self.amount.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.amount.selectAll()

    def update_fields(self) -> None:
        cash = self.method in ("cash", "remote")
        self.tendered.setEnabled(cash)
        self.tendered_label.setEnabled(cash)
        self.reference.setEnabled(not cash)
        self.reference_label.setEnabled(not cash)
        self.reference_label.setText(self.tr("Card serial") if self.method == "card" else self.tr("POS reference"))
        self.update_change()

    def update_change(self) -> None:
        """The change as the clerk types; too little handed over says how much is missing
        (never a negative change)."""
        self.change_label.setText("—")
        set_tone(self.change_label, None)
        if self.method not in ("cash", "remote") or not self.tendered.text().strip():
            return
        try:
            amount = parse_yuan(self.amount.text(), min_fen=0)
            tendered = parse_yuan(self.tendered.text(), min_fen=0)
        except UserError:
            return
        if tendered < amount:
            self.change_label.setText(self.tr("{short} yuan short").format(short=format_yuan(amount - tendered)))
            set_tone(self.change_label, "error")
            return
        self.change_label.setText(format_yuan(tendered - amount))

    def load_payee(self, account_id, *, focus: bool = True) -> None:
        """Read the payee (and the hall's payment bounds). ``focus``: another customer was
        chosen; otherwise the same one is read again after a payment, and the panel keeps
        showing them meanwhile."""
        if focus:  # another customer: nothing typed or said for the last one stays
            self.payee_info = None
            self.amount.clear()
            self.tendered.clear()
            self.reference.clear()
            self.message.clear()
            self._key = payments.new_key()
        if account_id is None:
            drop_pending(self, "payee")
            self.payee_label.setText(self.tr("No customer selected. Find the customer first (Ctrl+F)."))
            return
        session = self.ctx.session
        Op(self, lambda: (payments.payee(session, account_id), payments.payment_bounds(session.hall_code))) \
            .latest("payee").success(lambda result: self.show_payee(*result, focus=focus)).run()

    def _money_changed(self) -> None:
        """A payment, reversal, fee or handover was stored (here or in another panel): the
        list and the balance and amount due are read again."""
        self.refresh()
        if self.payee_info is not None:
            self.load_payee(self.payee_info.account_id, focus=False)

    def show_payee(self, info: PayeeInfo, bounds: payments.Bounds | None = None, *, focus: bool = True) -> None:
        self.payee_info = info
        if bounds is not None:
            self.bounds = bounds
        city = self.tr(" · number of {city}: cross-city payment").format(city=info.home_city) if info.cross_city else ""
        self.payee_label.setText(self.tr("{phone} {name} · balance {balance} yuan · due {due} yuan{city}").format(
            phone=info.phone, name=info.name, balance=balance_text(info.balance_fen), due=format_yuan(info.due_fen),
            city=city))
        if not focus:
            return
        if info.cross_city:
            self.set_method("remote")
        elif self.method == "remote":
            self.set_method("cash")
        self.amount.setFocus()

    def fill_due(self) -> None:
        if self.payee_info is None:
            self.message.setText(self.tr("Find the customer first."))
            return
        if self.payee_info.due_fen == 0:  # a credit is never something to pay
            self.message.setText(self.tr("Nothing is owed: the balance is {balance} yuan.").format(
                balance=balance_text(self.payee_info.balance_fen)))
        self.amount.setText(format_yuan(self.payee_info.due_fen))
        self.amount.setFocus()
        self.amount.selectAll()

    def _drop_error(self) -> None:
        """The clerk corrects what was refused: the message about it goes (a message about
        the last amount must not stand beside the next one)."""
        if self.message.property("tone") == "error":
            self.message.clear()
            set_tone(self.message, None)

    def _bounds(self) -> payments.Bounds:
        return self.bounds or payments.Bounds(1, MAX_FEN_DEFAULT)

    def next_after_amount(self) -> None:
        """Enter in the amount field: a bad amount is said at once and the field keeps the
        cursor; a good one moves on to what was handed over (or the reference)."""
        bounds = self._bounds()
        try:
            parse_yuan(self.amount.text(), min_fen=bounds.min_fen, max_fen=bounds.max_fen)
        except UserError as exc:
            self.show_message(user_text(exc), error=True)
            self.amount.selectAll()
            return
        self._drop_error()
        if self.method in ("cash", "remote"):
            self.tendered.setFocus()
            self.tendered.selectAll()
        else:
            self.reference.setFocus()

    # -- paying ----------------------------------------------------------------------------------

    def pay(self, *, overpayment_confirmed: bool = False) -> None:
        if self._busy:  # a second Enter while the first is being stored
            return
        set_tone(self.message, None)
        if self.payee_info is None:
            self.show_message(self.tr("Find the customer first."), error=True)
            return
        bounds = self._bounds()
        try:
            amount = parse_yuan(self.amount.text(), min_fen=bounds.min_fen, max_fen=bounds.max_fen)
            tendered = None
            if self.method in ("cash", "remote") and self.tendered.text().strip():
                tendered = parse_yuan(self.tendered.text(), min_fen=0, max_fen=bounds.max_fen * 10,
                                      field="tendered")
        except UserError as exc:
            self.show_message(user_text(exc), error=True)
            self.amount.setFocus()
            return
        session, account_id, method, reference, key = (self.ctx.session, self.payee_info.account_id, self.method,
                                                       self.reference.text(), self._key)
        self._busy = True
        self.pay_button.setEnabled(False)
        Op(self, lambda: counter_payments.take_counter_payment(
            session, account_id=account_id, method=method, amount_fen=amount, tendered_fen=tendered,
            reference=reference, idempotency_key=key, overpayment_confirmed=overpayment_confirmed),
           changes={Topic.PAYMENTS}).after(self._unbusy).success(self.paid).failure(self.failed).run()

    def _unbusy(self) -> None:
        self._busy = False
        self.pay_button.setEnabled(True)

    def paid(self, payment) -> None:
        self._key = payments.new_key()  # the next payment is a new request
        self.last_payment = payment
        self.scroll_to_payment = payment.id  # shown in the list when it is read again
        text = self.tr("Paid {amount} yuan, receipt {receipt}.").format(amount=format_yuan(payment.amount_fen),
                                                                     receipt=payment.receipt_no)
        if payment.change_fen:
            text += " " + self.tr("Change: {change} yuan.").format(change=format_yuan(payment.change_fen))
        self.show_message(text)
        self.amount.clear()
        self.tendered.clear()
        self.reference.clear()
        self.ctx.statusMessage.emit(text)
        self.print_receipt(payment.id)

    def failed(self, exc: BaseException) -> None:
        if isinstance(exc, counter_payments.OverpaymentNotConfirmed):
            self.ask_overpayment(exc)
        elif isinstance(exc, UserError):
            self.show_message(user_text(exc), error=True)
            field = getattr(exc, "field", None)
            {"tendered": self.tendered, "reference": self.reference, "amount": self.amount}.get(
                field, self.amount).setFocus()
        else:
            show_error(self, exc)

    def ask_overpayment(self, exc: counter_payments.OverpaymentNotConfirmed) -> None:
        """More than the number owes: the clerk asks the customer; "Change the amount" is the
        default, so an impatient Enter takes nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("More than the amount due"),
                          user_text(exc) + "\n" + self.tr("Take it?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("overpaymentQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Take {amount} yuan").format(
            amount=format_yuan(exc.amount_fen)))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Change the amount"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.pay(overpayment_confirmed=True)
            else:
                self.amount.setFocus()
                self.amount.selectAll()

        box.buttonClicked.connect(answered)
        self.overpayment_question = box
        box.open()

    def show_message(self, text: str, *, error: bool = False) -> None:
        set_tone(self.message, "error" if error else "success")
        self.message.setText(text)

