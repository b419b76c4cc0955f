"""Running work off the GUI thread (the older helper: new code uses counter_app.ui.ops.Op,
which ties the result to its widget and announces typed changes; windows not yet moved to
ops still call this).

``run_task(fn, on_done=..., on_error=..., parent=...)`` runs ``fn`` on the global
QThreadPool and calls the callbacks on the GUI thread. ``fn`` may take a ``progress``
keyword: a callable(done, total, text) that is safe to call from the worker. Never touch a
widget inside ``fn``. peewee gives each thread its own SQLite connection.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_live: set[_Task] = set()  # keep tasks (and their signal objects) alive until they report


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            kwargs = {}
            if "progress" in inspect.signature(self.fn).parameters:
                kwargs["progress"] = lambda done, total, text="": self.signals.progress.emit(int(done), int(total), text)
            result = self.fn(**kwargs)
        except BaseException as exc:  # reported to the GUI thread, never swallowed
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)
        finally:
            from counter_app.models import db

            if db.obj is not None and not db.is_closed():  # (no database yet: a start-up job before it opens)
                try:
                    db.close()  # this thread's connection only
                except Exception:
                    pass


def run_task(
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException, str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    parent: QObject | None = None,
) -> _Task:
    task = _Task(fn)
    _live.add(task)

    def finished_ok(result: Any) -> None:
        _live.discard(task)
        if on_done is not None:
            on_done(result)

    def finished_bad(exc: BaseException, tb: str) -> None:
        _live.discard(task)
        if on_error is not None:
            on_error(exc, tb)
        else:
            from counter_app.ui.errors import show_error

            show_error(parent, exc, tb)

    task.signals.done.connect(finished_ok)
    task.signals.failed.connect(finished_bad)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Tests and shutdown: wait until every started task has finished."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def run_with_progress_dialog(label: str, work: Callable[[Callable[[str, int, int], None]], Any],
                             parent=None) -> tuple[Any, tuple[BaseException, str] | None]:
    """Run ``work(progress)`` on a worker behind a modal progress dialog (start-up jobs that
    must finish before anyone signs in: a demo hall, a new terminal's first load). ``work``
    reports with ``progress(stage, done, total)``. Returns (result, None) or (None, (exc, tb))."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    outcome: dict = {}

    def on_progress(done: int, total: int, stage: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    run_task(lambda progress: work(lambda stage, done, total: progress(done, total, stage)),
             on_done=lambda r: (outcome.setdefault("ok", r), dialog.close()),
             on_error=lambda e, tb: (outcome.setdefault("error", (e, tb)), dialog.close()),
             on_progress=on_progress)
    dialog.exec()
    wait_for_tasks()
    return outcome.get("ok"), outcome.get("error")
