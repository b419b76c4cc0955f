"""The clerk's two complaint dialogs: intake (category, what happened, what the customer
wants, the SP subscriptions concerned) and SP advance compensation (先行赔付: tick the wrong
charges, refund them as an account credit, a manager's approval above the limits).

Each dialog makes its idempotency key when it opens, so a double click or double Enter
stores one complaint and pays one refund."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.i18n import pick
from counter_app.models.complaints import CATEGORIES
from counter_app.money import format_yuan
from counter_app.services import complaint_links, complaints
from counter_app.services import complaint_refunds as refunds
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.complaint_models import category_label, preselected, refund_model
from counter_app.ui.widgets.elide import eliding


@dataclass(frozen=True)
class IntakeData:
    """What the intake dialog offers, read on a worker (:func:`load_intake`)."""

    account_id: object
    phone: str
    hours: dict[str, int]
    subscriptions: list[complaint_links.SubscriptionChoice]
    bill_items: list[complaint_links.BillItemChoice]


def load_intake(session, account_id) -> IntakeData:
    return IntakeData(account_id, complaint_links.line_phone(session, account_id),
                      complaints.deadline_hours(session.hall_code),
                      complaint_links.active_subscriptions(session, account_id),
                      complaint_links.recent_bill_items(session, account_id))


@dataclass(frozen=True)
class RefundData:
    """What the refund dialog shows, read on a worker (:func:`load_refund`)."""

    complaint_id: object
    complaint_no: str
    limits: refunds.RefundLimits
    items: list[refunds.RefundableItem]


def load_refund(session, complaint_id) -> RefundData:
    complaint = complaints.get(session, complaint_id)
    return RefundData(complaint_id, complaint.complaint_no, refunds.refund_limits(session.hall_code),
                      refunds.refundable_items(session, complaint_id))


class IntakeDialog(QDialog):
    recorded = Signal(object)  # the Complaint stored

    def __init__(self, ctx: AppContext, data: IntakeData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id = data.account_id
        phone = data.phone
        self._busy = False
        self.key = f"complaint-{uuid.uuid4()}"
        self.setObjectName("complaintIntake")
        self.setWindowTitle(self.tr("New complaint — {phone}").format(phone=phone))
        self.category = QComboBox()
        self.category.setObjectName("complaintCategory")
        hours = data.hours
        for code in CATEGORIES:
            self.category.addItem(self.tr("{name} (reply within {hours} h)").format(
                name=category_label(code), hours=hours[code]), code)
        self.description = QPlainTextEdit()
        self.description.setObjectName("complaintDescription")
        self.description.setTabChangesFocus(True)
        self.wish = QLineEdit()
        self.wish.setObjectName("complaintWish")
        self.subscriptions = eliding(QListWidget())
        self.subscriptions.setObjectName("complaintSubscriptions")
        self.subscriptions.setMaximumHeight(90)
        for sub in data.subscriptions:
            item = QListWidgetItem(f"{sub.service_code} {pick(ctx.lang, sub.name_zh, sub.name_en)}")
            item.setData(Qt.ItemDataRole.UserRole, (str(sub.id), sub.service_code))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.subscriptions.addItem(item)
        self.bill_items = eliding(QListWidget())
        self.bill_items.setObjectName("complaintBillItems")
        self.bill_items.setMaximumHeight(110)
        for line in data.bill_items:
            item = QListWidgetItem(f"{line.period}  {pick(ctx.lang, line.name_zh, line.name_en)}  "
                                   f"{format_yuan(line.amount_fen)}")
            item.setData(Qt.ItemDataRole.UserRole, line)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.bill_items.addItem(item)
        self.message = QLabel()
        self.message.setObjectName("complaintIntakeMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Record complaint"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)

        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("What happened"), self.description)
        form.addRow(self.tr("Customer wants"), self.wish)
        form.addRow(self.tr("SP services concerned"), self.subscriptions)
        form.addRow(self.tr("Bill items concerned"), self.bill_items)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(600, 520)

    def linked(self) -> list[dict]:
        out = []
        for row in range(self.subscriptions.count()):
            item = self.subscriptions.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                sub_id, code = item.data(Qt.ItemDataRole.UserRole)
                out.append({"kind": "sp_subscription", "id": sub_id, "service_code": code})
        for row in range(self.bill_items.count()):
            item = self.bill_items.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                line = item.data(Qt.ItemDataRole.UserRole)
                out.append({"kind": "bill_item", "id": line.id, "period": line.period,
                            "amount_fen": line.amount_fen, "service_code": line.service_code})
        return out

    def submit(self) -> None:
        if self._busy:
            return
        self.message.clear()
        session, account_id, category = self.ctx.session, self.account_id, self.category.currentData()
        description, wish, linked, key = self.description.toPlainText(), self.wish.text(), self.linked(), self.key
        self._busy = True
        self.buttons.setEnabled(False)
        Op(self, lambda: complaints.open_complaint(
            session, account_id=account_id, category=category, description=description, wish=wish, linked=linked,
            idempotency_key=key), changes={Topic.COMPLAINTS}) \
            .after(self._unbusy).success(self._recorded).failure(self._refused).run()

    def _unbusy(self) -> None:
        self._busy = False
        self.buttons.setEnabled(True)

    def _recorded(self, complaint) -> None:
        self.recorded.emit(complaint)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)


class RefundDialog(QDialog):
    refunded = Signal(object)  # services.complaint_refunds.Compensation

    def __init__(self, ctx: AppContext, data: RefundData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = data.complaint_id
        self.key = f"refund-{uuid.uuid4()}"
        self.limits = data.limits
        self._busy = False
        self.setObjectName("complaintRefund")
        self.setWindowTitle(self.tr("Advance compensation — {number}").format(number=data.complaint_no))
        self.model = refund_model(ctx.lang, self)
        self.model.set_rows(data.items, preselected(data.items, self.limits.months_back))
        self.model.dataChanged.connect(lambda *_: self.update_total())
        self.table = eliding(QTableView())
        self.table.setObjectName("refundItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self.toggle)
        self.limit_label = QLabel(self.tr("Limit without approval: {amount} yuan, charges of the last {months} "
                                          "bill months").format(amount=format_yuan(self.limits.amount_fen),
                                                                months=self.limits.months_back))
        self.total = QLabel()
        self.total.setObjectName("refundTotal")
        self.cancel_sub = QCheckBox(self.tr("Also cancel the SP subscription from today"))
        self.cancel_sub.setObjectName("refundCancelSubscription")
        self.approval = QGroupBox(self.tr("Manager approval"))
        self.approver = QLineEdit()
        self.approver.setObjectName("refundApprover")
        self.approver.setPlaceholderText(self.tr("Manager's staff no."))
        self.password = QLineEdit()
        self.password.setObjectName("refundApproverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        approval_form = QFormLayout(self.approval)
        approval_form.addRow(self.tr("Staff no."), self.approver)
        approval_form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setObjectName("refundMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.pay_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.pay_button.setText(self.tr("Refund to the account"))
        self.pay_button.setObjectName("refundPay")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.password.returnPressed.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick the wrong SP charges (Space). The refund is credited to the "
                                        "customer's account and claimed from the SP.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.total)
        layout.addWidget(self.cancel_sub)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(680, 480)
        self.update_total()
        self.table.setFocus()

    def toggle(self, index) -> None:
        self.model.toggle(index.row())

    def update_total(self) -> None:
        items = self.model.ticked_rows()
        total = sum(i.amount_fen for i in items)
        oldest = max((i.months_back for i in items), default=0)
        reasons = refunds.approval_reasons(self.limits, total, oldest)
        manager = self.ctx.session.staff is not None and self.ctx.session.staff.role in refunds.APPROVER_ROLES
        self.approval.setVisible(bool(reasons) and not manager)
        text = self.tr("Refund: {amount} yuan ({count} charges)").format(amount=format_yuan(total), count=len(items))
        if reasons:
            text += " — " + self.tr("above the limit: a manager approves")
        self.total.setText(text)
        self.pay_button.setEnabled(bool(items))

    def submit(self) -> None:
        if self._busy:
            return
        self.message.clear()
        items = self.model.ticked_rows()
        if not items:
            return
        session, complaint_id, key = self.ctx.session, self.complaint_id, self.key
        item_ids, cancel = [i.bill_item_id for i in items], self.cancel_sub.isChecked()
        approver, password = self.approver.text(), self.password.text()
        self._busy = True
        self.pay_button.setEnabled(False)
        Op(self, lambda: refunds.compensate(
            session, complaint_id, bill_item_ids=item_ids, idempotency_key=key, cancel_subscription=cancel,
            approver_no=approver, approver_password=password),
           changes={Topic.PAYMENTS, Topic.COMPLAINTS, Topic.CUSTOMER}) \
            .after(self._unbusy).success(self._refunded).failure(self._refused).run()

    def _unbusy(self) -> None:
        self._busy = False
        self.pay_button.setEnabled(bool(self.model.ticked_rows()))

    def _refunded(self, result) -> None:
        self.refunded.emit(result)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.password.clear()
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)
