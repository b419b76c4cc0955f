"""What the unattended kiosk asks of the services besides tickets: leaving kiosk mode."""

from __future__ import annotations

from counter_app.errors import PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import db
from counter_app.services import audit
from counter_app.services.passwords import verify_password
from counter_app.services.session import Session, hall_setting

MANAGER_PIN_KEY = "manager_pin"


def leave_kiosk(session: Session, pin: str) -> None:
    """Let staff leave kiosk mode with the hall's manager PIN; every attempt is audited."""
    stored = hall_setting(session.hall_code, MANAGER_PIN_KEY, "") or ""
    ok = bool(stored) and verify_password(stored, pin.strip())
    with db.atomic():
        audit.record(session, "kiosk.exit" if ok else "kiosk.exit_refused", session.terminal_id)
    if not stored:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "This hall has no kiosk PIN yet. A manager sets it "
                                                           "under Setup → Hours and kiosk."))
    if not ok:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Wrong manager PIN."))
