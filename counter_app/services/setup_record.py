"""A hall's setup changes, recorded for the hub (``models/setup_change.py``).

Each function is called inside the transaction of the change it records, after the local
row was written, and stores the changed columns as they are stored. The hub applies them to
its own reference rows; every terminal of the hall then pulls them back.
"""

from __future__ import annotations

from typing import Any

from counter_app.models import Counter, Hall, Setting, Staff
from counter_app.models.base import BaseModel
from counter_app.models.setup_change import SetupChange

STAFF_COLUMNS = ("name", "role", "specialties", "password_hash", "active")
COUNTER_COLUMNS = ("name", "categories", "active")


def _stored(row: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    fields = type(row)._meta.fields
    return {fields[n].column_name: fields[n].db_value(getattr(row, n)) for n in names}


def staff_changed(staff: Staff, *names: str, by: str) -> None:
    """``names`` of the columns changed; all of them for a new staff member. ``by`` is the
    staff number of who made the change: the hub checks their rank on its own staff table
    (a manager changes clerks only), so it travels with the change as ``"by"``."""
    SetupChange.create(hall=staff.hall_id, target="staff", key=staff.staff_no,
                       data={**_stored(staff, names or STAFF_COLUMNS), "by": by})


def counter_changed(counter: Counter, *names: str) -> None:
    SetupChange.create(hall=counter.hall_id, target="counter", key=str(counter.number),
                       data=_stored(counter, names or COUNTER_COLUMNS))


def hours_changed(hall: Hall) -> None:
    SetupChange.create(hall=hall.code, target="hall", key=hall.code, data=_stored(hall, ("opens", "closes")))


def put_hall_setting(hall_code: str, key: str, value: Any) -> None:
    """Set one of the hall's settings, here and (through the hub) on its other terminals."""
    Setting.insert(hall=hall_code, key=key, value=value).on_conflict(
        conflict_target=[Setting.hall, Setting.key], update={Setting.value: value}).execute()
    SetupChange.create(hall=hall_code, target="setting", key=key, data={"value": Setting.value.db_value(value)})
