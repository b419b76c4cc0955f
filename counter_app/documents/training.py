"""Printed training papers: one drill's result (练习成绩单) and the month's assessment report
(培训考核报告, with charts as in the daily summary). Plain data in, PDF bytes out, the CJK font
embedded. A result printed in training mode carries the training watermark like every page
printed there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from counter_app import theme
from counter_app.documents import charts
from counter_app.documents.layout import PageFurniture, Styles, build_pdf, label, styles
from counter_app.documents.supervision import _grid, percent

if TYPE_CHECKING:
    from counter_app.services.assessments import AssessmentView, MonthReport

PASSED = theme.pdf_colour("pass_bg")
FAILED = theme.pdf_colour("fail_bg")


def minutes(seconds: int | float | None) -> str:
    if seconds is None:
        return "—"
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def render_result(data: dict[str, Any], lang: str = "zh_CN") -> bytes:
    """One drill as scored. ``data``: hall_name, staff_no, staff_name, title, started_at,
    elapsed_s, standard_s, keys, time_penalty, score, mistakes [(name, points)], ref."""
    s = styles()
    L = lang  # noqa: N806
    title = label(L, "练习成绩单", "Drill result")
    story: list[Flowable] = [Paragraph(title, s.title), Spacer(1, 4)]
    rows = [
        [label(L, "练习", "Drill"), data["title"]],
        [label(L, "营业员", "Clerk"), f"{data['staff_no']} {data['staff_name']}"],
        [label(L, "开始（叫号）", "Started (called)"), f"{data['started_at']:%Y-%m-%d %H:%M:%S}"],
        [label(L, "用时 / 标准时间", "Time / standard"), f"{minutes(data['elapsed_s'])} / {minutes(data['standard_s'])}"],
        [label(L, "按键次数", "Keys pressed"), str(data["keys"])],
    ]
    info = Table(rows, colWidths=[40 * mm, 130 * mm], hAlign="LEFT")
    info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), s.font, 9.5), ("TEXTCOLOR", (0, 0), (0, -1), theme.pdf_colour("text_muted")),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story += [info, Spacer(1, 6)]
    table = [[label(L, "扣分项", "Deduction"), label(L, "扣分", "Points")]]
    for name, points in data["mistakes"]:
        table.append([name, f"−{points}"])
    if data["time_penalty"]:
        table.append([label(L, "超出标准时间", "over the standard time"), f"−{data['time_penalty']}"])
    if len(table) == 1:
        table.append([label(L, "无", "none"), "0"])
    table.append([label(L, "得分", "Score"), str(data["score"])])
    grid = _grid(table, [120 * mm, 30 * mm], s.font)
    grid.setStyle(TableStyle([("FONT", (0, -1), (-1, -1), s.font, 11)]))
    story.append(grid)
    return build_pdf(story, PageFurniture(data["hall_name"], title, data["ref"], L))


def render_report(report: MonthReport) -> bytes:
    """The month's training report (``services.assessments.MonthReport``)."""
    s = styles()
    L = report.lang  # noqa: N806
    title = label(L, "培训考核报告", "Training and assessment report")
    story: list[Flowable] = [Paragraph(f"{title} · {report.month}", s.title),
                   Paragraph(f"{report.hall_name} &nbsp;&nbsp; {label(L, '生成时间', 'Generated')}: "
                             f"{report.generated_at:%Y-%m-%d %H:%M}", s.small), Spacer(1, 4)]
    if not report.clerks and not report.assessments:
        story.append(Paragraph(label(L, "本月没有练习或考核记录。", "No drill and no assessment this month."), s.heading))
        return build_pdf(story, PageFurniture(report.hall_name, title, report.month, L))
    story.append(Paragraph(label(L, f"本月练习 {report.attempts} 次，平均得分 {report.average_text}。",
                                 f"{report.attempts} drills this month, average score {report.average_text}."),
                           s.body))
    for assessment in report.assessments:
        story += _assessment(assessment, L, s)
    story += _clerks(report, L, s) + _trend(report, L, s)
    return build_pdf(story, PageFurniture(report.hall_name, title, report.month, L))


def _assessment(assessment: AssessmentView, L: str, s: Styles) -> list[Flowable]:
    """One assessment: each clerk's best score per drill, the assessment score and passed or
    failed (shaded), and how the score is made."""
    heading = Paragraph(label(
        L, f"考核：{assessment.name}（{assessment.first:%Y-%m-%d} 至 {assessment.last:%Y-%m-%d}，合格分 {assessment.pass_mark}）",
        f"Assessment: {assessment.name} ({assessment.first:%Y-%m-%d} to {assessment.last:%Y-%m-%d}, pass mark "
        f"{assessment.pass_mark})"), s.heading)
    rows = [[label(L, "营业员", "Clerk")] + [d.title(L) for d in assessment.drills]
            + [label(L, "考核得分", "Score"), label(L, "结果", "Result")]]
    shades = []
    for standing in assessment.standings:
        rows.append([f"{standing.staff_no} {standing.name}"]
                    + ["—" if standing.best.get(d.code) is None else str(standing.best[d.code])
                       for d in assessment.drills]
                    + [f"{standing.score:.1f}", label(L, "合格", "passed") if standing.passed
                       else label(L, "不合格", "failed")])
        shades.append(("BACKGROUND", (-1, len(rows) - 1), (-1, len(rows) - 1),
                       PASSED if standing.passed else FAILED))
    width = 170 * mm
    first = 34 * mm
    rest = (width - first - 40 * mm) / max(1, len(assessment.drills))
    header = [Paragraph(str(c), s.body) for c in rows[0]]
    grid = _grid([header] + rows[1:], [first] + [rest] * len(assessment.drills) + [20 * mm, 20 * mm], s.font)
    grid.setStyle(TableStyle(shades))
    return [heading, grid, Paragraph(label(L, "考核得分为考核期内每项练习的最高分的平均（未做的练习按0分计）；每项都做过且达到合格分为合格。",
                                           "The score is the average of each drill's best result in the period (a drill "
                                           "not done counts 0); passed when every drill was done and the score reaches "
                                           "the pass mark."), s.small)]


def _clerks(report: MonthReport, L: str, s: Styles) -> list[Flowable]:
    """Each clerk's drills this month, then two charts side by side: the average score per
    clerk and the mistakes by kind."""
    if not report.clerks:
        return []
    rows = [[label(L, "营业员", "Clerk"), label(L, "次数", "Drills"), label(L, "平均得分", "Average"),
             label(L, "平均用时/标准", "Time / standard"), label(L, "差错", "Mistakes"), label(L, "按键", "Keys")]]
    for c in report.clerks:
        rows.append([f"{c.staff_no} {c.name}", str(c.attempts), f"{c.average:.1f}", percent(c.time_ratio),
                     str(c.mistakes), f"{c.keys:.0f}"])
    scores = charts.bar_chart(label(L, "各营业员本月平均得分", "Average score per clerk"),
                              [c.name or c.staff_no for c in report.clerks], [c.average for c in report.clerks],
                              charts.RATINGS, width=260, height=160, value_format="{:.1f}")
    kinds = sorted(report.mistakes_by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    errors = charts.bar_chart(label(L, "差错类型（次）", "Mistakes by kind"), [name for name, _ in kinds] or [""],
                              [n for _, n in kinds] or [0], charts.WAITS, width=260, height=160,
                              value_format="{:.0f}")
    pair = Table([[scores, errors]], colWidths=[88 * mm, 88 * mm], hAlign="LEFT")
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONT", (0, 0), (-1, -1), s.font)]))
    return [Paragraph(label(L, "本月各营业员练习情况", "Each clerk's drills this month"), s.heading),
            _grid(rows, [44 * mm, 18 * mm, 24 * mm, 30 * mm, 22 * mm, 22 * mm], s.font), Spacer(1, 6), pair]


def _trend(report: MonthReport, L: str, s: Styles) -> list[Flowable]:
    """The last six months' average score per clerk, and the hall's as a chart."""
    if not report.trend_months:
        return []
    rows = [[label(L, "营业员", "Clerk")] + report.trend_months]
    for staff_no, name, values in report.trend:
        rows.append([f"{staff_no} {name}"] + ["—" if v is None else f"{v:.1f}" for v in values])
    trend = charts.bar_chart(label(L, "全厅月平均得分", "Hall's monthly average"), report.trend_months,
                             [v or 0 for v in report.hall_trend], charts.ARRIVALS, width=360, height=150,
                             value_format="{:.1f}")
    return [Paragraph(label(L, "近六个月平均得分走势", "Average score, last six months"), s.heading),
            _grid(rows, [40 * mm] + [22 * mm] * len(report.trend_months), s.font), Spacer(1, 4), trend]
