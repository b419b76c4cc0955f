"""Full garbage collections wait for a quiet window (counter_app/ui/latency.py): Python starts
none by itself once the program has settled, and the quiet collector runs one only when no op
started or delivered for a while, or when an hour has passed (whenever no op runs)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication, QWidget

from counter_app.ui import latency, ops
from counter_app.ui.ops import Op
from tests.helpers import ops_done


def test_the_collector_waits_for_a_quiet_window_and_never_more_than_an_hour(empty_db, qtbot):
    before = gc.get_threshold()
    collector = None
    try:
        latency.settle_memory()
        assert gc.get_threshold()[2] >= 1_000_000  # no full collection starts by itself
        collector = latency.QuietCollector(QApplication.instance())
        widget = QWidget()
        qtbot.addWidget(widget)
        Op(widget, lambda: None).run()  # the clerk asked for something
        ops_done(qtbot)
        asked = ops._last_activity  # when that op delivered (monotonic clock)
        assert not collector.check(now=asked + latency.QUIET_S + 60)  # quiet, but ten minutes have not passed
        collector.last_full = asked - latency.FULL_EVERY_S  # the last one was ten minutes ago
        assert not collector.check(now=asked + 5)  # the clerk asked a moment ago
        release = threading.Event()
        Op(widget, lambda: release.wait(5)).run()
        assert ops.quiet_for() == 0.0
        assert not collector.check(now=asked + latency.FULL_AT_LEAST_S)  # an op is running, even after an hour
        release.set()
        ops_done(qtbot)
        asked = ops._last_activity
        assert collector.check(now=asked + latency.QUIET_S)
        assert collector.collections == 1
        assert not collector.check(now=collector.last_full + 60)  # not again at once
        Op(widget, lambda: None).run()
        ops_done(qtbot)
        busy_clerk = collector.last_full + latency.FULL_AT_LEAST_S  # asking for something all the time...
        ops._last_activity = busy_clerk - 1
        assert collector.check(now=busy_clerk)  # ...but an hour is the longest between two
    finally:
        if collector is not None:
            collector.timer.stop()
        gc.unfreeze()
        gc.set_threshold(*before)
