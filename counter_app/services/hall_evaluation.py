"""The yearly standard-hall evaluation (标准 / 优秀 / 示范营业厅评定): the article grades the halls
"每年", "以营业厅的服务水平为主要衡量依据", against a hall built "按照VI标志、营业厅功能区划分、
自助设施等配备要求及服务规范、服务管理等要求".

It extends the monthly grade (``services.grading``), it does not repeat it. A level is reached
for the year when all three parts pass (docs/grading.md, "The year's evaluation"):

1. **measured service**: the year's figures (January 1 to December 31, or to today for the
   running year) graded by ``grading.evaluate`` against the hall's thresholds, exactly as a
   month is; the month-by-month grades are shown beside it;
2. **the standard-hall checklist**: the year's last ``standard_hall`` check by an inspector;
   each part of the checklist (VI, functional zones, self-service, service norms, service
   management) passes at a level when every item the level requires passed (an item names
   the level that first requires it; a higher level requires the items of the lower ones);
   no checklist in the year: the part does not pass;
3. **spot checks**: the year's spot checks and mystery-shopper visits, their average share of
   the points at or above the level's threshold (hall setting ``evaluation_thresholds``;
   defaults 80 % / 85 % / 90 %); no check in the year: it does not pass.

The grade is the highest level reached in order; "what the next level needs" lists the
criteria of the level above that did not pass.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from counter_app import clock
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import Hall
from counter_app.services import grading, scorecards, supervision
from counter_app.services.permissions import Permission, allowed, require
from counter_app.services.session import Session, hall_setting

SETTING_KEY = "evaluation_thresholds"
DEFAULT_THRESHOLDS = {"standard": {"spot_checks": 0.80}, "excellent": {"spot_checks": 0.85},
                      "model": {"spot_checks": 0.90}}
LEVEL_RANK = {level: i for i, level in enumerate(grading.LEVELS)}
SERVICE_NAMES = {
    "avg_wait_min": ("平均等候时间", "Average wait"),
    "within_share": ("限时内服务占比", "Served within the time"),
    "satisfaction": ("满意度（4–5星）", "Satisfaction (ratings 4–5)"),
    "complaints_per_1000": ("每千名客户投诉", "Complaints per 1,000 customers"),
    "overdue": ("逾期投诉", "Overdue complaints"),
}
READ_REFUSED = QT_TRANSLATE_NOOP("Errors", "Only a manager or an inspector may see the hall's evaluation.")


@dataclass(frozen=True)
class Criterion:
    part: str  # service | checklist | spot_checks
    key: str
    name: str
    measured: str
    required: str
    passed: bool


@dataclass
class LevelEvaluation:
    level: str
    criteria: list[Criterion]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.criteria)


@dataclass
class YearEvaluation:
    year: int
    first: dt.date
    last: dt.date
    to_date: bool
    hall_code: str
    hall_name: str
    lang: str
    generated_at: dt.datetime
    service: grading.Grade
    months: list[grading.Grade]
    checklist: supervision.CheckView | None
    spot_count: int
    spot_average: float | None
    levels: list[LevelEvaluation] = field(default_factory=list)

    @property
    def grade(self) -> str:
        reached = ""
        for result in self.levels:
            if not result.passed:
                break
            reached = result.level
        return reached

    @property
    def next_level(self) -> str:
        """The level above the one reached ("" when 示范 is reached)."""
        rank = LEVEL_RANK[self.grade] + 1 if self.grade else 0
        return grading.LEVELS[rank] if rank < len(grading.LEVELS) else ""

    @property
    def next_needs(self) -> list[Criterion]:
        wanted = self.next_level
        for result in self.levels:
            if result.level == wanted:
                return [c for c in result.criteria if not c.passed]
        return []

    def level_name(self, level: str) -> str:
        return pick(self.lang, *grading.LEVEL_NAMES[level]) if level else pick(self.lang, "未达标准", "below standard")


def thresholds(hall_code: str) -> dict[str, dict[str, float]]:
    stored = hall_setting(hall_code, SETTING_KEY) or {}
    merged = copy.deepcopy(DEFAULT_THRESHOLDS)
    for level, values in stored.items():
        if level in merged and isinstance(values, dict) and isinstance(values.get("spot_checks"), (int, float)):
            merged[level]["spot_checks"] = float(values["spot_checks"])
    return merged


def _reader(session: Session) -> None:
    if session.staff is None:
        require(session, Permission.VIEW_REPORTS)  # "please sign in"
    if not (allowed(session, Permission.VIEW_REPORTS) or allowed(session, Permission.INSPECT)):
        raise PermissionDenied(READ_REFUSED)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _service_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in ("within_share", "satisfaction"):
        return _percent(value)
    if key == "overdue":
        return str(int(value))
    return f"{value:.1f}"


def _service_criteria(check: grading.Check, lang: str) -> Criterion:
    name = pick(lang, *SERVICE_NAMES[check.criterion])
    if check.threshold is None:
        required = pick(lang, "不要求", "not required")
    else:
        sign = "≥" if dict(grading.CRITERIA)[check.criterion] == "min" else "≤"
        required = f"{sign} {_service_value(check.criterion, check.threshold)}"
        if check.criterion == "within_share":
            required += pick(lang, f"（{check.within_min:g} 分钟内）", f" within {check.within_min:g} min")
    return Criterion("service", check.criterion, name, _service_value(check.criterion, check.measured), required,
                     check.passed)


def _checklist_criteria(level: str, checklist: supervision.CheckView | None, lang: str) -> list[Criterion]:
    card = scorecards.scorecard(scorecards.STANDARD_HALL)
    scored = {i.code: i for i in checklist.items} if checklist else {}
    out = []
    for section in card.sections:
        needed = [i for i in section.items if LEVEL_RANK.get(i.level or "standard", 0) <= LEVEL_RANK[level]]
        if checklist is None:
            out.append(Criterion("checklist", section.code, section.name(lang), pick(lang, "本年未检查", "not checked this year"),
                                 pick(lang, f"{len(needed)} 项全部通过", f"all {len(needed)} items passed"), False))
            continue
        failed = [i for i in needed if i.code not in scored or scored[i.code].failed]
        # The same measured text at every level: every item of the part that failed, with the
        # level that first requires it; whether that fails this level is the mark beside it.
        missed = [i for i in section.items if i.code not in scored or scored[i.code].failed]
        levels = {level: pick(lang, *grading.LEVEL_NAMES[level]) for level in grading.LEVELS}
        measured = (pick(lang, "全部通过", "all passed") if not missed else
                    pick(lang, "未通过：", "failed: ") + pick(lang, "；", "; ").join(
                        f"{i.text(lang)} ({levels.get(i.level or 'standard')})" for i in missed))
        out.append(Criterion("checklist", section.code, section.name(lang), measured,
                             pick(lang, f"{len(needed)} 项全部通过", f"all {len(needed)} items passed"), not failed))
    return out


def check_year(year: int | str) -> int:
    """``year`` as a number if it has begun (the app's clock) and is not before 2000; else a
    ValidationError. Reads nothing: the command line asks before anyone signs in."""
    try:
        year = int(year)
        first = dt.date(year, 1, 1)
    except (TypeError, ValueError):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the year as four digits, e.g. 2026."),
                              field="year") from None
    if first > clock.today() or year < 2000:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The year {year} has not begun or lies before the hall's "
                                                          "data."), field="year", year=year)
    return year


def evaluate_year(session: Session, year: int) -> YearEvaluation:
    """The hall's evaluation for ``year`` (the running year to date)."""
    _reader(session)
    year = check_year(year)
    today = clock.today()
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), today)
    hall_code, lang = session.hall_code, session.lang
    measures = grading.measure(hall_code, first, last)
    limits = grading.thresholds(hall_code)
    service = grading.Grade(str(year), measures, grading.evaluate(measures, limits), last < dt.date(year, 12, 31))
    months = [f"{year:04d}-{m:02d}" for m in range(1, last.month + 1)]
    monthly = [grading.grade_month(session, m) if allowed(session, Permission.VIEW_REPORTS) else None for m in months]
    checklist = supervision.latest_checklist(hall_code, first, last, lang)
    spot_count, spot_average = supervision.spot_check_average(hall_code, first, last)
    levels_cut = thresholds(hall_code)
    hall = Hall.get_by_id(hall_code)
    result = YearEvaluation(year, first, last, service.month_to_date, hall_code, hall.name, lang, clock.now(), service,
                            [g for g in monthly if g is not None], checklist, spot_count, spot_average)
    for index, level in enumerate(grading.LEVELS):
        criteria = [_service_criteria(check, lang) for check in service.levels[index].checks]
        criteria += _checklist_criteria(level, checklist, lang)
        need = levels_cut[level]["spot_checks"]
        criteria.append(Criterion(
            "spot_checks", "spot_checks", pick(lang, "服务质量抽查平均得分率", "Spot checks, average share of points"),
            (pick(lang, f"{_percent(spot_average)}（{spot_count} 次）", f"{_percent(spot_average)} ({spot_count} checks)")
             if spot_count else pick(lang, "本年未抽查", "no check this year")),
            f"≥ {_percent(need)}", spot_average is not None and spot_average >= need - 1e-9))
        result.levels.append(LevelEvaluation(level, criteria))
    return result
