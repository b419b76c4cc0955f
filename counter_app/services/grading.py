"""The hall grade: 标准 / 优秀 / 示范, month to date or for a whole month, against thresholds a
manager can change (hall setting ``grade_thresholds``; defaults from the provincial rules).

A level is reached when every one of its criteria passes; the grade is the highest level
reached. A criterion without data (no customer served, no rating) does not pass: a grade has
to be earned by measured service. Waits follow ``report_times`` (Qmatic).
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Complaint, db
from counter_app.services import audit, setup_record
from counter_app.services import complaints as complaints_service
from counter_app.services.permissions import Permission, require
from counter_app.services.report_times import mean
from counter_app.services.reports import load_lives, rating_counts, satisfaction
from counter_app.services.session import Session, hall_setting

SETTING_KEY = "grade_thresholds"
LEVELS = ("standard", "excellent", "model")
LEVEL_NAMES = {"standard": ("标准", "Standard"), "excellent": ("优秀", "Excellent"), "model": ("示范", "Model")}
# Criteria in display order. ``max`` criteria pass at or below the threshold, ``min`` at or above.
CRITERIA = (
    ("avg_wait_min", "max"),      # average wait, minutes
    ("within_share", "min"),      # share served within ``within_min`` minutes
    ("satisfaction", "min"),      # share of ratings 4 or 5
    ("complaints_per_1000", "max"),  # complaints opened per 1,000 customers served
    ("overdue", "max"),           # complaints whose reply deadline passed unanswered
)
# DOMAIN defaults for waits and satisfaction; the complaint rate and the overdue allowance of
# the two lower levels are this product's starting point (the rules name none).
DEFAULT_THRESHOLDS: dict[str, dict[str, float | None]] = {
    "standard": {"avg_wait_min": 15, "within_min": 20, "within_share": 0.80, "satisfaction": 0.90,
                 "complaints_per_1000": 5.0, "overdue": None},
    "excellent": {"avg_wait_min": 10, "within_min": 15, "within_share": 0.85, "satisfaction": 0.95,
                  "complaints_per_1000": 3.0, "overdue": 2},
    "model": {"avg_wait_min": 5, "within_min": 10, "within_share": 0.90, "satisfaction": 0.98,
              "complaints_per_1000": 1.0, "overdue": 0},
}
LIMITS = {"avg_wait_min": (0, 240), "within_min": (1, 240), "within_share": (0, 1), "satisfaction": (0, 1),
          "complaints_per_1000": (0, 1000), "overdue": (0, 10_000)}


@dataclass(frozen=True)
class Measures:
    first: dt.date
    last: dt.date
    customers: int  # served at least once
    services: int
    avg_wait_min: float | None
    waits_min: tuple[float, ...]
    satisfaction: float | None
    ratings: int
    complaints: int
    complaints_per_1000: float | None
    overdue: int

    def within_share(self, minutes: float) -> float | None:
        if not self.waits_min:
            return None
        return sum(1 for w in self.waits_min if w <= minutes) / len(self.waits_min)


@dataclass(frozen=True)
class Check:
    criterion: str
    measured: float | None
    threshold: float | None  # None: not required at this level
    within_min: float | None  # for within_share: the minutes it is counted against
    passed: bool


@dataclass(frozen=True)
class LevelResult:
    level: str
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)


@dataclass(frozen=True)
class Grade:
    label: str  # YYYY-MM
    measures: Measures
    levels: list[LevelResult]
    month_to_date: bool

    @property
    def grade(self) -> str:
        """The highest level whose criteria all pass, or "" (below 标准)."""
        reached = ""
        for result in self.levels:
            if not result.passed:
                break
            reached = result.level
        return reached


def thresholds(hall_code: str) -> dict[str, dict[str, float | None]]:
    stored = hall_setting(hall_code, SETTING_KEY) or {}
    merged = copy.deepcopy(DEFAULT_THRESHOLDS)
    for level, values in stored.items():
        if level in merged and isinstance(values, dict):
            merged[level].update({k: v for k, v in values.items() if k in LIMITS})
    return merged


def validate_thresholds(values: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    clean: dict[str, dict[str, float | None]] = {}
    for level in LEVELS:
        given = values.get(level) or {}
        clean[level] = {}
        for key, (low, high) in LIMITS.items():
            value = given.get(key, DEFAULT_THRESHOLDS[level][key])
            if value is None or value == "":
                if key in ("overdue", "complaints_per_1000"):
                    clean[level][key] = None
                    continue
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Every level needs a value for “{criterion}”."),
                                      field=key, criterion=key)
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{value}” is not a number."),
                                      field=key, value=str(value)) from None
            if not low <= number <= high:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{criterion}” must lie between {low} and {high}."),
                                      field=key, criterion=key, low=low, high=high)
            clean[level][key] = int(number) if key == "overdue" else number
    return clean


def save_thresholds(session: Session, values: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Managers only; audited with the values before and after."""
    require(session, Permission.MANAGE_HALL)
    clean = validate_thresholds(values)
    with db.atomic():
        before = thresholds(session.hall_code)
        setup_record.put_hall_setting(session.hall_code, SETTING_KEY, clean)
        audit.record(session, "setup.grade_thresholds", session.hall_code, before=before, after=clean)
    return clean


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, number = map(int, month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def measure(hall_code: str, first: dt.date, last: dt.date) -> Measures:
    now = clock.now()
    # up to and including this moment when the period is still running
    stop = min(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), now + dt.timedelta(seconds=1))
    start = dt.datetime.combine(first, dt.time())
    lives = load_lives(hall_code, first, last, until=now)
    services = [s for life in lives for s in life.services]
    customers = sum(1 for life in lives if life.services)
    waits = tuple(s.wait_s / 60 for s in services)
    ratings = rating_counts(hall_code, start, stop)
    complaints = Complaint.select().where((Complaint.hall == hall_code) & (Complaint.opened_at >= start)
                                          & (Complaint.opened_at < stop)).count()
    # Overdue: the reply deadline fell in the period and passed without a reply; the same count
    # as the complaints' monthly analysis.
    overdue = complaints_service.overdue_in_period(hall_code, start, stop)
    return Measures(first, last, customers, len(services), mean(waits), waits, satisfaction(ratings),
                    sum(ratings.values()), complaints, complaints * 1000 / customers if customers else None, overdue)


def evaluate(measures: Measures, limits: dict[str, dict[str, float | None]]) -> list[LevelResult]:
    results = []
    for level in LEVELS:
        values = limits[level]
        checks = []
        for criterion, direction in CRITERIA:
            threshold = values.get(criterion)
            within = values.get("within_min") if criterion == "within_share" else None
            if criterion == "within_share":
                measured = measures.within_share(float(within or 0))
            elif criterion == "complaints_per_1000" and measures.customers == 0:
                measured = None
            else:
                measured = getattr(measures, criterion)
            if threshold is None:
                passed = True
            elif measured is None:
                passed = False
            elif direction == "max":
                passed = measured <= threshold + 1e-9
            else:
                passed = measured >= threshold - 1e-9
            checks.append(Check(criterion, measured, threshold, within, passed))
        results.append(LevelResult(level, checks))
    return results


def grade_month(session: Session, month: str) -> Grade:
    """The grade of a calendar month; the running month is graded to date."""
    require(session, Permission.VIEW_REPORTS)
    hall_code = session.hall_code
    first, last = month_bounds(month)
    today = clock.today()
    to_date = first <= today <= last
    if to_date:
        last = today
    measures = measure(hall_code, first, last)
    return Grade(month, measures, evaluate(measures, thresholds(hall_code)), to_date)


def grade_months(session: Session, months: list[str]) -> list[Grade]:
    """The grade of each month (the running one to date), for the month-by-month overview."""
    require(session, Permission.VIEW_REPORTS)
    return [grade_month(session, month) for month in months]


def recent_months(count: int = 12) -> list[str]:
    today = clock.today()
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out
