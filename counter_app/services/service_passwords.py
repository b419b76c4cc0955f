"""A customer's 6-digit service password (服务密码), checked at the kiosk or at a counter.

Six digits are a small space: what protects them is the throttle (``services/throttle.py``),
counted per phone number wherever the password is typed, not the hash's cost.
"""

from __future__ import annotations

import functools

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account
from counter_app.services import throttle
from counter_app.services.passwords import hash_light, verify_password
from counter_app.services.session import Session
from counter_app.services.throttle import Secret
from counter_app.services.validation import normalize_phone

WRONG = QT_TRANSLATE_NOOP("Errors", "The number or the service password is wrong.")


@functools.cache
def _unknown_hash() -> str:
    return hash_light("no such number")


def check(session: Session, phone_text: str, password: str, *, channel: str) -> Account:
    """The account of ``phone_text`` when ``password`` is its service password.

    ``channel`` ("kiosk", "counter") is audited with a failure. Raises PermissionDenied for a
    wrong number or password (one message for both) and ``throttle.Locked`` after a few wrong
    tries for the number. Call it outside a transaction."""
    phone = normalize_phone(phone_text)
    account = Account.get_or_none(Account.phone == phone)
    stored = account.service_password_hash if account is not None and account.service_password_hash else ""

    def verify() -> bool:
        return verify_password(stored or _unknown_hash(), password or "") and bool(stored)

    audit_as = "kiosk.bill" if channel == "kiosk" else f"{channel}.service_password"
    throttle.attempt(session, Secret.SERVICE_PASSWORD, phone, verify, wrong=WRONG,
                     audit_failed=f"{audit_as}_denied", audit_locked=f"{audit_as}_locked", detail={"channel": channel})
    if account is None:  # verify() is false without an account, and attempt() raised
        raise RuntimeError("a service password was accepted for an unknown number")
    return account
