"""Text cut short to its room, with the ellipsis of the language on screen.

The windows use the hall's CJK font, whose "…" sits mid-line as Chinese typesetting wants it.
Qt cuts a table cell or a list row that does not fit with that character, which in an English
row ("fee_fen":⋯) reads as a stray symbol. In English these cut with three full stops on the
line instead; Chinese keeps Qt's own. Texts Qt translates are handled by ``ui.i18n``'s
``LatinEllipsis``; this module handles the texts Qt cuts while drawing them.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from counter_app.ui import i18n

LATIN = "..."
_View = TypeVar("_View", bound=QAbstractItemView)


def elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` as it fits ``width`` pixels on one line, cut at the end with the language's
    ellipsis (three full stops in English)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    if not i18n.latin_ellipsis():
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    # Qt measures its cut with "…"; "..." may be wider, so the cut leaves room for the difference.
    extra = max(0, metrics.horizontalAdvance(LATIN) - metrics.horizontalAdvance("\u2026"))
    cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width - extra))
    return cut.replace("\u2026", LATIN)


class ElidingDelegate(QStyledItemDelegate):
    """A view's cells and rows drawn as Qt draws them, cut at the end with ``elided``."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if not i18n.latin_ellipsis():
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget  # set by initStyleOption
        style = widget.style() if widget is not None else QApplication.style()
        if opt.text and opt.textElideMode == Qt.TextElideMode.ElideRight:
            room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            # The style keeps a margin each side of the text inside its rectangle.
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            text = elided(opt.fontMetrics, opt.text, room.width() - 2 * margin)
            if text != opt.text and "\n" not in opt.text:
                opt.text = text
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def eliding(view: _View) -> _View:
    """``view`` with its cells cut as ``elided`` cuts them; returns it."""
    view.setItemDelegate(ElidingDelegate(view))
    return view
