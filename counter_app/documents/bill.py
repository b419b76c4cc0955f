"""The monthly bill (月度账单) on A4, from ``services.statements.BillData``.

Items are grouped as the bill data gives them (monthly fee, voice, SMS, data, SP charges per
provider and service, discounts, adjustments), each with its plain explanation; then the
ledger's statement of the month (opening balance, charges, payments and credits listed, closing
balance, entries since, balance and amount due now); a verification QR on the first page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from counter_app import theme
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


def header_table(header: StatementHeader, st: Styles, extra: Sequence[tuple[str, str]] = ()) -> Table:
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
        ("TEXTCOLOR", (0, 0), (0, -1), theme.pdf_colour("text_muted")),
        ("TEXTCOLOR", (2, 0), (2, -1), theme.pdf_colour("text_muted")),
    ]))
    return table


def balance_text(lang: str, fen: int) -> str:
    """A balance as words a customer reads: owed or in credit, never a bare sign."""
    if fen < 0:
        return label(lang, f"欠费 {yuan(-fen)}", f"owed {yuan(-fen)}")
    if fen > 0:
        return label(lang, f"结余 {yuan(fen)}", f"credit {yuan(fen)}")
    return yuan(0)


def credits_table(data: BillData, st: Styles) -> Table:
    lang = data.header.lang
    rows = [[label(lang, "日期", "Date"), label(lang, "项目", "Item"), label(lang, "票据号", "Receipt"),
             label(lang, "营业厅", "Hall"), label(lang, "金额(元)", "Amount (yuan)")]]
    rows += [[f"{c.day:%Y-%m-%d}", c.name, c.ref, c.hall or label(lang, "省中心", "centre"), yuan(c.amount_fen)]
             for c in data.credit_lines]
    table = Table(rows, colWidths=[24 * mm, 58 * mm, 50 * mm, 20 * mm, 28 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(st.font, money_cols=(4,), size=8.5))
    return table


def advice_and_club(data: BillData, st: Styles) -> list[Flowable]:
    """The plan specialist's cheaper plan (消费引导) and a club member's privileges
    (俱乐部会员权益), when the bill data carries them."""
    lang = data.header.lang
    story: list[Flowable] = []
    if data.advice is not None:
        a = data.advice
        story += [Paragraph(label(lang, "套餐建议（消费引导）", "A cheaper plan for you"), st.heading),
                  Paragraph(escape(label(
                      lang, f"按近{a.months}个月的使用，改用{a.plan_name}（{a.plan_code}）每月约可节省 {yuan(a.saving_month_fen)} 元。",
                      f"From your use over the last {a.months} months, {a.plan_name} ({a.plan_code}) would save you "
                      f"about {yuan(a.saving_month_fen)} yuan a month.")), st.body),
                  Paragraph(escape(a.reason), st.small)]
    if data.club is not None:
        c = data.club
        title = label(lang, f"俱乐部会员权益 · {c.tier_name} {c.member_no}", f"Club privileges · {c.tier_name} {c.member_no}")
        story.append(Paragraph(escape(title.strip()), st.heading))
        story += [Paragraph(f"• {escape(p)}", st.body) for p in c.privileges]
        if c.partner_offers:
            story.append(Paragraph(escape(label(lang, "服务同盟商户优惠：", "Service alliance partners:")), st.body))
            story += [Paragraph(f"• {escape(o)}", st.body) for o in c.partner_offers]
    return story


def build(data: BillData) -> bytes:
    st = styles()
    lang = data.header.lang
    title = label(lang, "月度账单", "Monthly bill")
    story: list[Flowable] = [
        Paragraph(f"{title} · {data.header.period}", st.title),
        Spacer(1, 2 * mm),
        header_table(data.header, st),
        Spacer(1, 5 * mm),
        items_table(data, st),
        Spacer(1, 5 * mm),
    ]
    if data.credit_lines:
        story += [Paragraph(label(lang, "本期缴费及返还明细", "Payments and credits this month"), st.heading),
                  credits_table(data, st), Spacer(1, 4 * mm)]
    story += [balance_summary(data, st), Spacer(1, 4 * mm), *advice_and_club(data, st)]
    story += [Spacer(1, 6 * mm), Paragraph(label(
        lang,
        "消费明明白白：营业厅柜台、自助终端、客服热线与网上查询显示的账单出自同一账户明细，金额完全一致。"
        "余额为负即欠费；当前应缴为本期结余与此后入账合计所欠金额，有结余时为 0。扫描右上角二维码可核验本账单。",
        "The counter, the kiosk, the hotline and the web show this bill from the same account ledger, to the fen. "
        "A negative balance is owed; the amount due now is what the closing balance and the entries since "
        "leave owing, 0 when in credit. Scan the QR code at the top right to verify it."), st.small)]
    furniture = PageFurniture(hall_name=data.header.hall_name, title=title, doc_ref=data.bill_ref, lang=lang,
                              qr_payload=data.qr_payload, footer_note=data.header.hall_address)
    return build_pdf(story, furniture)


def items_table(data: BillData, st: Styles) -> Table:
    """The month's charges: each group shaded with its subtotal, its lines under it with their
    explanation (and the SP and service of an SP charge), and the total."""
    lang = data.header.lang
    rows: list[list[Any]] = [[label(lang, "费用项目", "Item"), label(lang, "说明（发票项目说明）", "Explanation"),
                         label(lang, "金额(元)", "Amount (yuan)")]]
    extra: list[tuple[Any, ...]] = []
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
                extra.append(("TEXTCOLOR", (1, len(rows) - 1), (1, len(rows) - 1), theme.pdf_colour("text_muted")))
    total_row = len(rows)
    rows.append([label(lang, "本期费用合计", "Total of this month"), "", yuan(data.total_fen)])
    extra += [("LINEABOVE", (0, total_row), (-1, total_row), 0.8, theme.pdf_colour("text")),
              ("FONTSIZE", (0, total_row), (-1, total_row), 10)]
    items = Table(rows, colWidths=[52 * mm, 100 * mm, 28 * mm], repeatRows=1, hAlign="LEFT")
    items.setStyle(table_style(st.font, money_cols=(2,), size=8.5, extra=extra))
    return items


def balance_summary(data: BillData, st: Styles) -> Table:
    """The ledger's statement of the month, right-aligned: opening balance, charges, payments and
    credits, closing balance, entries since, the balance now and the amount due now."""
    lang = data.header.lang
    summary_rows = [
        [label(lang, "上期结余", "Opening balance"), balance_text(lang, data.opening_fen)],
        [label(lang, "本期费用", "Charges of this month"), yuan(data.charges_fen)],
        [label(lang, "本期缴费及返还", "Payments and credits"), yuan(data.credits_fen)],
        [label(lang, "本期结余", "Closing balance"), balance_text(lang, data.closing_fen)],
        [label(lang, "此后入账", "Entries since this month"), yuan(data.later_fen)],
        [label(lang, "当前余额", "Balance now"), balance_text(lang, data.balance_fen)],
        [label(lang, "当前应缴", "Amount due now"), yuan(data.due_fen)],
    ]
    summary = Table(summary_rows, colWidths=[60 * mm, 34 * mm], hAlign="RIGHT")
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.font, 10),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEABOVE", (0, 3), (-1, 3), 0.4, theme.pdf_colour("text")),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, theme.pdf_colour("text")),
        ("FONTSIZE", (0, -1), (-1, -1), 12),
        ("LEADING", (0, -1), (-1, -1), 15),
    ]))
    return summary
