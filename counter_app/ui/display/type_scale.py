"""The calling display's type scale: as large as its screen allows, never larger than fits.

Every label of the display carries the point size it has on the 1280×720 design screen
(``basePointSize``). A wall screen scales them all by one factor, read from its size (half as
large again at 1920×1080). What is on the wall also takes room: two rows of counters, two rows
of queues, the notices band with its longest notice (held whole, see notice_band.py), and in
English a longer line under the call. At the size's own factor these can need more height
than the screen has: 799 px on a 1366×768 screen. The window then shrinks the whole type
scale step by step until everything fits, so the wall screen shows all of it, nothing clipped
at its foot, and the call stays the largest thing on it.

The window does not let its layout's minimum grow the window (on a wall screen, full screen,
it could not grow anyway; its foot would be cut off below the screen's edge): the type fits
the window instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

BASE_PT = "basePointSize"
SMALLEST_FACTOR = 0.5  # below this the wall is unreadable from across the hall anyway
STEP = 0.95
REFINE = 4  # halvings between a factor that fits and one too large
SMALLEST_PT = 8


def apply(root: QWidget, factor: float) -> None:
    """Set every scaled label under ``root`` to its design size times ``factor``."""
    for label in root.findChildren(QLabel):
        scale_label(label, factor)


def scale_label(label: QLabel, factor: float) -> None:
    base = label.property(BASE_PT)
    if base:
        size = max(SMALLEST_PT, round(int(base) * factor))
        if label.font().pointSize() != size:
            font = label.font()
            font.setPointSize(size)
            label.setFont(font)


def _invalidate(root: QWidget) -> None:
    # A label's new font reaches its own box's layout at once, but the window's layout keeps the
    # boxes' old sizes until their posted layout requests run; ask for the new ones now.
    for widget in root.findChildren(QWidget):
        layout = widget.layout()
        if layout is not None:
            layout.invalidate()
            widget.updateGeometry()
    layout = root.layout()
    if layout is not None:
        layout.invalidate()


def needed(root: QWidget, settle: Callable[[], None]) -> QSize:
    """The smallest size ``root``'s layout accepts with the fonts it has now. ``settle`` runs
    once the children have their widths at these fonts (the notices band then holds the height
    its longest notice needs at its width)."""
    layout = root.layout()
    if layout is None:
        return root.minimumSizeHint()
    _invalidate(root)
    layout.activate()  # the children take their widths at this type size
    settle()
    _invalidate(root)
    return layout.totalMinimumSize()


def fit(root: QWidget, nominal: float, settle: Callable[[], None]) -> float:
    """Scale the type to ``nominal``, then smaller until ``root``'s contents fit its size.
    Returns the factor used."""

    def fits(factor: float) -> bool:
        apply(root, factor)
        need = needed(root, settle)
        return need.height() <= root.height() and need.width() <= root.width()

    factor, too_large = nominal, None
    while not fits(factor) and factor > SMALLEST_FACTOR:
        too_large = factor
        # Sizes follow the type nearly in proportion (margins do not, and a narrower title
        # leaves the notice more width): try the share that fits, or a step down where that is less.
        need = root.minimumSizeHint()
        share = min(root.height() / max(1, need.height()), root.width() / max(1, need.width()))
        factor = max(SMALLEST_FACTOR, factor * min(STEP, share))
    if too_large is None or factor <= SMALLEST_FACTOR and not fits(factor):
        return factor
    # The share can undershoot: the largest type between it and the last one too large.
    for _ in range(REFINE):
        middle = (factor + too_large) / 2
        if fits(middle):
            factor = middle
        else:
            too_large = middle
    fits(factor)  # the window is left laid out at the factor chosen
    return factor
