"""What the unattended kiosk asks of the services besides tickets: leaving kiosk mode."""

from __future__ import annotations

from counter_app.errors import PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import db
from counter_app.services import audit, throttle
from counter_app.services.passwords import verify_password
from counter_app.services.session import Session, hall_setting
from counter_app.services.throttle import Secret

MANAGER_PIN_KEY = "manager_pin"


def leave_kiosk(session: Session, pin: str) -> None:
    """Let staff leave kiosk mode with the hall's manager PIN. Every attempt is audited; wrong
    PINs go through the throttle (the hall's PIN is the subject), so guessing stops after a
    few tries and each lock-out lasts longer than the one before."""
    stored = hall_setting(session.hall_code, MANAGER_PIN_KEY, "") or ""
    if not stored:
        with db.atomic():
            audit.record(session, "kiosk.exit_refused", session.terminal_id, reason="no_pin")
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "This hall has no kiosk PIN yet. A manager sets it "
                                                           "under Setup → Hours and kiosk."))
    throttle.attempt(session, Secret.KIOSK_PIN, session.hall_code, lambda: verify_password(stored, (pin or "").strip()),
                     wrong=QT_TRANSLATE_NOOP("Errors", "Wrong manager PIN."), audit_failed="kiosk.exit_refused",
                     audit_locked="kiosk.exit_locked", detail={"terminal": session.terminal_id})
    with db.atomic():
        audit.record(session, "kiosk.exit", session.terminal_id)
