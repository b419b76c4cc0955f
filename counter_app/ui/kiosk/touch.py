"""The kiosk's building blocks: touch buttons large enough for a finger (with the theme's icon
beside their words), headings and type sizes read from a step away."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from counter_app.ui.style import icon

TOUCH = 96  # minimum height of a touch button, in pixels
ICON_PX = 48
SMALL_TOUCH = 64  # the least any kiosk button may be: 15 mm at 102 pixels per inch (tests/design)


def set_font(widget: QWidget, size: int, bold: bool = False) -> None:
    """The kiosk's type sizes are set per widget, in points (read from a step away)."""
    font = QFont(widget.font())
    font.setPointSize(size)
    font.setBold(bold)
    widget.setFont(font)


def touch_button(text: str, name: str, size: int = 20, use: str = "", primary: bool = False) -> QPushButton:
    """A touch button; with ``use`` it carries the theme's icon beside its words (words always:
    a stranger should not have to guess what a picture means)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    set_font(button, size)
    button.setProperty("category" if primary else "nav", True)
    if use:
        button.setIcon(icon(use, "on_primary" if primary else "text", "kiosk"))
        button.setIconSize(QSize(ICON_PX, ICON_PX))
    return button


def title(text: str, size: int = 30) -> QLabel:
    """A page's heading: centred, bold, wrapped."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    set_font(label, size, bold=True)
    return label
