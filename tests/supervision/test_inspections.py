"""Spot checks and mystery-shopper visits: an inspector records them against the scorecard,
bad input changes nothing, and the month's bulletin adds up as worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent, Inspection
from counter_app.services import scorecards, supervision
from tests.supervision.conftest import full_marks


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_the_scorecard_has_the_six_parts_of_the_article_and_a_hundred_points():
    card = scorecards.scorecard("service")
    assert [s.name_zh for s in card.sections] == ["服务规范用语", "仪容仪表", "业务流程", "营业环境与设施", "公示内容",
                                                   "自助设施"]
    assert card.points == 100
    checklist = scorecards.scorecard("standard_hall")
    assert [s.code for s in checklist.sections] == ["vi", "zones", "self_service", "norms", "management"]
    assert {i.level for i in checklist.items} == {"standard", "excellent", "model"}


def test_an_inspector_records_a_spot_check_of_a_clerk_and_it_is_audited(inspector, frozen_clock):
    row = supervision.record_inspection(
        inspector, kind="spot_check", visited_at=at("2026-11-25 09:40"), staff_no="1001", counter_number=1,
        scores=full_marks(greeting=2, identity=4), notes={"greeting": "没有起身问候"},
        follow_up="重新学习服务规范用语", follow_up_due="2026-12-05")
    stored = Inspection.get_by_id(row.id)
    assert (stored.score, stored.max_score, stored.inspector_no, stored.scorecard) == (93, 100, "7001", "service-1")
    assert {i["code"]: (i["points"], i["max"]) for i in stored.items}["identity"] == (4, 8)
    assert stored.follow_up_due == dt.date(2026, 12, 5)
    event = AuditEvent.get(AuditEvent.action == "inspection.record")
    assert event.staff_no == "7001" and event.detail["score"] == 93


@pytest.mark.parametrize(("change", "field"), [
    ({"scores": full_marks(greeting=None)}, "greeting"),
    ({"scores": full_marks(greeting=6)}, "greeting"),
    ({"scores": full_marks(greeting="abc")}, "greeting"),
    ({"scores": {**full_marks(), "smile": 3}}, "scores"),
    ({"visited_at": at("2026-11-26 09:00")}, "visited_at"),
    ({"visited_at": at("2026-09-01 09:00")}, "visited_at"),
    ({"staff_no": "9999"}, "staff_no"),
    ({"staff_no": "9001"}, "staff_no"),  # the administrator is not counter staff
    ({"counter_number": 42}, "counter_number"),
    ({"follow_up_due": "2026-12-01"}, "follow_up"),  # a date without saying what to put right
    ({"follow_up": "x", "follow_up_due": "2026-11-01"}, "follow_up_due"),
    ({"follow_up": "x", "follow_up_due": "12/01/2026"}, "follow_up_due"),
    ({"kind": "audit"}, "kind"),
])
def test_bad_input_is_refused_with_its_field_and_nothing_is_written(inspector, frozen_clock, change, field):
    values = dict(kind="spot_check", visited_at=at("2026-11-25 09:00"), scores=full_marks(), staff_no="1001")
    values.update(change)
    with pytest.raises(ValidationError) as caught:
        supervision.record_inspection(inspector, **values)
    assert caught.value.field == field and caught.value.text()
    assert Inspection.select().count() == 0
    assert not AuditEvent.select().where(AuditEvent.action == "inspection.record").exists()


def test_the_standard_hall_checklist_is_passed_or_failed_item_by_item_and_scores_the_hall(inspector, frozen_clock):
    with pytest.raises(ValidationError):  # half a point on a pass/fail item
        supervision.record_inspection(inspector, kind="standard_hall", visited_at=at("2026-11-25 09:00"),
                                      scores={**full_marks("standard_hall"), "vi_front": 0.5})
    row = supervision.record_inspection(inspector, kind="standard_hall", visited_at=at("2026-11-25 09:00"),
                                        scores=full_marks("standard_hall", ss_two=0), staff_no="1001",
                                        counter_number=1)
    assert (row.staff_no, row.counter_number) == ("", None)
    assert row.score == row.max_score - 1


def test_a_clerk_and_a_manager_cannot_record_a_check(session, manager_session, frozen_clock):
    for who in (session, manager_session):
        with pytest.raises(PermissionDenied):
            supervision.record_inspection(who, kind="spot_check", visited_at=at("2026-11-25 09:00"),
                                          scores=full_marks())
    with pytest.raises(PermissionDenied):
        supervision.monthly_bulletin(session, "2026-11")


def month_of_checks(inspector) -> None:
    """Worked by hand: 1001 checked twice (greeting 2/5 and identity 4/8, then greeting 0/5),
    1002 once with full marks; one follow-up overdue on the 25th, one still open."""
    supervision.record_inspection(inspector, kind="spot_check", visited_at=at("2026-11-03 10:00"), staff_no="1001",
                                  counter_number=1, scores=full_marks(greeting=2, identity=4),
                                  follow_up="重新学习服务规范用语", follow_up_due="2026-11-15")
    supervision.record_inspection(inspector, kind="spot_check", visited_at=at("2026-11-10 15:00"), staff_no="1001",
                                  counter_number=2, scores=full_marks(greeting=0),
                                  follow_up="值班经理每日抽听问候", follow_up_due="2026-12-05")
    supervision.record_inspection(inspector, kind="mystery_shopper", visited_at=at("2026-11-20 11:00"),
                                  staff_no="1002", counter_number=3, scores=full_marks())


def test_the_bulletin_adds_up_as_worked_out_by_hand(inspector, manager_session, frozen_clock):
    month_of_checks(inspector)
    for reader in (inspector, manager_session):
        bulletin = supervision.monthly_bulletin(reader, "2026-11")
        assert [c.score for c in bulletin.checks] == [93, 95, 100]
        assert bulletin.by_kind == {"spot_check": 2, "mystery_shopper": 1}
        assert bulletin.average == pytest.approx(0.96)
        assert [(h.hall, h.checks, round(h.average, 4), h.lowest) for h in bulletin.halls] == [
            ("JN001", 3, 0.96, 0.93)]
        assert [(c.staff_no, c.checks, round(c.average, 4)) for c in bulletin.clerks] == [
            ("1002", 1, 1.0), ("1001", 2, 0.94)]
        weakest = [(w.text, round(w.share, 4), w.failures, w.checks) for w in bulletin.weakest]
        assert weakest == [(scorecards.scorecard("service").item("greeting").text_zh, round(7 / 15, 4), 2, 3),
                           (scorecards.scorecard("service").item("identity").text_zh, round(20 / 24, 4), 1, 3)]
        assert [(r.staff_no, r.times) for r in bulletin.repeated] == [("1001", 2)]
        assert [(f.due.isoformat(), f.overdue) for f in bulletin.follow_ups] == [("2026-11-15", True),
                                                                                  ("2026-12-05", False)]
    assert supervision.monthly_bulletin(manager_session, "2026-10").checks == []
