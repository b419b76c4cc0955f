"""A manager's hall setup at one terminal reaches the hall's other terminals through the hub
and survives a full reload; a terminal cannot change another hall's rows that way."""

from __future__ import annotations

import pytest

from counter_app.sync.runner import sync_once
from tests.test_sync.support import HALL_A, ROLE_A, assert_agrees_with_hub, new_terminal, run_cli, use

pytestmark = pytest.mark.postgres


def _manager():
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id("2001")
    return session


def test_setup_made_at_one_terminal_reaches_the_other_and_survives_a_full_reload(tmp_path, hub):
    from counter_app.models import Counter, Hall, Staff
    from counter_app.services import auth, grading, queue, setup
    from counter_app.services.session import open_session

    url = hub.url_for(ROLE_A)
    second = new_terminal(tmp_path / "counter2.db")
    use(second)
    sync_once(url)
    first = new_terminal(tmp_path / "manager.db")
    use(first)
    sync_once(url)
    manager = _manager()
    setup.add_staff(manager, "1009", "周敏", "clerk", ["billing"], "start123")
    setup.set_specialties(manager, "1002", ["plans", "calming"])
    setup.reset_password(manager, "1003", "newpass9")
    setup.add_counter(manager, 7, "7号窗口", ["payment", "general"])
    setup.set_counter_categories(manager, 1, ["payment", "vip"])
    setup.set_opening_hours(manager, "09:00", "19:30")
    setup.set_wait_target(manager, "payment", 6)
    thresholds = grading.thresholds(HALL_A)
    thresholds["excellent"]["overdue"] = 4
    grading.save_thresholds(manager, thresholds)
    report = sync_once(url)
    assert report.pushed.rejected == 0

    with hub.admin() as conn:  # the hub's own rows changed, so every terminal pulls them
        assert conn.execute("SELECT hall_id, name, active FROM staff WHERE staff_no = '1009'").fetchone() == (
            HALL_A, "周敏", True)
        assert conn.execute("SELECT categories FROM counter WHERE hall_id = %s AND number = 7",
                            (HALL_A,)).fetchone() == ('["payment", "general"]',)
        assert conn.execute("SELECT opens, closes FROM hall WHERE code = %s", (HALL_A,)).fetchone() == (
            "09:00", "19:30")

    def looks_set_up() -> None:
        assert Staff.get_by_id("1009").name == "周敏" and Staff.get_by_id("1002").specialties == ["plans", "calming"]
        assert Counter.get((Counter.hall == HALL_A) & (Counter.number == 7)).categories == ["payment", "general"]
        assert Counter.get((Counter.hall == HALL_A) & (Counter.number == 1)).categories == ["payment", "vip"]
        assert (Hall.get_by_id(HALL_A).opens, Hall.get_by_id(HALL_A).closes) == ("09:00", "19:30")
        queue.forget_cached_reference()
        assert queue.wait_targets(HALL_A)["payment"] == 6
        assert grading.thresholds(HALL_A)["excellent"]["overdue"] == 4
        session = open_session()
        assert auth.login(session, "1009", "start123").staff_no == "1009"
        assert auth.login(session, "1003", "newpass9").staff_no == "1003"

    use(second)
    sync_once(url)
    looks_set_up()
    assert_agrees_with_hub(url)

    use(first)
    run_cli("--db", str(first), "sync", "--once", "--full", "--hub", url)
    looks_set_up()


def test_a_terminal_cannot_change_another_halls_staff_make_an_administrator_or_an_unknown_queue(tmp_path, hub):
    from counter_app.models import Outbox
    from counter_app.models.setup_change import SetupChange

    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "counter1.db"))
    sync_once(url)
    other = SetupChange.create(hall=HALL_A, target="staff", key="5001", data={"name": "冒名"})  # JN002's clerk
    admin = SetupChange.create(hall=HALL_A, target="staff", key="1010",
                               data={"name": "越权", "role": "admin", "password_hash": "x"})
    bad_counter = SetupChange.create(hall=HALL_A, target="counter", key="9", data={"categories": '["nosuch"]'})
    report = sync_once(url)
    assert report.pushed.rejected == 3
    reasons = {e.row_id: e.error for e in Outbox.select().where(Outbox.status == "rejected")}
    assert "belongs to another hall" in reasons[other.id]
    assert "administrators are made on the hub" in reasons[admin.id]
    assert "unknown queue category" in reasons[bad_counter.id]
    from counter_app.sync.status import rejected_ops

    assert {(op.table, op.summary) for op in rejected_ops()} == {("setup_change", "staff 5001"),
                                                                 ("setup_change", "staff 1010"),
                                                                 ("setup_change", "counter 9")}
    with hub.admin() as conn:
        assert conn.execute("SELECT name FROM staff WHERE staff_no = '5001'").fetchone() == ("孙悦",)
        assert conn.execute("SELECT count(*) FROM staff WHERE staff_no = '1010'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM counter WHERE hall_id = %s AND number = 9",
                            (HALL_A,)).fetchone() == (0,)
