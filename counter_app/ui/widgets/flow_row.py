"""A row of buttons that wraps onto a second line when its panel is narrow.

A panel's row of three or four long-labelled buttons ("Detailed records (Ctrl+2)", "Refund SP
charge (Ctrl+Shift+R)") made the panel, and with it the counter window, wider than a 1366×768
screen in English with the training drills docked beside it. In a ``FlowRow`` the buttons
stand side by side where they fit and wrap where they do not; the row's minimum width is its
widest button. Its height for a width comes from ``heightForWidth``, which the vertical box
layouts of the panels honour.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class FlowRow(QLayout):
    """Items left to right, wrapping to new lines; ``stretch_last`` puts the last item at the
    right end of its line (a "Print" button after the others)."""

    def __init__(self, parent: QWidget | None = None, *, stretch_last: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.stretch_last = stretch_last
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest item (the others wrap under it)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + self._margin_size()

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _margin_size(self) -> QSize:
        margins: QMargins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _spacing(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (when ``move``); the height they take either way."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self._spacing()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = item.sizeHint().width()
            if lines[-1] and used + spacing + width > area.width():
                lines.append([])
                used = 0
            used += (spacing if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for n, line in enumerate(lines):
            height = max((item.sizeHint().height() for item in line), default=0)
            x = area.x()
            for i, item in enumerate(line):
                size = item.sizeHint().boundedTo(QSize(area.width(), height))
                last = self.stretch_last and n == len(lines) - 1 and i == len(line) - 1 and len(line) > 1
                if last:
                    x = max(x, area.right() + 1 - size.width())
                if move:
                    item.setGeometry(QRect(QPoint(x, y), size))
                x += size.width() + spacing
            y += height + (spacing if n < len(lines) - 1 else 0)
        return y - area.y() + margins.top() + margins.bottom()


def flow_row(*widgets: QWidget, stretch_last: bool = False) -> FlowRow:
    """A ``FlowRow`` of these widgets."""
    row = FlowRow(stretch_last=stretch_last)
    for widget in widgets:
        row.addWidget(widget)
    return row

