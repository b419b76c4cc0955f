"""Assessments: a manager sets the drills, the pass mark and the period; each clerk's standing
adds up as worked out by hand; the Training tab shows it and prints the month's report, and so
does `counter-app report training`."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.cli.main import main
from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent, DrillResult
from counter_app.services import assessments
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews, open_previews
from tests.helpers import embedded_fonts, ops_done, pdf_text, rasterize


def result(staff_no: str, drill: str, score: int, day: int, *, elapsed: int = 300, mistakes=()) -> DrillResult:
    at = dt.datetime(2026, 11, day, 10, 0)
    return DrillResult.create(hall="JN001", staff_no=staff_no, drill_code=drill, started_at=at,
                              finished_at=at + dt.timedelta(seconds=elapsed), elapsed_s=elapsed, standard_s=480,
                              keys=20, mistakes=[{"kind": k} for k in mistakes], score=score)


def november(manager_session):
    """By hand, pass mark 80 over the plan change and the loss report:
    1001 best 90 and 80 → 85, passed; 1002 95 and nothing → 47.5, failed (a drill not done);
    1003 60 and 70 → 65, failed; 1004 nothing → 0, failed."""
    result("1001", "plan_change_sq18", 70, 3, mistakes=("wrong_plan",))
    result("1001", "plan_change_sq18", 90, 10)
    result("1001", "loss_report", 80, 11)
    result("1002", "plan_change_sq18", 95, 12)
    result("1003", "plan_change_sq18", 60, 5, mistakes=("skipped_identity_check", "wrong_amount"))
    result("1003", "loss_report", 70, 6, mistakes=("skipped_identity_check",))
    DrillResult.create(hall="JN001", staff_no="1002", drill_code="loss_report", started_at=dt.datetime(2026, 10, 30, 9),
                       finished_at=dt.datetime(2026, 10, 30, 9, 5), elapsed_s=300, standard_s=180, keys=9,
                       mistakes=[], score=100)  # October: before the period, in the trend
    return assessments.set_assessment(manager_session, name="十一月考核", drill_codes=["plan_change_sq18", "loss_report"],
                                      pass_mark=80, first="2026-11-01", last="2026-11-30")


def test_each_clerks_standing_adds_up_as_worked_out_by_hand(manager_session, frozen_clock):
    made = november(manager_session)
    view = assessments.assessment_view(manager_session, made.code)
    table = {s.staff_no: (s.score, s.passed, s.attempts, s.best) for s in view.standings}
    assert table["1001"] == (85.0, True, 3, {"plan_change_sq18": 90, "loss_report": 80})
    assert table["1002"] == (47.5, False, 1, {"plan_change_sq18": 95, "loss_report": None})
    assert table["1003"] == (65.0, False, 2, {"plan_change_sq18": 60, "loss_report": 70})
    assert table["1004"][:2] == (0.0, False)
    # A view can be copied or pickled (for a helper process that builds a long report): the copy
    # reads the same fields instead of recursing without end.
    copied = copy.deepcopy(view)
    assert copied.name == "十一月考核" and [s.staff_no for s in copied.standings] == [s.staff_no for s in view.standings]
    assert AuditEvent.get(AuditEvent.action == "setup.training_assessment").detail["pass_mark"] == 80
    report = assessments.month_report(manager_session, "2026-11")
    assert report.attempts == 6 and round(report.average, 2) == round((70 + 90 + 80 + 95 + 60 + 70) / 6, 2)
    assert report.mistakes_by_kind == {"套餐选错": 1, "未核验身份": 2, "金额错误": 1}
    trend = {staff_no: values for staff_no, _name, values in report.trend}
    assert report.trend_months[-2:] == ["2026-10", "2026-11"] and trend["1002"][-2:] == [100, 95]


@pytest.mark.parametrize(("change", "field"), [
    ({"name": ""}, "name"), ({"drill_codes": []}, "drills"), ({"drill_codes": ["juggling"]}, "drills"),
    ({"pass_mark": 0}, "pass_mark"), ({"pass_mark": "eighty"}, "pass_mark"), ({"last": "2026-10-01"}, "last"),
    ({"first": "2026-13-01"}, "first"), ({"last": "2028-01-01"}, "last"),
])
def test_a_bad_assessment_is_refused_and_nothing_is_set(manager_session, frozen_clock, change, field):
    values = dict(name="x", drill_codes=["loss_report"], pass_mark=80, first="2026-11-01", last="2026-11-30")
    values.update(change)
    with pytest.raises(ValidationError) as refused:
        assessments.set_assessment(manager_session, **values)
    assert refused.value.field == field
    assert assessments.assessments(manager_session) == []


def test_a_clerk_neither_sets_nor_reads_assessments(session, frozen_clock):
    with pytest.raises(PermissionDenied):
        assessments.set_assessment(session, name="x", drill_codes=["loss_report"], pass_mark=80,
                                   first="2026-11-01", last="2026-11-30")
    with pytest.raises(PermissionDenied):
        assessments.month_report(session, "2026-11")


def test_the_training_tab_shows_scores_trend_and_pass_and_prints_the_report(manager_session, db_path, qtbot,
                                                                            frozen_clock):
    from counter_app.ui.manager.window import ManagerWindow

    november(manager_session)
    install_translations(QApplication.instance(), "zh_CN")
    manager_session.lang = "zh_CN"
    try:
        window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
        qtbot.addWidget(window)
        window.show()
        tab = window.training
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: tab.loads >= 1, timeout=10_000)
        rows = {r.staff_no: r for r in tab.model.rows}
        assert tab.model.data(tab.model.index(0, 0)) == "1001 王芳"
        assert tab.model.data(tab.model.index(0, 2)) == "合格" and rows["1002"].passed is False
        assert "合格分 80" in tab.summary.text() and "4 名营业员中 1 名合格" in tab.summary.text()
        assert tab.model.data(tab.model.index(list(rows).index("1002"), 5)) == "100 → 95"  # from October on
        assert tab.chart.loaded
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(open_previews()) == 1, timeout=10_000)
        text = pdf_text(open_previews()[0].pdf_bytes)
        assert "培训考核报告 · 2026-11" in text and "十一月考核" in text and "不合格" in text and "85.0" in text
        close_previews()

        from counter_app.ui.training.manager_tab import AssessmentDialog

        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
        dialog = tab.findChild(AssessmentDialog, "assessmentDialog")
        qtbot.waitUntil(lambda: dialog.isVisible())
        dialog.name.setText("十二月考核")
        dialog.checks["sp_dispute_refund"].setChecked(False)
        dialog.accept()
        qtbot.waitUntil(lambda: len(assessments.assessments(manager_session)) == 2, timeout=10_000)
        ops_done(qtbot)
        qtbot.waitUntil(lambda: tab.choice.count() == 2)
    finally:
        install_translations(QApplication.instance(), "en")


def test_the_report_prints_from_the_command_line_with_charts_and_fonts(manager_session, frozen_clock, tmp_path,
                                                                       capsys, db_path):
    november(manager_session)
    secret = tmp_path / "pw"
    secret.write_text("123456")
    for lang, title in (("zh_CN", "培训考核报告"), ("en", "Training and assessment report")):
        out = tmp_path / f"training-{lang}.pdf"
        assert main(["--db", str(db_path), "report", "training", "--month", "2026-11", "--lang", lang, "--out",
                     str(out), "--staff", "2001", "--password-file", str(secret)]) == 0, capsys.readouterr().err
        assert "6 drills in 2026-11, average 77.5, 1 assessments" in capsys.readouterr().out
        data = out.read_bytes()
        text = pdf_text(data)
        assert title in text and "1001" in text and "85.0" in text
        assert all(embedded for _name, embedded in embedded_fonts(data, tmp_path))
        (tmp_path / lang).mkdir()
        assert rasterize(data, tmp_path / lang)
