"""A manager reviews the audit trail: who did what and when, narrowed by filters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from counter_app.config import TerminalConfig
from counter_app.services import setup
from counter_app.ui.context import AppContext
from counter_app.ui.manager.audit_tab import AuditTab
from counter_app.ui.worker import wait_for_tasks


def shown(tab) -> list[list[str]]:
    m = tab.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_audit_trail_is_filtered_by_who_what_and_when(manager_session, session, frozen_clock, db_path, qtbot,
                                                          qtmodeltester):
    from counter_app.services import audit

    frozen_clock.current = dt.datetime(2026, 11, 20, 9, 0)
    audit.record(session, "records.view", "13012345678")
    frozen_clock.current = dt.datetime(2026, 11, 25, 9, 30)
    setup.set_wait_target(manager_session, "payment", 12)
    frozen_clock.current = dt.datetime(2026, 11, 25, 9, 31)
    setup.set_opening_hours(manager_session, "09:00", "18:00")

    tab = AuditTab(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loads == 1, timeout=10_000)
    qtmodeltester.check(tab.model)
    rows = shown(tab)
    assert [r[2] for r in rows] == ["setup.opening_hours", "setup.wait_target", "records.view"]
    assert rows[0][:4] == ["2026-11-25 09:31:00", "2001 陈静", "setup.opening_hours", "JN001"]
    assert rows[0][4] == manager_session.terminal_id
    assert "\"after\": \"09:00-18:00\"" in rows[0][5]

    tab.who.setCurrentIndex(tab.who.findData("1001"))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.loads == 2, timeout=10_000)
    assert [r[2] for r in shown(tab)] == ["records.view"]
    assert tab.count.text() == "1 events"

    tab.who.setCurrentIndex(0)
    qtbot.keyClicks(tab.what, "setup.wait")
    tab.refresh()
    qtbot.waitUntil(lambda: tab.loads == 3, timeout=10_000)
    assert [r[2] for r in shown(tab)] == ["setup.wait_target"]

    tab.what.clear()
    tab.since.setDate(QDate(2026, 11, 19))
    tab.until.setDate(QDate(2026, 11, 21))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.loads == 4, timeout=10_000)
    assert [r[2] for r in shown(tab)] == ["records.view"]
    wait_for_tasks()
