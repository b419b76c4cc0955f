"""A manager sets up the hall: staff, counters, wait targets, opening hours. Every change is
audited; a clerk can change nothing; bad input is refused with a clear message."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import Conflict, PermissionDenied, UserError, ValidationError
from counter_app.models import AuditEvent, Counter, Hall, QueueCategory, Staff
from counter_app.services import auth, queue, setup
from counter_app.services.reports import daily_summary


def actions() -> list[str]:
    return [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("setup.")
                                                        | (AuditEvent.action == "staff.password_reset"))
            .order_by(AuditEvent.at)]


def test_a_manager_adds_a_clerk_who_can_then_sign_in(manager_session):
    setup.add_staff(manager_session, " 1005 ", "孙悦", "clerk", ["data", "billing", "data"], "abc123")
    staff = Staff.get_by_id("1005")
    assert (staff.name, staff.role, staff.specialties) == ("孙悦", "clerk", ["data", "billing"])
    event = AuditEvent.get(AuditEvent.action == "setup.staff_add")
    assert (event.staff_no, event.target, event.detail["name"]) == ("2001", "1005", "孙悦")
    from counter_app.services.session import open_session

    assert auth.login(open_session(), "1005", "abc123").staff_no == "1005"


@pytest.mark.parametrize(("staff_no", "name", "role", "specialties", "password", "message"), [
    ("10a5", "孙悦", "clerk", [], "abc123", "4 to 8 digits"),
    ("1005", " ", "clerk", [], "abc123", "Enter the staff member's name"),
    ("1005", "孙悦", "boss", [], "abc123", "Unknown role: boss"),
    ("1005", "孙悦", "clerk", ["karaoke"], "abc123", "Unknown specialty: karaoke"),
    ("1005", "孙悦", "clerk", [], "abc", "at least 6 characters"),
])
def test_bad_staff_input_is_refused_and_nothing_is_written(manager_session, staff_no, name, role, specialties,
                                                           password, message):
    with pytest.raises(ValidationError) as error:
        setup.add_staff(manager_session, staff_no, name, role, specialties, password)
    assert message in error.value.text()
    assert Staff.get_or_none(Staff.staff_no == "1005") is None
    assert actions() == []


def test_a_taken_staff_number_and_a_new_admin_are_refused(manager_session):
    with pytest.raises(Conflict):
        setup.add_staff(manager_session, "1001", "王芳二", "clerk", [], "abc123")
    with pytest.raises(PermissionDenied):
        setup.add_staff(manager_session, "9002", "新管理员", "admin", [], "abc123")
    assert Staff.get_by_id("1001").name == "王芳"
    assert actions() == []


def test_a_clerk_can_change_nothing(session):
    for change in (lambda: setup.add_staff(session, "1005", "孙悦", "clerk", [], "abc123"),
                   lambda: setup.set_staff_active(session, "1002", False),
                   lambda: setup.reset_password(session, "1002", "newpass1"),
                   lambda: setup.set_specialties(session, "1002", ["plans"]),
                   lambda: setup.add_counter(session, 7, "", ["payment"]),
                   lambda: setup.set_counter_categories(session, 1, ["vip"]),
                   lambda: setup.set_wait_target(session, "payment", 30),
                   lambda: setup.set_opening_hours(session, "07:00", "20:00")):
        with pytest.raises(PermissionDenied):
            change()
    assert Staff.get_by_id("1002").active and Staff.get_by_id("1002").specialties == ["new_business", "data"]
    assert queue.wait_targets("JN001")["payment"] == 10
    assert (Hall.get_by_id("JN001").opens, Hall.get_by_id("JN001").closes) == ("08:30", "18:00")
    assert actions() == []


def test_a_disabled_clerk_cannot_sign_in_and_nobody_disables_themself(manager_session):
    setup.set_staff_active(manager_session, "1002", False)
    from counter_app.errors import PermissionDenied as Denied
    from counter_app.services.session import open_session

    with pytest.raises(Denied):
        auth.login(open_session(), "1002", "123456")
    with pytest.raises(Conflict, match="your own account"):
        setup.set_staff_active(manager_session, "2001", False)
    with pytest.raises(Denied, match="Only an administrator"):  # a manager manages clerks only
        setup.set_staff_active(manager_session, "9001", False)
    admin = open_session()
    admin.staff = Staff.get_by_id("9001")
    with pytest.raises(Conflict, match="your own account"):
        setup.set_staff_active(admin, "9001", False)
    setup.set_staff_active(manager_session, "1002", True)
    assert actions() == ["setup.staff_disable", "setup.staff_enable"]


def test_a_reset_password_unlocks_a_locked_clerk(manager_session, frozen_clock):
    staff = Staff.get_by_id("1003")
    staff.locked_until = frozen_clock.current + dt.timedelta(minutes=15)
    staff.save()
    setup.reset_password(manager_session, "1003", "fresh-pass")
    from counter_app.services.session import open_session

    assert auth.login(open_session(), "1003", "fresh-pass").staff_no == "1003"
    assert "staff.password_reset" in actions()
    with pytest.raises(UserError) as error:
        setup.reset_password(manager_session, "1003", "short")
    assert "at least 6 characters" in error.value.text()
    assert auth.login(open_session(), "1003", "fresh-pass").staff_no == "1003"  # unchanged


def test_specialties_and_counter_categories_are_changed_with_before_and_after(manager_session):
    setup.set_specialties(manager_session, "1002", ["plans", "data"])
    assert Staff.get_by_id("1002").specialties == ["plans", "data"]
    setup.add_counter(manager_session, 7, "", ["payment", "vip"])
    assert Counter.get(Counter.number == 7).name == "7号窗口"
    setup.set_counter_categories(manager_session, 1, ["payment"])
    event = AuditEvent.get(AuditEvent.action == "setup.counter_categories")
    assert event.detail == {"before": ["payment", "general"], "after": ["payment"]}
    with pytest.raises(ValidationError) as error:
        setup.set_counter_categories(manager_session, 1, [])
    assert "at least one queue category" in error.value.text()
    with pytest.raises(ValidationError):
        setup.add_counter(manager_session, 8, "", ["lottery"])
    with pytest.raises(Conflict):
        setup.add_counter(manager_session, 7, "", ["payment"])
    assert Counter.get((Counter.hall == "JN001") & (Counter.number == 1)).categories == ["payment"]


def test_a_new_wait_target_is_what_the_daily_summary_measures_against(manager_session, frozen_clock):
    from tests.manager_day import DAY, script_day

    script_day(frozen_clock)
    before = next(r for r in daily_summary(manager_session, DAY).categories if r.code == "payment")
    assert before.within_target == pytest.approx(2 / 3)  # waits 4, 10, 35 against 10 minutes
    setup.set_wait_target(manager_session, "payment", 3)
    after = next(r for r in daily_summary(manager_session, DAY).categories if r.code == "payment")
    assert (after.target_min, after.within_target) == (3, 0.0)
    with pytest.raises(ValidationError):
        setup.set_wait_target(manager_session, "payment", 0)
    assert AuditEvent.get(AuditEvent.action == "setup.wait_target").detail == {"before": 10, "after": 3}


def test_opening_hours_are_checked_and_saved(manager_session):
    for opens, closes, message in (("8:30", "18:00", "HH:MM"), ("18:00", "08:30", "open before it closes"),
                                   ("08:30", "24:00", "HH:MM")):
        with pytest.raises(ValidationError) as error:
            setup.set_opening_hours(manager_session, opens, closes)
        assert message in error.value.text()
    setup.set_opening_hours(manager_session, "09:00", "19:30")
    hall = Hall.get_by_id("JN001")
    assert (hall.opens, hall.closes) == ("09:00", "19:30")
    assert AuditEvent.get(AuditEvent.action == "setup.opening_hours").detail == {
        "before": "08:30-18:00", "after": "09:00-19:30"}


def test_a_wait_target_survives_a_reload_of_the_catalogue(manager_session):
    from counter_app.services.reference import load_reference_data

    setup.set_wait_target(manager_session, "payment", 7)
    load_reference_data()  # `counter-app init` reloads the shipped catalogue
    assert queue.wait_targets("JN001")["payment"] == 7
    assert QueueCategory.get_by_id("payment").wait_target_min == 10  # the catalogue's, for other halls
    assert QueueCategory.get_by_id("general").name_zh == "综合业务"


def test_the_kiosk_pin_has_4_to_8_digits_and_only_a_manager_sets_it(manager_session, session):
    from counter_app.models import Setting
    from counter_app.services.queue_kiosk import leave_kiosk

    Setting.delete().where(Setting.key == "manager_pin").execute()  # a hall set up without the demo
    with pytest.raises(PermissionDenied, match="no kiosk PIN yet"):
        leave_kiosk(session, "8888")
    for bad in ("123", "123456789", "12a4", ""):
        with pytest.raises(ValidationError, match="4 to 8 digits"):
            setup.set_kiosk_pin(manager_session, bad)
    with pytest.raises(PermissionDenied):
        setup.set_kiosk_pin(session, "9999")
    setup.set_kiosk_pin(manager_session, " 13579 ")
    leave_kiosk(session, "13579")
    with pytest.raises(PermissionDenied):
        leave_kiosk(session, "9999")
