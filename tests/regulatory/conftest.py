"""Fixtures of the regulatory tests: the counter window fixtures of the service-flow tests."""

from __future__ import annotations

from tests.test_service_flow import close_print_previews, ctx, window  # noqa: F401
