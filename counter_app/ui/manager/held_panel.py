"""Money the hub holds for this hall (``sync/hub_held.py``), in the Sync tab: each payment the
hub stored but credited to no line, and the manager's two ways to settle one: apply it to its
line (once the hall may, after the customer's walk-in look-up at a counter) or refund it to the
customer from today's till (a reversal row, with a reason). Both acts are asked of the hub in a
worker and audited by ``counter_app.sync.held``; the list is the last sync's, read again by
the sync that follows each act."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.money import format_yuan
from counter_app.sync.hub_held import HEADING, HeldPayment
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, Topic
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import ID_ROLE, Column, RowsModel, keep_selection

COL_RECEIPT, COL_DATE, COL_LINE, COL_AMOUNT, COL_CLERK, COL_REASON = range(6)


class HeldPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("heldMoney")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Receipt"), lambda h: h.receipt_no),
            Column(self.tr("Date"), lambda h: h.business_date),
            Column(self.tr("Line"), lambda h: h.phone),
            Column(self.tr("Amount (yuan)"), lambda h: format_yuan(h.amount_fen), numeric=True,
                   key=lambda h: h.amount_fen),
            Column(self.tr("Clerk"), lambda h: h.staff_no),
            Column(self.tr("Why it is held"), lambda h: h.reason_text(QCoreApplication.translate)),
        ], self, row_id=lambda h: h.receipt_no)
        self.table = eliding(QTableView())
        self.table.setObjectName("heldPayments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        keep_selection(self.table)
        header = self.table.horizontalHeader()
        for column in range(COL_REASON):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.apply_button = QPushButton(self.tr("Apply to the line"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason for a refund"))
        self.refund_button = QPushButton(self.tr("Refund to the customer"))
        acts = QHBoxLayout()
        acts.addWidget(self.apply_button)
        acts.addWidget(self.reason_edit, 1)
        acts.addWidget(self.refund_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(acts)
        self.apply_button.clicked.connect(self.apply_selected)
        self.refund_button.clicked.connect(self.refund_selected)
        self.show_held([])

    def show_held(self, rows: list[HeldPayment]) -> None:
        self.model.set_rows(rows)
        self.setVisible(bool(rows))
        total = sum(h.amount_fen for h in rows)
        self.title.setText(QCoreApplication.translate("HeldMoney", HEADING).format(
            count=len(rows), amount=format_yuan(total)))
        for button in (self.apply_button, self.refund_button):
            button.setEnabled(bool(rows))

    def selected_receipt(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.index(rows[0].row(), 0).data(ID_ROLE)) if rows else ""

    def _after_act(self, text: str) -> None:
        self.ctx.statusMessage.emit(text)
        runner = getattr(self.ctx, "sync_runner", None)
        if runner is not None:
            runner.run_now()  # the hub's list again, and the refund on its way

    def apply_selected(self) -> None:
        from counter_app.sync import held

        receipt = self.selected_receipt()
        if not receipt:
            self.ctx.statusMessage.emit(self.tr("Select a held payment first."))
            return
        session, url = self.ctx.session, self.ctx.config.hub_url()
        Op(self, lambda: held.apply_held(session, url, receipt), changes=[Topic.PAYMENTS]).success(
            lambda done: self._after_act(self.tr("{receipt}: {amount} yuan credited to {line}.").format(
                receipt=done.receipt_no, amount=format_yuan(done.amount_fen), line=done.phone))).run()

    def refund_selected(self) -> None:
        from counter_app.sync import held

        receipt = self.selected_receipt()
        if not receipt:
            self.ctx.statusMessage.emit(self.tr("Select a held payment first."))
            return
        session, url, reason = self.ctx.session, self.ctx.config.hub_url(), self.reason_edit.text()

        def done(row) -> None:
            self.reason_edit.clear()
            self._after_act(self.tr("{receipt}: {amount} yuan paid back, receipt {refund}.").format(
                receipt=receipt, amount=format_yuan(-row.amount_fen), refund=row.receipt_no))

        Op(self, lambda: held.refund_held(session, url, receipt, reason=reason), changes=[Topic.PAYMENTS]) \
            .success(done).run()
