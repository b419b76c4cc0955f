"""The hall's morning in two processes on one database: a customer takes a number on the
kiosk (its own process, real widgets), the clerk's counter window calls it with F1, the
calling display shows and speaks it, and the clerk finishes it with F5."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Account, Hall, Staff, Ticket, TicketEvent
from counter_app.services import voice
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.counter.window import CounterWindow
from counter_app.ui.display.window import DisplayWindow
from counter_app.ui.worker import wait_for_tasks

ROOT = Path(__file__).resolve().parent.parent

KIOSK = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from counter_app.app import make_application
from counter_app.config import TerminalConfig
from counter_app.db import open_database
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
app = make_application()
install_translations(app, "zh_CN")
open_database(sys.argv[1])
kiosk = KioskWindow(AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN"), sys.argv[1]))
kiosk.show()
issued = []
kiosk.ticketIssued.connect(issued.append)
for _ in range(200):  # the services are read in a worker
    if kiosk.category_buttons:
        break
    QTest.qWait(50)
QTest.mouseClick(kiosk.category_buttons["general"], Qt.MouseButton.LeftButton)
for digit in sys.argv[2]:
    QTest.mouseClick(kiosk.keypad.buttons[digit], Qt.MouseButton.LeftButton)
QTest.mouseClick(kiosk.take_button, Qt.MouseButton.LeftButton)
for _ in range(200):
    if issued:
        break
    QTest.qWait(50)
print(issued[0].code, kiosk.result_code.text())
"""


def test_kiosk_process_counter_window_and_display_serve_one_customer(demo_db, db_path, qtbot):
    Hall.update(opens="00:00", closes="24:00").execute()  # any hour of the real clock
    account = Account.select().order_by(Account.phone).first()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    kiosk = subprocess.run([sys.executable, "-c", KIOSK, str(db_path), account.phone], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert kiosk.returncode == 0, kiosk.stderr[-2000:]
    assert kiosk.stdout.split() == ["B001", "B001"]

    heard = []
    display = DisplayWindow(AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="display"), str(db_path)),
                            announcer=voice.Announcer(["zh"], sink=lambda text, lang: heard.append(text)))
    qtbot.addWidget(display)
    wait_for_tasks()
    QApplication.processEvents()

    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id("1001")
    ctx = AppContext(session, TerminalConfig(), str(db_path))
    window = CounterWindow(ctx)
    qtbot.addWidget(window)
    panel = window.queue_panel
    with qtbot.waitSignal(ctx.customerChanged, timeout=10_000) as opened:
        panel.actions["next"].trigger()  # F1
    assert opened.args == [account.id]
    assert ctx.current_ticket == Ticket.get(Ticket.code == "B001").id

    with qtbot.waitSignal(display.callShown, timeout=10_000):
        display.poll()
    assert display.call_code.text() == "B001"
    assert display.announcer.wait(5) and heard == ["请 B 零 零 一 号 到 1 号窗口"]

    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    panel.actions["finish"].trigger()  # F5
    qtbot.waitUntil(lambda: Ticket.get().status == "done", timeout=10_000)
    kinds = [e.kind for e in TicketEvent.select().order_by(TicketEvent.at)]
    assert kinds[0] == "issued" and sorted(kinds[1:]) == ["called", "finished"]
    wait_for_tasks()
    display.close()
