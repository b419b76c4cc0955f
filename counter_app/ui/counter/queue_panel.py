"""The counter's queue panel: current ticket, call / recall / transfer / no-show / finish."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from counter_app.ui.context import AppContext


class QueuePanel(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("queuePanel")
        self.setTitle(self.tr("Queue"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Counter {number}").format(number=ctx.session.counter_number or "-")))
        layout.addStretch(1)
