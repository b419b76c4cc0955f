"""The sync tests' seeded hub (halls JN001 and JN002 with their logins) serves here too."""

from tests.test_sync.conftest import _close_terminal_db, hub  # noqa: F401
