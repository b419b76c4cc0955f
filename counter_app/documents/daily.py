"""The daily summary print-out (营业日报): A4 portrait, Chinese or English.

Plain data in (:class:`counter_app.services.reports.DailySummary`), PDF bytes out. Durations
print in minutes with one decimal, shares as percentages with one decimal, money in yuan.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app import theme
from counter_app.documents import charts
from counter_app.documents.fonts import register_fonts
from counter_app.money import format_yuan

if TYPE_CHECKING:
    from counter_app.services.reports import CategoryRow, DailySummary

# (zh, en) for every label on the page.
L = {
    "title": ("营业日报", "Daily summary"),
    "generated": ("打印时间", "Printed"),
    "date": ("营业日", "Business day"),
    "empty": ("本营业日没有任何业务记录：无取号、无受理、无收款、无投诉、无评价。",
              "No activity on this business day: no tickets, orders, payments, complaints or ratings."),
    "queue": ("排队与服务", "Queue and service"),
    "category": ("类别", "Category"),
    "issued": ("取号", "Issued"),
    "served": ("服务", "Served"),
    "noshow": ("过号", "No-show"),
    "waiting": ("等候中", "Waiting"),
    "avg_wait": ("平均等候", "Avg wait"),
    "p90_wait": ("P90等候", "P90 wait"),
    "avg_service": ("平均办理", "Avg service"),
    "p90_service": ("P90办理", "P90 service"),
    "within": ("目标内占比", "Within target"),
    "target": ("目标", "target"),
    "minutes_note": ("时间单位：分钟。等候 = 叫号 − 取号（转移后重新计，重呼不重计）；办理 = 完成或转移 − 叫号；"
                     "目标内占比 = 等候未超过该类别目标的服务所占比例。",
                     "Times in minutes. Wait = call − issue (restarting at a transfer, not at a recall); service = "
                     "finished or transferred − call; within target = share of services whose wait stayed within "
                     "the category's target."),
    "arrivals_chart": ("每小时取号人数", "Tickets issued per hour"),
    "waits_chart": ("每小时平均等候（分钟）", "Average wait per hour (minutes)"),
    "clerks": ("营业员", "Clerks"),
    "staff": ("营业员", "Clerk"),
    "businesses_col": ("受理业务", "Businesses"),
    "service_total": ("办理合计", "Service total"),
    "idle": ("有客等候时空闲", "Idle while customers waited"),
    "ratings_n": ("评价数", "Ratings"),
    "avg_score": ("平均评分", "Avg score"),
    "businesses": ("业务受理", "Businesses by type"),
    "business": ("业务", "Business"),
    "count": ("笔数", "Count"),
    "fees": ("手续费（元）", "Fees (yuan)"),
    "voided": ("作废", "Voided"),
    "payments": ("收款（按方式，与日结单一致）", "Payments by method (as on the settlement sheet)"),
    "method": ("方式", "Method"),
    "total": ("合计", "Total"),
    "amount": ("金额（元）", "Amount (yuan)"),
    "net": ("净收款", "Net"),
    "takings": ("收款（缴费+手续费）", "Takings (payments + fees)"),
    "reversals": ("冲正", "Reversals"),
    "credits": ("退款与先行赔付（不经钱箱）", "Refunds and compensation (no drawer)"),
    "posted": ("记入客户账户（缴费−冲正+返还）", "Posted to customers' accounts"),
    "expected_cash": ("钱箱应有现金", "Cash expected in drawers"),
    "counted_cash": ("交接班点钞合计", "Cash counted at handovers"),
    "settled": ("日结状态：已日结（{who}，{at}）", "Settlement: closed by {who} at {at}"),
    "unsettled": ("日结状态：未日结", "Settlement: not closed yet"),
    "complaints": ("投诉", "Complaints"),
    "opened": ("新受理", "Opened"),
    "closed": ("办结", "Closed"),
    "overdue": ("日终逾期未结", "Overdue at day end"),
    "escalated": ("升级", "Escalated"),
    "satisfaction": ("满意度", "Satisfaction"),
    "satisfied_share": ("满意率（4–5分）：{share}，共 {n} 条评价", "Satisfied (4–5): {share} of {n} ratings"),
    "no_ratings": ("本日没有评价。", "No ratings on this day."),
    "rating_chart": ("评分分布", "Rating distribution"),
    "score": ("评分", "Score"),
    "none": ("无", "none"),
    "page": ("第 {n} 页", "Page {n}"),
}
METHODS = {"cash": ("现金", "Cash"), "pos": ("银行卡POS", "Bank card (POS)"), "card": ("缴费卡", "Payment card"),
           "remote": ("异地缴费", "Cross-city"), "credit": ("赊账", "Credit")}


def minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}"


def share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def build_daily_pdf(summary: DailySummary, lang: str = "zh_CN") -> bytes:
    zh = lang.startswith("zh")
    font = register_fonts()
    t, name = _words(zh)
    st = _Styles(font)
    table = functools.partial(_table, font)
    story: list[Flowable] = [
        Paragraph(f"{t('title')} · {summary.hall_name}", st.title),
        Paragraph(f"{t('date')}: {summary.day.isoformat()} &nbsp;&nbsp; {t('generated')}: "
                  f"{summary.generated_at:%Y-%m-%d %H:%M}", st.body),
        Paragraph(t("settled", who=summary.settlement.closed_by,
                    at=f"{summary.settlement.closed_at:%Y-%m-%d %H:%M}")
                  if summary.settlement.closed_at else t("unsettled"), st.body),
        Spacer(1, 4),
    ]
    if summary.empty:
        story.append(Spacer(1, 12))
        story.append(Paragraph(t("empty"), ParagraphStyle("empty", parent=st.body, fontSize=11, leading=15)))
    else:
        story += _queue(summary, t, st.h2, st.small, table, zh)
        story += _clerks(summary, t, st.h2, table, st.cell, zh)
        story += _businesses(summary, t, st.h2, st.body, table, zh, name)
        story += _payments(summary, t, st.h2, st.body, table, name)
        story += _complaints_and_ratings(summary, t, st.h2, st.body, table)
    return _pages(story, summary, font, t, zh)


def _words(zh: bool) -> tuple[Callable[..., str], Callable[[tuple[str, str] | None, str], str]]:
    """``t(key, **params)``: a label of L in the page's language, filled in; ``name(pair,
    fallback)``: one side of a (zh, en) pair, or the fallback when there is none."""
    def t(key: str, **params: Any) -> str:
        text = L[key][0 if zh else 1]
        return text.format(**params) if params else text

    def name(pair: tuple[str, str] | None, fallback: str) -> str:
        return fallback if pair is None else pair[0 if zh else 1]

    return t, name


class _Styles:
    """The paragraph styles of the page."""

    def __init__(self, font: str) -> None:
        self.title = ParagraphStyle("title", fontName=font, fontSize=16, leading=20, spaceAfter=4)
        self.h2 = ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4,
                                 textColor=theme.pdf_colour("heading"))
        self.body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=12)
        self.small = ParagraphStyle("small", fontName=font, fontSize=7, leading=9,
                                    textColor=theme.pdf_colour("text_muted"))
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5)


def _table(font: str, rows: list[list[Any]], widths: list[float] | None = None, total_row: bool = False,
           first_column: str = "LEFT") -> Table:
    """A grid with a shaded header row, figures on the right (the total row shaded too)."""
    tbl = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), font, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), theme.pdf_colour("head_bg")),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.pdf_colour("grid")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), first_column),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), theme.pdf_colour("total_bg")))
    tbl.setStyle(TableStyle(style))
    return tbl


def _pages(story: list[Any], summary: DailySummary, font: str, t: Callable[..., str], zh: bool) -> bytes:
    """The story laid out on A4, each page's foot naming the hall, the day and the page."""
    buffer = io.BytesIO()

    def footer(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.drawString(15 * mm, 10 * mm, f"{summary.hall_name} · {summary.day.isoformat()}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, t("page", n=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=font, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm,
                            bottomMargin=16 * mm, title=f"{L['title'][0 if zh else 1]} {summary.day.isoformat()}",
                            author=summary.hall_name)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _side_by_side(left: Flowable, right: Flowable, widths: list[float]) -> Table:
    """Two flowables next to each other, aligned at the top, without a grid."""
    pair = Table([[left, right]], colWidths=widths, hAlign="LEFT")
    # A table sets its cells' font even around drawings: name ours, or Helvetica goes in unembedded.
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONT", (0, 0), (-1, -1), register_fonts(), 7.5)]))
    return pair


def _category_cells(row: CategoryRow, label: str) -> list[str]:
    return [label, str(row.issued), str(row.served), str(row.noshow), str(row.waiting),
            minutes(row.avg_wait_s), minutes(row.p90_wait_s), minutes(row.avg_service_s),
            minutes(row.p90_service_s), share(row.within_target)]


def _queue(summary: DailySummary, t: Callable[..., str], h2: ParagraphStyle, small: ParagraphStyle, table: Callable[..., Table],
           zh: bool) -> list[Flowable]:
    header = [t("category"), t("issued"), t("served"), t("noshow"), t("waiting"), t("avg_wait"), t("p90_wait"),
              t("avg_service"), t("p90_service"), t("within")]
    rows = [header]
    for row in summary.categories:
        if not (row.issued or row.served or row.noshow or row.waiting):
            continue
        label = f"{row.name_zh if zh else row.name_en} ({t('target')} {row.target_min})"
        rows.append(_category_cells(row, label))
    rows.append(_category_cells(summary.total, t("total")))
    widths = [112] + [42] * 4 + [46] * 4 + [52]
    hours = [h.hour for h in summary.hours]
    pair = _side_by_side(charts.hourly_arrivals(hours, [h.arrivals for h in summary.hours], t("arrivals_chart")),
                         charts.hourly_waits(hours, [None if h.avg_wait_s is None else h.avg_wait_s / 60
                                                     for h in summary.hours], t("waits_chart")), [260, 260])
    return [Paragraph(t("queue"), h2), table(rows, widths, total_row=True), Spacer(1, 2),
            Paragraph(t("minutes_note"), small), Spacer(1, 6), pair]


def _clerks(summary: DailySummary, t: Callable[..., str], h2: ParagraphStyle, table: Callable[..., Table], cell: ParagraphStyle,
            zh: bool) -> list[Flowable]:
    if not summary.clerks:
        return []
    rows = [[t("staff"), t("served"), t("businesses_col"), t("service_total"), t("avg_service"), t("idle"),
             t("ratings_n"), t("avg_score")]]
    names = {b.code: (b.name_zh if zh else b.name_en) for b in summary.businesses}
    for clerk in summary.clerks:
        done = "，".join(f"{names.get(code, code)} {n}" for code, n in sorted(clerk.businesses.items(), key=lambda kv: (-kv[1], kv[0]))) or "—"
        rows.append([f"{clerk.staff_no} {clerk.name}", str(clerk.served), Paragraph(done, cell),
                     minutes(clerk.service_s), minutes(clerk.avg_service_s), minutes(clerk.idle_s),
                     str(clerk.ratings), "—" if clerk.avg_score is None else f"{clerk.avg_score:.2f}"])
    return [KeepTogether([Paragraph(t("clerks"), h2), table(rows, [70, 36, 150, 48, 48, 70, 38, 44])])]


def _businesses(summary: DailySummary, t: Callable[..., str], h2: ParagraphStyle, body: ParagraphStyle, table: Callable[..., Table],
                zh: bool, name: Callable[[tuple[str, str] | None, str], str]) -> list[Flowable]:
    if not summary.businesses:
        return []
    rows = [[t("business"), t("count"), t("voided"), t("fees")]]
    for b in summary.businesses:
        rows.append([b.name_zh if zh else b.name_en, str(b.count), str(b.voided), format_yuan(b.fee_fen)])
    rows.append([t("total"), str(sum(b.count for b in summary.businesses)),
                 str(sum(b.voided for b in summary.businesses)),
                 format_yuan(sum(b.fee_fen for b in summary.businesses))])
    return [KeepTogether([Paragraph(t("businesses"), h2), table(rows, [160, 50, 50, 80], total_row=True)])]


def _payments(summary: DailySummary, t: Callable[..., str], h2: ParagraphStyle, body: ParagraphStyle, table: Callable[..., Table],
              name: Callable[[tuple[str, str] | None, str], str]) -> list[Flowable]:
    sheet = summary.settlement
    if not sheet.count:
        return []
    rows = [[t("method"), t("count"), t("amount")]]
    for method, tally in sheet.by_method.items():
        if tally.count:
            rows.append([name(METHODS.get(method), method), str(tally.count), format_yuan(tally.amount_fen)])
    rows.append([t("net"), str(sheet.takings.count + sheet.reversals.count), format_yuan(sheet.net_fen)])
    lines = [
        ["", t("count"), t("amount")],
        [t("takings"), str(sheet.takings.count), format_yuan(sheet.takings.amount_fen)],
        [t("reversals"), str(sheet.reversals.count), format_yuan(sheet.reversals.amount_fen)],
        [t("credits"), str(sheet.credits.count), format_yuan(sheet.credits.amount_fen)],
        [t("posted"), str(summary.posted[0]), format_yuan(summary.posted[1])],
        [t("expected_cash"), "", format_yuan(sheet.expected_cash_fen)],
    ]
    counted = [c.counted_cash_fen for c in sheet.clerks if c.counted_cash_fen is not None]
    if counted:
        lines.append([t("counted_cash"), str(len(sheet.handovers)), format_yuan(sum(counted))])
    return [KeepTogether([Paragraph(t("payments"), h2),
                          _side_by_side(table(rows, [90, 40, 80], total_row=True), table(lines, [130, 40, 80]),
                                        [230, 270])])]


def _complaints_and_ratings(summary: DailySummary, t: Callable[..., str], h2: ParagraphStyle, body: ParagraphStyle,
                            table: Callable[..., Table]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(t("complaints"), h2),
                 table([[t("opened"), t("closed"), t("overdue"), t("escalated")],
                        [str(summary.complaints_opened), str(summary.complaints_closed),
                         str(summary.complaints_overdue), str(summary.complaints_escalated)]], [80, 80, 90, 80],
                       first_column="RIGHT")]
    n = sum(summary.ratings.values())
    block: list[Flowable] = [Paragraph(t("satisfaction"), h2)]
    if n:
        block.append(Paragraph(t("satisfied_share", share=share(summary.satisfaction), n=n), body))
        rows = [[t("score")] + [str(s) for s in range(1, 6)], [t("count")] + [str(summary.ratings.get(s, 0))
                                                                             for s in range(1, 6)]]
        block.append(_side_by_side(table(rows, [50] + [36] * 5),
                                   charts.rating_distribution(summary.ratings, t("rating_chart")), [240, 260]))
    else:
        block.append(Paragraph(t("no_ratings"), body))
    out.append(KeepTogether(block))
    return out
