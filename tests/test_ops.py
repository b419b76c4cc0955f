"""The UI's one way to run work (counter_app.ui.ops): off the GUI thread, tied to the widget
that asked, announcing typed change topics; and the test guard that fails a test when window
code runs SQL on the GUI thread."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.config import TerminalConfig
from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Payment, Staff
from counter_app.ui import ops
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Changes, Op, Topic, on_change
from tests.helpers import ops_done


@pytest.fixture
def ctx(session, db_path):
    return AppContext(session, TerminalConfig(), str(db_path))


def test_the_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(ctx, qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = {}

    def work():
        seen["work"] = threading.current_thread() is threading.main_thread()
        return Staff.get_by_id("1001").name

    Op(widget, work).success(lambda name: seen.update(name=name,
                                                      success=threading.current_thread() is threading.main_thread())).run()
    ops_done(qtbot)
    assert seen == {"work": False, "name": "王芳", "success": True}


def test_a_result_for_a_deleted_widget_is_dropped_but_its_changes_are_still_announced(ctx, qtbot):
    release = threading.Event()
    widget = QLabel()
    delivered, announced = [], []
    listener = QWidget()
    qtbot.addWidget(listener)
    on_change(listener, ctx, {Topic.PAYMENTS}, lambda changes: announced.append(changes))
    Op(widget, lambda: release.wait(5) and "paid", changes={Topic.PAYMENTS}, ctx=ctx) \
        .success(lambda text: (delivered.append(text), widget.setText(text))).run()
    shiboken6.delete(widget)  # the window closes while the work runs
    release.set()
    ops_done(qtbot)
    assert delivered == []  # nothing touched the deleted label
    assert [c.topics for c in announced] == [frozenset({Topic.PAYMENTS})]  # the others still refresh


def test_only_the_newest_op_of_a_name_delivers(ctx, qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    first_may_finish = threading.Event()
    shown = []
    Op(widget, lambda: first_may_finish.wait(5) and "first customer").latest("view").success(shown.append).run()
    Op(widget, lambda: "second customer").latest("view").success(shown.append).run()
    qtbot.waitUntil(lambda: shown == ["second customer"])
    first_may_finish.set()
    ops_done(qtbot)
    assert shown == ["second customer"]
    ops.drop_pending(widget, "view")  # the clerk moved to no customer at all
    Op(widget, lambda: "third").latest("view").run()  # (a new op is still delivered after a drop)
    ops_done(qtbot)


def test_a_subscription_dies_with_its_widget(ctx, qtbot):
    heard = []
    panel = QWidget()
    on_change(panel, ctx, {Topic.QUEUE}, lambda: heard.append("queue"))
    ctx.announce(Changes(frozenset({Topic.QUEUE})))
    ctx.announce(Changes(frozenset({Topic.COMPLAINTS})))  # not a topic it shows
    assert heard == ["queue"]
    shiboken6.delete(panel)
    ctx.announce(Changes(frozenset({Topic.QUEUE})))
    assert heard == ["queue"]


def test_a_retired_window_starts_nothing_and_hears_nothing_while_it_waits_for_deletion(ctx, qtbot):
    """A window signed out of is deleted later; until then its panels must neither start work
    in the name of the clerk who left nor be told results (their error dialog crashed)."""
    window = QWidget()
    qtbot.addWidget(window)
    panel = QLabel(window)
    release = threading.Event()
    ran, heard, delivered = [], [], []
    on_change(panel, ctx, {Topic.QUEUE}, lambda: heard.append("queue"))
    on_its_way = Op(panel, lambda: release.wait(5) and "result").success(delivered.append).run()
    ops.retire(window)
    assert ops.retired(panel) and not ops.retired(QWidget())
    release.set()
    Op(panel, lambda: ran.append(1)).failure(delivered.append).run()
    ctx.announce(Changes(frozenset({Topic.QUEUE})))
    ops_done(qtbot)
    assert ran == [] and heard == [] and delivered == [] and on_its_way is not None


def test_free_string_announcements_of_older_windows_reach_typed_listeners_and_back(ctx, qtbot):
    typed, strings = [], []
    panel = QWidget()
    qtbot.addWidget(panel)
    on_change(panel, ctx, {Topic.DAY_CLOSE}, lambda changes: typed.append(changes.topics))
    ctx.dataChanged.connect(strings.append)
    ctx.dataChanged.emit("dayclose")
    ctx.announce(Changes(frozenset({Topic.DAY_CLOSE, Topic.PAYMENTS})))
    assert typed == [frozenset({Topic.DAY_CLOSE}), frozenset({Topic.DAY_CLOSE, Topic.PAYMENTS})]
    assert strings == ["dayclose", "dayclose", "payments"]


def test_a_refusal_goes_to_the_failure_callback_and_announces_nothing(ctx, qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    refused, announced, after = [], [], []
    on_change(widget, ctx, {Topic.PAYMENTS}, lambda: announced.append(1))

    def work():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Choose how the customer pays."))

    Op(widget, work, changes={Topic.PAYMENTS}, ctx=ctx).after(lambda: after.append(1)).failure(refused.append).run()
    ops_done(qtbot)
    assert [str(e.text(lambda _c, s: s)) for e in refused] == ["Choose how the customer pays."]
    assert after == [1] and announced == []


def test_window_code_running_sql_on_the_gui_thread_is_caught(session, no_sql_on_the_gui_thread):
    """The guard itself: a statement from a function that lives in counter_app/ui is an
    offence; the same statement from test code is not."""
    from tests import gui_sql

    guard = no_sql_on_the_gui_thread
    Payment.select().count()  # test code: allowed
    assert guard.offences == []
    window_code = compile("def refresh():\n    return Payment.select().count()\n",
                          f"{gui_sql.UI_DIR}/counter/some_panel.py", "exec")
    namespace = {"Payment": Payment}
    exec(window_code, namespace)  # noqa: S102 - a function that lives, as far as Python knows, in a panel
    namespace["refresh"]()
    assert len(guard.offences) == 1 and guard.offences[0].startswith("counter/some_panel.py:2 in refresh")
    worker = threading.Thread(target=namespace["refresh"])  # the same code on a worker is fine
    worker.start()
    worker.join()
    assert len(guard.offences) == 1
    guard.offences.clear()  # this test's offence was on purpose
