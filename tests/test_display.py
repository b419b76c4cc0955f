"""The calling display: a ticket taken in another process and called at a counter appears
large on the wall, flashes and is announced; no name or phone ever shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.config import TerminalConfig
from counter_app.models import Account, Hall
from counter_app.services import queue, voice
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.display.window import DisplayWindow
from counter_app.ui.i18n import install_translations
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def display(demo_db, db_path, qtbot):
    install_translations(QApplication.instance(), "zh_CN")
    Hall.update(opens="00:00", closes="24:00").execute()
    heard: list[tuple[str, str]] = []
    announcer = voice.Announcer(["zh", "en"], sink=lambda text, lang: heard.append((lang, text)))
    ctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="display", lang="zh_CN"), str(db_path))
    window = DisplayWindow(ctx, announcer=announcer)
    window.heard = heard
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.waiting_labels) and not window.polling)  # the first read
    yield window
    window.close()
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def test_a_kiosk_ticket_called_at_counter_3_is_shown_flashed_and_spoken(display, db_path, qtbot, session):
    account = Account.select().first()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    taken = subprocess.run([sys.executable, "-m", "counter_app", "queue", "take", "new_data", "--phone",
                            account.phone, "--db", str(db_path)], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=60)
    assert taken.returncode == 0, taken.stderr
    display.poll()
    qtbot.waitUntil(lambda: display.waiting_labels["new_data"].text().endswith("1 人等候"), timeout=5000)
    assert display.heard == []

    from counter_app.models import Staff

    clerk = open_session(counter_number=3)
    clerk.staff = Staff.get_by_id("1002")
    queue.call_next(clerk)
    with qtbot.waitSignal(display.callShown, timeout=5000) as shown:
        display.poll()
    assert shown.args == ["C001", 3]
    assert display.call_code.text() == "C001" and display.call_text.text() == "请到 3 号窗口"
    assert display.flashing
    assert display.findChild(QLabel, "displayCounter3").text() == "C001"
    assert display.announcer.wait(5)
    assert display.heard == [("zh", "请 C 零 零 一 号 到 3 号窗口"),
                             ("en", "Number C, zero, zero, one, please go to counter 3.")]
    # the next poll sees nothing new: the call is not spoken twice
    display.poll()
    wait_for_tasks()
    QApplication.processEvents()
    assert len(display.heard) == 2

    texts = " ".join(label.text() for label in display.findChildren(QLabel))
    assert account.phone not in texts and account.customer.name not in texts

    queue.recall(clerk)
    with qtbot.waitSignal(display.callShown, timeout=5000):
        display.poll()
    assert display.announcer.wait(5) and len(display.heard) == 4


def test_a_wall_screen_gets_larger_type_and_twelve_counters_fit(display, qtbot, manager_session):
    from counter_app.services import setup
    from counter_app.ui.display.window import counter_columns

    display.show()
    small = display.call_code.font().pointSize()
    display.resize(1920, 1080)
    # Half as large again, or nearly: the type is as large as lets everything fit (type_scale.py).
    qtbot.waitUntil(lambda: display.call_code.font().pointSize() >= small * 1.4, timeout=2000)
    for number in range(7, 13):
        setup.add_counter(manager_session, number, "", ["payment"])
    display.poll()
    qtbot.waitUntil(lambda: "displayCounter12" in {w.objectName() for w in display.findChildren(QLabel)}, timeout=5000)
    # Shown with the read that brought them, so the type's fit after that read measured them:
    # shown a pass of the event loop later, they made the wall 1196 px tall until the next fit.
    assert display.findChild(QLabel, "displayCounter12").isVisible()
    # Then every read started (the notices, the next poll) delivered and laid out, as on the wall.
    ops_done(qtbot)
    for _ in range(10):
        QApplication.processEvents()
    grid = display.counter_grid
    positions = {grid.itemAtPosition(row, col).widget().objectName()
                 for row in range(grid.rowCount()) for col in range(grid.columnCount())
                 if grid.itemAtPosition(row, col) is not None}
    assert counter_columns(12) == 4 and grid.columnCount() == 4
    assert {f"displayCounter{n}" for n in range(1, 13)} <= positions
    new_label = display.findChild(QLabel, "displayCounter12")
    assert new_label.font().pointSize() == round(28 * display.type_factor)  # scaled when it was made, too
    assert display.minimumSizeHint().height() <= 1080 and display.height() == 1080  # three rows still fit
    setup.set_counter_active(manager_session, 12, False)
    display.poll()
    qtbot.waitUntil(lambda: display.findChild(QLabel, "displayCounter12") is None, timeout=5000)
    assert display.counter_order == list(range(1, 12))
