"""The hall manager's window: the hall at a glance, reports, settlement, setup."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QTabWidget, QWidget

from counter_app.services import overview
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error
from counter_app.ui.manager.audit_tab import AuditTab
from counter_app.ui.manager.board_tab import BoardTab
from counter_app.ui.manager.complaints_tab import ComplaintsTab
from counter_app.ui.manager.grade_tab import GradeTab
from counter_app.ui.manager.live import LiveRefresh
from counter_app.ui.manager.reports_tab import ReportsTab
from counter_app.ui.manager.settlement_tab import SettlementTab
from counter_app.ui.manager.setup_tab import SetupTab
from counter_app.ui.manager.sync_tab import SyncTab
from counter_app.ui.widgets.status_bar import HallStatusBar
from counter_app.ui.window_size import fit_to_screen
from counter_app.ui.worker import run_task


class TodayTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        names = {
            "customers": self.tr("Customers"),
            "accounts": self.tr("Lines"),
            "staff": self.tr("Active staff"),
            "tickets": self.tr("Tickets today"),
            "waiting": self.tr("Waiting now"),
            "orders": self.tr("Orders today"),
            "payments": self.tr("Payments today"),
        }
        for key, name in names.items():
            label = QLabel("—")
            label.setObjectName(f"today_{key}")
            self.labels[key] = label
            form.addRow(name, label)
        self.loads = 0
        self.loading = False
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        self.live = LiveRefresh(self, ctx, self.refresh, topics=("payments", "orders", "queue", "handover"))

    def refresh(self) -> None:
        """Count in a worker; a count still running is not started twice."""
        if self.loading:
            return
        self.loading = True
        hall_code = self.ctx.session.hall_code
        run_task(lambda: overview.hall_today(hall_code), on_done=self._show, on_error=self._failed, parent=self)

    def _show(self, counts: dict[str, int]) -> None:
        if not shiboken6.isValid(self):
            return
        self.loading = False
        self.loads += 1
        for key, value in counts.items():
            self.labels[key].setText(f"{value:,}")

    def _failed(self, exc: BaseException, tb: str) -> None:
        if shiboken6.isValid(self):
            self.loading = False
            show_error(self, exc, tb)


class ManagerWindow(QMainWindow):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("managerWindow")
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
        # The live board first: it is what a manager opens the window for.
        self.tabs.addTab(self.board, self.tr("Hall board"))
        self.tabs.addTab(self.today, self.tr("Today"))
        self.tabs.addTab(self.reports, self.tr("Daily summary"))
        self.tabs.addTab(self.grade, self.tr("Hall grade"))
        self.tabs.addTab(self.settlement, self.tr("Settlement"))
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        self.tabs.addTab(self.sync, self.tr("Sync"))
        self.tabs.addTab(self.setup, self.tr("Setup"))
        self.tabs.addTab(self.audit, self.tr("Audit trail"))
        self.setCentralWidget(self.tabs)
        self.setStatusBar(HallStatusBar(ctx))
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out.triggered.connect(self.signedOut.emit)
        self.menuBar().addMenu(self.tr("&Hall")).addAction(sign_out)
        fit_to_screen(self)
