"""The hall grade of the month: measured against 标准 / 优秀 / 示范, criterion by criterion;
a manager may change the thresholds, a clerk may not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app import theme
from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent, Setting
from counter_app.services import grading
from counter_app.ui.context import AppContext
from counter_app.ui.manager.grade_tab import GradeTab
from counter_app.ui.worker import wait_for_tasks
from tests.manager_day import HALL, script_day

# From the scripted day: waits 3, 4, 8, 11, 35 minutes (average 12.2; 4 of 5 within 20 minutes,
# 3 of 5 within 10); ratings 5, 4, 2, 5 (75 % satisfied); 4 customers served; 3 complaints opened
# this month (750 per 1,000 customers); one complaint's deadline passed unanswered.


@pytest.fixture
def day(manager_session, frozen_clock):
    script_day(frozen_clock)
    return manager_session


def by_criterion(result: grading.Grade, level: str) -> dict[str, grading.Check]:
    found = next(r for r in result.levels if r.level == level)
    return {c.criterion: c for c in found.checks}


def test_the_month_to_date_is_measured_and_fails_standard_on_satisfaction_and_complaints(day):
    result = grading.grade_month(day, "2026-11")
    assert result.month_to_date
    m = result.measures
    assert (m.customers, m.services, m.ratings, m.complaints, m.overdue) == (4, 5, 4, 3, 1)
    assert m.avg_wait_min == pytest.approx(12.2)
    standard = by_criterion(result, "standard")
    assert standard["avg_wait_min"].passed and standard["within_share"].passed
    assert standard["within_share"].measured == pytest.approx(0.8)
    assert not standard["satisfaction"].passed and standard["satisfaction"].measured == pytest.approx(0.75)
    assert not standard["complaints_per_1000"].passed
    assert standard["overdue"].passed  # 标准 sets no limit on overdue complaints by default
    model = by_criterion(result, "model")
    assert model["within_share"].measured == pytest.approx(0.6)
    assert not model["overdue"].passed  # 示范 allows none
    assert result.grade == ""


def test_a_manager_relaxes_the_thresholds_and_the_hall_reaches_standard(day):
    values = grading.thresholds(HALL)
    values["standard"].update(satisfaction=0.7, complaints_per_1000=1000)
    grading.save_thresholds(day, values)
    result = grading.grade_month(day, "2026-11")
    assert result.grade == "standard"
    assert not by_criterion(result, "excellent")["avg_wait_min"].passed  # 12.2 > 10
    event = AuditEvent.get(AuditEvent.action == "setup.grade_thresholds")
    assert event.staff_no == "2001"
    assert event.detail["before"]["standard"]["satisfaction"] == 0.9
    assert event.detail["after"]["standard"]["satisfaction"] == 0.7


def test_a_clerk_cannot_change_thresholds_and_bad_values_change_nothing(day, session):
    values = grading.thresholds(HALL)
    values["model"]["avg_wait_min"] = 1
    with pytest.raises(PermissionDenied):
        grading.save_thresholds(session, values)
    values["model"]["satisfaction"] = 1.5
    with pytest.raises(ValidationError) as error:
        grading.save_thresholds(day, values)
    assert "between 0 and 1" in error.value.text()
    assert not Setting.select().where(Setting.key == grading.SETTING_KEY).exists()
    assert grading.thresholds(HALL) == grading.DEFAULT_THRESHOLDS
    assert not AuditEvent.select().where(AuditEvent.action == "setup.grade_thresholds").exists()


def test_a_month_without_service_earns_no_grade(day):
    result = grading.grade_month(day, "2026-10")
    assert not result.month_to_date
    assert result.measures.customers == 0
    assert result.grade == ""
    assert all(not c.passed for c in result.levels[0].checks if c.threshold is not None)


def test_the_grade_tab_shows_each_criterion_passed_or_failed(day, db_path, qtbot, qtmodeltester):
    tab = GradeTab(AppContext(day, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(tab)
    tab.show()  # six months of tickets are read only once the manager looks
    qtbot.waitUntil(lambda: tab.loads >= 1, timeout=10_000)
    qtmodeltester.check(tab.model)
    rows = {tab.model.data(tab.model.index(r, 0)): [tab.model.data(tab.model.index(r, c)) for c in range(1, 4)]
            for r in range(tab.model.rowCount())}
    assert rows["Average wait (min)"][0] == "✔ 12.2 (≤ 15.0)"
    assert rows["Average wait (min)"][1] == "✘ 12.2 (≤ 10.0)"
    assert rows["Served within the time"][0] == "✔ 80.0% (≥ 80.0% within 20 min)"
    assert rows["Satisfaction (ratings 4–5)"][0] == "✘ 75.0% (≥ 90.0%)"
    assert rows["Overdue complaints"][0] == "not required"
    assert rows["Overdue complaints"][2] == "✘ 1 (≤ 0)"
    satisfaction = next(r for r in range(tab.model.rowCount())
                        if tab.model.data(tab.model.index(r, 0)) == "Satisfaction (ratings 4–5)")
    colour = tab.model.data(tab.model.index(satisfaction, 1), Qt.ItemDataRole.ForegroundRole)
    assert colour.name() == theme.colour("manager", "danger")  # a failed criterion shows in the theme's red
    assert "below 标准" in tab.grade_label.text()
    assert "4 customers served" in tab.basis.text()
    qtbot.waitUntil(lambda: tab.history_loads >= 1, timeout=10_000)
    qtmodeltester.check(tab.history)
    history = [[tab.history.data(tab.history.index(r, c)) for c in range(tab.history.columnCount())]
               for r in range(tab.history.rowCount())]
    assert history[0] == ["2026-11 *", "below standard", "4", "12.2", "80.0%", "75.0%", "750.0", "1"]
    assert history[1] == ["2026-10", "no customers served", "0", "—", "—", "—", "—", "0"]
    assert len(history) == 6
    tab.month.setCurrentIndex(1)  # October: nothing happened
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.label == "2026-10", timeout=10_000)
    assert tab.model.data(tab.model.index(0, 1), Qt.ItemDataRole.DisplayRole) == "✘ — (≤ 15.0)"
    wait_for_tasks()


def test_the_thresholds_dialog_reads_percentages_and_not_required(day, qtbot):
    from counter_app.ui.manager.grade_tab import ThresholdsDialog

    dialog = ThresholdsDialog(grading.thresholds(HALL))
    qtbot.addWidget(dialog)
    assert dialog.boxes[("standard", "overdue")].text() == "not required"
    dialog.boxes[("standard", "satisfaction")].setValue(70.0)
    dialog.boxes[("model", "overdue")].setValue(-1)
    values = dialog.values()
    assert values["standard"]["satisfaction"] == pytest.approx(0.7)
    assert values["standard"]["overdue"] is None and values["model"]["overdue"] is None
    assert values["excellent"]["within_min"] == 15
    grading.save_thresholds(day, values)
    assert grading.thresholds(HALL)["standard"]["satisfaction"] == pytest.approx(0.7)
