"""The yearly standard-hall evaluation on paper (营业厅等级评定): the grade reached, every
criterion of every level passed or failed, what the next level needs, the months' grades,
the checklist and the spot checks it rests on. Plain data in
(``services.hall_evaluation.YearEvaluation``), PDF bytes out, the CJK font embedded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from counter_app import theme
from counter_app.documents.layout import PageFurniture, Styles, build_pdf, label, styles
from counter_app.documents.supervision import _grid
from counter_app.i18n import pick

if TYPE_CHECKING:
    from counter_app.services.hall_evaluation import YearEvaluation

PASS = theme.pdf_colour("pass")
FAIL = theme.pdf_colour("fail")


def render_evaluation(ev: YearEvaluation) -> bytes:
    s = styles()
    L = ev.lang  # noqa: N806
    title = label(L, "营业厅等级评定", "Hall evaluation")
    period = (label(L, f"{ev.first:%Y-%m-%d} 至 {ev.last:%Y-%m-%d}（截至目前）", f"{ev.first:%Y-%m-%d} to {ev.last:%Y-%m-%d} (to date)")
              if ev.to_date else label(L, f"{ev.year} 全年", f"the whole of {ev.year}"))
    story: list[Flowable] = [
        Paragraph(f"{title} · {ev.year}", s.title),
        Paragraph(f"{ev.hall_name} &nbsp;&nbsp; {period} &nbsp;&nbsp; {label(L, '生成时间', 'Generated')}: "
                  f"{ev.generated_at:%Y-%m-%d %H:%M}", s.small),
        Spacer(1, 6),
        Paragraph(label(L, f"评定结果：{ev.level_name(ev.grade)}", f"Result: {ev.level_name(ev.grade)}"),
                  s.heading),
    ]
    story += _next_level(ev, L, s) + [Spacer(1, 6)] + _criteria(ev, L, s) + _months(ev, L, s) + _checklist(ev, L, s)
    return build_pdf(story, PageFurniture(ev.hall_name, title, str(ev.year), L))


def _next_level(ev: YearEvaluation, L: str, s: Styles) -> list[Flowable]:
    """What the level above the one reached still needs (nothing at the top)."""
    if not ev.next_level:
        return []
    story: list[Flowable] = [Paragraph(label(L, f"达到“{ev.level_name(ev.next_level)}”还需要：",
                                   f"What {ev.level_name(ev.next_level)} needs:"), s.body)]
    for c in ev.next_needs:
        story.append(Paragraph(f"• {c.name}: {c.measured} ({label(L, '要求', 'required')} {c.required})", s.body))
    return story


def _criteria(ev: YearEvaluation, L: str, s: Styles) -> list[Flowable]:
    """Every criterion with what was measured and, per level, what it requires, passed or
    failed in colour; the level reached or not; how the criteria are measured."""
    cell = s.body
    parts = {"service": label(L, "服务水平", "Measured service"), "checklist": label(L, "标准营业厅检查", "Checklist"),
             "spot_checks": label(L, "服务质量抽查", "Spot checks")}
    header = [label(L, "项目", "Part"), label(L, "评定内容", "Criterion"), label(L, "实际", "Measured")] + \
        [ev.level_name(level.level) for level in ev.levels]
    rows: list[list[Any]] = [header]
    styling: list[tuple[Any, ...]] = []
    for index, criterion in enumerate(ev.levels[0].criteria):
        row = [parts[criterion.part], Paragraph(criterion.name, cell), Paragraph(criterion.measured, cell)]
        for column, level in enumerate(ev.levels, start=3):
            c = level.criteria[index]
            row.append(Paragraph(("✔ " if c.passed else "✘ ") + c.required, cell))
            styling.append(("TEXTCOLOR", (column, len(rows)), (column, len(rows)), PASS if c.passed else FAIL))
        rows.append(row)
    row = [label(L, "结论", "Level"), "", ""] + [label(L, "达到", "reached") if level.passed else label(L, "未达到", "not reached")
                                                 for level in ev.levels]
    rows.append(row)
    table = _grid(rows, [24 * mm, 38 * mm, 40 * mm, 26 * mm, 26 * mm, 26 * mm], s.font, right_from=9)
    table.setStyle(TableStyle(styling + [("SPAN", (0, -1), (2, -1))]))
    return [table, Paragraph(label(
        L, "服务水平按全年数据、以与月度评级相同的标准评定；检查表取本年最后一次标准营业厅检查；抽查取本年服务质量抽查与暗访的平均得分率。逐级评定，达到某一级须其全部项目通过。",
        "Measured service: the year's figures graded with the thresholds of the monthly grade. Checklist: the "
        "year's last standard-hall check. Spot checks: the average share of points of the year's spot checks and "
        "mystery-shopper visits. A level is reached when all its criteria pass, in order."), s.small)]


def _months(ev: YearEvaluation, L: str, s: Styles) -> list[Flowable]:
    """Each month's grade with its customers, average wait and satisfaction."""
    if not ev.months:
        return []
    rows = [[label(L, "月份", "Month"), label(L, "评级", "Grade"), label(L, "服务客户", "Customers"),
             label(L, "平均等候(分)", "Avg wait (min)"), label(L, "满意度", "Satisfaction")]]
    for g in ev.months:
        m = g.measures
        rows.append([g.label, pick(L, *_level_pair(g.grade)), str(m.customers),
                     "—" if m.avg_wait_min is None else f"{m.avg_wait_min:.1f}",
                     "—" if m.satisfaction is None else f"{m.satisfaction * 100:.1f}%"])
    return [Paragraph(label(L, "各月评级", "The months' grades"), s.heading),
            _grid(rows, [24 * mm, 28 * mm, 24 * mm, 30 * mm, 26 * mm], s.font)]


def _checklist(ev: YearEvaluation, L: str, s: Styles) -> list[Flowable]:
    """The year's last standard-hall check: when, by whom, how many items passed, the failed ones."""
    story: list[Flowable] = [Paragraph(label(L, "标准营业厅检查", "Standard-hall checklist"), s.heading)]
    if ev.checklist is None:
        return [*story, Paragraph(label(L, "本年没有标准营业厅检查。", "No standard-hall check this year."), s.body)]
    c = ev.checklist
    failed = [i for i in c.items if i.failed]
    story.append(Paragraph(label(
        L, f"{c.visited_at:%Y-%m-%d} 由 {c.inspector_name} 检查，{len(c.items) - len(failed)} / {len(c.items)} 项通过。",
        f"Checked on {c.visited_at:%Y-%m-%d} by {c.inspector_name}: {len(c.items) - len(failed)} of {len(c.items)} "
        "items passed."), s.body))
    for item in failed:
        story.append(Paragraph(f"✘ {item.text}" + (f" — {item.note}" if item.note else ""), s.body))
    return story


def _level_pair(level: str) -> tuple[str, str]:
    from counter_app.services.grading import LEVEL_NAMES

    return LEVEL_NAMES[level] if level else ("未达标准", "below standard")
