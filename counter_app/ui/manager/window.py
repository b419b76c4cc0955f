"""The hall manager's window: the hall at a glance, reports, settlement, setup."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QTabWidget, QWidget

from counter_app.services import overview
from counter_app.ui.context import AppContext
from counter_app.ui.widgets.status_bar import HallStatusBar


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
        self.refresh()

    def refresh(self) -> None:
        for key, value in overview.hall_today(self.ctx.session.hall_code).items():
            self.labels[key].setText(f"{value:,}")


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
        self.tabs.addTab(self.today, self.tr("Today"))
        self.setCentralWidget(self.tabs)
        self.setStatusBar(HallStatusBar(ctx))
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out.triggered.connect(self.signedOut.emit)
        self.menuBar().addMenu(self.tr("&Hall")).addAction(sign_out)
        self.resize(1280, 800)
