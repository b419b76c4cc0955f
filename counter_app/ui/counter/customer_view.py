"""Identify the customer and see them whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.i18n import pick
from counter_app.money import format_yuan
from counter_app.services import customers
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text


class IdentifyBar(QWidget):
    """One field that takes a phone number; Enter looks it up."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = QLineEdit()
        self.query.setObjectName("identifyQuery")
        self.query.setPlaceholderText(self.tr("Phone number"))
        self.query.returnPressed.connect(self.lookup)
        self.find = QPushButton(self.tr("Find"))
        self.find.setObjectName("identifyFind")
        self.find.clicked.connect(self.lookup)
        self.message = QLabel()
        self.message.setObjectName("identifyMessage")
        self.message.setStyleSheet("color: #b00020;")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Customer")))
        row.addWidget(self.query, 1)
        row.addWidget(self.find)
        row.addWidget(self.message, 2)
        self.result: customers.CustomerSummary | None = None

    def lookup(self) -> None:
        self.message.clear()
        try:
            self.result = customers.find_by_phone(self.query.text())
        except UserError as exc:
            self.message.setText(user_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.ctx.extra_summary = self.result  # read by CustomerView
        self.ctx.select_customer(self.result.account_id)


class CustomerView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("customerView")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("name", self.tr("Name")),
            ("id", self.tr("ID number")),
            ("phone", self.tr("Phone number")),
            ("plan", self.tr("Plan")),
            ("status", self.tr("Status")),
            ("balance", self.tr("Balance (yuan)")),
            ("vip", self.tr("VIP tier")),
            ("city", self.tr("Home city")),
        ):
            value = QLabel("—")
            value.setObjectName(f"customer_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        ctx.customerChanged.connect(self.show_current)

    def show_current(self, _account_id) -> None:
        s = getattr(self.ctx, "extra_summary", None)
        if s is None:
            for label in self.fields.values():
                label.setText("—")
            return
        self.fields["name"].setText(s.name)
        self.fields["id"].setText(s.masked_id)
        self.fields["phone"].setText(s.phone)
        self.fields["plan"].setText(pick(self.ctx.lang, s.plan_zh, s.plan_en))
        self.fields["status"].setText(s.status)
        self.fields["balance"].setText(format_yuan(s.balance_fen))
        self.fields["vip"].setText(s.vip_tier or "—")
        self.fields["city"].setText(s.home_city)
