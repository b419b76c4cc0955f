"""Periodic backups from the GUI: every few minutes a worker asks whether a backup is due
(``backup_every_h`` in the terminal config) and takes it into the backups folder. The GUI
thread never waits; a failure goes to the status bar and the log, and is tried again at
the next check."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from counter_app.ui.context import AppContext
from counter_app.ui.worker import run_task

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 10 * 60_000
FIRST_CHECK_MS = 60_000


class BackupRunner(QObject):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        QTimer.singleShot(first_ms, self.check)
        self.timer.start()

    def check(self) -> None:
        if self.busy:
            return
        self.busy = True
        from counter_app.services import backups

        session, config = self.ctx.session, self.ctx.config
        run_task(lambda: backups.run_due(session=session, config=config), on_done=self._done, on_error=self._failed)

    def _done(self, info) -> None:
        self.busy = False
        if info is not None:
            self.ctx.statusMessage.emit(QCoreApplication.translate("BackupRunner", "Backed up to {file}").format(
                file=info.path))

    def _failed(self, exc, tb) -> None:
        self.busy = False
        from counter_app.ui.errors import as_user_error, user_text

        log.error("periodic backup failed:\n%s", tb)
        self.ctx.statusMessage.emit(QCoreApplication.translate("BackupRunner", "The backup failed: {reason}").format(
            reason=user_text(as_user_error(exc))))


def start_backup_runner(ctx: AppContext) -> BackupRunner | None:
    from peewee import SqliteDatabase

    from counter_app.models import db

    if not isinstance(db.obj, SqliteDatabase) or ctx.config.backup_every_h <= 0:
        return None
    runner = BackupRunner(ctx)
    ctx.backup_runner = runner
    runner.start()
    return runner
