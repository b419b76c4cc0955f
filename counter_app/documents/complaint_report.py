"""The monthly complaint analysis (月度投诉分析) as PDF: counts by category with a six-month
trend (table and bar chart), on-time reply rate, overdue list, top SPs by disputed charges,
refunds paid, repeat complainants (masked). Data in (services.complaint_report.MonthlyAnalysis),
PDF bytes out."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from counter_app import theme
from counter_app.documents.complaint_style import Styles, label, when, yuan
from counter_app.services.complaints import CATEGORY_NAMES

if TYPE_CHECKING:
    from counter_app.services.complaint_report import MonthlyAnalysis

CATEGORY = CATEGORY_NAMES  # the printed labels, in the analysis order
COLOURS = theme.pdf_series()

L = {
    "title": ("月度投诉分析", "Monthly complaint analysis"),
    "subtitle": ("{hall} · {month} · 数据截至 {as_of}", "{hall} · {month} · figures as of {as_of}"),
    "by_category": ("一、投诉量（按类别）及近六个月趋势", "1. Complaints by category, six-month trend"),
    "category": ("类别", "Category"),
    "total": ("合计", "Total"),
    "timeliness": ("二、答复及时率", "2. Replies on time"),
    "opened": ("本月受理", "Opened this month"),
    "due": ("已到期应答复", "Answer due"),
    "on_time": ("按时答复", "Replied on time"),
    "rate": ("按时答复率", "On-time reply rate"),
    "closed": ("已办结", "Closed"),
    "satisfied": ("客户满意", "Customer satisfied"),
    "overdue": ("三、超时投诉清单", "3. Overdue complaints"),
    "no": ("投诉编号", "Complaint no."),
    "phone": ("号码", "Number"),
    "opened_at": ("受理时间", "Opened"),
    "deadline": ("答复时限", "Deadline"),
    "replied": ("答复时间", "Replied"),
    "late": ("超时(小时)", "Late (hours)"),
    "escalated": ("已升级", "Escalated"),
    "unanswered": ("未答复", "not yet"),
    "yes": ("是", "yes"),
    "none": ("本月无。", "None this month."),
    "sps": ("四、争议费用最多的SP（先行赔付索赔）", "4. SPs with the most disputed charges (claims)"),
    "sp": ("SP", "SP"),
    "claims": ("索赔笔数", "Claims"),
    "amount": ("金额(元)", "Amount (yuan)"),
    "refunds": ("五、先行赔付", "5. Advance compensation paid"),
    "refund_count": ("赔付笔数", "Refunds"),
    "refund_sum": ("赔付金额(元)", "Amount (yuan)"),
    "refund_approved": ("经理审批", "Approved by a manager"),
    "repeat": ("六、重复投诉客户（本月两次及以上）", "6. Repeat complainants (two or more this month)"),
    "name": ("客户", "Customer"),
    "in_month": ("本月次数", "This month"),
    "in_six": ("近六个月次数", "Six months"),
    "notes": ("口径：投诉按受理月份统计；答复期限已到或已答复者计入应答复；赔付与索赔按付款营业日统计。",
              "Counting: complaints by the month opened; an answer is due once replied or past its deadline; "
              "refunds and claims by the business day paid."),
}


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _chart(data: MonthlyAnalysis, lang: str, font: str, width: float) -> Drawing:
    drawing = Drawing(width, 62 * mm, initialFontName=font)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 60 * mm, 48 * mm
    chart.data = [data.trend[c] for c in CATEGORY]
    chart.categoryAxis.categoryNames = [m[2:] for m in data.trend_months]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barLabels.fontName = font  # unused labels still load their font into the PDF
    top = max([1, *data.trend_totals, *(max(v) for v in data.trend.values())])
    chart.valueAxis.valueMax = top + 1
    chart.valueAxis.valueStep = max(1, (top + 1) // 5)
    chart.categoryAxis.style = "stacked"
    for i, colour in enumerate(COLOURS):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    chart.groupSpacing = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 44 * mm, 52 * mm
    legend.fontName, legend.fontSize = font, 7.5
    legend.alignment = "right"
    legend.colorNamePairs = [(COLOURS[i], label(CATEGORY, c, lang)) for i, c in enumerate(CATEGORY)]
    drawing.add(legend)
    return drawing


def render_monthly(data: MonthlyAnalysis) -> bytes:
    lang = data.lang
    s = Styles(9.5)
    t = _labels(lang)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=s.font, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{t('title')} {data.month}", author=data.hall_name)
    width = A4[0] - 30 * mm
    story: list[Flowable] = [s.p(t("title"), s.title),
                   s.p(t("subtitle").format(hall=data.hall_name, month=data.month, as_of=when(data.as_of)), s.subtitle)]
    for part in (_by_category, _timeliness, _overdue, _top_sps, _refunds, _repeat):
        story += part(data, s, width)
    story += [Spacer(1, 4 * mm), s.p(t("notes"), s.small)]
    doc.build(story)
    return buffer.getvalue()


def _labels(lang: str) -> Callable[[str], str]:
    """``t(key)``: the printed text of ``L[key]`` in ``lang``."""
    def t(key: str) -> str:
        return label(L, key, lang)
    return t


def _by_category(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """1. The month's count per category beside the five months before, totals shaded, and the chart."""
    lang, t = data.lang, _labels(data.lang)
    header = [t("category"), *data.trend_months, f"{t('total')} {data.month}"]
    rows: list[list[Any]] = [header]
    for c in CATEGORY:
        rows.append([label(CATEGORY, c, lang), *data.trend[c], data.counts.get(c, 0)])
    rows.append([t("total"), *data.trend_totals, data.total])
    table = Table([[s.p(str(v)) for v in r] for r in rows], colWidths=[28 * mm] + [20 * mm] * 6 + [None],
                  repeatRows=1)
    style = s.grid(numeric_from=1)
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), theme.pdf_colour("total_bg"))
    table.setStyle(style)
    return [s.p(t("by_category"), s.heading), table, Spacer(1, 2 * mm), _chart(data, lang, s.font, width)]


def _timeliness(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """2. Opened, due, answered on time, the rate, closed and satisfied, in one row."""
    t = _labels(data.lang)
    pairs = [(t("opened"), data.total), (t("due"), data.due), (t("on_time"), data.on_time),
             (t("rate"), _rate(data.on_time_rate)), (t("closed"), data.closed), (t("satisfied"), data.satisfied)]
    table = Table([[s.p(k) for k, _ in pairs], [s.p(str(v)) for _, v in pairs]], colWidths=[width / 6] * 6)
    table.setStyle(s.grid())
    return [s.p(t("timeliness"), s.heading), table]


def _overdue(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """3. Every complaint answered late or not yet answered past its deadline."""
    lang, t = data.lang, _labels(data.lang)
    heading = s.p(t("overdue"), s.heading)
    if not data.overdue:
        return [heading, s.p(t("none"), s.body)]
    rows: list[list[Any]] = [[t("no"), t("category"), t("phone"), t("opened_at"), t("deadline"), t("replied"), t("late"),
             t("escalated")]]
    for r in data.overdue:
        rows.append([r.complaint_no, label(CATEGORY, r.category, lang), r.phone, when(r.opened_at),
                     when(r.deadline_at), when(r.replied_at) if r.replied_at else t("unanswered"),
                     r.late_hours, t("yes") if r.escalated else ""])
    # Plain strings, not paragraphs: a busy month lists thousands of rows, and nothing
    # in them needs wrapping at these widths (the header does, so it stays a paragraph).
    body = [[s.p(str(v), s.tiny) for v in rows[0]]] + [[str(v) for v in row] for row in rows[1:]]
    table = Table(body, repeatRows=1,
                  colWidths=[42 * mm, 22 * mm, 19 * mm, 24 * mm, 24 * mm, 24 * mm, 11 * mm, None])
    style = s.grid(numeric_from=6)
    style.add("FONTSIZE", (0, 1), (-1, -1), 7.5)
    style.add("ALIGN", (6, 1), (6, -1), "RIGHT")
    table.setStyle(style)
    return [heading, table]


def _top_sps(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """4. The SPs with the most disputed charges."""
    t = _labels(data.lang)
    heading = s.p(t("sps"), s.heading)
    if not data.top_sps:
        return [heading, s.p(t("none"), s.body)]
    rows = [[t("sp"), t("claims"), t("amount")]] + [[f"{r.sp_name} ({r.sp_code})", r.claims, yuan(r.amount_fen)]
                                                    for r in data.top_sps]
    table = Table([[s.p(str(v)) for v in row] for row in rows], colWidths=[100 * mm, 30 * mm, None])
    table.setStyle(s.grid(numeric_from=1))
    return [heading, table]


def _refunds(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """5. Advance compensation paid: how many, how much, how many approved."""
    t = _labels(data.lang)
    table = Table([[s.p(t("refund_count")), s.p(t("refund_sum")), s.p(t("refund_approved"))],
                   [s.p(str(data.refunds)), s.p(yuan(data.refunds_fen)), s.p(str(data.refunds_approved))]],
                  colWidths=[width / 3] * 3)
    table.setStyle(s.grid())
    return [s.p(t("refunds"), s.heading), table]


def _repeat(data: MonthlyAnalysis, s: Styles, width: float) -> list[Flowable]:
    """6. The customers who complained twice or more this month (phone numbers masked)."""
    t = _labels(data.lang)
    heading = s.p(t("repeat"), s.heading)
    if not data.repeat:
        return [heading, s.p(t("none"), s.body)]
    rows = [[t("phone"), t("name"), t("in_month"), t("in_six")]] + [
        [r.phone, r.name or "—", r.in_month, r.in_six_months] for r in data.repeat]
    body = [[s.p(str(v)) for v in rows[0]]] + [[str(v) for v in row] for row in rows[1:]]
    table = Table(body, colWidths=[40 * mm, 40 * mm, 30 * mm, None], repeatRows=1)
    table.setStyle(s.grid(numeric_from=2))
    return [heading, table]
