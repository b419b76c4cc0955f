"""The demo manager opens the manager window during the scripted busy day, watches the board
and prints the day's summary with its charts; the figures are the hand-counted ones."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.manager.window import ManagerWindow
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import pdf_text
from tests.manager_day import EXPECTED_BOARD, EXPECTED_CATEGORIES, script_day


def test_a_manager_watches_the_board_and_prints_the_day(manager_session, frozen_clock, db_path, qtbot):
    script_day(frozen_clock)
    install_translations(QApplication.instance(), "zh_CN")
    try:
        window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
        qtbot.addWidget(window)
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["厅堂看板", "今日概况", "日报", "营业厅评级", "培训考核", "服务检查", "日结", "投诉", "公示", "同步", "设置", "审计日志",
                        "备份"]
        window.tabs.setCurrentWidget(window.board)
        qtbot.waitUntil(lambda: window.board.refreshes >= 1, timeout=10_000)
        assert {k: window.board.figures[k].text() for k in EXPECTED_BOARD} == EXPECTED_BOARD
        assert window.board.counters.data(window.board.counters.index(1, 1)) == "服务中"

        window.tabs.setCurrentWidget(window.reports)
        # behind another tab the board stops querying every few seconds
        refreshes = window.board.refreshes
        window.board.refresh()
        assert not window.board.busy and window.board.refreshes == refreshes
        window.reports.build_button.click()
        qtbot.waitUntil(lambda: window.reports.builds == 1, timeout=15_000)
        assert window.reports.status.text() == "2026-11-25：取号 8 个，服务 5 次，共 2 页。"
        text = " ".join(pdf_text(window.reports.pdf).split())
        for label, figures in EXPECTED_CATEGORIES.items():
            assert f"{label} {figures}" in text
        window.board.timer.stop()
        wait_for_tasks()
    finally:
        install_translations(QApplication.instance(), "en")
