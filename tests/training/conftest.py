"""Fixtures of the training tests: a hall database (the demo hall, the "live" file) and its
training copy, opened in training mode as a training process opens it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from counter_app.models.base import unsynced_writes


@dataclass
class Hall:
    live: Path
    copy: Path


@pytest.fixture
def live_file(demo_template, tmp_path) -> Path:
    path = tmp_path / "hall.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def training_hall(live_file):
    """The training copy of the demo hall, open, this process in training mode."""
    from counter_app import training
    from counter_app.db import close_database, open_database
    from counter_app.services.training import prepare_copy
    from tests.conftest import settle_windows

    copy = prepare_copy(str(live_file))
    training.activate()
    open_database(str(copy))
    try:
        yield Hall(live_file, copy)
    finally:
        settle_windows()
        close_database()
        training.deactivate()


@pytest.fixture
def trainee(training_hall):
    """Clerk 1002 signed in at counter 1 of the training copy."""
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id("1002")
    return session


@pytest.fixture(autouse=True)
def without_the_demo_drills(request):
    """Figures worked out by hand from the test's own drills: the demo hall's month of drills,
    checks and its assessment (services/demo_supervision.py) are taken away first."""
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
