"""Bills, detailed records and the fee standards for the customer at the counter.

Ctrl+1 shows the bill, Ctrl+2 the detailed records (for a verified subscriber only: the
verification dialog opens first unless the line was just verified; each view is an audit
event), Ctrl+3 the fee standards; Ctrl+P prints what is shown through the print preview
(the window's keys, counter/keys.py).
Everything is read and built in workers.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.money import format_yuan
from counter_app.services import fees, statements
from counter_app.ui.context import AppContext
from counter_app.ui.counter.statement_views import BillView, FeeStandardsView, record_lines, records_model
from counter_app.ui.counter.verify_dialog import ensure_verified
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, connect_while_alive, drop_pending
from counter_app.ui.printing import print_document
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.flow_row import flow_row
from counter_app.ui.widgets.screen import fit_columns

PAGE_BILL, PAGE_RECORDS, PAGE_FEES = range(3)


class StatementPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statementPanel")
        self.phone = ""
        self.account_id = None
        self.month = QComboBox()
        self.month.setObjectName("statementMonth")
        self.month.setAccessibleName(self.tr("Bill month"))
        self.month.setMinimumContentsLength(8)
        self.bill_button = QPushButton(self.tr("Bill (Ctrl+1)"))
        self.bill_button.setObjectName("statementBill")
        self.bill_button.clicked.connect(self.show_bill)
        self.records_button = QPushButton(self.tr("Detailed records (Ctrl+2)"))
        self.records_button.setObjectName("statementRecords")
        self.records_button.clicked.connect(self.show_records)
        self.fees_button = QPushButton(self.tr("Fee standards (Ctrl+3)"))
        self.fees_button.setObjectName("statementFees")
        self.fees_button.clicked.connect(self.show_fees)
        self.print_button = QPushButton(self.tr("Print… (Ctrl+P)"))
        self.print_button.setObjectName("statementPrint")
        self.print_button.clicked.connect(self.print_current)
        self.message = QLabel()
        self.message.setObjectName("statementMessage")
        set_tone(self.message, "error")

        self.bill_view = BillView()
        self.records_model = records_model(self)
        self.records_table = eliding(QTableView())
        self.records_table.setObjectName("recordsTable")
        self.records_table.setModel(self.records_model)
        self.records_table.verticalHeader().hide()
        fit_columns(self.records_table)
        self.records_totals = QLabel()
        self.records_totals.setObjectName("recordsTotals")
        self.records_totals.setWordWrap(True)
        records_page = QWidget()
        records_layout = QVBoxLayout(records_page)
        records_layout.setContentsMargins(0, 0, 0, 0)
        records_layout.addWidget(self.records_table, 1)
        records_layout.addWidget(self.records_totals)
        self.fees_view = FeeStandardsView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.bill_view)
        self.pages.addWidget(records_page)
        self.pages.addWidget(self.fees_view)

        month = QWidget()
        month_row = QHBoxLayout(month)
        month_row.setContentsMargins(0, 0, 0, 0)
        month_row.addWidget(QLabel(self.tr("Month")))
        month_row.addWidget(self.month)
        # Wraps onto two lines on a narrow window (1366×768 with the training drills beside).
        bar = flow_row(month, self.bill_button, self.records_button, self.fees_button, self.print_button,
                       stretch_last=True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        connect_while_alive(self, ctx.customerChanged, self.load_customer)
        self.update_buttons()

    def update_buttons(self) -> None:
        has_month = bool(self.phone) and self.month.count() > 0
        self.bill_button.setEnabled(has_month)
        self.records_button.setEnabled(has_month)

    def load_customer(self, account_id) -> None:
        self.account_id = account_id
        self.phone = ""
        self.month.clear()
        self.bill_view.show_placeholder()
        self.records_model.set_rows([])
        self.records_totals.clear()
        self.message.clear()
        self.update_buttons()
        drop_pending(self, "shown")  # the last customer's bill or records never arrive now
        if account_id is None:
            drop_pending(self, "months")
            return
        session = self.ctx.session
        Op(self, lambda: statements.months_of_account(session, account_id)).latest("months") \
            .success(self.customer_loaded).run()

    def customer_loaded(self, result: tuple[str, list[str]]) -> None:
        self.phone, months = result
        self.month.addItems(months)
        self.update_buttons()
        if not months:
            self.message.setText(self.tr("{phone} has no bill yet.").format(phone=self.phone))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def show_bill(self) -> None:
        if not self.phone or not self.month.currentText():
            return
        session, phone, month = self.ctx.session, self.phone, self.month.currentText()
        self.message.clear()
        self.pages.setCurrentIndex(PAGE_BILL)
        Op(self, lambda: statements.bill_data(session, phone, month)).latest("shown") \
            .success(self.bill_view.show_bill).failure(self._failed).run()

    def show_records(self) -> None:
        if not self.phone or not self.month.currentText():
            return
        # 详单 are the subscriber's only: verify first (at once when just verified).
        ensure_verified(self, self.ctx, self.account_id, self.phone, self._show_records)

    def _show_records(self) -> None:
        if not self.phone or not self.month.currentText():
            return
        session, phone, month = self.ctx.session, self.phone, self.month.currentText()
        self.message.clear()
        self.pages.setCurrentIndex(PAGE_RECORDS)
        Op(self, lambda: statements.records_data(session, phone, month, purpose="view")).latest("shown") \
            .success(self.records_loaded).failure(self._failed).run()

    def records_loaded(self, data: statements.RecordsData) -> None:
        self.records_model.set_rows(record_lines(data))
        parts = [f"{data.item_names.get(code, code)} {format_yuan(fen)}" for code, fen in data.totals_fen.items()]
        self.records_totals.setText(self.tr("{count} records · {items} · usage total {total} yuan").format(
            count=data.count, items=" · ".join(parts), total=format_yuan(data.total_fen)))

    def show_fees(self) -> None:
        session = self.ctx.session
        self.pages.setCurrentIndex(PAGE_FEES)
        Op(self, lambda: fees.fee_standards(session)).latest("shown").success(self.fees_view.show_fees) \
            .failure(self._failed).run()

    def print_current(self) -> None:
        session, phone, month = self.ctx.session, self.phone, self.month.currentText()
        page = self.pages.currentIndex()
        if page == PAGE_FEES:
            from counter_app.documents import fees as fees_doc

            print_document(self, self.ctx, lambda: fees_doc.build(fees.fee_standards(session)),
                           title=self.tr("Fee standards"), kind="fees", ref=f"{session.hall_code}")
            return
        if not phone or not month:
            self.message.setText(self.tr("Find the customer first."))
            return
        if page == PAGE_RECORDS:
            from counter_app.documents import records
            from counter_app.documents.apart import build_apart  # a 100-page statement: see its note

            ensure_verified(self, self.ctx, self.account_id, phone, lambda: print_document(
                self, self.ctx,
                lambda: build_apart(records.build, statements.records_data(session, phone, month, purpose="print")),
                title=self.tr("Detailed records {phone} {month}").format(phone=phone, month=month),
                kind="records", ref=f"{phone}-{month}"))
        else:
            from counter_app.documents import bill

            print_document(self, self.ctx, lambda: bill.build(statements.bill_data(session, phone, month)),
                           title=self.tr("Bill {phone} {month}").format(phone=phone, month=month),
                           kind="bill", ref=f"{phone}-{month}")
