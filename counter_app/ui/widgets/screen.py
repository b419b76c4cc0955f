"""Tables that fit the screen they open on (a hall PC is often 1366×768). Windows are sized
by ui/window_size.py, the one rule for every staff window and the print preview."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


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
