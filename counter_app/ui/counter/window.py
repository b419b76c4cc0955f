"""The clerk's window: queue on the left, the customer and the business in the middle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.ui.context import AppContext
from counter_app.ui.counter.complaints_panel import ComplaintsPanel
from counter_app.ui.counter.customer_view import CustomerView, IdentifyBar
from counter_app.ui.counter.payment_panel import PaymentPanel
from counter_app.ui.counter.queue_panel import QueuePanel
from counter_app.ui.counter.service_flow import ServiceFlowPanel
from counter_app.ui.counter.statement_panel import StatementPanel
from counter_app.ui.widgets.status_bar import HallStatusBar


class CounterWindow(QMainWindow):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("counterWindow")
        number = ctx.session.counter_number or 1
        self.setWindowTitle(self.tr("Counter {number} — {hall}").format(number=number, hall=ctx.session.hall.name))
        self.queue_panel = QueuePanel(ctx)
        self.identify = IdentifyBar(ctx)
        self.customer_view = CustomerView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("counterTabs")
        self.service_flow = ServiceFlowPanel(ctx)
        self.payment_panel = PaymentPanel(ctx)
        self.statement_panel = StatementPanel(ctx)
        self.complaints_panel = ComplaintsPanel(ctx)
        self.tabs.addTab(self.customer_view, self.tr("Customer"))
        self.tabs.addTab(self.service_flow, self.tr("Business"))
        self.tabs.addTab(self.payment_panel, self.tr("Payment"))
        self.tabs.addTab(self.statement_panel, self.tr("Bills and records"))
        self.tabs.addTab(self.complaints_panel, self.tr("Complaints"))

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.addWidget(self.identify)
        centre_layout.addWidget(self.tabs, 1)
        body = QWidget()
        row = QHBoxLayout(body)
        row.addWidget(self.queue_panel, 1)
        row.addWidget(centre, 3)
        self.setCentralWidget(body)
        self.setStatusBar(HallStatusBar(ctx))

        # The form-free flow: a found customer is shown whole; F9 starts a business; a bill
        # payment is the Payment panel's.
        self.identify.identified.connect(lambda _id: self.tabs.setCurrentWidget(self.customer_view))
        self.service_flow.paymentRequested.connect(lambda _id: self.tabs.setCurrentWidget(self.payment_panel))
        self.service_flow.wantsFront.connect(lambda: self.tabs.setCurrentWidget(self.service_flow))
        start_business = self.service_flow.start_action
        focus_search = QAction(self.tr("Find customer"), self)
        focus_search.setShortcut(QKeySequence("Ctrl+F"))
        focus_search.triggered.connect(lambda: (self.identify.query.setFocus(), self.identify.query.selectAll()))
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out.triggered.connect(self.signedOut.emit)
        menu = self.menuBar().addMenu(self.tr("&Counter"))
        menu.addAction(focus_search)
        menu.addAction(start_business)
        menu.addAction(self.customer_view.verify_action)
        menu.addSeparator()
        menu.addAction(sign_out)
        self.resize(1280, 800)
        self.identify.query.setFocus()
