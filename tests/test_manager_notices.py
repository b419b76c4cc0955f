"""The manager posts the hall's own notice (公示) in the manager window: with its first and last
day, in Chinese and English; a notice that would end before it starts is refused in the
manager's words and nothing is stored; the notice goes on the board the display, the kiosk
and the wall sheets read from its first day; taking it down removes it everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.services import notices
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.manager.table_model import ROW_ROLE
from counter_app.ui.manager.window import ManagerWindow
from tests.helpers import ops_done

TODAY = dt.date(2026, 11, 25)  # the frozen clock's day


@pytest.fixture
def window(manager_session, db_path, qtbot, frozen_clock):
    install_translations(QApplication.instance(), "zh_CN")
    win = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager", lang="zh_CN"), str(db_path)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.board.timer.stop()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


def titles(tab) -> list[str]:
    return [row.title_zh for row in tab.model.rows]


def test_a_manager_posts_a_dated_notice_and_takes_it_down(window, manager_session, qtbot):
    tab = window.notices
    window.tabs.setCurrentWidget(tab)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "公示"
    qtbot.waitUntil(lambda: tab.loads >= 1)
    before = titles(tab)
    assert "如意千万家·消费明明白白" in before  # the demo hall's own notice

    # The last day before the first: refused, in Chinese, and nothing is stored.
    tab.title_zh.setText("周日营业时间调整")
    tab.body_zh.setPlainText("12月7日（周日）本厅营业至15:00。")
    tab.starts.setDate(QDate(2026, 12, 7))
    tab.ends.setDate(QDate(2026, 12, 1))
    tab.add_button.click()
    ops_done(qtbot)
    assert tab.message.text() == "公告的结束日期不能早于开始日期。"
    assert [n.title_zh for n in notices.hall_notices(manager_session)] == before

    tab.title_en.setText("Sunday opening hours")
    tab.body_en.setPlainText("On Sunday 7 December the hall closes at 15:00.")
    tab.ends.setDate(QDate(2026, 12, 7))
    tab.add_button.click()
    ops_done(qtbot)
    assert tab.message.text() == "已发布：周日营业时间调整，2026-12-07 至 2026-12-07。"
    qtbot.waitUntil(lambda: "周日营业时间调整" in titles(tab))
    row = titles(tab).index("周日营业时间调整")
    assert tab.model.data(tab.model.index(row, 1)) == "Sunday opening hours"
    assert tab.model.data(tab.model.index(row, 4)) == "12-07起"
    assert tab.title_zh.text() == "" and tab.body_zh.toPlainText() == ""

    # On the board the wall display and the kiosk read: on its day only, in both languages.
    def on_board(day: dt.date, lang: str) -> list[str]:
        board = notices.notice_board(manager_session, lang=lang, today=day)
        return [n.title for n in board.notices if n.hall_notice]

    assert "周日营业时间调整" not in on_board(TODAY, "zh_CN")
    assert "周日营业时间调整" in on_board(dt.date(2026, 12, 7), "zh_CN")
    assert "Sunday opening hours" in on_board(dt.date(2026, 12, 7), "en")

    tab.view.selectRow(row)
    assert "15:00" in tab.chosen_text.text()
    tab.remove_button.click()
    ops_done(qtbot)
    assert tab.message.text() == "已撤下：周日营业时间调整。"
    qtbot.waitUntil(lambda: "周日营业时间调整" not in titles(tab))
    assert "周日营业时间调整" not in on_board(dt.date(2026, 12, 7), "zh_CN")
    assert [n.title_zh for n in notices.hall_notices(manager_session)] == before


def test_taking_down_without_choosing_says_what_to_do(window, qtbot):
    tab = window.notices
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loads >= 1)
    count = tab.model.rowCount()
    tab.view.clearSelection()
    tab.remove_button.click()
    ops_done(qtbot)
    assert tab.message.text() == "请先在列表中选择要撤下的公告。"
    assert tab.model.rowCount() == count and tab.model.data(tab.model.index(0, 0), ROW_ROLE) is not None
