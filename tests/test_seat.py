"""One clerk at one counter. 王芳 (1001) signs in at counter 1 and calls a customer; then she
signs in at counter 2. The hall expects: refused, naming counter 1 and the ticket, unless she
confirms the move; then counter 1 closes and the customer is called to counter 2, on the
calling display like any call. An idle counter is simply left. The same from the command
line, and through the real sign-in and counter windows."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.config import TerminalConfig
from counter_app.errors import Conflict
from counter_app.models import AuditEvent, Staff, Ticket, TicketEvent
from counter_app.services import auth, queue, report_times, seat
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.shell import Shell
from tests.helpers import ops_done

PASSWORD = "123456"


@pytest.fixture
def hall(demo_db, frozen_clock):
    return open_session(counter_number=1)


def at(number: int):
    return open_session(counter_number=number)


def state(number: int) -> tuple[str, str, str]:
    """(status, clerk, ticket in service) of a counter, as the board reads it."""
    session = at(number)
    session.staff = Staff.get_by_id("1004")
    ticket = queue.current_ticket(session, number)
    from counter_app.models import CounterState

    row = CounterState.get_or_none((CounterState.hall == session.hall_code) & (CounterState.counter_number == number))
    return (row.status if row else "closed", row.staff_no if row else "", ticket.code if ticket else "")


def serving_at_counter_1(frozen_clock) -> Ticket:
    first = at(1)
    auth.sign_in_at_counter(first, "1001", PASSWORD)
    queue.take_ticket(first, "payment")
    frozen_clock.advance(minutes=3)
    return queue.call_next(first)


def kinds(ticket: Ticket) -> list[tuple[str, int | None, str]]:
    events = TicketEvent.select().where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.at, TicketEvent.id)
    return [(e.kind, e.counter_number, e.detail) for e in events]


def test_signing_in_at_a_second_counter_is_refused_while_a_customer_is_served_at_the_first(hall, frozen_clock):
    ticket = serving_at_counter_1(frozen_clock)
    second = at(2)
    with pytest.raises(seat.SeatTaken, match="counter 1 and serving A001") as refused:
        auth.sign_in_at_counter(second, "1001", PASSWORD)
    assert refused.value.counter == 1 and refused.value.code == "A001"
    assert second.staff is None  # not signed in
    assert state(1) == ("open", "1001", "A001") and state(2) == ("closed", "", "")
    assert kinds(ticket) == [("issued", None, ""), ("called", 1, "")]
    audit = AuditEvent.select().where(AuditEvent.action == "login.seat_refused").get()
    assert audit.staff_no == "1001" and audit.target == "1"


def test_a_confirmed_move_closes_the_first_counter_and_calls_the_customer_to_the_second(hall, frozen_clock):
    ticket = serving_at_counter_1(frozen_clock)
    frozen_clock.advance(minutes=2)
    second = at(2)
    staff, moved = auth.sign_in_at_counter(second, "1001", PASSWORD, move=True)
    assert staff.staff_no == "1001" and moved == seat.Moved(1, "A001")
    assert seat.notice(moved, 2) == ("Counter {old} is closed. {code} was called to counter {number}.",
                                     {"old": 1, "code": "A001", "number": 2})
    assert state(1) == ("closed", "1001", "") and state(2) == ("open", "1001", "A001")
    assert kinds(ticket) == [("issued", None, ""), ("called", 1, ""), ("transferred", 1, "counter=2"),
                             ("called", 2, "")]
    # The calling display shows (and speaks) the new call: the customer knows where to go.
    latest = queue.hall_status(second.hall_code).calls[0]
    assert (latest.code, latest.counter_number) == ("A001", 2)
    # The reports see one service end at counter 1 and the next begin at counter 2.
    events = [report_times.Event(e.kind, e.at, e.counter_number, e.staff_no, e.detail) for e in
              TicketEvent.select().where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.at, TicketEvent.id)
              if e.kind != "issued"]
    life = report_times.replay(ticket.id, "payment", ticket.issued_at, events)
    assert [(s.counter_number, s.service_s, s.end) for s in life.services] == [(1, 120.0, "transferred")]
    assert life.outcome == "called"
    queue.finish(second)
    assert Ticket.get_by_id(ticket.id).status == "done"
    assert AuditEvent.select().where(AuditEvent.action == "counter.moved").get().detail["ticket"] == "A001"


def test_an_idle_counter_is_left_without_asking(hall, frozen_clock):
    first = at(1)
    auth.sign_in_at_counter(first, "1001", PASSWORD)
    assert state(1) == ("open", "1001", "")  # signed in: the board shows her there
    queue.pause(first)
    _, moved = auth.sign_in_at_counter(at(2), "1001", PASSWORD)
    assert moved == seat.Moved(1, "")
    assert state(1) == ("closed", "1001", "") and state(2) == ("open", "1001", "")
    # The window she left at counter 1 calls nobody any more: the board must not show her twice.
    with pytest.raises(Conflict, match="signed in at counter 2 now"):
        seat.ensure_here(first, 1)
    assert seat.seated_elsewhere(first, 1) == 2


def test_a_counter_another_clerk_serves_at_is_taken_over_only_when_confirmed(hall, frozen_clock):
    serving_at_counter_1(frozen_clock)
    with pytest.raises(seat.SeatTaken, match="Counter 1 is serving A001 for 王芳"):
        auth.sign_in_at_counter(at(1), "1004", PASSWORD)
    assert state(1) == ("open", "1001", "A001")
    _, moved = auth.sign_in_at_counter(at(1), "1004", PASSWORD, move=True)
    assert moved == seat.Moved(1, "A001", taken_from="1001")
    assert state(1) == ("open", "1004", "A001")
    assert AuditEvent.select().where(AuditEvent.action == "counter.taken_over").count() == 1


def test_signing_in_again_at_the_same_counter_keeps_its_customer_and_its_pause(hall, frozen_clock):
    serving_at_counter_1(frozen_clock)
    _, moved = auth.sign_in_at_counter(at(1), "1001", PASSWORD)
    assert moved is None and state(1) == ("open", "1001", "A001")
    queue.finish(at_clerk(1))
    queue.pause(at_clerk(1))
    auth.sign_in_at_counter(at(1), "1001", PASSWORD)
    assert state(1) == ("paused", "1001", "")


def at_clerk(number: int):
    session = at(number)
    session.staff = Staff.get_by_id("1001")
    return session


def test_the_command_line_follows_the_same_rule(demo_db, db_path):
    from counter_app.db import close_database
    from counter_app.models import Hall
    from tests.test_queue_cli import run

    Hall.update(opens="00:00", closes="24:00").execute()  # whatever the hour of the real clock
    close_database()
    db = str(db_path)
    assert run("queue", "take", "payment", "--db", db).returncode == 0
    assert run("queue", "next", "--counter", "1", "--staff", "1001", "--db", db).returncode == 0
    refused = run("queue", "next", "--counter", "2", "--staff", "1001", "--db", db)
    assert refused.returncode != 0
    assert "signed in at counter 1 and serving A001" in refused.stderr
    moved = run("queue", "finish", "--counter", "2", "--staff", "1001", "--move", "--db", db, "--json")
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["ticket"]["code"] == "A001"
    assert "Counter 1 is closed. A001 was called to counter 2." in moved.stderr


@pytest.fixture
def shell_at_counter_2(demo_db, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    ctx = AppContext(open_session(counter_number=2, lang="zh_CN"), TerminalConfig(mode="counter", lang="zh_CN",
                                                                                   counter_number=2), str(db_path))
    shell = Shell(ctx, show=False)
    shell.start()
    qtbot.addWidget(shell.window)
    yield shell
    if shell.window is not None and shell.window.objectName() == "counterWindow":
        shell.window._leaving = True
        shell.window.close()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


def sign_in(qtbot, shell: Shell) -> None:
    login = shell.window
    login.staff_no.clear()
    qtbot.keyClicks(login.staff_no, "1001")
    qtbot.keyClick(login.staff_no, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    ops_done(qtbot)


def test_the_sign_in_window_asks_before_moving_and_the_counter_window_shows_the_customer(
        shell_at_counter_2, qtbot, frozen_clock):
    serving_at_counter_1(frozen_clock)
    shell = shell_at_counter_2
    login = shell.window
    sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: getattr(login, "seat_question", None) is not None, timeout=5000)
    question = login.seat_question
    assert "1 号窗口" in question.text() and "A001" in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    question.button(QMessageBox.StandardButton.Cancel).click()  # Cancel: nothing changes
    ops_done(qtbot)
    assert shell.window is login and "A001" in login.message.text()
    assert state(1) == ("open", "1001", "A001") and state(2) == ("closed", "", "")

    sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: login.seat_question is not question, timeout=5000)
    login.seat_question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: shell.window is not login and shell.window.objectName() == "counterWindow", timeout=10_000)
    panel = shell.window.queue_panel
    qtbot.waitUntil(lambda: panel.code.text() == "A001", timeout=5000)
    assert panel.message.text() == "1 号窗口已关闭，A001 已呼叫到 2 号窗口。"
    assert state(1) == ("closed", "1001", "") and state(2) == ("open", "1001", "A001")


def test_the_window_left_at_the_first_counter_says_so_and_calls_nobody(hall, db_path, qtbot, frozen_clock):
    from counter_app.ui.counter.queue_panel import QueuePanel

    install_translations(QApplication.instance(), "zh_CN")
    first = at(1)
    first.lang = "zh_CN"
    auth.sign_in_at_counter(first, "1001", PASSWORD)
    panel = QueuePanel(AppContext(first, TerminalConfig(lang="zh_CN"), str(db_path)))
    qtbot.addWidget(panel)
    panel.show()
    ops_done(qtbot)
    queue.take_ticket(first, "payment")
    auth.sign_in_at_counter(at(2), "1001", PASSWORD)  # she sat down at counter 2 meanwhile
    panel.refresh()
    ops_done(qtbot)
    assert panel.message.text() == "您现已在 2 号窗口登录，1 号窗口已关闭。请在此退出。"
    panel.actions["next"].trigger()  # F1 at the window she left
    ops_done(qtbot)
    assert "您现已在 2 号窗口登录" in panel.message.text()
    assert state(1) == ("closed", "1001", "") and Ticket.get().status == "waiting"
    install_translations(QApplication.instance(), "en")


def test_two_pcs_on_the_halls_postgresql_queue_server_see_each_others_counters(pg_url, frozen_clock):
    from counter_app.db import close_database, open_database
    from tests.test_queue_concurrency import all_day_hall

    open_database(pg_url)
    try:
        all_day_hall()
        pc1, pc2 = open_session(counter_number=11), open_session(counter_number=12)
        pc1.staff = pc2.staff = Staff.get_by_id("1001")
        assert seat.sit_down(pc1) is None
        queue.take_ticket(pc1, "payment")
        ticket = queue.call_next(pc1)
        with pytest.raises(seat.SeatTaken, match="counter 11 and serving A001"):
            seat.sit_down(pc2)
        assert seat.sit_down(pc2, move=True) == seat.Moved(11, "A001")
        assert queue.current_ticket(pc2, 12).id == ticket.id and queue.current_ticket(pc1, 11) is None
        assert queue.counter_status(pc1.hall_code, 11) == "closed"
        assert [k for k, _, _ in kinds(ticket)] == ["issued", "called", "transferred", "called"]
        with pytest.raises(Conflict, match="signed in at counter 12 now"):
            seat.ensure_here(pc1, 11)
    finally:
        close_database()


def test_a_terminal_whose_counter_the_hall_does_not_have_signs_in_without_a_seat(hall, frozen_clock):
    staff, moved = auth.sign_in_at_counter(at(99), "1001", PASSWORD)
    assert staff.staff_no == "1001" and moved is None
    from counter_app.models import CounterState

    assert not CounterState.select().where(CounterState.counter_number == 99).exists()
