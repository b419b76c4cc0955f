"""Fixtures of the supervision tests: an inspector of the demo hall, signed in."""

from __future__ import annotations

import pytest

from counter_app.models.base import unsynced_writes

INSPECTOR_NO = "7001"
PASSWORD = "insp-secret-1"


def full_marks(kind: str = "spot_check", **overrides: int) -> dict[str, int]:
    from counter_app.services import scorecards

    scores = {item.code: item.points for item in scorecards.for_kind(kind).items}
    scores.update(overrides)
    return scores


@pytest.fixture
def inspector(demo_db):
    from counter_app.models import Staff
    from counter_app.services.passwords import hash_password
    from counter_app.services.session import open_session

    # The demo hall's inspector, with a password of this test's own
    Staff.insert(staff_no=INSPECTOR_NO, hall="JN001", name="孙敏", role="inspector", specialties=[],
                 password_hash=hash_password(PASSWORD)).on_conflict(
        conflict_target=[Staff.staff_no], update={Staff.password_hash: hash_password(PASSWORD)}).execute()
    session = open_session()
    session.staff = Staff.get_by_id(INSPECTOR_NO)
    return session


@pytest.fixture(autouse=True)
def without_the_demo_checks(request):
    """The figures of these tests are worked out by hand from their own checks and drills: the
    demo hall's month of them (services/demo_supervision.py) is taken away first."""
    if "demo_db" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("demo_db")
    from counter_app.models import DrillResult, Inspection, Setting

    with unsynced_writes():
        Inspection.delete().execute()
    with unsynced_writes():
        DrillResult.delete().execute()
    Setting.delete().where(Setting.key == "training_assessments").execute()
    yield
