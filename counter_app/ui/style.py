"""Applying the theme (counter_app/theme.py) to widgets.

A window calls ``apply_role(self, "counter")`` once; its widgets then take states by
properties (``set_tone(label, "error")``, ``set_badge(label, "remote")``) that the role's
stylesheet colours. No widget writes a colour itself, so the palette changes in one file.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
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


def _render(svg: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def logo_pixmap(size: int) -> QPixmap:
    """The hall's logo (resources/theme/logo.svg, replaceable by the operator's own)."""
    return _render(theme.current().logo.read_text(encoding="utf-8"), size)


def icon(use: str, part: str = "text", role: str = "counter", size: int = 64) -> QIcon:
    """The theme's icon for a use ("category:payment", "queue:call", "tab:board"), drawn in a
    role's colour (the SVGs are drawn in currentColor). An empty icon when there is none."""
    path = theme.current().icon_file(use)
    if path is None or not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", theme.colour(role, part))
    return QIcon(_render(svg, size))
