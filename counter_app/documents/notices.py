"""The hall's public notices (公示) as wall sheets: A4, one notice per sheet in large type,
the font embedded. The figures are the board's (``services.notices.notice_board``), the
same ones the calling display and the kiosk's 业务指南 pages show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from counter_app.documents.layout import GRID, PageFurniture, build_pdf, label, styles

if TYPE_CHECKING:
    from counter_app.services.notices import NoticeBoard


def build(board: NoticeBoard) -> bytes:
    st = styles()
    lang = board.lang
    title_style = ParagraphStyle("wallTitle", parent=st.title, fontSize=26, leading=32, spaceAfter=8)
    cell = ParagraphStyle("wallCell", parent=st.body, fontSize=13, leading=18)
    head = ParagraphStyle("wallHead", parent=cell, fontSize=14)
    story: list[Flowable] = []
    for i, notice in enumerate(board.notices):
        if i:
            story.append(PageBreak())
        story += [Paragraph(notice.title, title_style), Spacer(1, 4 * mm)]
        labelled = any(line.label for line in notice.lines)
        if labelled:
            rows = [[Paragraph(line.label, head), Paragraph(line.text, cell)] for line in notice.lines]
            table = Table(rows, colWidths=[55 * mm, 125 * mm], hAlign="LEFT")
            table.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), st.font, 13),  # else the table sets an unembedded Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]))
            story.append(table)
        else:
            story += [Paragraph(line.text, cell) for line in notice.lines]
        story += [Spacer(1, 8 * mm), Paragraph(label(
            lang, f"{board.hall_name}公示 · {board.printed_at:%Y-%m-%d}",
            f"Posted by {board.hall_name} · {board.printed_at:%Y-%m-%d}"), st.small)]
    title = label(lang, "营业厅公示", "Hall notices")
    furniture = PageFurniture(hall_name=board.hall_name, title=title, doc_ref=f"{board.printed_at:%Y-%m-%d}", lang=lang)
    return build_pdf(story, furniture)
