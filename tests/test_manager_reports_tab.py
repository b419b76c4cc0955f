"""The daily summary on screen: the manager picks the day, sees the very pages that print
(with their charts), saves or prints them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QSize

from counter_app.config import TerminalConfig
from counter_app.documents import charts
from counter_app.models import AuditEvent
from counter_app.ui.context import AppContext
from counter_app.ui.manager.reports_tab import ReportsTab
from counter_app.ui.printing import open_previews
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done, pdf_text
from tests.manager_day import script_day


@pytest.fixture
def tab(manager_session, frozen_clock, db_path, qtbot):
    script_day(frozen_clock)
    widget = ReportsTab(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    yield widget
    wait_for_tasks()


def colored(image, color, tolerance: int = 12) -> int:
    want = (int(color.red * 255), int(color.green * 255), int(color.blue * 255))
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - want[0]) <= tolerance and abs(c.green() - want[1]) <= tolerance \
                    and abs(c.blue() - want[2]) <= tolerance:
                count += 1
    return count


def test_the_manager_sees_the_days_summary_with_its_charts_and_saves_it(tab, qtbot, tmp_path):
    assert tab.selected_day().isoformat() == "2026-11-25"  # today by default
    assert not tab.print_button.isEnabled()
    tab.build_button.click()
    qtbot.waitUntil(lambda: tab.builds == 1, timeout=15_000)
    assert tab.status.text() == "2026-11-25: 8 tickets, 5 served, 2 pages."
    assert tab.document.pageCount() == 2
    page = tab.document.render(0, QSize(595, 842))
    assert colored(page, charts.ARRIVALS) > 100 and colored(page, charts.WAITS) > 100

    tab.print_button.click()
    preview = open_previews()[-1]
    assert preview.page_count == 2
    saved = preview.save_to(tmp_path / "saved")
    ops_done(qtbot)  # the print log is written on a worker
    assert saved.read_bytes() == tab.pdf
    assert "缴费 (目标 10)" in pdf_text(saved.read_bytes())
    event = AuditEvent.get(AuditEvent.action == "print")
    assert event.target == "daily:JN001-2026-11-25"
    preview.reject()


def test_a_quiet_day_shows_the_empty_summary(tab, qtbot):
    tab.day.setDate(QDate(2026, 11, 2))
    tab.lang.setCurrentIndex(1)
    tab.build()
    qtbot.waitUntil(lambda: tab.builds == 1, timeout=15_000)
    assert tab.status.text() == "2026-11-02: no activity on this business day."
    assert "No activity on this business day" in pdf_text(tab.pdf)


def test_a_day_to_come_is_refused_where_the_summary_would_be(tab, qtbot):
    tab.day.setDate(QDate(2026, 11, 26))  # tomorrow
    tab.build()
    qtbot.waitUntil(lambda: "是将来的日期" in tab.status.text() or "in the future" in tab.status.text(),
                    timeout=15_000)
    assert "2026-11-26" in tab.status.text() and "2026-11-25" in tab.status.text()
    assert tab.builds == 0 and tab.pdf == b"" and not tab.print_button.isEnabled()
    assert tab.build_button.isEnabled()  # another day may be picked
