"""Hall setup for managers: staff, counters, queue categories' wait targets, opening hours,
the kiosk PIN.

Every change checks the role here (not in the widgets), runs in one transaction and leaves an
audit event with what changed, so the audit trail answers "who changed this, and from what".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from counter_app import clock
from counter_app.errors import Conflict, NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Counter, Hall, QueueCategory, Staff, db
from counter_app.models.rows import tuples
from counter_app.models.staff import ROLES, SPECIALTIES
from counter_app.services import audit, auth, queue, queue_store, setup_record, throttle
from counter_app.services.passwords import hash_password
from counter_app.services.permissions import Permission, require, require_any, require_manage
from counter_app.services.queue_kiosk import MANAGER_PIN_KEY
from counter_app.services.session import Session, hall_setting

_STAFF_NO = re.compile(r"^\d{4,8}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PIN = re.compile(r"^\d{4,8}$")


def _manager(session: Session) -> Staff:
    return require(session, Permission.MANAGE_HALL)


def _managed(session: Session, staff_no: str) -> Staff:
    """Staff member ``staff_no`` of this hall, if the signed-in one may manage their role
    (a manager manages clerks; an administrator every role)."""
    require(session, Permission.MANAGE_STAFF)
    staff = _staff(session, staff_no)
    require_manage(session, staff.role)
    return staff


def _staff(session: Session, staff_no: str) -> Staff:
    staff = Staff.get_or_none((Staff.staff_no == staff_no) & (Staff.hall == session.hall_code))
    if staff is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no staff member {staff_no} in this hall."),
                       staff_no=staff_no)
    return staff


def _specialties(values: Iterable[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(values or []))
    unknown = [v for v in chosen if v not in SPECIALTIES]
    if unknown:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Unknown specialty: {names}."), field="specialties",
                              names=", ".join(unknown))
    return [s for s in SPECIALTIES if s in chosen]


def _categories(values: Iterable[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(values or []))
    known = {code for (code,) in tuples(QueueCategory.select(QueueCategory.code))}
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Unknown queue category: {names}."), field="categories",
                              names=", ".join(unknown))
    if not chosen:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A counter must serve at least one queue category."),
                              field="categories")
    return chosen


def add_staff(session: Session, staff_no: str, name: str, role: str, specialties: Iterable[str] | None, password: str) -> Staff:
    require(session, Permission.MANAGE_STAFF)
    staff_no, name = (staff_no or "").strip(), (name or "").strip()
    if not _STAFF_NO.match(staff_no):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A staff number has 4 to 8 digits."), field="staff_no")
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the staff member's name."), field="name")
    if role not in ROLES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Unknown role: {role}."), field="role", role=role)
    require_manage(session, role)
    chosen = _specialties(specialties)
    if len(password or "") < 6:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A password needs at least 6 characters."), field="password")
    with db.atomic():
        if Staff.get_or_none(Staff.staff_no == staff_no) is not None:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Staff number {staff_no} is already taken."), staff_no=staff_no)
        staff = Staff.create(staff_no=staff_no, hall=session.hall_code, name=name, role=role, specialties=chosen,
                             password_hash=hash_password(password))
        setup_record.staff_changed(staff, by=session.staff_no)
        audit.record(session, "setup.staff_add", staff_no, name=name, role=role, specialties=chosen)
    return staff


def set_staff_active(session: Session, staff_no: str, active: bool) -> Staff:
    require(session, Permission.MANAGE_STAFF)
    if not active and (staff_no or "").strip() == session.staff_no:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "You cannot disable your own account."))
    with db.atomic():
        staff = _managed(session, staff_no)
        if staff.active == active:
            return staff
        staff.active = active
        staff.save()
        setup_record.staff_changed(staff, "active", by=session.staff_no)
        audit.record(session, "setup.staff_enable" if active else "setup.staff_disable", staff_no)
    return staff


def reset_password(session: Session, staff_no: str, new_password: str) -> None:
    """Sets a new password and unlocks the account; audited as ``staff.password_reset``.
    A manager resets clerks' passwords; only an administrator a manager's or an administrator's."""
    require(session, Permission.MANAGE_STAFF)
    with db.atomic():
        auth.set_password(session, _managed(session, staff_no), new_password)


def set_specialties(session: Session, staff_no: str, specialties: Iterable[str] | None) -> Staff:
    require(session, Permission.MANAGE_STAFF)
    chosen = _specialties(specialties)
    with db.atomic():
        staff = _managed(session, staff_no)
        before = list(staff.specialties or [])
        staff.specialties = chosen
        staff.save()
        setup_record.staff_changed(staff, "specialties", by=session.staff_no)
        audit.record(session, "setup.staff_specialties", staff_no, before=before, after=chosen)
    return staff


def add_counter(session: Session, number: int, name: str, categories: Iterable[str] | None) -> Counter:
    _manager(session)
    if not isinstance(number, int) or not 1 <= number <= 99:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A counter number lies between 1 and 99."), field="number")
    chosen = _categories(categories)
    with db.atomic():
        if Counter.get_or_none((Counter.hall == session.hall_code) & (Counter.number == number)) is not None:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Counter {number} exists already."), number=number)
        counter = Counter.create(hall=session.hall_code, number=number, name=(name or "").strip() or f"{number}号窗口",
                                 categories=chosen)
        setup_record.counter_changed(counter)
        audit.record(session, "setup.counter_add", str(number), name=counter.name, categories=chosen)
    return counter


def _counter(session: Session, number: int) -> Counter:
    counter = Counter.get_or_none((Counter.hall == session.hall_code) & (Counter.number == number))
    if counter is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no counter {number} in this hall."), number=number)
    return counter


def set_counter_categories(session: Session, number: int, categories: Iterable[str] | None) -> Counter:
    _manager(session)
    chosen = _categories(categories)
    with db.atomic():
        counter = _counter(session, number)
        before = list(counter.categories or [])
        counter.categories = chosen
        counter.save()
        setup_record.counter_changed(counter, "categories")
        audit.record(session, "setup.counter_categories", str(number), before=before, after=chosen)
    return counter


def set_counter_active(session: Session, number: int, active: bool) -> Counter:
    _manager(session)
    with db.atomic():
        counter = _counter(session, number)
        if counter.active != active:
            counter.active = active
            counter.save()
            setup_record.counter_changed(counter, "active")
            audit.record(session, "setup.counter_enable" if active else "setup.counter_disable", str(number))
    return counter


def set_wait_target(session: Session, category_code: str, minutes: int) -> QueueCategory:
    """This hall's wait target for one category (a hall setting over the catalogue's value)."""
    _manager(session)
    if not isinstance(minutes, int) or not 1 <= minutes <= 240:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A wait target lies between 1 and 240 minutes."),
                              field="wait_target_min")
    with db.atomic():
        category = QueueCategory.get_or_none(QueueCategory.code == category_code)
        if category is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Unknown queue category: {names}."), names=category_code)
        stored = dict(hall_setting(session.hall_code, queue.WAIT_TARGETS_KEY, {}) or {})
        before = int(stored.get(category_code, category.wait_target_min))
        stored[category_code] = minutes
        setup_record.put_hall_setting(session.hall_code, queue.WAIT_TARGETS_KEY, stored)
        audit.record(session, "setup.wait_target", category_code, before=before, after=minutes)
    queue.forget_cached_reference()
    return next(c for c in queue_store.hall_categories(session.hall_code) if c.code == category_code)


def set_opening_hours(session: Session, opens: str, closes: str) -> Hall:
    _manager(session)
    opens, closes = (opens or "").strip(), (closes or "").strip()
    for value, field in ((opens, "opens"), (closes, "closes")):
        if not _HHMM.match(value):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Write a time as HH:MM, for example 08:30 (not “{text}”)."),
                                  field=field, text=value)
    if opens >= closes:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The hall must open before it closes ({opens} – {closes})."),
                              field="closes", opens=opens, closes=closes)
    with db.atomic():
        hall = Hall.get_by_id(session.hall_code)
        before = f"{hall.opens}-{hall.closes}"
        hall.opens, hall.closes = opens, closes
        hall.save()
        setup_record.hours_changed(hall)
        audit.record(session, "setup.opening_hours", hall.code, before=before, after=f"{opens}-{closes}")
    session.hall.opens, session.hall.closes = opens, closes
    return hall


def set_kiosk_pin(session: Session, pin: str) -> None:
    """The PIN that lets staff leave kiosk mode (kept as a hash; the audit names no digits)."""
    _manager(session)
    pin = (pin or "").strip()
    if not _PIN.match(pin):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The kiosk PIN has 4 to 8 digits."), field="pin")
    with db.atomic():
        setup_record.put_hall_setting(session.hall_code, MANAGER_PIN_KEY, hash_password(pin))
        audit.record(session, "setup.kiosk_pin", session.hall_code)


def staff_list(session: Session) -> list[Staff]:
    """The hall's staff (for the setup tab and the audit trail's filter)."""
    require_any(session, Permission.MANAGE_STAFF, Permission.VIEW_AUDIT)
    return list(Staff.select().where(Staff.hall == session.hall_code).order_by(Staff.staff_no))


def counter_list(hall_code: str) -> list[Counter]:
    return list(Counter.select().where(Counter.hall == hall_code).order_by(Counter.number))


def category_list(hall_code: str) -> list[QueueCategory]:
    """The queue categories with this hall's wait targets."""
    return queue_store.hall_categories(hall_code)


def staff_locks(session: Session) -> dict[str, dt.datetime]:
    """Staff numbers locked now by wrong passwords (the throttle's count at this terminal),
    with the end of each lock-out."""
    from counter_app.models import SecretAttempt

    require(session, Permission.MANAGE_STAFF)
    now = clock.now()
    rows = (SecretAttempt.select(SecretAttempt.subject, SecretAttempt.locked_until)
            .where((SecretAttempt.hall == session.hall_code)
                   & (SecretAttempt.secret == throttle.Secret.STAFF_PASSWORD.value)
                   & (SecretAttempt.locked_until > now)))
    return {subject: until for subject, until in tuples(rows)}


def unlock_staff(session: Session, staff_no: str) -> bool:
    """Lift the lock that wrong passwords put on an account before its time runs out (the clerk
    is at the counter and the manager knows it is them). The password stays as it is; audited
    as ``setup.staff_unlock``. Returns whether the account was locked. A manager unlocks
    clerks; only an administrator unlocks a manager or an administrator."""
    require(session, Permission.MANAGE_STAFF)
    with db.atomic():
        staff = _managed(session, staff_no)
        if not throttle.locked_minutes(session, throttle.Secret.STAFF_PASSWORD, staff.staff_no):
            return False
        throttle.clear(session, throttle.Secret.STAFF_PASSWORD, staff.staff_no)
        audit.record(session, "setup.staff_unlock", staff_no)
    return True
