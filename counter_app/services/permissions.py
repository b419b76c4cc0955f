"""Who may do what: roles, permissions and the one check every service calls.

Every public service function that changes data or shows a customer's private data starts
with::

    require(session, Permission.SERVE)

which raises :class:`PermissionDenied` (a clear, translated sentence) when nobody is signed in
or the signed-in role lacks the permission. Widgets may hide what a role cannot do, but the
check that counts is here. ``tests/security/test_function_walk.py`` calls every public
service function with nobody signed in and as a plain clerk, and fails for a function that
does not refuse them unless the walk's documented lists allow it.

Roles are sets of permissions, not only a ladder, so a role that reads without serving (the
province's inspector, who records and reads spot checks) is one more line in :data:`ROLES`.
For managing staff there is a ladder (:data:`RANK`): a manager manages the clerks of the
hall; only an administrator manages managers and administrators.

Headless commands act as a named staff member after a password, or as :func:`system_staff`,
a limited identity the audit names ``system`` (scheduled sync, the escalation check).
"""

from __future__ import annotations

from enum import StrEnum

from counter_app.errors import NOT_SIGNED_IN, PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Staff
from counter_app.services.session import Session


class Permission(StrEnum):
    SERVE = "serve"  # the counter's work: find customers, payments, orders, complaints, queue
    VIEW_RECORDS = "view_records"  # detailed call records (详单)
    REVERSE_PAYMENT = "reverse_payment"  # 冲正 (managers, and clerks on the allowed list)
    APPROVE = "approve"  # a refund above the limit, a void, a reversal override
    VOID_ORDER = "void_order"
    SETTLE = "settle"  # the day's settlement: figures, sheet, closing the day
    VIEW_REPORTS = "view_reports"  # daily summary, grade, board, complaint analysis, SP claims
    VIEW_AUDIT = "view_audit"
    MANAGE_HALL = "manage_hall"  # counters, hours, wait targets, kiosk PIN, limits, deadlines
    MANAGE_STAFF = "manage_staff"  # within the ladder, see may_manage_role
    SYNC = "sync"  # run a sync, send again or set aside a refused operation
    ESCALATE = "escalate"  # the complaints' deadline check
    INSPECT = "inspect"  # record and read service-quality spot checks and the standard-hall checklist


SYSTEM_ROLE = "system"
SYSTEM_STAFF_NO = "system"

_CLERK = frozenset({Permission.SERVE, Permission.VIEW_RECORDS, Permission.ESCALATE})
_MANAGER = _CLERK | {Permission.REVERSE_PAYMENT, Permission.APPROVE, Permission.VOID_ORDER, Permission.SETTLE,
                     Permission.VIEW_REPORTS, Permission.VIEW_AUDIT, Permission.MANAGE_HALL, Permission.MANAGE_STAFF,
                     Permission.SYNC}
ROLES: dict[str, frozenset[Permission]] = {
    "clerk": _CLERK,
    "manager": frozenset(_MANAGER),
    "admin": frozenset(Permission),
    # The province's inspectors and the hall's outside supervisors (社会监督员): they record
    # and read spot checks, nothing else; no customer, no money, no setup.
    "inspector": frozenset({Permission.INSPECT}),
    # Scheduled headless work: nothing that touches a customer or money.
    SYSTEM_ROLE: frozenset({Permission.SYNC, Permission.ESCALATE}),
}
# The staff ladder: a role manages the roles ranked below it (an admin also its own rank).
# An inspector ranks above a manager: the hall being checked must not make or manage the
# accounts of those who check it; only an administrator does.
RANK: dict[str, int] = {"clerk": 10, "manager": 20, "inspector": 25, "admin": 30}

# One sentence per permission, so a refusal says what the user tried and who may do it.
REFUSED: dict[Permission, str] = {
    Permission.SERVE: QT_TRANSLATE_NOOP("Errors", "Only counter staff may do this."),
    Permission.VIEW_RECORDS: QT_TRANSLATE_NOOP("Errors", "Only counter staff may open detailed records."),
    Permission.REVERSE_PAYMENT: QT_TRANSLATE_NOOP("Errors", "Only a manager or a clerk allowed to reverse "
                                                            "payments may do this."),
    Permission.APPROVE: QT_TRANSLATE_NOOP("Errors", "Only a manager may approve this."),
    Permission.VOID_ORDER: QT_TRANSLATE_NOOP("Errors", "Only a manager may void an order."),
    Permission.SETTLE: QT_TRANSLATE_NOOP("Errors", "Only a manager may see or close the day's settlement."),
    Permission.VIEW_REPORTS: QT_TRANSLATE_NOOP("Errors", "Only a manager may see the hall's reports."),
    Permission.VIEW_AUDIT: QT_TRANSLATE_NOOP("Errors", "Only a manager may read the audit trail."),
    Permission.MANAGE_HALL: QT_TRANSLATE_NOOP("Errors", "Only a manager may change the hall's setup."),
    Permission.MANAGE_STAFF: QT_TRANSLATE_NOOP("Errors", "Only a manager may manage staff."),
    Permission.SYNC: QT_TRANSLATE_NOOP("Errors", "Only a manager may run or repair the sync."),
    Permission.ESCALATE: QT_TRANSLATE_NOOP("Errors", "Only a manager may run the escalation check."),
    Permission.INSPECT: QT_TRANSLATE_NOOP("Errors", "Only an inspector may record a spot check."),
}
LADDER_REFUSED = QT_TRANSLATE_NOOP("Errors", "Only an administrator may manage a manager or an administrator.")


def permissions_of(staff: Staff | None) -> frozenset[Permission]:
    if staff is None or not staff.active:
        return frozenset()
    granted = ROLES.get(staff.role, frozenset())
    if staff.role == "clerk" and staff.may_reverse:  # the hall's allowed list for reversals
        granted = granted | {Permission.REVERSE_PAYMENT}
    return granted


def allowed(session: Session, permission: Permission) -> bool:
    return permission in permissions_of(session.staff)


def require(session: Session, permission: Permission) -> Staff:
    """The signed-in staff member, if their role holds ``permission``; else PermissionDenied."""
    staff = session.staff
    if staff is None:
        raise PermissionDenied(NOT_SIGNED_IN)
    if permission not in permissions_of(staff):
        raise PermissionDenied(REFUSED[permission])
    return staff


def require_any(session: Session, *permissions: Permission) -> Staff:
    """The signed-in staff member if they hold one of ``permissions`` (the first's refusal else)."""
    for permission in permissions:
        if allowed(session, permission):
            return require(session, permission)
    return require(session, permissions[0])


def may_manage_role(actor: Staff, role: str) -> bool:
    """The ladder: a manager manages clerks; an administrator manages every role."""
    if Permission.MANAGE_STAFF not in permissions_of(actor):
        return False
    mine, theirs = RANK.get(actor.role, 0), RANK.get(role, max(RANK.values()))
    return theirs < mine or actor.role == "admin"


def require_manage(session: Session, role: str) -> Staff:
    """The signed-in staff member if they may manage staff of ``role`` (see :func:`may_manage_role`)."""
    actor = require(session, Permission.MANAGE_STAFF)
    if not may_manage_role(actor, role):
        raise PermissionDenied(LADDER_REFUSED)
    return actor


def system_staff(hall_code: str) -> Staff:
    """The limited identity of scheduled headless work: never stored, named ``system`` in the
    audit, holding only the permissions of :data:`ROLES` ``["system"]``."""
    return Staff(staff_no=SYSTEM_STAFF_NO, hall=hall_code, name="system", role=SYSTEM_ROLE, specialties=[],
                 password_hash="", active=True, may_reverse=False)
