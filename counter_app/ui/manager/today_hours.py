"""The Today tab's tickets by hour: one bar per hour from the day's first ticket to now, its
count over it and the hour under it, from the live board's figures (``board.snapshot``'s
``hourly``, the same arrivals the board tab charts). It fills the room a full-HD page has
below the cards; the busiest hour is the one the rota must cover.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from counter_app.ui.style import colour

BAR_AREA = 150  # the tallest bar, px
GAP = 6
MAX_SLOT = 120  # an hour's width at most, so three early hours are not spread over the page


def describe(hours: list[tuple[int, int]]) -> str:
    """The bars as text (what a screen reader says, the tooltip shows)."""
    if not hours:
        return QCoreApplication.translate("TodayHours", "No tickets yet today")
    return "; ".join(QCoreApplication.translate("TodayHours", "{hour:02d}:00 {count}").format(hour=h, count=n)
                     for h, n in hours)


class HourBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayHours")
        self.hours: list[tuple[int, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_hours(self, hours: list[tuple[int, int]]) -> None:
        self.hours = list(hours)
        text = describe(self.hours)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = QFontMetrics(self.font()).height()
        return QSize(240, BAR_AREA + 2 * line + 3 * GAP)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002, N802 - Qt override
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        painter.setPen(colour("text_muted"))
        if not self.hours:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, describe([]))
            painter.end()
            return
        slot = min(self.width() / len(self.hours), MAX_SLOT)  # the day grows from the left
        bar = max(4, min(int(slot * 0.6), 64))
        busiest = max(n for _, n in self.hours) or 1
        base = line + GAP + BAR_AREA
        for i, (hour, count) in enumerate(self.hours):
            x = int(i * slot + (slot - bar) / 2)
            height = round(BAR_AREA * count / busiest)
            painter.fillRect(QRect(x, base - height, bar, height),
                             colour("accent" if count == busiest else "primary"))
            painter.setPen(colour("text"))
            painter.drawText(QRect(int(i * slot), base - height - line - 2, int(slot), line),
                             Qt.AlignmentFlag.AlignCenter, f"{count:,}")
            painter.setPen(colour("text_muted"))
            painter.drawText(QRect(int(i * slot), base + GAP, int(slot), line),
                             Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
        painter.end()


class HoursCard(QFrame):
    """The bars on a card like the figures' (the page's one wide card)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCard")
        self.bars = HourBars()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bars)
