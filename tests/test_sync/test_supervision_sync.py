"""Spot checks go to the hub like every fact of the hall: once, however often they are sent."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.models import Staff
from counter_app.services import scorecards, supervision
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once

pytestmark = pytest.mark.postgres


def test_a_spot_check_reaches_the_hub_once(hub, terminal):
    path, url = terminal
    if Staff.get_or_none(Staff.staff_no == "7001") is None:  # the demo hall's inspector, pulled from the hub
        Staff.create(staff_no="7001", hall="JN001", name="孙敏", role="inspector", specialties=[], password_hash="x")
    session = open_session()
    session.staff = Staff.get_by_id("7001")
    scores = {item.code: item.points for item in scorecards.for_kind("spot_check").items}
    scores["farewell"] = 1
    row = supervision.record_inspection(session, kind="spot_check", staff_no="1001",
                                        visited_at=clock.now() - dt.timedelta(hours=1), scores=scores)
    assert sync_once(url).pushed.rejected == 0
    assert sync_once(url).pushed.rejected == 0  # nothing left to send, nothing doubled
    with hub.admin() as conn:
        rows = conn.execute("SELECT hall, kind, staff_no, score, inspector_no FROM inspection WHERE id = %s",
                            (row.id,)).fetchall()
    assert rows == [("JN001", "spot_check", "1001", 96, "7001")]
