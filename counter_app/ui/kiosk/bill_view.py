"""The kiosk's bill lookup: number + service password, then the same bill as the counter prints."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.widgets.placeholder import fill_with_placeholder


class KioskBillView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskBillView")
        fill_with_placeholder(self)
