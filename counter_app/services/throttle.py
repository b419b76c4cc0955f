"""One throttle for every secret typed at a terminal.

Every check of a secret goes through :func:`attempt`: staff sign-in, a manager's approval
typed at a clerk's screen (refund, reversal override, void), the kiosk's manager PIN, and a
customer's service password at the kiosk or the counter::

    throttle.attempt(session, Secret.STAFF_PASSWORD, staff_no, lambda: verify_password(h, typed),
                     wrong=WRONG_PASSWORD)

Wrong guesses are counted per secret and subject (the staff number, the phone number, the
hall for its kiosk PIN). After ``max_failures`` in a row the subject is locked; each further
lock-out lasts twice as long as the one before (up to a day) until a right guess resets it.
While locked, the secret is not even checked: a right guess is refused too, so a locked
manager can neither sign in nor approve anything. Every failure and every refusal while
locked is an audit event, committed before the error is raised.

The counts live in the terminal's database (``secret_attempt``), shared by every program on
that PC; they are not synced. ``attempt`` must not run inside a transaction: the error it
raises would roll back the failure it has just counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from counter_app import clock
from counter_app.errors import PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import SecretAttempt, db
from counter_app.services import audit
from counter_app.services.session import Session, hall_setting


class Secret(StrEnum):
    STAFF_PASSWORD = "staff_password"  # subject: the staff number
    KIOSK_PIN = "kiosk_pin"  # subject: the hall code
    SERVICE_PASSWORD = "service_password"  # subject: the phone number


@dataclass(frozen=True)
class Policy:
    max_failures: int
    lock_minutes: int  # the first lock-out; each further one doubles
    max_lock_minutes: int
    locked_message: str


DAY_MINUTES = 24 * 60
POLICIES: dict[Secret, Policy] = {
    Secret.STAFF_PASSWORD: Policy(5, 15, DAY_MINUTES, QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong passwords. The account is locked for {minutes} more minutes.")),
    Secret.KIOSK_PIN: Policy(5, 5, DAY_MINUTES, QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong PINs. Leaving kiosk mode is locked for {minutes} more minutes.")),
    Secret.SERVICE_PASSWORD: Policy(5, 15, DAY_MINUTES, QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong passwords for this number. Please try again in {minutes} minutes "
                  "or ask at a counter.")),
}
# A hall may set its own first lock-out for staff passwords (minutes).
STAFF_LOCK_SETTING = "login_lock_minutes"


class Locked(PermissionDenied):
    """The subject is locked; ``minutes`` says for how much longer."""


def _policy(session: Session, secret: Secret) -> Policy:
    policy = POLICIES[secret]
    if secret is Secret.STAFF_PASSWORD:
        minutes = int(hall_setting(session.hall_code, STAFF_LOCK_SETTING, policy.lock_minutes))
        policy = Policy(policy.max_failures, max(1, minutes), policy.max_lock_minutes, policy.locked_message)
    return policy


def _row(hall: str, secret: Secret, subject: str) -> SecretAttempt | None:
    return SecretAttempt.get_or_none((SecretAttempt.hall == hall) & (SecretAttempt.secret == secret.value)
                                     & (SecretAttempt.subject == subject))


def _subject(subject: str) -> str:
    return (subject or "").strip()[:32]


def locked_minutes(session: Session, secret: Secret, subject: str) -> int:
    """Minutes (rounded up) that ``subject`` stays locked; 0 when it is not locked."""
    row = _row(session.hall_code, secret, _subject(subject))
    now = clock.now()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return max(1, math.ceil((row.locked_until - now).total_seconds() / 60))


def ensure_unlocked(session: Session, secret: Secret, subject: str, *, audit_locked: str = "") -> None:
    """Raise :class:`Locked` (audited) when ``subject`` is locked, without checking any secret:
    for a signed-in manager who approves without typing the password again."""
    minutes = locked_minutes(session, secret, subject)
    if minutes:
        with db.atomic():
            audit.record(session, audit_locked or f"{secret.value}.locked", _subject(subject), secret=secret.value)
        raise Locked(_policy(session, secret).locked_message, minutes=minutes)


def attempt(session: Session, secret: Secret, subject: str, verify: Callable[[], bool], *, wrong: str,
            audit_failed: str = "", audit_locked: str = "", detail: dict[str, Any] | None = None) -> None:
    """Check one guess of ``secret`` for ``subject``; return quietly when ``verify()`` holds.

    Raises :class:`Locked` while the subject is locked (``verify`` is not called) or when this
    failure locks it, else ``PermissionDenied(wrong)`` for a wrong guess. Failures are audited
    as ``audit_failed`` (default ``<secret>.failed``), refusals while locked as
    ``audit_locked`` (default ``<secret>.locked``), with ``detail`` added."""
    if db.in_transaction():
        raise RuntimeError("throttle.attempt must run outside a transaction: its failure count would roll back")
    subject = _subject(subject)
    extra = {"secret": secret.value, **(detail or {})}
    ensure_unlocked(session, secret, subject, audit_locked=audit_locked)
    if verify():
        row = _row(session.hall_code, secret, subject)
        if row is not None and (row.failures or row.locks or row.locked_until):
            with db.atomic():
                SecretAttempt.update(failures=0, locks=0, locked_until=None).where(
                    SecretAttempt.id == row.id).execute()
        return
    policy = _policy(session, secret)
    now = clock.now()
    with db.atomic():
        SecretAttempt.insert(hall=session.hall_code, secret=secret.value, subject=subject).on_conflict_ignore().execute()
        row = _row(session.hall_code, secret, subject)
        if row is None:  # inserted just above, in this transaction
            raise RuntimeError("the throttle's row was not written")
        failures = row.failures + 1
        minutes = 0
        if failures >= policy.max_failures:
            minutes = min(policy.lock_minutes * 2 ** min(row.locks, 20), policy.max_lock_minutes)
            SecretAttempt.update(failures=0, locks=SecretAttempt.locks + 1, last_failure_at=now,
                                 locked_until=now + dt.timedelta(minutes=minutes)).where(
                SecretAttempt.id == row.id).execute()
        else:
            SecretAttempt.update(failures=failures, last_failure_at=now).where(SecretAttempt.id == row.id).execute()
        audit.record(session, audit_failed or f"{secret.value}.failed", subject, failures=failures,
                     locked_minutes=minutes, **extra)
    if minutes:
        raise Locked(policy.locked_message, minutes=minutes)
    raise PermissionDenied(wrong)


def clear(session: Session, secret: Secret, subject: str) -> None:
    """Forget the failures and any lock of ``subject`` (a manager set a new password).
    Joins the caller's transaction."""
    SecretAttempt.delete().where((SecretAttempt.hall == session.hall_code) & (SecretAttempt.secret == secret.value)
                                 & (SecretAttempt.subject == _subject(subject))).execute()
