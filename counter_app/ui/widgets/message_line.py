"""A message beside an input that never moves the window around it.

A word-wrapped QLabel takes the height its text needs and at least the width of its longest
word: a message appearing beside the counter's customer field made the bar above the panels
taller (by 166 px in training mode at 1366×768, where the message had 58 px of width) and the
window's minimum wider. A :class:`MessageLine` is always ``lines`` lines tall, empty or not,
and as wide as its layout gives it: its text never widens or heightens anything. A text longer
than its lines at that width ends in "…" on its last line and shows whole as the tooltip;
``text()`` is always the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from counter_app.ui.widgets.elide import elided


class MessageLine(QLabel):
    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._hold_height()

    def _hold_height(self) -> None:
        margins = self.contentsMargins()
        height = self.fontMetrics().lineSpacing() * self.lines + margins.top() + margins.bottom() + 2 * self.margin()
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hold_height()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.height())

    def fits(self) -> bool:
        """The whole text shows in the lines at the present width."""
        return QLabel.heightForWidth(self, self.width()) <= self.height()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._tip()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._tip()

    def _tip(self) -> None:
        self.setToolTip("" if not self.text() or self.fits() else self.text())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.text() or self.fits():
            super().paintEvent(event)
            return
        # Too long for its lines here: the lines it has, the last one ending in "…".
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        metrics = self.fontMetrics()
        layout = QTextLayout(self.text(), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        starts = []
        while len(starts) < self.lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            starts.append(line.textStart())
        layout.endLayout()
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        y = rect.top() + (rect.height() - metrics.lineSpacing() * len(starts)) // 2
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text())
            text = self.text()[start:end].rstrip("\n")
            if i == len(starts) - 1:
                text = elided(metrics, self.text()[start:], rect.width())
            painter.drawText(QPointF(rect.left(), y + metrics.ascent()), text)
            y += metrics.lineSpacing()
        painter.end()
