"""Fixtures of the sync tests: a seeded hub per test, and the terminal database closed after."""

from __future__ import annotations

import pytest

from counter_app.db import close_database
from tests.test_sync.support import ROLE_A, Hub, new_hub, new_terminal, use


@pytest.fixture
def hub(pg_server) -> Hub:
    """A hub with the demo hall JN001 and hall JN002, copied from a template built once."""
    return new_hub(pg_server)


@pytest.fixture
def terminal(tmp_path, hub):
    """A counter PC of hall JN001 after its first sync, and its hub login URL."""
    from counter_app.sync.runner import sync_once

    path = new_terminal(tmp_path / "counter1.db")
    use(path)
    url = hub.url_for(ROLE_A)
    sync_once(url)
    return path, url


@pytest.fixture(autouse=True)
def _close_terminal_db():
    yield
    from counter_app.models import db

    if db.obj is not None:
        close_database()
