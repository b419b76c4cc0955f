"""A manager watches the live hall board during the scripted day: queues, counters and the
day's service level, refreshed in the background."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.config import TerminalConfig
from counter_app.models import Ticket, TicketEvent
from counter_app.ui.context import AppContext
from counter_app.ui.manager.board_tab import BoardTab
from counter_app.ui.worker import wait_for_tasks
from tests.manager_day import DAY, EXPECTED_BOARD, HALL, at, script_day


@pytest.fixture
def board(manager_session, frozen_clock, db_path, qtbot):
    script_day(frozen_clock)
    ctx = AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path))
    tab = BoardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    qtbot.waitUntil(lambda: tab.refreshes >= 1, timeout=10_000)
    yield tab
    tab.timer.stop()
    wait_for_tasks()


def cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def rows_by_first_column(model) -> dict[str, list[str]]:
    return {cell(model, r, 0): [cell(model, r, c) for c in range(model.columnCount())]
            for r in range(model.rowCount())}


def test_the_board_shows_the_hall_as_counted_by_hand(board, qtmodeltester):
    for key, value in EXPECTED_BOARD.items():
        assert board.figures[key].text() == value, key
    qtmodeltester.check(board.categories)
    qtmodeltester.check(board.counters)
    queues = rows_by_first_column(board.categories)
    # category, waiting, longest wait, target, served, average wait, within target
    assert queues["缴费"] == ["缴费", "1", "30.0", "10", "3", "15.7", "66.7%"]
    assert queues["综合业务"] == ["综合业务", "1", "15.0", "15", "1", "3.0", "100.0%"]
    assert queues["新业务与数据业务"][1:] == ["0", "—", "15", "1", "11.0", "100.0%"]
    counters = {cell(board.counters, r, 0): [cell(board.counters, r, c) for c in range(1, 5)]
                for r in range(board.counters.rowCount())}
    assert counters["2号窗口"] == ["Serving", "1004 刘洋", "V001", "15:55"]
    assert counters["1号窗口"] == ["Open, free", "1001 王芳", "", "10:00"]
    assert counters["5号窗口"] == ["Paused", "1003 张丽", "", "10:40"]
    assert counters["3号窗口"] == ["Closed", "", "", ""]
    assert board.chart.loaded and board.chart.image() is not None


def test_a_new_ticket_appears_on_the_next_refresh_without_blocking_the_window(board, frozen_clock, qtbot):
    frozen_clock.current = at("16:02")
    ticket = Ticket.create(hall=HALL, business_date=DAY, category="payment", number=5, code="A005",
                           issued_at=at("16:02"), queued_at=at("16:02"))
    TicketEvent.create(hall=HALL, ticket_id=ticket.id, kind="issued", at=at("16:02"))
    before = board.refreshes
    board.refresh()
    # the query runs in a worker: the call returns at once and a second press starts nothing
    assert board.busy
    board.refresh()
    qtbot.waitUntil(lambda: board.refreshes == before + 1, timeout=10_000)
    wait_for_tasks()
    assert board.refreshes == before + 1
    assert board.figures["waiting"].text() == "3"
    assert board.figures["longest"].text() == "32.0"  # A004 has waited since 15:30
    assert "16:02" in board.updated.text()


def test_the_board_refreshes_by_itself(board, qtbot):
    board.timer.setInterval(200)
    before = board.refreshes
    qtbot.waitUntil(lambda: board.refreshes >= before + 2, timeout=10_000)


def test_closing_the_board_while_it_refreshes_is_harmless(manager_session, frozen_clock, db_path, qtbot):
    import shiboken6
    from PySide6.QtWidgets import QApplication

    script_day(frozen_clock)
    tab = BoardTab(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    assert tab.busy  # the first refresh is running in a worker
    shiboken6.delete(tab)
    wait_for_tasks()
    QApplication.processEvents()  # the late result arrives and is dropped without an error
