"""Applying the theme (counter_app/theme.py) to widgets.

A window calls ``apply_role(self, "counter")`` once; its widgets then take states by
properties (``set_tone(label, "error")``, ``set_badge(label, "remote")``) that the role's
stylesheet colours. No widget writes a colour itself, so the palette changes in one file.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from counter_app import theme

ROLE_PROPERTY = "themeRole"


def apply_role(widget: QWidget, role: str) -> None:
    """Style a top-level window (and the dialogs it parents) as ``role``."""
    widget.setProperty(ROLE_PROPERTY, role)
    widget.setStyleSheet(theme.qss(role))


def repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Give a widget one of the stylesheet's tones (error, success, muted, note, heading…);
    None or "" returns it to plain text."""
    if (widget.property("tone") or "") == (tone or ""):
        return
    widget.setProperty("tone", tone or "")
    repolish(widget)


def set_badge(widget: QWidget, badge: str) -> None:
    widget.setProperty("badge", badge)
    repolish(widget)


def colour(part: str, role: str = "counter") -> QColor:
    """A role's colour for code that paints or returns a model's ForegroundRole."""
    return QColor(theme.colour(role, part))


def hex_colour(part: str, role: str = "counter") -> str:
    """The same colour as text, for HTML shown in a QTextBrowser."""
    return theme.colour(role, part)
