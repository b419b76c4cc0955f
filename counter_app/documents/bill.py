"""The monthly bill (月度账单) on A4, from ``services.statements.BillData``.

Items are grouped as the bill data gives them (monthly fee, voice, SMS, data, SP charges per
provider and service, discounts, adjustments), each with its plain explanation; then the
previous balance, payments and amount due; a verification QR on the first page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from counter_app.documents.layout import (
    SHADE,
    PageFurniture,
    Styles,
    build_pdf,
    label,
    styles,
    table_style,
    yuan,
)

if TYPE_CHECKING:
    from counter_app.services.statements import BillData, StatementHeader

CONTENT_WIDTH = 180 * mm
EXPLAIN_SIZE = 7.5
EXPLAIN_WIDTH = 100 * mm - 12  # the explanation column less its padding


def header_table(header: StatementHeader, st: Styles, extra: list[tuple[str, str]] = ()) -> Table:
    """Customer, number, plan and period: the block every statement starts with."""
    lang = header.lang
    period = f"{header.period_start:%Y-%m-%d} — {header.period_end:%Y-%m-%d}"
    pairs = [
        (label(lang, "客户名称", "Customer"), header.customer_name),
        (label(lang, "证件号码", "ID number"), header.masked_id),
        (label(lang, "手机号码", "Number"), header.phone),
        (label(lang, "套餐", "Plan"), header.plan_name),
        (label(lang, "账期", "Period"), period),
        (label(lang, "打印时间", "Printed"), f"{header.printed_at:%Y-%m-%d %H:%M}"),
        *extra,
    ]
    rows = [[pairs[i][0], pairs[i][1], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))]
            for i in range(0, len(pairs), 2)]
    table = Table(rows, colWidths=[22 * mm, 48 * mm, 22 * mm, 58 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([  # no grid, no shading: a block of labelled values
        ("FONT", (0, 0), (-1, -1), st.font, 9),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#555555")),
        ("TEXTCOLOR", (2, 0), (2, -1), colors.HexColor("#555555")),
    ]))
    return table


def build(data: BillData) -> bytes:
    st = styles()
    lang = data.header.lang
    title = label(lang, "月度账单", "Monthly bill")
    story: list = [
        Paragraph(f"{title} · {data.header.period}", st.title),
        Spacer(1, 2 * mm),
        header_table(data.header, st),
        Spacer(1, 5 * mm),
    ]
    rows: list[list] = [[label(lang, "费用项目", "Item"), label(lang, "说明（发票项目说明）", "Explanation"),
                         label(lang, "金额(元)", "Amount (yuan)")]]
    extra: list[tuple] = []
    for group in data.groups:
        extra += [("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE),
                  ("FONTSIZE", (0, len(rows)), (-1, len(rows)), 9.5)]
        rows.append([group.name, "", yuan(group.subtotal_fen)])
        for line in group.lines:
            text = line.explanation
            if line.sp_code:
                sp = label(lang, f"服务提供商：{line.sp_name}（{line.sp_code}），业务代码 {line.service_code}",
                           f"Provider: {line.sp_name} ({line.sp_code}), service {line.service_code}")
                text = f"{text}<br/>{sp}" if text else sp
            # Plain wrapped lines, not a Paragraph per cell: a third of the bill's build time.
            lines = simpleSplit(text.replace("<br/>", "\n"), st.font, EXPLAIN_SIZE, EXPLAIN_WIDTH)
            rows.append(["    " + line.name, "\n".join(lines), yuan(line.amount_fen)])
            if len(lines) > 1 or text:
                extra.append(("FONTSIZE", (1, len(rows) - 1), (1, len(rows) - 1), EXPLAIN_SIZE))
                extra.append(("LEADING", (1, len(rows) - 1), (1, len(rows) - 1), EXPLAIN_SIZE + 2))
                extra.append(("TEXTCOLOR", (1, len(rows) - 1), (1, len(rows) - 1), colors.HexColor("#444444")))
    total_row = len(rows)
    rows.append([label(lang, "本期费用合计", "Total of this month"), "", yuan(data.total_fen)])
    extra += [("LINEABOVE", (0, total_row), (-1, total_row), 0.8, colors.black),
              ("FONTSIZE", (0, total_row), (-1, total_row), 10)]
    items = Table(rows, colWidths=[52 * mm, 100 * mm, 28 * mm], repeatRows=1, hAlign="LEFT")
    items.setStyle(table_style(st.font, money_cols=(2,), size=8.5, extra=extra))
    story += [items, Spacer(1, 5 * mm)]

    summary_rows = [
        [label(lang, "上期结转（欠费为正）", "Carried from last month (owed +)"), yuan(data.previous_balance_fen)],
        [label(lang, "本期费用合计", "Total of this month"), yuan(data.total_fen)],
        [label(lang, "本期已缴", "Paid"), yuan(-data.payments_fen) if data.payments_fen else yuan(0)],
        [label(lang, "本期应缴", "Amount due"), yuan(data.due_fen)],
    ]
    summary = Table(summary_rows, colWidths=[60 * mm, 30 * mm], hAlign="RIGHT")
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.font, 10),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ("FONTSIZE", (0, -1), (-1, -1), 12),
        ("LEADING", (0, -1), (-1, -1), 15),
    ]))
    story += [summary, Spacer(1, 6 * mm), Paragraph(label(
        lang,
        "消费明明白白：营业厅柜台、自助终端、客服热线与网上查询显示的账单出自同一数据，金额完全一致。"
        "扫描右上角二维码可核验本账单。",
        "The counter, the kiosk, the hotline and the web show this bill from the same data, to the fen. "
        "Scan the QR code at the top right to verify it."), st.small)]
    furniture = PageFurniture(hall_name=data.header.hall_name, title=title, doc_ref=data.bill_ref, lang=lang,
                              qr_payload=data.qr_payload, footer_note=data.header.hall_address)
    return build_pdf(story, furniture)
