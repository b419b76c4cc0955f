"""Walking a real window's widgets: what a reader would find cut off, and what a screen reader
would announce for each control."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isVisible() and widget.width() > 0


def _where(widget: QWidget) -> str:
    names = []
    w = widget
    while w is not None and len(names) < 3:
        if w.objectName():
            names.append(w.objectName())
        w = w.parentWidget()
    return "/".join(reversed(names)) or type(widget).__name__


def clipped(root: QWidget) -> list[str]:
    """Texts wider (or, wrapped, taller) than the widget that shows them."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not shown(widget, root):
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 2:
                    cut.append(f"{_where(widget)} {widget.text()[:40]!r}: wrapped height "
                               f"{widget.heightForWidth(widget.width())} > {widget.height()}")
            elif widget.textFormat() != 1 and widget.minimumSizeHint().width() > widget.width() + 1:
                cut.append(f"{_where(widget)} {widget.text()[:40]!r}: {widget.minimumSizeHint().width()} > "
                           f"{widget.width()}")
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                cut.append(f"{_where(widget)} {widget.text()[:40]!r}: {widget.sizeHint().width()} > {widget.width()}")
        elif isinstance(widget, QGroupBox) and widget.title():
            if widget.fontMetrics().horizontalAdvance(widget.title()) + 16 > widget.width():
                cut.append(f"{_where(widget)} title {widget.title()!r}")
        elif isinstance(widget, QTabBar) and not widget.usesScrollButtons():
            for i in range(widget.count()):
                if widget.tabSizeHint(i).width() > widget.tabRect(i).width() + 1:
                    cut.append(f"{_where(widget)} tab {widget.tabText(i)!r}")
    return cut


def plain_views(root: QWidget) -> list[str]:
    """Tables and lists whose cells Qt would cut with the font's mid-line "…" in English
    (their delegate is not ``ui.widgets.elide.ElidingDelegate``)."""
    from counter_app.ui.widgets.elide import ElidingDelegate

    return [f"{type(view).__name__} {_where(view)}" for view in root.findChildren(QAbstractItemView)
            if not isinstance(view, QHeaderView) and shown(view, root)
            and not isinstance(view.itemDelegate(), ElidingDelegate)]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """Inputs and buttons a screen reader would announce with no name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a control (a spin box's editor, a table's corner) are named with it
        if isinstance(widget, CONTROLS) and shown(widget, root) and not accessible_name(widget):
            missing.append(f"{type(widget).__name__} {_where(widget)}")
    return missing
