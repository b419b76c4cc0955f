"""Complaints for the manager: deadlines, escalations, monthly analysis, SP claims."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.widgets.placeholder import fill_with_placeholder


class ComplaintsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintsTab")
        fill_with_placeholder(self)
