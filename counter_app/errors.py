"""Errors that reach the user as a clear message and leave nothing changed.

A :class:`UserError` carries an untranslated message marked with QT_TRANSLATE_NOOP under the
context ``"Errors"`` plus named parameters; the UI translates it, the CLI prints it.
"""

from __future__ import annotations

from typing import Any

from counter_app.i18n import QT_TRANSLATE_NOOP

ERRORS = "Errors"


class UserError(Exception):
    """Something the user can fix; nothing was written."""

    context = ERRORS

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def text(self, translate=None) -> str:
        template = translate(self.context, self.message) if translate else self.message
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def __str__(self) -> str:
        return self.text()


class ValidationError(UserError):
    """The input is malformed; ``field`` names which one."""

    def __init__(self, message: str, field: str | None = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field


class PermissionDenied(UserError):
    pass


class NotFound(UserError):
    pass


class Conflict(UserError):
    """The action clashes with the current state (already paid, day closed, ...)."""


NOT_SIGNED_IN = QT_TRANSLATE_NOOP("Errors", "Please sign in first.")


class HubUnavailable(Exception):
    """A look-up on the hub got no answer (offline, timed out); the caller decides on what the
    terminal has. Never shown as such: the service that asked says what it did instead."""
