"""Detailed records (详单) on A4: calls, SMS and data by day, each day with its subtotal, the
column header repeated on every page, and the month's totals per bill item at the end (they
equal the bill's usage items to the fen). The other party's number arrives masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from counter_app import theme
from counter_app.documents.bill import header_table
from counter_app.documents.layout import SHADE, PageFurniture, build_pdf, label, styles, table_style, yuan

if TYPE_CHECKING:
    from counter_app.services.statements import RecordsData

COLUMNS = [16 * mm, 28 * mm, 10 * mm, 28 * mm, 20 * mm, 20 * mm, 24 * mm, 34 * mm]


def duration_text(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def column_names(lang: str) -> list[str]:
    return [label(lang, "时间", "Time"), label(lang, "类型", "Type"), label(lang, "方向", "Dir."),
            label(lang, "对方号码", "Other party"), label(lang, "通信地点", "Location"),
            label(lang, "时长", "Duration"), label(lang, "流量(KB)", "Data (KB)"), label(lang, "费用(元)", "Fee (yuan)")]


def build(data: RecordsData) -> bytes:
    st = styles()
    lang = data.header.lang
    title = label(lang, "通信详单", "Detailed records")
    directions = {"out": label(lang, "主叫", "out"), "in": label(lang, "被叫", "in")}
    story: list[Flowable] = [
        Paragraph(f"{title} · {data.header.period}", st.title),
        Spacer(1, 2 * mm),
        header_table(data.header, st, extra=[(label(lang, "记录条数", "Records"), str(data.count))]),
        Spacer(1, 4 * mm),
    ]
    heading = column_names(lang)
    # One table per day: a page break inside a day repeats the column header, and small tables
    # lay out far faster than one table of thousands of rows.
    style = table_style(st.font, money_cols=(5, 6, 7), size=8, extra=[
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.4, theme.pdf_colour("text")),
    ])
    for day in data.days:
        rows: list[list[str]] = [heading]
        for r in day.lines:
            rows.append([
                f"{r.started_at:%H:%M:%S}", r.kind_name, directions.get(r.direction, r.direction) if r.kind != "data"
                else "", r.other_party, r.location, duration_text(r.duration_s) if r.kind == "call" else "",
                f"{r.volume_kb:,}" if r.kind == "data" else "", yuan(r.fee_fen),
            ])
        count = len(day.lines)
        rows.append([f"{day.date:%m-%d}", label(lang, f"当日小计（{count} 条）", f"Day subtotal ({count})"), "", "",
                     "", "", "", yuan(day.subtotal_fen)])
        table = Table(rows, colWidths=COLUMNS, repeatRows=1, hAlign="LEFT")
        table.setStyle(style)
        story += [Paragraph(f"{day.date:%Y-%m-%d}", st.heading), table]

    totals = [[label(lang, "账单项目", "Bill item"), label(lang, "详单合计(元)", "Records total (yuan)")]]
    for code, fen in data.totals_fen.items():
        totals.append([data.item_names.get(code, code), yuan(fen)])
    totals.append([label(lang, "使用费合计", "Usage total"), yuan(data.total_fen)])
    table = Table(totals, colWidths=[60 * mm, 40 * mm], hAlign="LEFT")
    table.setStyle(table_style(st.font, money_cols=(1,), size=9, extra=[
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, theme.pdf_colour("text"))]))
    story += [Spacer(1, 5 * mm), Paragraph(label(lang, "本月合计（与账单使用费项目一致）",
                                                 "Month totals (equal to the bill's usage items)"), st.heading),
              table, Spacer(1, 4 * mm),
              Paragraph(label(lang, "为保护隐私，对方号码中间四位以*显示。详单的查询和打印均有记录。",
                              "For privacy the middle digits of other numbers are hidden. Every view and print "
                              "of detailed records is logged."), st.small)]
    furniture = PageFurniture(hall_name=data.header.hall_name, title=title,
                              doc_ref=f"{data.header.phone}-{data.header.period}", lang=lang,
                              qr_payload=data.qr_payload, footer_note=data.header.hall_address)
    return build_pdf(story, furniture)
