"""Page furniture shared by the printed statements: fonts, paragraph styles, the running
header and the "page x of y" footer, money columns, and a PDF builder.

Documents are bilingual by a ``lang`` argument ("zh_CN" or "en"); their labels are pairs
picked with :func:`label` (documents have no Qt, so no ``tr``). Every document embeds the
CJK TrueType font (documents/fonts.py), so Chinese prints the same on any machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, TableStyle

from counter_app import theme
from counter_app.documents.fonts import register_fonts
from counter_app.money import format_yuan

MARGIN = 15 * mm
HEADER_GAP = 12 * mm
GRID = theme.pdf_colour("grid")
SHADE = theme.pdf_colour("shade")


def is_zh(lang: str) -> bool:
    return lang.startswith("zh")


def label(lang: str, zh: str, en: str) -> str:
    return zh if is_zh(lang) else en


def yuan(fen: int) -> str:
    return format_yuan(fen)


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle


def draw_qr_vector(canvas: rl_canvas.Canvas, data: str, x: float, y: float, size: float, *, quiet: int = 2) -> None:
    """Draw a QR code as filled rectangles (lower-left corner at x, y; side ``size``).

    documents/qr.py draws through a PNG; statements are printed by the hundred, so here the
    modules go straight into the page as one path in module units (fixed mask pattern, no
    image encoding, integer coordinates): ~10x faster, and sharp at any printer resolution."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    count = len(matrix)
    cell = size / (count + 2 * quiet)
    canvas.saveState()
    canvas.setFillColor(theme.pdf_colour("background"))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(theme.pdf_colour("text"))
    canvas.transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell)
    ops: list[str] = []
    for row, line in enumerate(matrix):
        level = count - 1 - row
        col = 0
        while col < count:  # one rectangle per horizontal run of dark modules
            if line[col]:
                start = col
                while col < count and line[col]:
                    col += 1
                ops.append(f"{start} {level} {col - start} 1 re")
            else:
                col += 1
    ops.append("f")
    canvas._code.append("\n".join(ops))  # raw path operators: reportlab's rect() per module is 20x slower
    canvas.restoreState()


def styles() -> Styles:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return Styles(
        font=font,
        title=ParagraphStyle("title", parent=body, fontSize=16, leading=20, alignment=1, spaceAfter=4),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=theme.pdf_colour("text_muted")),
        heading=ParagraphStyle("heading", parent=body, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
    )


def table_style(font: str, *, header_rows: int = 1, money_cols: Sequence[int] = (), size: float = 8.5,
                extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("LEADING", (0, 0), (-1, -1), size + 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, theme.pdf_colour("text")),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for col in money_cols:
        commands.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    commands.extend(extra)
    return TableStyle(commands)


class _NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]  # reportlab has no type hints: Canvas is Any
    """Holds pages back until the end so the footer can say "page x of y"."""

    furniture: PageFurniture

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Else the canvas starts in Helvetica and the PDF lists an unembedded font.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or register_fonts()
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.furniture.draw(self, self._pageNumber, total)
            super().showPage()
        super().save()


@dataclass
class PageFurniture:
    """What every page of a statement repeats: hall, title, number, page x of y, QR on page 1."""

    hall_name: str
    title: str
    doc_ref: str
    lang: str
    qr_payload: str = ""
    footer_note: str = ""

    def draw(self, canvas: rl_canvas.Canvas, page: int, total: int) -> None:
        font = register_fonts()
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(theme.pdf_colour("text_muted"))
        canvas.drawString(MARGIN, height - MARGIN + 4 * mm, self.hall_name)
        canvas.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, f"{self.title}  {self.doc_ref}")
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
        canvas.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
        pages = label(self.lang, f"第 {page} 页 / 共 {total} 页", f"Page {page} of {total}")
        canvas.drawRightString(width - MARGIN, MARGIN - 7 * mm, pages)
        if self.footer_note:
            canvas.drawString(MARGIN, MARGIN - 7 * mm, self.footer_note)
        if self.qr_payload and page == 1:
            size = 24 * mm
            draw_qr_vector(canvas, self.qr_payload, width - MARGIN - size, height - MARGIN - size - 1 * mm, size)
        canvas.restoreState()


def build_pdf(story: list[Any], furniture: PageFurniture, *, pagesize: tuple[float, float] = A4, author: str = "") -> bytes:
    """Lay ``story`` out on pages with the furniture; returns the PDF bytes."""
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + 2 * mm, bottomMargin=MARGIN, title=furniture.title,
                          author=author or furniture.hall_name, subject=furniture.doc_ref)
    frame = Frame(MARGIN, MARGIN, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN - 2 * mm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = type("StatementCanvas", (_NumberedCanvas,), {"furniture": furniture})
    doc.build(story, canvasmaker=canvas_class)
    return out.getvalue()
