"""A line's balance in words, the same on every screen: owed or in credit, never a bare sign
a customer could read either way (services.ledger: a negative balance is owed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.money import format_yuan


def balance_text(fen: int) -> str:
    if fen < 0:
        return QCoreApplication.translate("Ledger", "owed {amount}").format(amount=format_yuan(-fen))
    if fen > 0:
        return QCoreApplication.translate("Ledger", "credit {amount}").format(amount=format_yuan(fen))
    return format_yuan(0)
