"""冲正 at the counter (Ctrl+R): find any payment of the day by its receipt number or the
customer's number, give the reason, and, when the clerk signed in here may not reverse, let
a manager (or a clerk on the allowed list) authorise it with their own password.

The rules are the services' (``services.reversals``); the dialog only asks and shows."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.services import reversals
from counter_app.services.permissions import Permission, allowed
from counter_app.ui.context import AppContext
from counter_app.ui.counter.payment_columns import payments_model
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import selected_row


class ReversalDialog(QDialog):
    reversed = Signal(object)  # the reversal Payment stored

    def __init__(self, ctx: AppContext, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = f"reverse-{uuid.uuid4()}"  # one per dialog: a double click reverses once
        self._busy = False
        self.setObjectName("reversalDialog")
        self.setWindowTitle(self.tr("Reverse a payment"))
        self.query = QLineEdit(query)
        self.query.setObjectName("reversalQuery")
        self.query.setPlaceholderText(self.tr("Receipt number or the customer's phone number"))
        self.query.returnPressed.connect(self.search)
        find = QPushButton(self.tr("Find"))
        find.setAutoDefault(False)
        find.clicked.connect(self.search)
        self.model = payments_model(self, with_clerk=True)  # today's payments found, with their clerk
        self.table = eliding(QTableView())
        self.table.setObjectName("reversalPayments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_button())
        self.reason = QLineEdit()
        self.reason.setObjectName("reversalReason")
        self.reason.textChanged.connect(lambda _t: self.update_button())
        self.authoriser = QGroupBox(self.tr("Authorised by (a manager, or a clerk allowed to reverse)"))
        self.authoriser.setObjectName("reversalAuthoriser")
        self.authoriser_no = QLineEdit()
        self.authoriser_no.setObjectName("reversalAuthoriserNo")
        self.authoriser_no.setPlaceholderText(self.tr("Staff no."))
        self.password = QLineEdit()
        self.password.setObjectName("reversalPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        auth_form = QFormLayout(self.authoriser)
        auth_form.addRow(self.tr("Staff no."), self.authoriser_no)
        auth_form.addRow(self.tr("Their password"), self.password)
        self.authoriser.setVisible(not allowed(ctx.session, Permission.REVERSE_PAYMENT))
        self.message = QLabel()
        self.message.setObjectName("reversalMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.reverse_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reverse_button.setObjectName("reversalSubmit")
        self.reverse_button.setText(self.tr("Reverse"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.reason.returnPressed.connect(self._reason_entered)

        search_row = QHBoxLayout()
        search_row.addWidget(self.query, 1)
        search_row.addWidget(find)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.authoriser)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 440)
        self.update_button()
        if query:
            self.search()

    # -- finding -------------------------------------------------------------------------------

    def search(self) -> None:
        session, text = self.ctx.session, self.query.text()
        self.message.clear()
        Op(self, lambda: reversals.find_payments(session, text)).latest("find") \
            .success(self._found).failure(self._refused).run()

    def _found(self, rows) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.message.setText(self.tr("No payment of today matches “{text}”.").format(text=self.query.text()))
            return
        open_rows = [n for n, r in enumerate(rows) if not r.reversed]
        self.table.selectRow(open_rows[0] if open_rows else 0)
        self.reason.setFocus()

    def selected(self):
        return selected_row(self.table)

    def update_button(self) -> None:
        row = self.selected()
        self.reverse_button.setEnabled(row is not None and not row.reversed and not self._busy)
        if row is not None and row.reversed:
            self.message.setText(self.tr("Receipt {receipt} has already been reversed.").format(
                receipt=row.receipt_no))

    def _reason_entered(self) -> None:
        if self.authoriser.isVisible() and not self.password.text():
            self.authoriser_no.setFocus()
        else:
            self.submit()

    # -- reversing -----------------------------------------------------------------------------

    def submit(self) -> None:
        row = self.selected()
        if self._busy or row is None or row.reversed:
            return
        self.message.clear()
        session, key, reason = self.ctx.session, self.key, self.reason.text()
        authoriser_no = self.authoriser_no.text() if self.authoriser.isVisible() else ""
        password = self.password.text() if self.authoriser.isVisible() else ""
        payment_id = row.id
        self._busy = True
        self.update_button()
        Op(self, lambda: reversals.reverse(session, payment_id, reason=reason, idempotency_key=key,
                                           authoriser_no=authoriser_no, authoriser_password=password),
           changes={Topic.PAYMENTS}).after(self._unbusy).success(self._done).failure(self._refused).run()

    def _unbusy(self) -> None:
        self._busy = False
        self.update_button()

    def _done(self, reversal) -> None:
        self.reversed.emit(reversal)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            show_error(self, exc)
            return
        self.password.clear()
        self.message.setText(user_text(exc))
        field = getattr(exc, "field", None)
        if field == "reason":
            self.reason.setFocus()
        elif field == "query":
            self.query.setFocus()
