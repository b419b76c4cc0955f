"""The year's standard-hall evaluation, worked out by hand: the scripted day's service graded
as a month is, the year's checklist, the year's spot checks; the grade is the highest level
whose criteria all pass; the next level's failing criteria are listed. Printed from the CLI
and shown from the Hall grade tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.cli.main import main
from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.services import grading, hall_evaluation, supervision
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews, open_previews
from tests.helpers import embedded_fonts, pdf_text, rasterize
from tests.manager_day import HALL, script_day
from tests.supervision.conftest import full_marks


@pytest.fixture
def year(inspector, manager_session, frozen_clock):
    """The scripted day (waits average 12.2 min, 80 % within 20 and within 15, 75 % satisfied,
    750 complaints per 1,000, one overdue) with 标准 relaxed to satisfaction 70 % and 1,000
    complaints per 1,000; a checklist missing only the VIP desk (an 优秀 item); spot checks of
    88 and 84 points (average 86 %)."""
    script_day(frozen_clock)
    values = grading.thresholds(HALL)
    values["standard"].update(satisfaction=0.7, complaints_per_1000=1000)
    grading.save_thresholds(manager_session, values)
    frozen_clock.advance(hours=1)
    supervision.record_inspection(inspector, kind="standard_hall", visited_at=dt.datetime(2026, 11, 20, 9, 0),
                                  scores=full_marks("standard_hall", zone_vip=0), notes={"zone_vip": "未设专席"})
    supervision.record_inspection(inspector, kind="spot_check", visited_at=dt.datetime(2026, 11, 21, 10, 0),
                                  staff_no="1001", scores=full_marks(greeting=0, identity=1))  # 88
    supervision.record_inspection(inspector, kind="mystery_shopper", visited_at=dt.datetime(2026, 11, 22, 10, 0),
                                  staff_no="1002", scores=full_marks(greeting=0, courtesy=0, uniform=4,
                                                                     identity=3))  # 84
    return manager_session


def criteria(ev, level: str) -> dict[str, hall_evaluation.Criterion]:
    found = next(r for r in ev.levels if r.level == level)
    return {c.key: c for c in found.criteria}


def test_the_year_reaches_standard_and_says_what_excellent_needs(year):
    ev = hall_evaluation.evaluate_year(year, 2026)
    assert (ev.first, ev.last, ev.to_date) == (dt.date(2026, 1, 1), dt.date(2026, 11, 25), True)
    assert (ev.spot_count, round(ev.spot_average, 4)) == (2, 0.86)
    standard, excellent, model = (criteria(ev, level) for level in grading.LEVELS)
    assert all(c.passed for c in standard.values())
    assert ev.grade == "standard" and ev.next_level == "excellent"
    assert excellent["spot_checks"].passed and not model["spot_checks"].passed  # 86 % ≥ 85 %, < 90 %
    assert excellent["vi"].passed and not excellent["zones"].passed
    assert "VIP" in excellent["zones"].measured and excellent["zones"].measured == standard["zones"].measured
    assert standard["zones"].passed  # the VIP desk is an 优秀 item
    assert excellent["overdue"].passed  # one overdue complaint, 优秀 allows two
    assert sorted(c.key for c in ev.next_needs) == ["avg_wait_min", "complaints_per_1000", "satisfaction",
                                                     "within_share", "zones"]
    assert excellent["avg_wait_min"].measured == "12.2" and excellent["avg_wait_min"].required == "≤ 10.0"


def test_without_the_checklist_or_the_spot_checks_no_level_is_reached(manager_session, frozen_clock):
    script_day(frozen_clock)
    values = grading.thresholds(HALL)
    values["standard"].update(satisfaction=0.7, complaints_per_1000=1000)
    grading.save_thresholds(manager_session, values)
    ev = hall_evaluation.evaluate_year(manager_session, 2026)
    standard = criteria(ev, "standard")
    assert standard["avg_wait_min"].passed and not standard["vi"].passed and not standard["spot_checks"].passed
    assert ev.grade == "" and ev.next_level == "standard"
    assert {"vi", "zones", "self_service", "norms", "management", "spot_checks"} <= {c.key for c in ev.next_needs}


def test_a_bad_year_and_a_clerk_are_refused(session, manager_session, frozen_clock):
    with pytest.raises(ValidationError):
        hall_evaluation.evaluate_year(manager_session, 2027)
    with pytest.raises(ValidationError):
        hall_evaluation.evaluate_year(manager_session, "20x6")
    with pytest.raises(PermissionDenied):
        hall_evaluation.evaluate_year(session, 2026)


def test_the_evaluation_prints_from_the_command_line(year, tmp_path, capsys, db_path):
    secret = tmp_path / "pw"
    secret.write_text("123456")
    for lang, words in (("zh_CN", ("营业厅等级评定 · 2026", "评定结果：标准", "达到“优秀”还需要", "未设专席")),
                        ("en", ("Hall evaluation · 2026", "Result: Standard", "What Excellent needs", "VIP"))):
        out = tmp_path / f"grade-{lang}.pdf"
        assert main(["--db", str(db_path), "report", "grade", "--year", "2026", "--lang", lang, "--out", str(out),
                     "--staff", "2001", "--password-file", str(secret)]) == 0, capsys.readouterr().err
        assert "2026 standard; next level excellent needs: avg_wait_min" in capsys.readouterr().out
        data = out.read_bytes()
        text = pdf_text(data)
        for word in words:
            assert word in text, word
        assert all(embedded for _name, embedded in embedded_fonts(data, tmp_path))
        folder = tmp_path / lang
        folder.mkdir()
        assert rasterize(data, folder)
    assert main(["--db", str(db_path), "report", "grade", "--year", "26", "--out", str(tmp_path / "x.pdf"),
                 "--staff", "2001", "--password-file", str(secret)]) == 2


def test_the_hall_grade_tab_opens_the_years_evaluation(year, db_path, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    install_translations(QApplication.instance(), "zh_CN")
    try:
        window = ManagerWindow(AppContext(year, TerminalConfig(mode="manager"), str(db_path)))
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentWidget(window.grade)
        from PySide6.QtWidgets import QPushButton

        button = window.grade.findChild(QPushButton, "gradeYear")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = window.grade.year_dialog
        qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=20_000)
        assert dialog.grade.text() == "2026：标准"
        assert dialog.needs.text().startswith("达到“优秀”还需要：")
        assert dialog.model.rowCount() == 5 + 5 + 1
        zones = next(i for i, row in enumerate(dialog.model.rows) if row[0].key == "zones")
        assert dialog.model.data(dialog.model.index(zones, 4)).startswith("✘")
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(open_previews()) == 1, timeout=20_000)
        assert "营业厅等级评定" in pdf_text(open_previews()[0].pdf_bytes)
        close_previews()
    finally:
        install_translations(QApplication.instance(), "en")
