"""Taking payments at the counter: cash, POS, payment card, cross-city; receipts; reversals.

Keyboard first (the window's keys, counter/keys.py): Alt+1–Alt+4 pick the method, Ctrl+D
fills the amount due, Enter moves on and pays from the last field, Ctrl+P reprints the
selected receipt, Ctrl+R reverses a payment, Ctrl+H hands the shift over. One idempotency key
per attempt: a double Enter pays once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.money import MAX_FEN_DEFAULT, format_yuan, parse_yuan
from counter_app.services import counter_payments, payments, settlement
from counter_app.services.payments import PayeeInfo
from counter_app.ui.context import AppContext
from counter_app.ui.counter.keys import shown_key
from counter_app.ui.counter.payment_columns import payments_model
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ledger_text import balance_text
from counter_app.ui.ops import Op, Topic, connect_while_alive, drop_pending, on_change
from counter_app.ui.printing import print_document
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.rows_model import keep_selection, selected_row


class HandoverDialog(QDialog):
    """交接班: the clerk types the cash counted in the drawer and a note on any difference."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover"))
        self.counted = QLineEdit()
        self.counted.setObjectName("handoverCounted")
        self.counted.setPlaceholderText(self.tr("e.g. 1250.00"))
        self.note = QLineEdit()
        self.note.setObjectName("handoverNote")
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Count the cash in your drawer.")))
        form.addRow(self.tr("Cash counted (yuan)"), self.counted)
        form.addRow(self.tr("Note on a difference"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PaymentPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paymentPanel")
        self.payee_info: PayeeInfo | None = None
        self.bounds: payments.Bounds | None = None  # read with the payee
        self._key = payments.new_key()
        self._busy = False
        self.last_payment = None
        self.overpayment_question: QMessageBox | None = None
        self.dialog: QDialog | None = None  # the reversal or handover dialog open now

        self.payee_label = QLabel(self.tr("No customer selected. Find the customer first (Ctrl+F)."))
        self.payee_label.setObjectName("paymentPayee")
        self.payee_label.setWordWrap(True)

        self.methods = QButtonGroup(self)
        method_row = QHBoxLayout()
        for key, text in (("cash", self.tr("Cash")), ("pos", self.tr("Bank card")),
                          ("card", self.tr("Payment card")), ("remote", self.tr("Cross-city"))):
            button = QRadioButton(f"{text} ({shown_key(key)})")  # the window's keys (counter/keys.py)
            button.setObjectName(f"method_{key}")
            button.setProperty("method", key)
            self.methods.addButton(button)
            method_row.addWidget(button)
        method_row.addStretch(1)
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

        self.model = payments_model(self)
        self.table = QTableView()
        self.table.setObjectName("paymentsTable")
        self.table.setModel(self.model)
        keep_selection(self.table)  # a payment stored elsewhere refreshes the list under the clerk's choice
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.reprint_button = QPushButton(self.tr("Reprint receipt (Ctrl+P)"))
        self.reprint_button.setObjectName("paymentReprint")
        self.reprint_button.clicked.connect(lambda: self.print_receipt(self.selected()))
        self.reverse_button = QPushButton(self.tr("Reverse… (Ctrl+R)"))
        self.reverse_button.setObjectName("paymentReverse")
        self.reverse_button.clicked.connect(lambda: self.reverse_selected())
        self.handover_button = QPushButton(self.tr("Shift handover… (Ctrl+H)"))
        self.handover_button.setObjectName("paymentHandover")
        self.handover_button.clicked.connect(lambda: self.hand_over())
        today = QGroupBox(self.tr("My payments today"))
        today_layout = QVBoxLayout(today)
        today_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.reverse_button)
        buttons.addStretch(1)
        buttons.addWidget(self.handover_button)
        today_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(take)
        layout.addWidget(today, 1)

        self.amount.returnPressed.connect(self.next_after_amount)
        self.tendered.returnPressed.connect(self.pay)
        self.reference.returnPressed.connect(self.pay)
        self.amount.textChanged.connect(self.update_change)
        self.tendered.textChanged.connect(self.update_change)
        connect_while_alive(self, ctx.customerChanged, self.load_payee)
        on_change(self, ctx, {Topic.PAYMENTS, Topic.HANDOVER, Topic.ORDERS}, self._money_changed)
        self.update_fields()
        self.refresh()

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

    def next_after_amount(self) -> None:
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
        bounds = self.bounds or payments.Bounds(1, MAX_FEN_DEFAULT)
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

    # -- today's list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.ctx.session
        if session.staff is None:
            return
        Op(self, lambda: payments.todays_rows(session)).latest("rows").success(self.model.set_rows).run()

    def selected(self):
        row = selected_row(self.table)
        return row.id if row is not None else None

    def print_receipt(self, payment_id, *, receipt_no: str = "") -> None:
        if payment_id is None:
            self.show_message(self.tr("Select a payment in the list first."), error=True)
            return
        from counter_app.documents import receipt

        session, lang = self.ctx.session, self.ctx.lang

        def build() -> bytes:
            return receipt.build(payments.receipt_data(session, payment_id), lang)

        row = next((r for r in self.model.rows if r.id == payment_id), None)
        ref = receipt_no or (row.receipt_no if row else (self.last_payment.receipt_no if self.last_payment
                                                          else str(payment_id)))
        print_document(self, self.ctx, build, title=self.tr("Receipt {receipt}").format(receipt=ref),
                       kind="receipt", ref=ref)

    def reverse_selected(self) -> None:
        """Ctrl+R: the reversal dialog, on the payment selected in the list, else on the
        payments of the customer at the counter; any payment of the day can be found there by
        receipt or customer."""
        from counter_app.ui.counter.payment_reversal import ReversalDialog

        row = selected_row(self.table)
        query = row.receipt_no if row is not None else (self.payee_info.phone if self.payee_info else "")
        self.dialog = ReversalDialog(self.ctx, query, self)
        self.dialog.reversed.connect(self._reversed)
        self.dialog.open()

    def _reversed(self, reversal) -> None:
        self.show_message(self.tr("Receipt {receipt} reversed by {reversal}.").format(
            receipt=reversal.reference, reversal=reversal.receipt_no))
        self.print_receipt(reversal.id, receipt_no=reversal.receipt_no)

    def hand_over(self, counted: str | None = None, note: str | None = None) -> None:
        """Ctrl+H: the handover dialog (or, given the counted cash, the handover itself)."""
        if counted is None:
            dialog = HandoverDialog(self)
            dialog.accepted.connect(lambda: self.hand_over(dialog.counted.text(), dialog.note.text()))
            self.dialog = dialog
            dialog.open()
            return
        try:
            counted_fen = parse_yuan(counted, min_fen=0, field="counted")
        except UserError as exc:
            self.show_message(user_text(exc), error=True)
            return
        session, key = self.ctx.session, payments.new_key()

        def done(handover) -> None:
            difference = handover.counted_cash_fen - handover.expected_cash_fen
            self.show_message(self.tr("Shift handed over: expected {expected}, counted {counted}, difference "
                                      "{difference} yuan.").format(expected=format_yuan(handover.expected_cash_fen),
                                                                   counted=format_yuan(handover.counted_cash_fen),
                                                                   difference=format_yuan(difference)),
                              error=difference != 0)

        Op(self, lambda: settlement.hand_over(session, counted_cash_fen=counted_fen, note=note or "",
                                              idempotency_key=key),
           changes={Topic.HANDOVER, Topic.PAYMENTS}).success(done).failure(self.failed).run()
