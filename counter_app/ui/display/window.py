"""The calling display on the wall: current calls per counter and waiting counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counter_app.i18n import pick
from counter_app.services import overview
from counter_app.ui.context import AppContext


class DisplayWindow(QWidget):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("displayWindow")
        self.setWindowTitle(self.tr("Calling display — {hall}").format(hall=ctx.session.hall.name))
        title = QLabel(ctx.session.hall.name)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(title.font())
        font.setPointSize(32)
        title.setFont(font)
        grid = QGridLayout()
        self.counts: dict[str, QLabel] = {}
        for i, (category, waiting) in enumerate(overview.waiting_by_category(ctx.session.hall_code)):
            grid.addWidget(QLabel(pick(ctx.lang, category.name_zh, category.name_en)), i, 0)
            label = QLabel(self.tr("{count} waiting").format(count=waiting))
            self.counts[category.code] = label
            grid.addWidget(label, i, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        self.resize(1280, 720)
