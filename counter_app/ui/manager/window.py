"""The hall manager's window: the hall at a glance, reports, settlement, setup."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.manager.audit_tab import AuditTab
from counter_app.ui.manager.backups_tab import BackupsTab
from counter_app.ui.manager.board_tab import BoardTab
from counter_app.ui.manager.complaints_tab import ComplaintsTab
from counter_app.ui.manager.grade_tab import GradeTab
from counter_app.ui.manager.notices_tab import NoticesTab
from counter_app.ui.manager.reports_tab import ReportsTab
from counter_app.ui.manager.settlement_tab import SettlementTab
from counter_app.ui.manager.setup_tab import SetupTab
from counter_app.ui.manager.sync_tab import SyncTab
from counter_app.ui.manager.today_tab import TodayTab
from counter_app.ui.style import apply_role, icon
from counter_app.ui.widgets.status_bar import HallStatusBar
from counter_app.ui.window_size import fit_to_screen


class ManagerWindow(QMainWindow):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("managerWindow")
        apply_role(self, "manager")
        self.setWindowTitle(self.tr("Hall manager — {hall}").format(hall=ctx.session.hall.name))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("managerTabs")
        self.today = TodayTab(ctx)
        self.board = BoardTab(ctx)
        self.reports = ReportsTab(ctx)
        self.grade = GradeTab(ctx)
        self.settlement = SettlementTab(ctx)
        self.complaints = ComplaintsTab(ctx)
        self.sync = SyncTab(ctx)
        self.setup = SetupTab(ctx)
        self.audit = AuditTab(ctx)
        self.backups = BackupsTab(ctx)
        self.notices = NoticesTab(ctx)
        from counter_app.ui.supervision.checks_tab import ChecksTab
        from counter_app.ui.training.manager_tab import TrainingTab

        self.training = TrainingTab(ctx)
        self.checks = ChecksTab(ctx)
        # The live board first: it is what a manager opens the window for.
        self.tabs.addTab(self.board, self.tr("Board"))
        self.tabs.addTab(self.today, self.tr("Today"))
        self.tabs.addTab(self.reports, self.tr("Daily summary"))
        self.tabs.addTab(self.grade, self.tr("Grade"))
        self.tabs.addTab(self.training, self.tr("Training"))
        self.tabs.addTab(self.checks, self.tr("Checks"))
        self.tabs.addTab(self.settlement, self.tr("Settlement"))
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        self.tabs.addTab(self.notices, self.tr("Notices"))
        self.tabs.addTab(self.sync, self.tr("Sync"))
        self.tabs.addTab(self.setup, self.tr("Setup"))
        self.tabs.addTab(self.audit, self.tr("Audit"))
        self.tabs.addTab(self.backups, self.tr("Backups"))
        for name in ("board", "today", "reports", "grade", "training", "checks", "settlement", "complaints", "notices",
                     "sync", "setup", "audit", "backups"):
            if hasattr(self, name):  # the tab's icon from the theme (theme.json "tab:NAME")
                self.tabs.setTabIcon(self.tabs.indexOf(getattr(self, name)), icon(f"tab:{name}", size=32))
        self.setCentralWidget(self.tabs)
        self.setStatusBar(HallStatusBar(ctx))
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out.triggered.connect(self.signedOut.emit)
        self.menuBar().addMenu(self.tr("&Hall")).addAction(sign_out)
        fit_to_screen(self)
