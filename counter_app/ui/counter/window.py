"""The clerk's window: queue on the left, the customer and the business in the middle."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.context import AppContext
from counter_app.ui.counter import keys
from counter_app.ui.counter.complaints_panel import ComplaintsPanel
from counter_app.ui.counter.customer_view import CustomerView, IdentifyBar
from counter_app.ui.counter.payment_panel import PaymentPanel
from counter_app.ui.counter.queue_panel import QueuePanel
from counter_app.ui.counter.service_flow import ServiceFlowPanel
from counter_app.ui.counter.statement_panel import StatementPanel
from counter_app.ui.ops import connect_while_alive
from counter_app.ui.style import apply_role
from counter_app.ui.widgets.status_bar import HallStatusBar
from counter_app.ui.window_size import fit_to_screen


class CounterWindow(QMainWindow):
    signedOut = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("counterWindow")
        apply_role(self, "counter")
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
        # The customer's page scrolls rather than push the window past a 1366×768 screen when a
        # line has much to show (an advice banner, several services, orders and visits).
        self.customer_page = QScrollArea()
        self.customer_page.setObjectName("customerPage")
        self.customer_page.setWidget(self.customer_view)
        self.customer_page.setWidgetResizable(True)
        self.customer_page.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(self.customer_page, self.tr("Customer"))
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
        self.identify.identified.connect(lambda _id: self.tabs.setCurrentWidget(self.customer_page))
        # Another customer is shown from the top of the page (flags and particulars first),
        # wherever the clerk had scrolled the last one's page to.
        connect_while_alive(self, ctx.customerChanged, lambda _id: self.customer_page.verticalScrollBar().setValue(0))
        self.service_flow.paymentRequested.connect(lambda _id: self.tabs.setCurrentWidget(self.payment_panel))
        self.service_flow.wantsFront.connect(lambda: self.tabs.setCurrentWidget(self.service_flow))
        self._leaving = False  # set once the clerk agreed to leave (or nothing was unfinished)
        self.keys = self._install_keys()
        fit_to_screen(self)  # 1280×800 where the screen has room, inside its free area where not
        self.identify.query.setFocus()

    # -- keys ----------------------------------------------------------------------------------

    def _install_keys(self) -> dict[str, QAction]:
        """One action per key of counter/keys.py, each working wherever the focus is."""
        queue_actions = self.queue_panel.actions
        pay, bills, complaints = self.payment_panel, self.statement_panel, self.complaints_panel
        slots = {
            "find": lambda: self.focus_search(),
            "business": lambda: self.service_flow.start(),
            "plan": lambda: self.change_to_recommended_plan(),
            "verify": lambda: self._on_tab(self.customer_page, self.customer_view.verify_subscriber),
            "cash": lambda: self._on_tab(pay, lambda: pay.choose_method("cash")),
            "pos": lambda: self._on_tab(pay, lambda: pay.choose_method("pos")),
            "card": lambda: self._on_tab(pay, lambda: pay.choose_method("card")),
            "remote": lambda: self._on_tab(pay, lambda: pay.choose_method("remote")),
            "due": lambda: self._on_tab(pay, pay.fill_due),
            "confirm": lambda: self.confirm(),
            "reverse": lambda: self._on_tab(pay, pay.reverse_selected),
            "handover": lambda: pay.hand_over(),
            "bill": lambda: self._on_tab(bills, bills.show_bill),
            "records": lambda: self._on_tab(bills, bills.show_records),
            "fees": lambda: self._on_tab(bills, bills.show_fees),
            "print": lambda: self.print_shown(),
            "complaint": lambda: self._on_tab(complaints, complaints.new_complaint),
            "refund": lambda: self._on_tab(complaints, complaints.refund),
            "sign_out": lambda: self.request_sign_out(),
        }
        actions: dict[str, QAction] = {}
        menus = {"counter": self.menuBar().addMenu(self.tr("&Counter")),
                 "queue": self.menuBar().addMenu(self.tr("&Queue")),
                 "payment": self.menuBar().addMenu(self.tr("&Payment")),
                 "bills": self.menuBar().addMenu(self.tr("&Bills")),
                 "complaints": self.menuBar().addMenu(self.tr("C&omplaints"))}
        for key in keys.KEYS:
            if key.name in queue_actions:  # the queue panel's own actions, enabled as it serves
                action = keys.make_action(self, key.name, None, action=queue_actions[key.name])
            else:
                action = keys.make_action(self, key.name, slots[key.name])
                self.addAction(action)
            menus[key.menu].addAction(action)
            actions[key.name] = action
        return actions

    def change_to_recommended_plan(self) -> None:
        """Ctrl+G: the plan change form prefilled with the plan the customer view recommends
        (消费引导); without a recommendation for this line, the status bar says so."""
        rec = self.customer_view.guidance_flag.recommendation
        account = self.service_flow.account
        if rec is None or rec.best is None or account is None or account.phone != rec.phone:
            self.ctx.statusMessage.emit(self.tr("No cheaper plan to offer this customer."))
            return
        self.service_flow.open_recommended_plan(rec.best.code)

    def _on_tab(self, panel: QWidget, then) -> None:
        """A key of a tab's business brings that tab forward, then acts."""
        self.tabs.setCurrentWidget(panel)
        then()

    def focus_search(self) -> None:
        self.identify.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.identify.query.selectAll()

    def confirm(self) -> None:
        """Ctrl+Enter: take the payment on the Payment tab, commit the signed slip on the
        Business tab."""
        tab = self.tabs.currentWidget()
        if tab is self.payment_panel:
            self.payment_panel.pay()
        elif tab is self.service_flow:
            self.service_flow.confirm()

    def print_shown(self) -> None:
        """Ctrl+P: print what the tab shows."""
        tab = self.tabs.currentWidget()
        if tab is self.customer_page:
            self.customer_view.reprint_selected()
        elif tab is self.service_flow:
            self.service_flow.reprint()
        elif tab is self.payment_panel:
            self.payment_panel.print_receipt(self.payment_panel.selected())
        elif tab is self.statement_panel:
            self.statement_panel.print_current()
        elif tab is self.complaints_panel:
            self.complaints_panel.print_ack()

    # -- leaving -----------------------------------------------------------------------------

    def unfinished_work(self) -> list[str]:
        """What signing out or closing now would leave behind, in the clerk's words."""
        work = []
        ticket = self.queue_panel.current
        if ticket is not None:
            work.append(self.tr("customer {code} is still being served").format(code=ticket.code))
        slip = self.service_flow.unsigned_work()
        if slip:
            work.append(slip)
        if self.payment_panel.amount.text().strip():
            work.append(self.tr("an amount is typed on the Payment tab but not taken"))
        return work

    def request_sign_out(self) -> None:
        self._leave(self.signedOut.emit, self.tr("Sign out"))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._leaving or not self.unfinished_work():
            super().closeEvent(event)
            return
        event.ignore()
        self._leave(self.close, self.tr("Close the counter"))

    def _leave(self, then, title: str) -> None:
        """Ask before leaving work unfinished; the question does not block the window."""
        work = self.unfinished_work()
        if not work:
            self._leaving = True
            then()
            return
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          self.tr("Not finished yet: {work}. Leave anyway?").format(work="; ".join(work)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("leaveQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Leave anyway"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Stay"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._leaving = True
                then()

        box.buttonClicked.connect(answered)
        box.open()
