"""Signing in and out. Wrong passwords go through the throttle (``services/throttle.py``);
every login, failed login and logout is an audit event."""

from __future__ import annotations

import functools

from counter_app.errors import PermissionDenied, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Staff, db
from counter_app.services import audit, seat, setup_record, throttle
from counter_app.services.passwords import hash_password, verify_password
from counter_app.services.permissions import Permission, allowed, require, require_manage
from counter_app.services.session import Session
from counter_app.services.throttle import Secret

MAX_ATTEMPTS = throttle.POLICIES[Secret.STAFF_PASSWORD].max_failures

WRONG = QT_TRANSLATE_NOOP("Errors", "Wrong staff number or password.")


@functools.cache
def _unknown_hash() -> str:
    return hash_password("no such staff member")


def login(session: Session, staff_no: str, password: str) -> Staff:
    """Sign ``staff_no`` in. Wrong passwords go through the throttle (counted, audited,
    locked after five with a growing lock-out); the failure is committed before raising."""
    staff_no = staff_no.strip()
    if not staff_no or not password:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Enter your staff number and password."))
    staff = Staff.get_or_none((Staff.staff_no == staff_no) & (Staff.hall == session.hall_code))
    known = staff is not None and staff.active

    def verify() -> bool:
        # An unknown number costs the same hash as a known one: the time tells nothing.
        return verify_password(staff.password_hash if staff is not None and known else _unknown_hash(),
                               password) and known

    throttle.attempt(session, Secret.STAFF_PASSWORD, staff_no, verify, wrong=WRONG,
                     audit_failed="login.failed", audit_locked="login.locked")
    if staff is None:  # verify() is false without a staff row, and attempt() raised
        raise RuntimeError("a password was accepted for an unknown staff number")
    with db.atomic():
        session.staff = staff
        audit.record(session, "login", staff_no)
    return staff


def sign_in_at_counter(session: Session, staff_no: str, password: str, *,
                       move: bool = False) -> tuple[Staff, seat.Moved | None]:
    """Sign in at this terminal's counter: :func:`login`, then the clerk sits down at the
    counter (``services/seat.py``: one clerk at one counter). When a customer in service
    elsewhere would be left behind the sign-in is undone and ``seat.SeatTaken`` raised,
    unless ``move`` (the clerk confirmed). Staff who do not serve (inspectors) only sign in."""
    staff = login(session, staff_no, password)
    if not allowed(session, Permission.SERVE):
        return staff, None
    try:
        return staff, seat.sit_down(session, move=move)
    except UserError:
        logout(session)
        raise


def logout(session: Session) -> None:
    if session.staff is None:
        return
    with db.atomic():
        audit.record(session, "logout", session.staff_no)
    session.staff = None


def set_password(session: Session, staff: Staff, new_password: str) -> None:
    """A new password for ``staff`` (and their lock cleared), set by someone who may manage
    their role: a manager for clerks, an administrator for anyone."""
    require(session, Permission.MANAGE_STAFF)
    require_manage(session, staff.role)
    if staff.hall_id != session.hall_code:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "This staff member belongs to another hall."))
    if len(new_password) < 6:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "A password needs at least 6 characters."))
    with db.atomic():
        staff.password_hash = hash_password(new_password)
        staff.save()
        throttle.clear(session, Secret.STAFF_PASSWORD, staff.staff_no)
        setup_record.staff_changed(staff, "password_hash", by=session.staff_no)
        audit.record(session, "staff.password_reset", staff.staff_no)
