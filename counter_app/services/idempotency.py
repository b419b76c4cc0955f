"""One request, one effect: a request key used again must carry the same request.

A double click or a retried request sends its key again and gets back what the first one
stored. The same key with *another* request (a payment of another number, a reversal of
another receipt) is a programming or tampering error, never "the first result": it is
refused with :class:`Conflict` and changes nothing. Permission checks come before any key
look-up, so a key cannot fetch what its caller may not do.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from counter_app.errors import Conflict
from counter_app.i18n import QT_TRANSLATE_NOOP

T = TypeVar("T")

REUSED = QT_TRANSLATE_NOOP("Errors", "This request was already used for something else ({ref}). Start again.")


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, str):
        try:
            return uuid.UUID(value).hex
        except ValueError:
            return value
    return value


def same_request(found: T, ref: str, **expected: Any) -> T:
    """``found`` (stored under the key) when its fields equal ``expected``, else Conflict."""
    for name, value in expected.items():
        if _plain(getattr(found, name)) != _plain(value):
            raise Conflict(REUSED, ref=ref)
    return found
