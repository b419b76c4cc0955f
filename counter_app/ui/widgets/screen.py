"""Windows that fit the screen they open on (a hall PC is often 1366×768)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width``×``height``, or to the screen's available area when that
    is smaller, so the title bar and the status bar stay on screen."""
    screen = window.screen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width()), min(height, area.height())
        window.resize(width, height)
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())
    else:
        window.resize(width, height)


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Every column as wide as its header and contents (numbers are never cut), and one
    column, the free text (``stretch``; the last when None), takes the room that is left.
    Equal "stretch" widths cut the long headers and numbers at 1366×768."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
