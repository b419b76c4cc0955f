"""Staff windows (and the print preview) open at a comfortable size that never exceeds the
screen they are on. This is the one place that sizes a window to its screen.

A hall PC is often 1366×768 with a task bar: a window of a fixed 1280×800 would put its
status bar below the screen's edge. The window takes the preferred size where there is room
and the screen's available area (less the window frame) where there is not.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)
# Room for the title bar and borders the window manager adds around the client area.
FRAME = QSize(16, 40)


def fitted_size(available: QRect, preferred: QSize = PREFERRED) -> QSize:
    return QSize(max(1, min(preferred.width(), available.width() - FRAME.width())),
                 max(1, min(preferred.height(), available.height() - FRAME.height())))


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED, available: QRect | None = None) -> QSize:
    """Resize ``window`` to ``preferred`` or to what the screen offers, whichever is smaller,
    and place it inside that area. Returns the size given.

    Never smaller than the window's own minimum (with the stylesheet applied): Qt would widen
    it after it was placed, past the screen's edge (a counter in English training mode, placed
    for 1280 px and then widened by its drill panel). Call it again when a part that widens the
    window is added."""
    if available is None:
        screen = window.screen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, preferred.width(),
                                                                              preferred.height())
    window.ensurePolished()  # the stylesheet's fonts and paddings count in the minimum
    size = fitted_size(available, preferred).expandedTo(window.minimumSizeHint())
    window.resize(size)
    window.move(available.x() + max(0, (available.width() - size.width() - FRAME.width()) // 2),
                available.y() + max(0, (available.height() - size.height() - FRAME.height()) // 2))
    return size
