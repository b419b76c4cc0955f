"""The fee standards and business procedures (收费项目及标准) as a printed notice on A4."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from counter_app.documents.layout import PageFurniture, build_pdf, label, styles, table_style

if TYPE_CHECKING:
    from counter_app.services.fees import FeeStandardsData


def build(data: FeeStandardsData) -> bytes:
    st = styles()
    lang = data.lang
    title = label(lang, "收费项目及标准", "Fee standards")
    story: list[Flowable] = [Paragraph(title, st.title), Spacer(1, 3 * mm)]

    def table(heading: str, head: list[str], rows: list[list[str]], widths: list[float]) -> None:
        if not rows:
            return
        t = Table([head, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(table_style(st.font, size=9))
        story.extend([Paragraph(heading, st.heading), t, Spacer(1, 3 * mm)])

    table(label(lang, "业务收费", "Business fees"),
          [label(lang, "项目", "Item"), label(lang, "标准", "Standard"), label(lang, "说明", "Note")],
          [[f.name, f.price, Paragraph(f.note, st.small)] for f in data.fees], [60 * mm, 45 * mm, 75 * mm])
    table(label(lang, "增值业务（SP）信息费", "Value-added (SP) services"),
          [label(lang, "业务", "Service"), label(lang, "资费", "Price"), label(lang, "服务提供商", "Provider")],
          [[f.name, f.price, Paragraph(f.note, st.small)] for f in data.sp_services], [60 * mm, 45 * mm, 75 * mm])
    table(label(lang, "业务办理流程", "Business procedures"),
          [label(lang, "业务", "Business"), label(lang, "流程", "Procedure")],
          [[f.name, Paragraph(f.note, st.body)] for f in data.procedures], [50 * mm, 130 * mm])
    story.append(Paragraph(label(lang, f"以上收费标准于本营业厅公示，打印日期 {data.printed_at:%Y-%m-%d}。",
                                 f"The fee standards published in this hall, printed {data.printed_at:%Y-%m-%d}."), st.small))
    furniture = PageFurniture(hall_name=data.hall_name, title=title, doc_ref=f"{data.printed_at:%Y-%m-%d}", lang=lang)
    return build_pdf(story, furniture)
