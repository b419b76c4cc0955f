"""The clerk's payments of today on the payment panel: the list (kept on the clerk's choice
when it is read again), reprinting a receipt (Ctrl+P), reversing a payment (Ctrl+R) and the
shift handover (Ctrl+H) with its dialog.

(``TodaysPayments`` is a mixin of ``PaymentPanel``: its strings keep the panel's translation
context.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPersistentModelIndex
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
from counter_app.money import format_yuan, parse_yuan
from counter_app.services import payments, settlement
from counter_app.ui.counter.payment_columns import payments_model
from counter_app.ui.errors import user_text
from counter_app.ui.ops import Op, Topic
from counter_app.ui.printing import print_document
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import keep_selection, selected_row

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))


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


class TodaysPayments:
    """Today's list of the payment panel and what acts on its selected payment."""

    def _today_box(self) -> QGroupBox:
        """My payments today: the list, and reprint, reverse and handover under it."""
        self.model = payments_model(self)
        self.table = eliding(QTableView())
        self.table.setObjectName("paymentsTable")
        self.table.setModel(self.model)
        self.table.verticalScrollBar().rangeChanged.connect(self._bring_into_sight)
        keep_selection(self.table)  # a payment stored elsewhere refreshes the list under the clerk's choice
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.reprint_button = QPushButton(translate("PaymentPanel", "Reprint receipt (Ctrl+P)"))
        self.reprint_button.setObjectName("paymentReprint")
        self.reprint_button.clicked.connect(lambda: self.print_receipt(self.selected()))
        self.reverse_button = QPushButton(translate("PaymentPanel", "Reverse… (Ctrl+R)"))
        self.reverse_button.setObjectName("paymentReverse")
        self.reverse_button.clicked.connect(lambda: self.reverse_selected())
        self.handover_button = QPushButton(translate("PaymentPanel", "Shift handover… (Ctrl+H)"))
        self.handover_button.setObjectName("paymentHandover")
        self.handover_button.clicked.connect(lambda: self.hand_over())
        today = QGroupBox(translate("PaymentPanel", "My payments today"))
        today_layout = QVBoxLayout(today)
        today_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.reverse_button)
        buttons.addStretch(1)
        buttons.addWidget(self.handover_button)
        today_layout.addLayout(buttons)
        return today

    def refresh(self) -> None:
        session = self.ctx.session
        if session.staff is None:
            return
        Op(self, lambda: payments.todays_rows(session)).latest("rows").success(self._show_rows).run()

    def _show_rows(self, rows) -> None:
        """The list read again; the payment just taken here is scrolled into sight (the list
        runs oldest first, so by midday the newest row was below the fold)."""
        self.model.set_rows(rows)
        newest = getattr(self, "scroll_to_payment", None)
        row = self.model.row_of(newest) if newest is not None else -1
        self._in_sight = QPersistentModelIndex(self.model.index(row, 0)) if row >= 0 else None
        if row >= 0:
            self.scroll_to_payment = None
            self._bring_into_sight()

    def _bring_into_sight(self, *_range) -> None:
        """Again when the list's scroll range changes (its columns fit their new contents
        after the rows came, and a horizontal scroll bar may take a row's height)."""
        index = getattr(self, "_in_sight", None)
        if index is None or not index.isValid():
            return
        if index.row() == self.model.rowCount() - 1:  # the newest is the last row: the list's end
            bar = self.table.verticalScrollBar()
            bar.setValue(bar.maximum())
        else:
            self.table.scrollTo(self.model.index(index.row(), 0))

    def selected(self):
        row = selected_row(self.table)
        return row.id if row is not None else None

    def print_receipt(self, payment_id, *, receipt_no: str = "") -> None:
        if payment_id is None:
            self.show_message(translate("PaymentPanel", "Select a payment in the list first."), error=True)
            return
        from counter_app.documents import receipt

        session, lang = self.ctx.session, self.ctx.lang

        def build() -> bytes:
            return receipt.build(payments.receipt_data(session, payment_id), lang)

        row = next((r for r in self.model.rows if r.id == payment_id), None)
        ref = receipt_no or (row.receipt_no if row else (self.last_payment.receipt_no if self.last_payment
                                                          else str(payment_id)))
        title = translate("PaymentPanel", "Receipt {receipt}").format(receipt=ref)
        print_document(self, self.ctx, build, title=title, kind="receipt", ref=ref)

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
        self.show_message(translate("PaymentPanel", "Receipt {receipt} reversed by {reversal}.").format(
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
            text = translate("PaymentPanel", "Shift handed over: expected {expected}, counted {counted}, "
                                             "difference {difference} yuan.")
            self.show_message(text.format(expected=format_yuan(handover.expected_cash_fen),
                                          counted=format_yuan(handover.counted_cash_fen),
                                          difference=format_yuan(difference)), error=difference != 0)

        Op(self, lambda: settlement.hand_over(session, counted_cash_fen=counted_fen, note=note or "",
                                              idempotency_key=key),
           changes={Topic.HANDOVER, Topic.PAYMENTS}).success(done).failure(self.failed).run()
