"""Signing in and out. Five wrong passwords lock the account for a configured time; every
login, failed login and logout is an audit event."""

from __future__ import annotations

import datetime as dt

from counter_app import clock
from counter_app.errors import PermissionDenied, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Staff, db
from counter_app.services import audit, setup_record
from counter_app.services.passwords import hash_password, verify_password
from counter_app.services.session import Session, hall_setting

MAX_ATTEMPTS = 5
DEFAULT_LOCK_MINUTES = 15

WRONG = QT_TRANSLATE_NOOP("Errors", "Wrong staff number or password.")
LOCKED = QT_TRANSLATE_NOOP("Errors", "Too many wrong passwords. The account is locked for {minutes} more minutes.")


def lock_minutes(hall_code: str) -> int:
    return int(hall_setting(hall_code, "login_lock_minutes", DEFAULT_LOCK_MINUTES))


def login(session: Session, staff_no: str, password: str) -> Staff:
    """Sign ``staff_no`` in. Failures are committed (attempt count, audit) before raising."""
    staff_no = staff_no.strip()
    if not staff_no or not password:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Enter your staff number and password."))
    error: PermissionDenied | None = None
    with db.atomic():
        staff = Staff.get_or_none((Staff.staff_no == staff_no) & (Staff.hall == session.hall_code))
        now = clock.now()
        if staff is None or not staff.active:
            audit.record(session, "login.failed", staff_no, reason="unknown")
            error = PermissionDenied(WRONG)
        elif staff.locked_until and staff.locked_until > now:
            audit.record(session, "login.locked", staff_no)
            minutes = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
            error = PermissionDenied(LOCKED, minutes=minutes)
        elif not verify_password(staff.password_hash, password):
            staff.failed_attempts += 1
            locked = staff.failed_attempts >= MAX_ATTEMPTS
            if locked:
                staff.locked_until = now + dt.timedelta(minutes=lock_minutes(session.hall_code))
                staff.failed_attempts = 0
                error = PermissionDenied(LOCKED, minutes=lock_minutes(session.hall_code))
            else:
                error = PermissionDenied(WRONG)
            staff.save()
            audit.record(session, "login.failed", staff_no, reason="password", locked=locked)
        else:
            staff.failed_attempts = 0
            staff.locked_until = None
            staff.save()
            session.staff = staff
            audit.record(session, "login", staff_no)
    if error is not None:
        raise error
    return staff


def logout(session: Session) -> None:
    if session.staff is None:
        return
    with db.atomic():
        audit.record(session, "logout", session.staff_no)
    session.staff = None


def set_password(session: Session, staff: Staff, new_password: str) -> None:
    if len(new_password) < 6:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "A password needs at least 6 characters."))
    with db.atomic():
        staff.password_hash = hash_password(new_password)
        staff.failed_attempts = 0
        staff.locked_until = None
        staff.save()
        setup_record.staff_changed(staff, "password_hash")
        audit.record(session, "staff.password_reset", staff.staff_no)
