"""The columns of the counter's payment lists: the clerk's payments of today (payment panel)
and the payments found to reverse (the reversal dialog adds the clerk who took each)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.money import format_yuan
from counter_app.services.payments import PaymentRow
from counter_app.ui.widgets.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))

COL_RECEIPT, COL_TIME, COL_NUMBER, COL_KIND, COL_METHOD, COL_AMOUNT, COL_CHANGE, COL_STATE, COL_CLERK = range(9)


def method_name(method: str) -> str:
    names = {
        "cash": translate("PaymentPanel", "Cash"),
        "pos": translate("PaymentPanel", "Bank card (POS)"),
        "card": translate("PaymentPanel", "Payment card"),
        "remote": translate("PaymentPanel", "Cross-city"),
        "credit": translate("PaymentPanel", "Credit"),
    }
    return names.get(method, method)


def kind_name(kind: str) -> str:
    names = {
        "payment": translate("PaymentsModel", "Payment"),
        "fee": translate("PaymentsModel", "Fee"),
        "reversal": translate("PaymentsModel", "Reversal"),
        "refund": translate("PaymentsModel", "Refund"),
        "compensation": translate("PaymentsModel", "Compensation"),
    }
    return names.get(kind, kind)


def payments_model(parent=None, *, with_clerk: bool = False) -> RowsModel:
    """Payments, one row each (``PaymentRow``, rows known by the payment's id): money
    right-aligned and sorted by its fen; ``with_clerk`` adds the clerk who took each."""
    columns = [
        Column(translate("PaymentsModel", "Receipt"), lambda p: p.receipt_no),
        Column(translate("PaymentsModel", "Time"), lambda p: f"{p.at:%H:%M:%S}", key=lambda p: p.at),
        Column(translate("PaymentsModel", "Number"), lambda p: p.phone),
        Column(translate("PaymentsModel", "Kind"), lambda p: kind_name(p.kind)),
        Column(translate("PaymentsModel", "Method"), lambda p: method_name(p.method)),
        Column(translate("PaymentsModel", "Amount"), lambda p: format_yuan(p.amount_fen), numeric=True,
               key=lambda p: p.amount_fen),
        Column(translate("PaymentsModel", "Change"), _change, numeric=True, key=lambda p: p.change_fen or 0),
        Column(translate("PaymentsModel", "State"), _state),
    ]
    if with_clerk:
        columns.append(Column(translate("ReversalDialog", "Clerk"), lambda p: p.staff_no))
    return RowsModel(columns, parent, row_id=lambda p: p.id)


def _change(payment: PaymentRow) -> str:
    return "" if payment.change_fen is None else format_yuan(payment.change_fen)


def _state(payment: PaymentRow) -> str:
    return translate("PaymentsModel", "reversed") if payment.reversed else ""
