"""The SP claims list (先行赔付索赔清单) for one month, per SP with subtotals: what the hall
refunded on each SP's behalf and now claims back in the settlement with that SP.
Plain rows in (services.complaint_refunds.ClaimRow), PDF bytes out."""

from __future__ import annotations

import io
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table

from counter_app import theme
from counter_app.documents.complaint_style import Styles, label, yuan

if TYPE_CHECKING:
    from counter_app.services.complaint_refunds import ClaimRow

L = {
    "title": ("SP先行赔付索赔清单", "SP advance-compensation claims"),
    "subtitle": ("{hall} · {month}", "{hall} · {month}"),
    "no": ("投诉编号", "Complaint no."),
    "phone": ("号码", "Number"),
    "period": ("计费月份", "Bill month"),
    "service": ("业务", "Service"),
    "paid": ("赔付日期", "Refunded on"),
    "approved": ("审批", "Approved by"),
    "amount": ("金额(元)", "Amount (yuan)"),
    "subtotal": ("小计 {count} 笔", "Subtotal, {count} claims"),
    "total": ("合计 {count} 笔", "Total, {count} claims"),
    "none": ("本月无索赔。", "No claims this month."),
    "sign": ("营业厅（盖章）：            SP确认（盖章）：", "Hall (stamp):            SP (stamp):"),
}


def render_claims(hall_name: str, month: str, rows: list[ClaimRow], lang: str = "zh_CN") -> bytes:
    s = Styles(9.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=s.font, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{label(L, 'title', lang)} {month}", author=hall_name)
    story: list[Flowable] = [s.p(label(L, "title", lang), s.title),
                   s.p(label(L, "subtitle", lang).format(hall=hall_name, month=month), s.subtitle)]
    if not rows:
        story.append(s.p(label(L, "none", lang), s.body))
    widths = [46 * mm, 24 * mm, 18 * mm, 26 * mm, 22 * mm, 16 * mm, None]
    header = [label(L, k, lang) for k in ("no", "phone", "period", "service", "paid", "approved", "amount")]
    for (sp_code, sp_name), grouped in groupby(rows, key=lambda r: (r.sp_code, r.sp_name)):
        group = list(grouped)
        body = [header] + [[r.complaint_no, r.phone, r.period, r.service, r.paid_on.isoformat(), r.approved_by or "—",
                            yuan(r.amount_fen)] for r in group]
        body.append([label(L, "subtotal", lang).format(count=len(group)), "", "", "", "", "",
                     yuan(sum(r.amount_fen for r in group))])
        table = Table([[s.p(str(v), s.tiny) for v in row] for row in body], colWidths=widths, repeatRows=1)
        style = s.grid(numeric_from=6)
        style.add("SPAN", (0, len(body) - 1), (5, len(body) - 1))
        style.add("BACKGROUND", (0, len(body) - 1), (-1, len(body) - 1), theme.pdf_colour("total_bg"))
        table.setStyle(style)
        story.append(KeepTogether([s.p(f"{sp_name} ({sp_code})", s.heading), table]))
    if rows:
        story += [Spacer(1, 4 * mm),
                  s.p(label(L, "total", lang).format(count=len(rows)) + f": {yuan(sum(r.amount_fen for r in rows))}",
                      s.strong),
                  Spacer(1, 12 * mm), s.p(label(L, "sign", lang), s.body)]
    doc.build(story)
    return buffer.getvalue()
