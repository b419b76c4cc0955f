"""Daily summary print-out."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.widgets.placeholder import fill_with_placeholder


class ReportsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsTab")
        fill_with_placeholder(self)
