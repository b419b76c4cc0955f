"""The inspector's window (检查人员): the hall's service checks, recording a new one, the
sheets and the bulletin. An inspector sees nothing else of the hall: no customer, no money."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from counter_app.ui.ops import connect_while_alive
from counter_app.ui.style import apply_role
from counter_app.ui.supervision.checks_tab import ChecksTab
from counter_app.ui.window_size import fit_to_screen


class InspectorWindow(QMainWindow):
    signedOut = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inspectorWindow")
        apply_role(self, "manager")
        staff = ctx.session.staff
        self.setWindowTitle(self.tr("Service checks — {hall} — {name}").format(
            hall=ctx.session.hall.name, name=staff.name if staff else ""))
        self.checks = ChecksTab(ctx, may_record=True)
        self.setCentralWidget(self.checks)
        status = QStatusBar()
        self.setStatusBar(status)
        connect_while_alive(self, ctx.statusMessage, lambda text: status.showMessage(text, 8000))
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out.triggered.connect(self.signedOut.emit)
        record = QAction(self.tr("Record a check…"), self)
        record.setShortcut(QKeySequence("Ctrl+N"))
        record.triggered.connect(self.checks.record)
        menu = self.menuBar().addMenu(self.tr("&Checks"))
        menu.addAction(record)
        menu.addAction(sign_out)
        fit_to_screen(self)
