"""The demo hall comes with a month of drills, spot checks, an assessment and this year's
standard-hall checklist, so the Training and Service checks tabs and the year's evaluation
show figures on first start."""

from __future__ import annotations

import datetime as dt

from counter_app import clock
from counter_app.models import DrillResult, Inspection, Staff
from counter_app.services import assessments, hall_evaluation, supervision


def test_the_demo_hall_has_its_month_of_training_and_checks(manager_session):
    today = clock.today()
    assert Staff.get_by_id("7001").role == "inspector"
    drills = list(DrillResult.select())
    assert len(drills) >= 20 and {d.staff_no for d in drills} == {"1001", "1002", "1003", "1004"}
    assert all(today - dt.timedelta(days=32) <= d.started_at.date() < today for d in drills)
    current = assessments.assessments(manager_session)
    assert len(current) == 1 and current[0].first <= today <= current[0].last
    view = assessments.assessment_view(manager_session, current[0].code)
    assert any(s.attempts for s in view.standings)
    checks = supervision.list_inspections(manager_session, today - dt.timedelta(days=31), today)
    assert sum(c.kind != "standard_hall" for c in checks) >= 5
    assert Inspection.select().where(Inspection.kind == "standard_hall").count() == 1
    evaluation = hall_evaluation.evaluate_year(manager_session, today.year)
    assert evaluation.checklist is not None and evaluation.spot_count >= 1
    assert not next(c for c in evaluation.levels[1].criteria if c.key == "zones").passed  # no VIP desk yet
