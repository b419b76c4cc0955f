"""The training watermark: every page a training process prints says 培训 / TRAINING across it
and, at its top edge, that it is no valid document.

Documents are drawn by several canvases (statements, receipts, slips, tickets, reports); the
watermark is put on at the one place they all pass, reportlab's ``Canvas.showPage``, when
:func:`install` is called (whenever ``counter_app.training`` is activated: the documents
package registers this module with it when it is imported). A page is marked when it
is finished, so the mark lies over the content, in a light, half-transparent grey that keeps
the page and its QR readable. A new kind of document needs nothing to be marked.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app import theme
from counter_app.documents.fonts import register_fonts

MARK = "培训 TRAINING"
EDGE = "培训用 · 非业务凭证 — TRAINING · NOT A VALID DOCUMENT"

_original_show_page: Callable[[Canvas], None] | None = None


def _mark(canvas: Canvas) -> None:
    font = register_fonts()
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(theme.pdf_colour("watermark"))
    canvas.setFillAlpha(0.16)
    size = max(14.0, min(width, height) / 7)
    canvas.setFont(font, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)) if height > width * 1.6 else 35)
    canvas.drawCentredString(0, -size / 3, MARK)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(theme.pdf_colour("watermark"))
    edge = max(5.0, min(8.0, width / 60))
    canvas.setFont(font, edge)
    canvas.drawCentredString(width / 2, height - edge - 1.5 * mm, EDGE)
    canvas.restoreState()


def _show_page(self: Canvas) -> None:
    _mark(self)
    if _original_show_page is not None:  # installed: the page goes out marked
        _original_show_page(self)


def install() -> None:
    """Mark every page finished from now on (idempotent)."""
    global _original_show_page
    if _original_show_page is not None:
        return
    _original_show_page = Canvas.showPage
    Canvas.showPage = _show_page


def remove() -> None:
    global _original_show_page
    if _original_show_page is None:
        return
    Canvas.showPage = _original_show_page
    _original_show_page = None


def installed() -> bool:
    return _original_show_page is not None


def follow(active: bool) -> None:
    """Mark pages while this process is in training mode (``counter_app.training.on_change``)."""
    if active:
        install()
    else:
        remove()
