"""A newcomer's first hour: `main.py --demo`, then sign in as 1001 as the README says. In the
demo's open hours 王芳 (1001) is already at work at counter 2, often with a customer in
service; at counter 1 her first sign-in would be met by the "move here?" question. The demo's
terminal opens at her counter instead, so the sign-in just works: in the open hours (her
customer on the screen), after closing, and on her day off. Freshly built demos, the real
sign-in and counter windows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app import clock
from counter_app.app import apply_arguments
from counter_app.cli.main import build_parser
from counter_app.config import TerminalConfig
from counter_app.db import close_database, open_database
from counter_app.models import CounterState, Ticket
from counter_app.services import auth, seat
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.shell import Shell
from tests.conftest import settle_windows
from tests.helpers import ops_done

TUESDAY = dt.date(2026, 11, 24)  # a working day of 1001's (her day off is Monday)


def demo_start(*argv: str, config: TerminalConfig | None = None) -> TerminalConfig:
    """The terminal config of `main.py ARGV`, as the GUI start applies its arguments."""
    config = config or TerminalConfig()
    apply_arguments(config, build_parser().parse_args(list(argv)))
    return config


@pytest.fixture
def fresh_demo(tmp_path):
    """Build a (small) demo at a moment of the hall's week, as `main.py --demo` does then."""
    opened = []

    def build(moment: dt.datetime) -> None:
        from counter_app.services.demo import build_demo

        clock.set_clock(clock.FrozenClock(moment))
        open_database(str(tmp_path / "hall.db"))
        opened.append(True)
        build_demo(300, detailed=40, days=1)

    yield build
    clock.set_clock(None)
    if opened:
        settle_windows()
        close_database()


def seats() -> dict[int, tuple[str, str, str]]:
    """Counter → (status, clerk, ticket in service) as the board reads them."""
    out = {}
    for row in CounterState.select():
        ticket = Ticket.get_or_none(Ticket.id == row.current_ticket) if row.current_ticket else None
        out[row.counter_number] = (row.status, row.staff_no, ticket.code if ticket else "")
    return out


def sign_in_1001(qtbot, config: TerminalConfig, db: str):
    """Through the real sign-in window, as a newcomer types it; returns the shell."""
    install_translations(QApplication.instance(), "zh_CN")
    ctx = AppContext(open_session(counter_number=config.counter_number, lang="zh_CN"), config, db)
    shell = Shell(ctx, show=False)
    shell.start()
    login = shell.window
    qtbot.addWidget(login)
    qtbot.keyClicks(login.staff_no, "1001")
    qtbot.keyClick(login.staff_no, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, "123456")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert getattr(login, "seat_question", None) is None, login.seat_question.text()
    qtbot.waitUntil(lambda: shell.window.objectName() == "counterWindow", timeout=10_000)
    return shell


def close(shell: Shell, qtbot) -> None:
    shell.window._leaving = True
    shell.window.close()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


def test_the_demo_terminal_is_counter_2_unless_a_counter_is_given_or_set_up():
    assert demo_start("--demo").counter_number == 2
    assert demo_start().counter_number == 1  # not the demo: the terminal's default
    assert demo_start("--demo", "--counter", "1").counter_number == 1
    assert demo_start("--demo", config=TerminalConfig(counter_number=4)).counter_number == 4
    assert demo_start("--demo", "--mode", "manager").mode == "manager"


def test_in_the_open_hours_1001_signs_in_at_her_own_counter_with_her_customer(fresh_demo, tmp_path, qtbot):
    fresh_demo(dt.datetime.combine(TUESDAY, dt.time(10, 30)))
    before = seats()
    status, clerk, code = before[2]
    assert (status, clerk) == ("open", "1001") and code, before  # she is serving someone
    # At counter 1, the terminal's default, the same first sign-in met the question.
    with pytest.raises(seat.SeatTaken, match=f"counter 2 and serving {code}"):
        auth.sign_in_at_counter(open_session(counter_number=1), "1001", "123456")
    assert seats() == before  # refused: nothing changed

    shell = sign_in_1001(qtbot, demo_start("--demo"), str(tmp_path / "hall.db"))
    panel = shell.window.queue_panel
    qtbot.waitUntil(lambda: panel.code.text() == code, timeout=5000)
    assert panel.message.text() == ""  # nothing closed elsewhere, nothing to explain
    assert seats() == before  # her counter, her customer, as the demo left them
    close(shell, qtbot)


@pytest.mark.parametrize("moment", [dt.datetime.combine(TUESDAY, dt.time(19, 30)),  # after closing
                                    dt.datetime.combine(TUESDAY - dt.timedelta(days=1), dt.time(10, 30))],  # day off
                         ids=["after-closing", "her-day-off"])
def test_outside_her_hours_the_first_sign_in_opens_counter_2(fresh_demo, tmp_path, qtbot, moment):
    fresh_demo(moment)
    assert 2 not in seats()
    shell = sign_in_1001(qtbot, demo_start("--demo"), str(tmp_path / "hall.db"))
    assert shell.window.queue_panel.message.text() == ""
    assert seats()[2] == ("open", "1001", "")
    close(shell, qtbot)
