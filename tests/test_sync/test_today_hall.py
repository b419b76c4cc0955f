"""The manager's Today tab in a hall of two PCs, on a real PostgreSQL hub: its takings are the
whole hall's, read from the hub as the settlement reads them, and say so; when the hub does not
answer they are this PC's and say that (docs/manager.md, "The Today tab")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.money import format_yuan
from counter_app.services import settlement, today_glance
from counter_app.sync.runner import sync_once
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_sync import test_hall_day_close as base
from tests.test_sync.support import use

DAY = base.DAY
hall_clock, two_pcs = base.hall_clock, base.two_pcs  # the two PCs of one hall and their clock
at, manager, pay = base._at, base._manager, base._pay

pytestmark = pytest.mark.postgres


def read(qtbot, tab, start) -> None:
    """``start`` a read of the Today tab and wait for its figures."""
    loads = tab.loads
    start()
    qtbot.waitUntil(lambda: tab.loads > loads, timeout=15_000)


def test_the_today_tab_shows_the_whole_halls_takings_from_the_hub(two_pcs, hall_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, _b_id) = pcs["A"], pcs["B"]
    at(hall_clock, "10:00")
    use(b_path)
    pay(url, 2, [2500, 1200], "b1")
    sync_once(url)  # B's payments are on the hub
    use(a_path)
    at(hall_clock, "11:00")
    pay(url, 1, [1500], "a1")  # A's own, not sent: counted from A's file

    window = ManagerWindow(AppContext(manager(url), TerminalConfig(mode="manager"), str(a_path)))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    today = window.today
    window.tabs.setCurrentWidget(today)
    qtbot.waitUntil(lambda: today.glance is not None, timeout=15_000)
    assert today.glance.takings_source == "hub"
    assert today.labels["takings"].text() == format_yuan(2500 + 1200 + 1500)
    assert today.glance.takings_fen == settlement.settlement(manager(url), DAY).net_fen  # the settlement's figure
    note = today.cards["takings"].note.text()
    assert "whole hall" in note and "3 payments" in note
    assert today.cards["payments"].note.text() == "This PC"  # the plain counts are this PC's file

    # B takes another payment and syncs. The tab's re-read on its timer within the minute takes
    # the hub's answer it has, without asking the hub (here it has just stopped answering),
    # while A's own new payment is counted at once; F5 asks the hub again.
    use(b_path)
    pay(url, 2, [800], "b2")
    sync_once(url)
    use(a_path)
    pay(url, 1, [300], "a2")
    at(hall_clock, "11:00:50")
    lookup = window.ctx.session.hub
    lookup.url, lookup.timeout_s = "postgresql://nobody@127.0.0.1:1/none", 1
    read(qtbot, today, lambda: today.live.timer.timeout.emit())  # the 10-second tick
    assert today.glance.takings_source == "hub"
    assert today.labels["takings"].text() == format_yuan(2500 + 1200 + 1500 + 300)
    today.setFocus()
    read(qtbot, today, lambda: qtbot.keyClick(today, Qt.Key.Key_F5))
    assert today.glance.takings_source == "offline"  # F5 asked the hub, which did not answer
    read(qtbot, today, lambda: today.live.timer.timeout.emit())
    assert today.glance.takings_source == "offline"  # and the older answer is not shown again
    lookup.url = url
    read(qtbot, today, lambda: qtbot.keyClick(today, Qt.Key.Key_F5))
    assert today.glance.takings_source == "hub"
    assert today.labels["takings"].text() == format_yuan(2500 + 1200 + 1500 + 300 + 800)
    # A minute after the hub last answered, the timer's read asks it again.
    lookup.url = "postgresql://nobody@127.0.0.1:1/none"
    at(hall_clock, "11:01:40")
    read(qtbot, today, lambda: today.live.timer.timeout.emit())
    assert today.glance.takings_source == "hub"
    at(hall_clock, "11:02")
    read(qtbot, today, lambda: today.live.timer.timeout.emit())
    assert today.glance.takings_source == "offline"
    window.board.timer.stop()
    today.live.timer.stop()
    wait_for_tasks()


def test_without_the_hub_the_takings_are_this_pcs_and_say_so(two_pcs, hall_clock, qtbot):
    from counter_app.ui.manager.today_tab import TodayTab

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, _b_id) = pcs["A"], pcs["B"]
    at(hall_clock, "10:00")
    use(b_path)
    pay(url, 2, [2500], "b1")
    sync_once(url)
    use(a_path)
    pay(url, 1, [1500], "a1")

    silent = manager("postgresql://nobody@127.0.0.1:1/none")  # a hub configured that does not answer
    silent.hub.timeout_s = 1
    glance = today_glance.glance(silent)
    assert (glance.takings_source, glance.takings_fen) == ("offline", 1500)
    alone = manager(None)  # no hub: a one-PC hall
    glance = today_glance.glance(alone)
    assert (glance.takings_source, glance.takings_fen) == ("local", 1500)

    for session, said in ((silent, "This PC only: the hub does not answer"), (alone, "This PC;")):
        tab = TodayTab(AppContext(session, TerminalConfig(mode="manager"), str(a_path)))
        qtbot.addWidget(tab)
        tab.live.timer.stop()
        tab.refresh()
        qtbot.waitUntil(lambda tab=tab: tab.glance is not None, timeout=15_000)
        assert tab.labels["takings"].text() == format_yuan(1500)
        assert tab.cards["takings"].note.text().startswith(said)
    wait_for_tasks()
