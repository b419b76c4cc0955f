"""Keeping a manager's tab current: it loads when it is shown, follows the changes this
terminal announces, and re-reads on a timer while it is on screen (other terminals write to
the same hall: a counter's payment never reaches this process as a signal).

A tab behind another tab does no work; it is marked out of date and catches up the moment
it is shown again, so the manager never looks at figures older than the last tick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

DEFAULT_INTERVAL_S = 10


class LiveRefresh(QObject):
    """Calls ``refresh`` when ``widget`` is shown (if out of date), every ``interval_s`` while it
    is visible, and on any of ``topics`` announced through ``ctx.dataChanged`` (at once when
    visible, on the next show otherwise)."""

    def __init__(self, widget: QWidget, ctx, refresh: Callable[[], None], *, topics: Iterable[str] = (),
                 interval_s: int = DEFAULT_INTERVAL_S) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.topics = frozenset(topics)
        self.stale = True
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, int(interval_s)) * 1000)
        self.timer.timeout.connect(self._tick)
        widget.installEventFilter(self)
        if self.topics:
            ctx.dataChanged.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget:
            if event.type() == QEvent.Type.Show:
                self.timer.start()
                if self.stale:
                    self._run()
            elif event.type() == QEvent.Type.Hide:
                self.timer.stop()
                self.stale = True  # behind another tab the hall moves on
        return False

    def _changed(self, topic: str) -> None:
        if topic not in self.topics:
            return
        if self.widget.isVisible():
            self._run()
        else:
            self.stale = True

    def _tick(self) -> None:
        if self.widget.isVisible():
            self._run()

    def _run(self) -> None:
        self.stale = False
        self.refresh()
