"""Complaints at the counter: intake, handling, SP advance compensation, the acknowledgment.

Keyboard: Ctrl+N new complaint, Ctrl+Shift+R refund a wrong SP charge (先行赔付), Ctrl+P
print the acknowledgment of the selected complaint. The list shows the customer's complaints
or every unanswered one of the hall; complaints near or past their deadline are coloured and
counted in the banner, and an escalation check runs every minute in a worker."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.services import complaints
from counter_app.ui.context import AppContext
from counter_app.ui.counter.complaint_dialogs import IntakeDialog, RefundDialog, load_intake, load_refund
from counter_app.ui.ops import Op, Topic, connect_while_alive, on_change
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.complaint_handling import (
    EscalationTimer,
    HandlingBox,
    complaint_table,
    flags_text,
    mark_tab,
)
from counter_app.ui.widgets.complaint_models import complaint_model
from counter_app.ui.widgets.flow_row import flow_row
from counter_app.ui.widgets.rows_model import select_id, selected_id


class ComplaintsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintsPanel")
        self.dialog = None
        self.preview = None  # the last print preview opened
        self.banner = QLabel()
        self.banner.setObjectName("complaintFlags")
        set_tone(self.banner, "error-strong")
        self.scope = QComboBox()
        self.scope.setObjectName("complaintScope")
        self.scope.addItem(self.tr("This customer's complaints"), "customer")
        self.scope.addItem(self.tr("Unanswered complaints of the hall"), "hall")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.lookup = QLineEdit()
        self.lookup.setObjectName("complaintLookup")
        self.lookup.setPlaceholderText(self.tr("Complaint no. or scan the acknowledgment"))
        self.lookup.setAccessibleName(self.lookup.placeholderText())
        self.lookup.returnPressed.connect(self.find_complaint)
        self.new_button = QPushButton(self.tr("New complaint (Ctrl+N)"))
        self.new_button.setObjectName("complaintNew")
        self.refund_button = QPushButton(self.tr("Refund SP charge (Ctrl+Shift+R)"))
        self.refund_button.setObjectName("complaintRefund")
        self.print_button = QPushButton(self.tr("Print acknowledgment (Ctrl+P)"))
        self.print_button.setObjectName("complaintPrint")
        self.new_button.clicked.connect(self.new_complaint)
        self.refund_button.clicked.connect(self.refund)
        self.print_button.clicked.connect(self.print_ack)
        # Triggered by the window's keys (counter/keys.py: Ctrl+N, Ctrl+Shift+R, Ctrl+P).
        self.actions: dict[str, QAction] = {}
        for name, text, slot in (("new", self.tr("New complaint"), self.new_complaint),
                                 ("refund", self.tr("Refund SP charge"), self.refund),
                                 ("print", self.tr("Print acknowledgment"), self.print_ack)):
            action = QAction(text, self)
            self.actions[name] = action
            action.triggered.connect(slot)

        self.model = complaint_model(self)
        self.table = complaint_table(self.model)
        self.table.setObjectName("complaintTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        self.handling = HandlingBox(ctx)  # its steps announce COMPLAINTS: the list follows

        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.lookup, 1)
        actions = flow_row(self.new_button, self.refund_button, self.print_button)  # wraps when narrow
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.handling)

        self.escalation = EscalationTimer(ctx, self)
        self.escalation.ran.connect(lambda _numbers: self.refresh())
        QTimer.singleShot(0, self.escalation, self.escalation.check)  # not a minute late after sign-in
        connect_while_alive(self, ctx.customerChanged, self._customer_changed)
        on_change(self, ctx, {Topic.COMPLAINTS}, self.refresh)
        self._select_after: object | None = None  # a complaint to select once the list is read
        self.refresh()

    # --- the list -------------------------------------------------------------------------

    def _customer_changed(self, _account_id) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the list and the deadline flags on a worker."""
        hall, account = self.ctx.session, self.ctx.current_account
        customer_scope = self.scope.currentData() == "customer"
        if customer_scope and account is None:
            self.model.set_rows([])
            self.selection_changed()

        def work():
            if customer_scope:
                rows = complaints.list_complaints(hall, account_id=account, active_only=False) if account else []
            else:
                rows = complaints.list_complaints(hall)
            return rows, complaints.flag_counts(hall)

        Op(self, work).latest("list").success(self._listed).run()

    def _listed(self, result) -> None:
        rows, counts = result
        keep = self._select_after if self._select_after is not None else selected_id(self.table)
        self._select_after = None
        self.model.set_rows(rows)
        if keep is not None:
            select_id(self.table, keep)
        self.banner.setText(flags_text(counts))
        self.banner.setVisible(bool(self.banner.text()))
        mark_tab(self, bool(counts["overdue"] or counts["near"]))
        self.selection_changed()

    def selection_changed(self) -> None:
        complaint_id = selected_id(self.table)
        self.handling.show_complaint(complaint_id)
        row = self.selected_row()
        self.refund_button.setEnabled(row is not None and row.category == "sp_charge" and row.status != "closed")
        self.print_button.setEnabled(row is not None)
        self.new_button.setEnabled(self.ctx.current_account is not None)

    def selected_row(self):
        complaint_id = selected_id(self.table)
        return next((r for r in self.model.rows if r.id == complaint_id), None)

    # --- actions --------------------------------------------------------------------------

    def find_complaint(self) -> None:
        """A customer comes back with the acknowledgment: open their line and the complaint."""
        session, text = self.ctx.session, self.lookup.text()
        Op(self, lambda: complaints.find(session, text)).success(self._found).failure(self._not_found).run()

    def _not_found(self, exc: BaseException) -> None:
        from counter_app.errors import UserError
        from counter_app.ui.errors import show_error, user_text

        if not isinstance(exc, UserError):
            show_error(self, exc)
            return
        self.ctx.statusMessage.emit(user_text(exc))
        self.lookup.selectAll()

    def _found(self, complaint) -> None:
        self.lookup.clear()
        self._select_after = complaint.id
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(0)
        self.scope.blockSignals(False)
        if complaint.account_id is not None and complaint.account_id != self.ctx.current_account:
            self.ctx.select_customer(complaint.account_id)  # every panel loads that line (and this list)
        else:
            self.refresh()

    def new_complaint(self) -> None:
        account = self.ctx.current_account
        if account is None:
            self.ctx.statusMessage.emit(self.tr("Find the customer first (Ctrl+F)."))
            return
        session = self.ctx.session
        Op(self, lambda: load_intake(session, account)).success(self._open_intake).run()

    def _open_intake(self, data) -> None:
        if data.account_id != self.ctx.current_account:
            return  # the clerk moved on to another customer meanwhile
        self.dialog = IntakeDialog(self.ctx, data, self)
        self.dialog.recorded.connect(self.recorded)
        self.dialog.open()

    def recorded(self, complaint) -> None:
        self._select_after = complaint.id
        if self.scope.currentIndex() != 0:
            self.scope.setCurrentIndex(0)  # refreshes
        self.ctx.statusMessage.emit(self.tr("Complaint {number} recorded; reply by {deadline}. Ctrl+P prints the "
                                            "acknowledgment.").format(number=complaint.complaint_no,
                                                                      deadline=f"{complaint.deadline_at:%Y-%m-%d %H:%M}"))

    def refund(self) -> None:
        complaint_id = selected_id(self.table)
        if complaint_id is None or not self.refund_button.isEnabled():
            return
        session = self.ctx.session
        Op(self, lambda: load_refund(session, complaint_id)).success(self._open_refund).run()

    def _open_refund(self, data) -> None:
        self.dialog = RefundDialog(self.ctx, data, self)
        self.dialog.refunded.connect(self.refunded)
        self.dialog.open()

    def refunded(self, result) -> None:
        from counter_app.money import format_yuan

        self.ctx.statusMessage.emit(self.tr("{amount} yuan credited to the account (receipt {receipt}).").format(
            amount=format_yuan(result.amount_fen), receipt=result.receipt_no))

    def print_ack(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from counter_app.documents.complaint_ack import render_ack
        from counter_app.ui.printing import print_document

        session, lang, complaint_id, number = self.ctx.session, self.ctx.lang, row.id, row.complaint_no
        print_document(self, self.ctx, lambda: render_ack(complaints.acknowledgment(session, complaint_id, lang)),
                       title=self.tr("Complaint acknowledgment {number}").format(number=number),
                       kind="complaint_ack", ref=number, on_open=self._opened)

    def _opened(self, preview) -> None:
        self.preview = preview
