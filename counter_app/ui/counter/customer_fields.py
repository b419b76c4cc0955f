"""The customer page's particulars (name, ID number, phone, plan, balance…): label and value
pairs, two to a row, three where the page is wide (it saves two rows of the page's height on a
1366×768 screen). A long value (a plan and the one that follows it) wraps."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel

NARROW, WIDE = 2, 3  # pairs to a row


class Particulars(QGridLayout):
    """``fields[key]`` is the value label of each ``(key, caption)`` of ``items``."""

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.fields: dict[str, QLabel] = {}
        self._cells: list[tuple[QLabel, QLabel]] = []
        for key, caption in items:
            value = QLabel("—")
            value.setObjectName(f"customer_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fields[key] = value
            self._cells.append((QLabel(caption), value))
        self.per_row = 0
        self.lay(NARROW)

    def width_for(self, per_row: int) -> int:
        """The narrowest width that holds the pairs ``per_row`` to a row."""
        widths = [0] * (2 * per_row)
        for n, (caption, value) in enumerate(self._cells):
            column = 2 * (n % per_row)
            widths[column] = max(widths[column], caption.sizeHint().width())
            widths[column + 1] = max(widths[column + 1], value.minimumSizeHint().width())
        return sum(widths) + max(0, self.horizontalSpacing()) * (len(widths) - 1)

    def lay(self, per_row: int) -> None:
        """Place the pairs ``per_row`` to a row, in reading order."""
        if per_row == self.per_row:
            return
        self.per_row = per_row
        for n, (caption, value) in enumerate(self._cells):
            self.removeWidget(caption)
            self.removeWidget(value)
            row, column = divmod(n, per_row)
            self.addWidget(caption, row, column * 2)
            self.addWidget(value, row, column * 2 + 1)
        for column in range(WIDE):
            self.setColumnStretch(column * 2 + 1, 1 if column < per_row else 0)
