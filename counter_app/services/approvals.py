"""A manager's approval of something a clerk may not do alone (a refund above the limit, a
void, a reversal override).

The approver is either the signed-in staff member, when their role holds the permission, or
a staff member of the hall who types their number and password at the clerk's screen. The
typed password goes through the throttle like a sign-in (same secret, same count): wrong
guesses lock the approver, and a locked approver approves nothing, signed in or not.
"""

from __future__ import annotations

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Staff
from counter_app.services import throttle
from counter_app.services.passwords import verify_password
from counter_app.services.permissions import Permission, allowed, permissions_of
from counter_app.services.session import Session
from counter_app.services.throttle import Secret

REFUSED = QT_TRANSLATE_NOOP("Errors", "The approval was refused: wrong manager number or password.")


def signed_in_approver(session: Session, permission: Permission, *, purpose: str) -> Staff | None:
    """The signed-in staff member when they may approve ``permission`` (Locked if they are
    locked out), else None."""
    if session.staff is None or not allowed(session, permission):
        return None
    throttle.ensure_unlocked(session, Secret.STAFF_PASSWORD, session.staff_no, audit_locked=f"{purpose}_approval_locked")
    return session.staff


def typed_approver(session: Session, permission: Permission, approver_no: str, password: str, *,
                   purpose: str) -> Staff:
    """The staff member whose number and password were typed, if they hold ``permission``.

    Wrong number, wrong password or a role without the permission: one message, counted by the
    throttle against the number typed and audited as ``<purpose>_approval_failed``. Call it
    outside a transaction."""
    approver_no = (approver_no or "").strip()
    staff = Staff.get_or_none((Staff.staff_no == approver_no) & (Staff.hall == session.hall_code) & Staff.active)

    def verify() -> bool:
        if staff is None or permission not in permissions_of(staff):
            verify_password(_dummy_hash(), password or "")  # the same time as a real check
            return False
        return verify_password(staff.password_hash, password or "")

    throttle.attempt(session, Secret.STAFF_PASSWORD, approver_no, verify, wrong=REFUSED,
                     audit_failed=f"{purpose}_approval_failed", audit_locked=f"{purpose}_approval_locked",
                     detail={"purpose": purpose})
    assert staff is not None
    return staff


def _dummy_hash() -> str:
    from counter_app.services.auth import _unknown_hash

    return _unknown_hash()

