"""The GUI's background sync: a run every ``sync_interval_s`` seconds and on demand, on a
worker thread (the GUI thread never waits for the hub). After each run, and whenever the
state is asked for, it emits ``ctx.syncState(dict(last_success, pending, last_error, ...))``
for the status bar and the manager's sync tab. One run at a time; a request during a run
queues one more."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from counter_app.errors import UserError
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, Topic

log = logging.getLogger(__name__)

FIRST_RUN_DELAY_MS = 3_000


def _work(hub_url: str, full: bool, progress=None) -> dict:
    from counter_app.sync.runner import sync_once, sync_state

    try:
        sync_once(hub_url, full=full, progress=(lambda stage, done, total: progress(done, total, stage))
                  if progress else None)
    except UserError:
        pass  # recorded in the sync state, shown from there
    return sync_state()


def _read_state() -> dict:
    from counter_app.sync.runner import sync_state

    return sync_state()


class SyncRunner(QObject):
    """Owned by the application; reachable as ``ctx.sync_runner``."""

    runningChanged = Signal(bool)
    progress = Signal(int, int, str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self._again: bool | None = None  # a queued run: None, or its "full" flag
        self.timer = QTimer(self)
        self.timer.setInterval(max(5, int(ctx.config.sync_interval_s)) * 1000)
        self.timer.timeout.connect(self.run_now)

    @property
    def hub_url(self) -> str:
        return self.ctx.config.hub_url()

    def start(self, first_run_ms: int = FIRST_RUN_DELAY_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_run_ms, self, self.run_now)

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self, full: bool = False) -> None:
        if not self.hub_url:
            return
        if self.running:
            self._again = bool(full or self._again)
            return
        self.running = True
        self.runningChanged.emit(True)
        url = self.hub_url
        # Pulled reference data (customers, staff, setup) is announced to every window.
        Op(self, lambda progress: _work(url, full, progress), changes={Topic.SYNC}, ctx=self.ctx) \
            .success(self._finished).failure(self._failed) \
            .progress(lambda done, total, stage: self.progress.emit(done, total, stage)).run()

    def refresh(self) -> None:
        """Emit the stored state again (after a manager's retry or dismissal)."""
        Op(self, _read_state).success(self._emit).failure(self._failed_quietly).run()

    def _emit(self, state: dict) -> None:
        error = state.get("error")
        shown = dict(state)
        shown["last_error"] = error.text(QCoreApplication.translate) if error else ""
        self.ctx.syncState.emit(shown)

    def _finished(self, state: dict) -> None:
        self.running = False
        self.runningChanged.emit(False)
        self._emit(state)
        if self._again is not None:
            full, self._again = self._again, None
            self.run_now(full)

    def _failed(self, exc: BaseException) -> None:
        log.error("background sync failed unexpectedly", exc_info=(type(exc), exc, exc.__traceback__))
        self.running = False
        self.runningChanged.emit(False)
        self._failed_quietly(exc)

    def _failed_quietly(self, exc: BaseException) -> None:
        from counter_app.sync.hub import safe_message
        from counter_app.ui.errors import user_text

        self.ctx.syncState.emit({"last_success": "", "pending": 0,
                                 "last_error": safe_message(user_text(exc), self.hub_url)})


def start_sync_runner(ctx: AppContext) -> SyncRunner | None:
    """Start the background sync when the terminal has a hub; called once at start-up."""
    if not ctx.config.hub_url():
        return None
    runner = SyncRunner(ctx, parent=ctx)
    ctx.sync_runner = runner
    runner.start()
    return runner


def first_sync_with_progress(hub_url: str, parent=None) -> bool:
    """A new terminal (no hall yet) loads its hall from the hub before anyone signs in,
    with a progress dialog; the load runs on a worker. Returns whether it succeeded; a failure
    is shown and leaves the database as it was."""
    from counter_app.sync.runner import sync_once
    from counter_app.ui.errors import show_error
    from counter_app.ui.worker import run_with_progress_dialog

    _, error = run_with_progress_dialog(
        QCoreApplication.translate("SyncRunner", "Loading this hall's data from the hub…"),
        lambda progress: sync_once(hub_url, progress=progress), parent)
    if error is not None:
        show_error(parent, *error)
        return False
    return True
