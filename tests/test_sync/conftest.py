"""Fixtures of the sync tests: a seeded hub per test, and the terminal database closed after."""

from __future__ import annotations

import pytest

from counter_app.db import close_database
from tests.test_sync.support import Hub, new_hub


@pytest.fixture
def hub(pg_server) -> Hub:
    """A hub with the demo hall JN001 and hall JN002, copied from a template built once."""
    return new_hub(pg_server)


@pytest.fixture(autouse=True)
def _close_terminal_db():
    yield
    from counter_app.models import db

    if db.obj is not None:
        close_database()
