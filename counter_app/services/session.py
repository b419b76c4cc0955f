"""Who is working at this terminal: hall, terminal id, signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from counter_app.errors import PermissionDenied, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Hall, Setting, Staff

TERMINAL_ID_KEY = "terminal_id"
HALL_KEY = "hall_code"


@dataclass
class Session:
    hall: Hall
    terminal_id: str
    staff: Staff | None = None
    counter_number: int | None = None
    lang: str = "zh_CN"
    extra: dict[str, Any] = field(default_factory=dict)
    # Look-ups on the province's hub (``sync.lookup.HubLookup``) when one is configured:
    # line counts per document, walk-in customers, detailed records. None: this terminal alone.
    hub: Any = None

    @property
    def hall_code(self) -> str:
        return self.hall.code

    @property
    def staff_no(self) -> str:
        return self.staff.staff_no if self.staff else ""

    def require_staff(self) -> Staff:
        if self.staff is None:
            raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Please sign in first."))
        return self.staff

    def require_role(self, *roles: str) -> Staff:
        staff = self.require_staff()
        if staff.role not in roles and staff.role != "admin":
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("Errors", "Only a {roles} may do this."), roles=" / ".join(roles)
            )
        return staff


def local_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none((Setting.hall == "") & (Setting.key == key))
    return default if row is None else row.value


def set_local_setting(key: str, value: Any) -> None:
    Setting.insert(hall="", key=key, value=value).on_conflict(
        conflict_target=[Setting.hall, Setting.key], update={Setting.value: value}
    ).execute()


def hall_setting(hall_code: str, key: str, default: Any = None) -> Any:
    row = Setting.get_or_none((Setting.hall == hall_code) & (Setting.key == key))
    return default if row is None else row.value


def terminal_id() -> str:
    """This database's terminal id, made once and kept."""
    value = local_setting(TERMINAL_ID_KEY)
    if not value:
        from counter_app.ids import uuid7

        value = f"T-{uuid7().hex[-10:]}"
        set_local_setting(TERMINAL_ID_KEY, value)
    return str(value)


def current_hall() -> Hall | None:
    code = local_setting(HALL_KEY)
    if code:
        hall = Hall.get_or_none(Hall.code == code)
        if hall:
            return hall
    first: Hall | None = Hall.select().order_by(Hall.code).first()
    return first


def open_session(counter_number: int | None = None, lang: str = "zh_CN") -> Session:
    hall = current_hall()
    if hall is None:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "This database has no hall yet. Build the demo hall or sync with the hub."))
    return Session(hall=hall, terminal_id=terminal_id(), counter_number=counter_number, lang=lang)
