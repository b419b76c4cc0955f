"""Printed supervision papers: the sheet of one spot check (抽查记录单) and the monthly bulletin
(服务质量抽查通报). Plain data in (``services.supervision``), PDF bytes out, the CJK font
embedded; the sheet carries a verification QR of the check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter_app import theme
from counter_app.documents import charts
from counter_app.documents.layout import PageFurniture, Styles, build_pdf, is_zh, label, styles

if TYPE_CHECKING:
    from counter_app.services.supervision import Bulletin, CheckView

KIND_NAMES = {
    "spot_check": ("服务质量抽查", "Spot check"),
    "mystery_shopper": ("社会监督员暗访", "Mystery-shopper visit"),
    "standard_hall": ("标准营业厅检查", "Standard-hall checklist"),
}
HEADER = theme.pdf_colour("head_bg")
FAILED = theme.pdf_colour("fail_bg")


def kind_name(kind: str, lang: str) -> str:
    pair = KIND_NAMES.get(kind)
    return label(lang, *pair) if pair else kind


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _grid(rows: list[list[Any]], widths: list[float], font: str, *, failed_rows: tuple[int, ...] = (),
          right_from: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.pdf_colour("grid")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (right_from, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for row in failed_rows:
        style.append(("BACKGROUND", (0, row), (-1, row), FAILED))
    table.setStyle(TableStyle(style))
    return table


def render_sheet(check: CheckView, lang: str = "zh_CN", qr_payload: str = "") -> bytes:
    """One check: who, where, when, every item with its points and note, the total, the
    follow-up, and lines for both signatures; the verification QR carries ``qr_payload``
    (``services.supervision.sheet_code``)."""
    s = styles()
    title = label(lang, "服务质量检查记录单", "Service check sheet")
    story: list[Flowable] = [Paragraph(title, s.title), Spacer(1, 3), _sheet_head(check, lang, s), Spacer(1, 6),
                   _sheet_items(check, lang, s), Spacer(1, 6), *_sheet_verdict(check, lang, s),
                   *_signatures(lang, s)]
    furniture = PageFurniture(check.hall_name, title, check.id.hex[-12:].upper(), lang,
                              qr_payload=qr_payload)
    return build_pdf(story, furniture)


def _sheet_head(check: CheckView, L: str, s: Styles) -> Table:
    """Hall, kind, time, scorecard, inspector and who was checked, two pairs a line."""
    who = f"{check.staff_no} {check.staff_name}".strip() if check.staff_no else label(L, "全厅", "the hall")
    head = [
        [label(L, "营业厅", "Hall"), check.hall_name, label(L, "类型", "Kind"), kind_name(check.kind, L)],
        [label(L, "时间", "Time"), f"{check.visited_at:%Y-%m-%d %H:%M}", label(L, "评分表", "Scorecard"),
         f"{check.scorecard_name} ({check.scorecard})"],
        [label(L, "检查人", "Inspector"), f"{check.inspector_no} {check.inspector_name}",
         label(L, "被检查", "Checked"), who + (("，" if is_zh(L) else ", ") + check.counter_label if check.counter_label else "")],
    ]
    info = Table(head, colWidths=[22 * mm, 60 * mm, 22 * mm, 76 * mm], hAlign="LEFT")
    info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), s.font, 8.5), ("TEXTCOLOR", (0, 0), (0, -1), theme.pdf_colour("text_muted")),
                              ("TEXTCOLOR", (2, 0), (2, -1), theme.pdf_colour("text_muted")), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return info


def _scorecard_names(check: CheckView, L: str) -> tuple[dict[str, str], dict[str, str]]:
    """The scorecard's section names and each item's level, empty when the card is unknown."""
    from counter_app.services import scorecards

    card_code = check.scorecard.rpartition("-")[0]
    try:
        card = scorecards.scorecard(card_code)
    except KeyError:
        return {}, {}
    return {sec.code: sec.name(L) for sec in card.sections}, {i.code: i.level for i in card.items}


def _sheet_items(check: CheckView, L: str, s: Styles) -> Table:
    """Every item under its section with its points (or passed/failed on a checklist) and
    note, failed ones shaded, and the total."""
    cell = s.body
    checklist = check.kind == "standard_hall"
    header = [label(L, "项目", "Section"), label(L, "检查内容", "Item"),
              label(L, "结果", "Result") if checklist else label(L, "得分", "Points"), label(L, "说明", "Note")]
    rows: list[list[Any]] = [header]
    failed: list[int] = []
    sections, levels = _scorecard_names(check, L)
    level_names = {"standard": label(L, "标准", "Standard"), "excellent": label(L, "优秀", "Excellent"),
                   "model": label(L, "示范", "Model")}
    last_section = None
    for item in check.items:
        section = sections.get(item.section, item.section) if item.section != last_section else ""
        last_section = item.section
        if checklist:
            result = label(L, "通过", "passed") if not item.failed else label(L, "未通过", "failed")
            level = level_names.get(levels.get(item.code, ""), "")
            text = item.text if not level else (f"{item.text}（{level}）" if is_zh(L) else f"{item.text} ({level})")
        else:
            result = f"{item.points} / {item.max}"
            text = item.text
        rows.append([Paragraph(section, cell), Paragraph(text, cell), result, Paragraph(item.note, cell)])
        if item.failed:
            failed.append(len(rows) - 1)
    total = (label(L, f"通过 {sum(not i.failed for i in check.items)} 项 / 共 {len(check.items)} 项",
                   f"{sum(not i.failed for i in check.items)} of {len(check.items)} items passed") if checklist
             else f"{check.score} / {check.max_score}  ({percent(check.share)})")
    rows.append([label(L, "合计", "Total"), "", total, ""])
    table = _grid(rows, [28 * mm, 82 * mm, 26 * mm, 44 * mm], s.font, failed_rows=tuple(failed), right_from=2)
    table.setStyle(TableStyle([("SPAN", (0, -1), (1, -1)), ("FONT", (0, -1), (-1, -1), s.font, 9)]))
    return table


def _sheet_verdict(check: CheckView, L: str, s: Styles) -> list[Flowable]:
    """The overall note and what is to be put right by when, when there are any."""
    story: list[Flowable] = []
    if check.note:
        story.append(Paragraph(f"{label(L, '总体评价', 'Overall')}: {check.note}", s.body))
    if check.follow_up:
        due = f" — {label(L, '整改期限', 'due')} {check.follow_up_due:%Y-%m-%d}" if check.follow_up_due else ""
        story.append(Paragraph(f"{label(L, '整改要求', 'To put right')}: {check.follow_up}{due}", s.body))
    return story


def _signatures(L: str, s: Styles) -> list[Flowable]:
    return [Spacer(1, 14), Paragraph(
        label(L, "检查人签字：________________　　营业厅负责人签字：________________",
              "Inspector: ________________    Hall manager: ________________"), s.body)]


def render_bulletin(bulletin: Bulletin, hall_name: str) -> bytes:
    """The monthly bulletin (通报): the month's checks, scores per hall and per clerk, the
    weakest items, items failed again and again, follow-ups due."""
    s = styles()
    L = bulletin.lang  # noqa: N806
    title = label(L, "服务质量抽查通报", "Service-quality bulletin")
    story: list[Flowable] = [Paragraph(f"{title} · {bulletin.month}", s.title),
                   Paragraph(f"{hall_name} &nbsp;&nbsp; {label(L, '生成时间', 'Generated')}: "
                             f"{bulletin.generated_at:%Y-%m-%d %H:%M}", s.small), Spacer(1, 4)]
    if not bulletin.checks:
        story.append(Paragraph(label(L, "本月没有抽查或暗访记录。", "No spot check or mystery-shopper visit this month."),
                               s.heading))
        return build_pdf(story, PageFurniture(hall_name, title, bulletin.month, L))
    for part in (_bulletin_halls, _bulletin_clerks, _bulletin_weakest, _bulletin_repeated, _bulletin_follow_ups,
                 _bulletin_checks):
        story += part(bulletin, L, s)
    return build_pdf(story, PageFurniture(hall_name, title, bulletin.month, L))


def _bulletin_halls(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """The month in one sentence, then 1. the scores per hall."""
    kinds = ("，" if is_zh(L) else ", ").join(f"{kind_name(k, L)} {n}" for k, n in sorted(bulletin.by_kind.items()))
    story: list[Flowable] = [Paragraph(label(L, f"本月检查 {len(bulletin.checks)} 次（{kinds}），平均得分率 {percent(bulletin.average)}。",
                                   f"{len(bulletin.checks)} checks this month ({kinds}); average {percent(bulletin.average)}"
                                   " of the points."), s.body)]
    story.append(Paragraph(label(L, "一、各营业厅得分", "1. Scores per hall"), s.heading))
    rows = [[label(L, "营业厅", "Hall"), label(L, "检查次数", "Checks"), label(L, "平均得分率", "Average"),
             label(L, "最低", "Lowest")]]
    for h in bulletin.halls:
        rows.append([h.hall_name, str(h.checks), percent(h.average), percent(h.lowest)])
    story.append(_grid(rows, [80 * mm, 25 * mm, 30 * mm, 30 * mm], s.font))
    return story


def _bulletin_clerks(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """2. The scores per clerk, a table beside its bar chart (none when no clerk was checked)."""
    if not bulletin.clerks:
        return []
    rows = [[label(L, "营业厅", "Hall"), label(L, "营业员", "Clerk"), label(L, "检查次数", "Checks"),
             label(L, "平均得分率", "Average"), label(L, "最低", "Lowest")]]
    for c in bulletin.clerks:
        rows.append([c.hall_name, f"{c.staff_no} {c.name}", str(c.checks), percent(c.average), percent(c.lowest)])
    chart = charts.bar_chart(label(L, "各营业员平均得分率（%）", "Average per clerk (%)"),
                             [c.name or c.staff_no for c in bulletin.clerks],
                             [round(c.average * 100, 1) for c in bulletin.clerks], charts.RATINGS,
                             width=260, height=150, value_format="{:.1f}")
    pair = Table([[_grid(rows, [34 * mm, 28 * mm, 14 * mm, 18 * mm, 14 * mm], s.font), chart]],
                 colWidths=[112 * mm, 70 * mm], hAlign="LEFT")
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONT", (0, 0), (-1, -1), s.font)]))  # else the table sets Helvetica
    return [Paragraph(label(L, "二、各营业员得分", "2. Scores per clerk"), s.heading), pair]


def _bulletin_weakest(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """3. The items that lost the most points."""
    story: list[Flowable] = [Paragraph(label(L, "三、失分最多的项目", "3. Weakest items"), s.heading)]
    if not bulletin.weakest:
        return [*story, Paragraph(label(L, "各项均得满分。", "Every item earned its full points."), s.body)]
    rows = [[label(L, "项目", "Section"), label(L, "检查内容", "Item"), label(L, "得分率", "Share"),
             label(L, "失分次数", "Failed")]]
    for w in bulletin.weakest:
        rows.append([Paragraph(w.section, s.body), Paragraph(w.text, s.body), percent(w.share),
                     f"{w.failures} / {w.checks}"])
    return [*story, _grid(rows, [30 * mm, 100 * mm, 22 * mm, 22 * mm], s.font, right_from=2)]


def _bulletin_repeated(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """4. The items the same clerk or hall failed more than once."""
    story: list[Flowable] = [Paragraph(label(L, "四、重复失分", "4. Failed again and again"), s.heading)]
    if not bulletin.repeated:
        return [*story, Paragraph(label(L, "本月没有重复失分的项目。", "No item failed twice by the same clerk or hall."),
                                  s.body)]
    rows = [[label(L, "营业厅", "Hall"), label(L, "对象", "Who"), label(L, "检查内容", "Item"),
             label(L, "次数", "Times")]]
    for r in bulletin.repeated:
        rows.append([r.hall_name, f"{r.staff_no} {r.name}".strip(), Paragraph(r.text, s.body), str(r.times)])
    return [*story, _grid(rows, [40 * mm, 30 * mm, 90 * mm, 16 * mm], s.font, right_from=3)]


def _bulletin_follow_ups(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """5. The follow-ups due, the overdue ones shaded."""
    story: list[Flowable] = [Paragraph(label(L, "五、整改事项", "5. Follow-ups due"), s.heading)]
    if not bulletin.follow_ups:
        return [*story, Paragraph(label(L, "没有到期的整改事项。", "No follow-up due."), s.body)]
    rows = [[label(L, "期限", "Due"), label(L, "营业厅", "Hall"), label(L, "对象", "Who"),
             label(L, "整改要求", "To put right"), label(L, "状态", "State")]]
    late = []
    for f in bulletin.follow_ups:
        rows.append([f"{f.due:%Y-%m-%d}", f.hall_name, f.who, Paragraph(f.text, s.body),
                     label(L, "已逾期", "overdue") if f.overdue else label(L, "未到期", "open")])
        if f.overdue:
            late.append(len(rows) - 1)
    return [*story, KeepTogether(_grid(rows, [22 * mm, 34 * mm, 26 * mm, 78 * mm, 18 * mm], s.font,
                                       failed_rows=tuple(late), right_from=5))]


def _bulletin_checks(bulletin: Bulletin, L: str, s: Styles) -> list[Flowable]:
    """6. Every check of the month, one a line."""
    rows = [[label(L, "时间", "Time"), label(L, "营业厅", "Hall"), label(L, "类型", "Kind"), label(L, "对象", "Who"),
             label(L, "检查人", "Inspector"), label(L, "得分", "Score")]]
    for c in bulletin.checks:
        rows.append([f"{c.visited_at:%m-%d %H:%M}", c.hall_name, kind_name(c.kind, L),
                     f"{c.staff_no} {c.staff_name}".strip() or label(L, "全厅", "the hall"), c.inspector_name,
                     f"{c.score}/{c.max_score}"])
    return [Paragraph(label(L, "六、检查明细", "6. The checks"), s.heading),
            _grid(rows, [22 * mm, 38 * mm, 30 * mm, 28 * mm, 26 * mm, 22 * mm], s.font, right_from=5)]
