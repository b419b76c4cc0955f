"""A new clerk practises a plan change in training mode, through the real counter window, and
gets a score; every window of the training process says TRAINING; nothing reaches the hall."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QToolBar
from shiboken6 import isValid

from counter_app.config import TerminalConfig
from counter_app.models import DrillResult, ServiceOrder
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_PREVIEW
from counter_app.ui.counter.verify_dialog import VerifyDialog
from counter_app.ui.i18n import install_translations
from counter_app.ui.printing import close_previews, open_previews
from counter_app.ui.shell import Shell
from counter_app.ui.training import marking
from tests.helpers import ops_done, pdf_text
from tests.test_counter_window import find, pay_cash, sign_in
from tests.test_service_flow import Keys, settle, sign


@pytest.fixture
def shell(training_hall, qtbot, frozen_clock):
    app = QApplication.instance()
    install_translations(app, "en")
    marks = marking.install(app)
    ctx = AppContext(open_session(counter_number=1, lang="en"), TerminalConfig(mode="counter", lang="en"),
                     str(training_hall.copy))
    shell = Shell(ctx, show=True)
    shell.start()
    yield shell
    close_previews()
    ops_done(qtbot)
    settle(qtbot)
    if shell.window is not None and hasattr(shell.window, "_leaving"):
        shell.window._leaving = True
    app.removeEventFilter(marks)


def marked(window) -> bool:
    """The window says TRAINING: its title, and a banner (main windows) or a tag (others)."""
    if not window.windowTitle().startswith(marking.TITLE_MARK):
        return False
    bar = window.findChild(QToolBar, "trainingBar")
    if bar is not None:
        return bar.isVisible() and "TRAINING" in bar.findChild(QLabel, "trainingBanner").text()
    tag = window.findChild(QLabel, "trainingTag", Qt.FindChildOption.FindDirectChildrenOnly)
    return tag is not None and tag.isVisible() and "TRAINING" in tag.text()


def live_counts(path) -> dict[str, int]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as live:
        return {table: live.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("service_order", "payment", "ticket", "drill_result", "outbox", "subscriber_check")}


def test_a_new_clerk_practises_a_plan_change_and_gets_a_score(shell, qtbot, training_hall, frozen_clock):
    before = live_counts(training_hall.live)
    login = shell.window
    assert marked(login)
    assert login.findChild(type(login.sign_in), "startTraining") is None  # already in training
    window = sign_in(qtbot, shell, "1002")
    assert marked(window)
    panel = window.training_dock.drills
    panel.choice.setCurrentIndex(panel.choice.findData("plan_change_sq18"))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress is not None)
    run = panel.progress.run
    assert run.story["name"] in panel.script.text() and "F1" in panel.state.text()

    window.identify.query.setFocus()
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F1)  # the scripted customer is called: the clock starts
    qtbot.waitUntil(lambda: panel.progress is not None and panel.progress.called_at is not None)
    find(qtbot, window, run.phone)
    keys.press(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # the customer's ID card
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(VerifyDialog)))
    dialog = next(d for d in window.findChildren(VerifyDialog) if d.isVisible())
    assert marked(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.id_number)
    keys.type(run.story["id_number"])
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())

    frozen_clock.advance(minutes=6)
    keys.press(Qt.Key.Key_F9)
    keys.press("3")  # plan change
    flow = window.service_flow
    plan = flow.form.editors["plan"]
    assert isinstance(plan, QComboBox)
    plan.setCurrentIndex(plan.findData("SQ18"))
    keys.press(Qt.Key.Key_Return)
    assert flow.stack.currentIndex() == PAGE_PREVIEW, flow.form_message.text()
    sign(qtbot, flow.signature)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == PAGE_DONE, timeout=10_000)
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    assert all(marked(d) for d in open_previews())  # the slip's print preview too
    assert "培训 TRAINING" in pdf_text(open_previews()[0].pdf_bytes)
    close_previews()
    assert panel.outcome is None  # the fee is not paid yet: the drill runs on

    frozen_clock.advance(minutes=4)
    window.activateWindow()
    window.identify.query.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    due = run.expect["payments"][0]["amount"]
    pay_cash(qtbot, window, f"{due // 100}.{due % 100:02d}")
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=10_000)
    result = panel.outcome.result
    # 10 minutes from the call to the receipt against the standard 8 (plan change 5 + payment 3):
    # 120 s over 480 s costs floor(20 × 120 / 480) = 5 points; nothing else was wrong.
    assert (result.elapsed_s, result.standard_s, result.score) == (600, 480, 95)
    assert result.mistakes == [] and result.keys >= 10
    assert "Score 95" in panel.result.text()
    assert DrillResult.select().count() == 1 and ServiceOrder.select().count() == 1
    settle(qtbot)
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top.isWindow():
            assert marked(top), top.objectName()

    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    text = pdf_text(open_previews()[0].pdf_bytes)
    assert "Drill result" in text and "95" in text and "TRAINING" in text
    close_previews()

    assert live_counts(training_hall.live) == before  # the hall's own file: not a row more
    with sqlite3.connect(f"{training_hall.live.resolve().as_uri()}?mode=ro", uri=True) as live:
        assert live.execute("SELECT count(*) FROM drill_result WHERE id = ?", (result.id.hex,)).fetchone() == (0,)
