"""Assessments (定期考核): a manager sets which drills count, the pass mark and the period; the
manager's window and the monthly report show each clerk's score, trend and pass or fail.

Assessments are a hall setting (``training_assessments``, a list), changed like every setting
(audited, sent to the hub as a setup change, pulled by every terminal of the hall). Scores come
from the drill results the terminal's training copies handed over (``services.training``).

The rule (docs/training.md): in the assessment's period, a clerk's result for a drill is their
best score of that drill; the assessment score is the average of those over the assessment's
drills, a drill not done counting 0; a clerk passes when every drill was done and the score
reaches the pass mark.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import DrillResult, Hall, Staff, db
from counter_app.services import audit, drills, setup_record
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting

SETTING_KEY = "training_assessments"
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Assessment:
    code: str
    name: str
    drill_codes: tuple[str, ...]
    pass_mark: int
    first: dt.date
    last: dt.date
    set_by: str = ""

    @property
    def drills(self) -> list[drills.Drill]:
        known = {d.code: d for d in drills.all_drills()}
        return [known[c] for c in self.drill_codes if c in known]

    def as_setting(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "drills": list(self.drill_codes), "pass_mark": self.pass_mark,
                "first": self.first.isoformat(), "last": self.last.isoformat(), "set_by": self.set_by}


def _parse(row: dict[str, Any]) -> Assessment | None:
    try:
        return Assessment(str(row["code"]), str(row["name"]), tuple(row["drills"]), int(row["pass_mark"]),
                          dt.date.fromisoformat(row["first"]), dt.date.fromisoformat(row["last"]),
                          str(row.get("set_by", "")))
    except (KeyError, TypeError, ValueError):
        return None


def assessments(session: Session) -> list[Assessment]:
    """The hall's assessments, newest period first."""
    require(session, Permission.VIEW_REPORTS)
    return _stored(session.hall_code)


def _stored(hall_code: str) -> list[Assessment]:
    rows = hall_setting(hall_code, SETTING_KEY) or []
    found = [a for a in (_parse(r) for r in rows if isinstance(r, dict)) if a is not None]
    return sorted(found, key=lambda a: (a.first, a.code), reverse=True)


def _date(value: object, field_name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the date as YYYY-MM-DD, e.g. 2026-11-25: “{text}”."),
                              field=field_name, text=str(value or "")) from None


def set_assessment(session: Session, *, name: str, drill_codes: Iterable[str] | None, pass_mark: object,
                   first: object, last: object, code: str = "") -> Assessment:
    """Add an assessment (or replace the one with ``code``); managers only, audited."""
    manager = require(session, Permission.MANAGE_HALL)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the assessment a name (at most 60 characters)."),
                              field="name")
    chosen = list(dict.fromkeys(drill_codes or []))
    known = {d.code for d in drills.all_drills()}
    if not chosen:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose at least one drill."), field="drills")
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "There is no drill “{code}”."), field="drills",
                              code=unknown[0])
    try:
        mark = int(str(pass_mark).strip())
    except (TypeError, ValueError):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The pass mark is a whole number from 1 to 100."),
                              field="pass_mark") from None
    if not 1 <= mark <= 100:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The pass mark is a whole number from 1 to 100."),
                              field="pass_mark")
    start, end = _date(first, "first"), _date(last, "last")
    if end < start:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The period ends before it begins."), field="last")
    if (end - start).days > 366:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "An assessment lasts at most a year."), field="last")
    code = (code or "").strip() or f"A{clock.now():%Y%m%d}-{uuid.uuid4().hex[:6]}"
    if not _CODE.match(code):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{code}” cannot name an assessment."), field="code",
                              code=code)
    new = Assessment(code, name, tuple(chosen), mark, start, end, manager.staff_no)
    with db.atomic():
        before = _stored(session.hall_code)
        after = [a for a in before if a.code != code] + [new]
        setup_record.put_hall_setting(session.hall_code, SETTING_KEY, [a.as_setting() for a in after])
        audit.record(session, "setup.training_assessment", code, name=name, drills=chosen, pass_mark=mark,
                     first=start.isoformat(), last=end.isoformat())
    return new


# -- standings --------------------------------------------------------------------------------

@dataclass
class Standing:
    staff_no: str
    name: str
    best: dict[str, int | None]
    attempts: int
    score: float
    passed: bool
    last_at: dt.datetime | None = None


@dataclass
class AssessmentView:
    assessment: Assessment
    standings: list[Standing]

    def __getattr__(self, name: str) -> Any:  # the report reads the assessment's own fields through the view
        # Only called for names the view lacks; a copy or unpickling asks before ``assessment``
        # is set, and passing that on would ask for ``assessment`` again, forever.
        if name.startswith("__") or "assessment" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.assessment, name)


def _results(hall_code: str, first: dt.date, last: dt.date) -> list[DrillResult]:
    return list(DrillResult.select().where(
        (DrillResult.hall == hall_code) & (DrillResult.started_at >= dt.datetime.combine(first, dt.time()))
        & (DrillResult.started_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time())))
        .order_by(DrillResult.started_at))


def _clerks(hall_code: str, extra: set[str]) -> dict[str, str]:
    rows = Staff.select(Staff.staff_no, Staff.name, Staff.role, Staff.active).where(Staff.hall == hall_code)
    return {s.staff_no: s.name for s in rows if (s.role == "clerk" and s.active) or s.staff_no in extra}


def _standings(hall_code: str, assessment: Assessment) -> list[Standing]:
    """Each clerk's standing in an assessment (pure arithmetic on the stored results)."""
    results = [r for r in _results(hall_code, assessment.first, assessment.last)
               if r.drill_code in assessment.drill_codes]
    by_staff: dict[str, list[DrillResult]] = defaultdict(list)
    for r in results:
        by_staff[r.staff_no].append(r)
    out = []
    for staff_no, name in sorted(_clerks(hall_code, set(by_staff)).items()):
        mine = by_staff.get(staff_no, [])
        best: dict[str, int | None] = {}
        for code in assessment.drill_codes:
            scores = [r.score for r in mine if r.drill_code == code]
            best[code] = max(scores) if scores else None
        score = sum(v or 0 for v in best.values()) / len(assessment.drill_codes)
        passed = all(v is not None for v in best.values()) and score >= assessment.pass_mark - 1e-9
        out.append(Standing(staff_no, name, best, len(mine), round(score, 1), passed,
                            max((r.finished_at for r in mine), default=None)))
    out.sort(key=lambda s: (-s.score, s.staff_no))
    return out


def assessment_view(session: Session, code: str) -> AssessmentView:
    require(session, Permission.VIEW_REPORTS)
    for a in _stored(session.hall_code):
        if a.code == code:
            return AssessmentView(a, _standings(session.hall_code, a))
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "There is no assessment “{code}”."), field="code", code=code)


# -- the month's report -----------------------------------------------------------------------

@dataclass
class ClerkMonth:
    staff_no: str
    name: str
    attempts: int
    average: float
    time_ratio: float | None
    mistakes: int
    keys: float


@dataclass
class MonthReport:
    month: str
    hall_name: str
    lang: str
    generated_at: dt.datetime
    attempts: int = 0
    average: float | None = None
    clerks: list[ClerkMonth] = field(default_factory=list)
    mistakes_by_kind: dict[str, int] = field(default_factory=dict)
    assessments: list[AssessmentView] = field(default_factory=list)
    trend_months: list[str] = field(default_factory=list)
    trend: list[tuple[str, str, list[float | None]]] = field(default_factory=list)
    hall_trend: list[float | None] = field(default_factory=list)

    @property
    def average_text(self) -> str:
        return "—" if self.average is None else f"{self.average:.1f}"


def _months_back(month: str, count: int) -> list[str]:
    year, number = map(int, month.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        number -= 1
        if number == 0:
            year, number = year - 1, 12
    return out[::-1]


def month_report(session: Session, month: str) -> MonthReport:
    """The month's drills per clerk, the assessments running in it with their standings, and
    six months of averages (the trend)."""
    require(session, Permission.VIEW_REPORTS)
    from counter_app.services.grading import month_bounds
    from counter_app.services.report_period import not_in_future_month, parse_month

    month = not_in_future_month(parse_month(month))
    first, last = month_bounds(month)
    hall = Hall.get_by_id(session.hall_code)
    report = MonthReport(month, hall.name, session.lang, clock.now())
    results = _results(session.hall_code, first, last)
    names = {s.staff_no: s.name for s in Staff.select(Staff.staff_no, Staff.name)}
    report.attempts = len(results)
    if results:
        report.average = sum(r.score for r in results) / len(results)
    by_staff: dict[str, list[DrillResult]] = defaultdict(list)
    for r in results:
        by_staff[r.staff_no].append(r)
        for m in r.mistakes or []:
            label = drills.mistake_name(m.get("kind", ""), session.lang)
            report.mistakes_by_kind[label] = report.mistakes_by_kind.get(label, 0) + 1
    for staff_no, rows in sorted(by_staff.items()):
        ratios = [r.elapsed_s / r.standard_s for r in rows if r.standard_s]
        report.clerks.append(ClerkMonth(staff_no, names.get(staff_no, ""), len(rows),
                                        sum(r.score for r in rows) / len(rows),
                                        sum(ratios) / len(ratios) if ratios else None,
                                        sum(len(r.mistakes or []) for r in rows),
                                        sum(r.keys for r in rows) / len(rows)))
    report.assessments = [AssessmentView(a, _standings(session.hall_code, a)) for a in _stored(session.hall_code)
                          if a.first <= last and a.last >= first]
    report.trend_months = _months_back(month, 6)
    t_first = month_bounds(report.trend_months[0])[0]
    history = _results(session.hall_code, t_first, last)
    per: dict[tuple[str, str], list[int]] = defaultdict(list)
    hall_per: dict[str, list[int]] = defaultdict(list)
    for r in history:
        key = f"{r.started_at:%Y-%m}"
        per[(r.staff_no, key)].append(r.score)
        hall_per[key].append(r.score)
    staff_seen = sorted({r.staff_no for r in history})
    report.trend = [(s, names.get(s, ""), [(sum(per[(s, m)]) / len(per[(s, m)])) if per.get((s, m)) else None
                                          for m in report.trend_months]) for s in staff_seen]
    report.hall_trend = [(sum(hall_per[m]) / len(hall_per[m])) if hall_per.get(m) else None
                         for m in report.trend_months]
    return report
