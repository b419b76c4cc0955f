"""The live hall board."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.widgets.placeholder import fill_with_placeholder


class BoardTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("boardTab")
        fill_with_placeholder(self)
