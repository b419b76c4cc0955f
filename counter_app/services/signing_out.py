"""Signing a clerk out: the counter they kept open is closed first (the hall board must not
show an empty counter as open), then the logout is recorded."""

from __future__ import annotations

from counter_app.services import auth, queue
from counter_app.services.session import Session


def leave(session: Session) -> None:
    if session.staff is not None and session.counter_number is not None:
        queue.close_counter(session)
    auth.logout(session)
