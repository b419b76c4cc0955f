"""The manager's list of backups: when each was taken and how old it is, a backup on demand,
and how to restore one (a command run with every window of the PC closed)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from counter_app import clock
from counter_app.services import backups
from counter_app.ui.context import AppContext
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.worker import run_task


class BackupsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupsTab")
        self.loads = 0
        self.taken = 0
        self.kinds = {"periodic": self.tr("every {hours} h").format(hours=ctx.config.backup_every_h),
                      "dayclose": self.tr("day close"), "manual": self.tr("on demand")}
        self.where = QLabel()
        self.where.setObjectName("backupsWhere")
        self.where.setWordWrap(True)
        self.freshness = QLabel()
        self.freshness.setObjectName("backupsFreshness")
        self.freshness.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Taken at"), lambda b: f"{b.taken_at:%Y-%m-%d %H:%M:%S}"),
            Column(self.tr("Age"), lambda b: self.age_text(b), key=lambda b: b.age(self.now).total_seconds()),
            Column(self.tr("Kind"), lambda b: self.kinds.get(b.kind, b.kind)),
            Column(self.tr("Size"), lambda b: f"{b.bytes / 1e6:,.1f} MB", numeric=True, key=lambda b: b.bytes),
            Column(self.tr("File"), lambda b: str(b.path)),
        ], self)
        self.now = clock.now()
        self.view = eliding(QTableView())
        self.view.setObjectName("backupsTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("Back up now (Ctrl+B)"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        QShortcut(QKeySequence("Ctrl+B"), self, self.back_up_now)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.restore_help = QLabel()
        self.restore_help.setObjectName("backupsRestoreHelp")
        self.restore_help.setWordWrap(True)
        self.restore_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.backup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.freshness)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.restore_help)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.loads:
            self.refresh()

    def age_text(self, info: backups.BackupInfo) -> str:
        minutes = max(int(info.age(self.now).total_seconds() // 60), 0)
        if minutes < 60:
            return self.tr("{n} min").format(n=minutes)
        if minutes < 48 * 60:
            return self.tr("{n} h").format(n=minutes // 60)
        return self.tr("{n} days").format(n=minutes // (24 * 60))

    def refresh(self) -> None:
        config = self.ctx.config

        def work():
            from peewee import SqliteDatabase

            from counter_app.models import db

            if not isinstance(db.obj, SqliteDatabase):
                return None  # a PostgreSQL database: backed up with pg_dump, not from here
            path = backups.database_path()
            return path, backups.backup_folder(path, config), backups.backups_of(path, config)

        run_task(work, on_done=self._show, parent=self)

    def _show(self, result) -> None:
        if not shiboken6.isValid(self):
            return
        self.loads += 1
        if result is None:
            self.where.setText(self.tr("This window works on a PostgreSQL database: back it up with pg_dump."))
            self.backup_button.setEnabled(False)
            return
        path, folder, found = result
        self.now = clock.now()
        config = self.ctx.config
        self.where.setText(self.tr("Backups of {db} in {folder}: at each day close and every {hours} hours, "
                                   "checked when taken; kept: every one of the last day, the newest of each of "
                                   "the last {days} days and of the last {months} months.").format(
            db=path, folder=folder, hours=config.backup_every_h, days=config.backup_keep_daily,
            months=config.backup_keep_monthly))
        self.model.set_rows(found)
        if not found:
            self.freshness.setText(self.tr("There is no backup yet. Back one up now."))
            set_tone(self.freshness, "error")
        else:
            newest = found[0]
            late = config.backup_every_h > 0 and newest.age(self.now).total_seconds() > 2 * config.backup_every_h * 3600
            self.freshness.setText(self.tr("The newest backup is {age} old.").format(age=self.age_text(newest)))
            set_tone(self.freshness, "error" if late else "success")
        example = found[0].path if found else folder / "FILE.db"
        self.restore_help.setText(self.tr("To restore one: close every counter_app window on this PC (counters, "
                                          "kiosk, display), then run:\ncounter-app --db {db} restore {file}\nThe "
                                          "next sync brings back from the hub what the backup lacks.").format(
            db=path, file=example))

    def back_up_now(self) -> None:
        self.backup_button.setEnabled(False)
        session, config = self.ctx.session, self.ctx.config
        self.freshness.setText(self.tr("Backing up…"))
        set_tone(self.freshness, None)

        def done(info) -> None:
            if not shiboken6.isValid(self):
                return
            self.taken += 1
            self.backup_button.setEnabled(True)
            self.ctx.statusMessage.emit(self.tr("Backed up to {file}").format(file=info.path))
            self.refresh()

        def failed(exc, tb) -> None:
            if not shiboken6.isValid(self):
                return
            self.backup_button.setEnabled(True)
            from counter_app.ui.errors import show_error

            show_error(self, exc, tb)
            self.refresh()

        run_task(lambda: backups.take_to_folder("manual", session=session, config=config), on_done=done,
                 on_error=failed, parent=self)
