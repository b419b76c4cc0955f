"""Windows that fit the screen they open on (a hall PC is often 1366×768)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


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
