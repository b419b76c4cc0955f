"""The kiosk: a customer takes a queue number by service on a touchscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.i18n import pick
from counter_app.models import QueueCategory
from counter_app.ui.context import AppContext


class KioskWindow(QWidget):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("Take a number — {hall}").format(hall=ctx.session.hall.name))
        title = QLabel(self.tr("Welcome to {hall}").format(hall=ctx.session.hall.name))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(title.font())
        font.setPointSize(28)
        title.setFont(font)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, category in enumerate(QueueCategory.select().order_by(QueueCategory.sort)):
            button = QPushButton(f"{category.prefix}  {pick(ctx.lang, category.name_zh, category.name_en)}")
            button.setMinimumHeight(96)
            button.setObjectName(f"category_{category.code}")
            self.buttons[category.code] = button
            grid.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        self.resize(1024, 768)
