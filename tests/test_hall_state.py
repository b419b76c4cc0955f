"""What the hall's screens say about people who left: a display restarted in the afternoon
does not put up the morning's last call as current, a clerk who signed out (or closed the
program) is not shown at an open counter, and a locked staff account reads as locked and can
be unlocked by the manager."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied
from counter_app.models import AuditEvent, CounterState, Hall, Staff
from counter_app.services import auth, board, queue, setup
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.manager_day import signed_in_manager
from tests.test_manager_keys import press


def clerk(staff_no: str, counter: int):
    s = open_session(counter_number=counter)
    s.staff = Staff.get_by_id(staff_no)
    return s


@pytest.fixture
def open_all_day(demo_db):
    Hall.update(opens="00:00", closes="24:00").execute()


def restarted_display(db_path, qtbot):
    from counter_app.services import voice
    from counter_app.ui.display.window import DisplayWindow

    announcer = voice.Announcer(["zh"], sink=lambda text, lang: None)
    window = DisplayWindow(AppContext(open_session(), TerminalConfig(mode="display"), str(db_path)),
                           announcer=announcer)
    qtbot.addWidget(window)
    window.poll()
    qtbot.waitUntil(lambda: not window.polling, timeout=5000)
    return window


def test_a_restarted_display_shows_no_old_call_as_current(open_all_day, db_path, qtbot, frozen_clock):
    kiosk, first = open_session(), clerk("1001", 1)
    queue.take_ticket(kiosk, "payment")
    queue.call_next(first, 1)
    frozen_clock.advance(minutes=4)
    queue.finish(first, 1)  # A001 was served and has gone home
    window = restarted_display(db_path, qtbot)
    assert window.call_code.text() == "—"
    assert "A001" in " ".join(label.text() for label in window.recent_labels)  # still among the last calls
    window.close()
    # A customer still at the counter is put up again after a restart.
    queue.take_ticket(kiosk, "payment")
    queue.call_next(first, 1)
    again = restarted_display(db_path, qtbot)
    assert again.call_code.text() == "A002"
    again.close()
    wait_for_tasks()


def test_a_clerk_who_signs_out_leaves_the_counter_closed_on_the_board(open_all_day, db_path, frozen_clock, qtbot):
    from counter_app.ui.ops import wait_idle
    from counter_app.ui.shell import Shell

    first = clerk("1001", 1)
    queue.resume(first, 1)
    assert board.snapshot(signed_in_manager()).counters[0].status == "open"
    shell = Shell(AppContext(first, TerminalConfig(mode="counter"), str(db_path)), show=False)
    shell.sign_out()  # 窗口 → 退出登录
    assert first.staff is None  # at once: nothing acts in the clerk's name any more
    assert wait_idle()
    line = board.snapshot(signed_in_manager()).counters[0]
    assert (line.status, line.staff_no) == ("closed", "")
    assert AuditEvent.select().where(AuditEvent.action == "logout").count() == 1
    shell.window.close()
    # A counter another clerk has taken over is not closed by the first one leaving.
    second = clerk("1002", 3)
    queue.resume(second, 3)
    intruder = clerk("1001", 3)
    assert not queue.close_counter(intruder)
    # Nor is a counter with a customer still in service.
    queue.take_ticket(open_session(), "general")
    queue.call_next(second, 3)
    assert not queue.close_counter(second)
    assert CounterState.get(CounterState.counter_number == 3).status == "open"


def test_closing_the_program_signs_the_clerk_out(open_all_day, db_path, frozen_clock, qapp):
    from counter_app.ui.shell import Shell

    first = clerk("1001", 1)
    queue.resume(first, 1)
    shell = Shell(AppContext(first, TerminalConfig(mode="counter"), str(db_path)), show=False)
    app = QApplication.instance()
    assert app.receivers("2aboutToQuit()") >= 1
    shell.shut_down()  # what the application's aboutToQuit calls as it ends
    assert first.staff is None and shell.ctx.session is first
    assert board.snapshot(signed_in_manager()).counters[0].status == "closed"


def test_a_locked_account_reads_locked_and_the_manager_unlocks_it(manager_session, db_path, frozen_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    for _ in range(auth.MAX_ATTEMPTS):
        with pytest.raises(PermissionDenied):
            auth.login(open_session(counter_number=1), "1003", "wrong")
    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tabs.setCurrentWidget(window.setup)
    from tests.helpers import ops_done

    ops_done(qtbot)  # the setup tab reads its lists on a worker when shown
    staff = window.setup.staff
    row = next(i for i, s in enumerate(staff.rows) if s.staff_no == "1003")
    state = staff.data(staff.index(row, 4))
    assert "locked until 10:15" in state and "active" not in state
    window.setup.staff_view.setCurrentIndex(staff.index(row, 0))
    press(qtbot, window.setup.staff_view, "Ctrl+U")
    qtbot.waitUntil(lambda: staff.data(staff.index(row, 4)) == "active")
    assert auth.login(open_session(counter_number=1), "1003", "123456").staff_no == "1003"
    assert AuditEvent.select().where(AuditEvent.action == "setup.staff_unlock").count() == 1
    with pytest.raises(PermissionDenied):
        setup.unlock_staff(clerk("1001", 1), "1003")  # a clerk cannot
    window.board.timer.stop()
    wait_for_tasks()
