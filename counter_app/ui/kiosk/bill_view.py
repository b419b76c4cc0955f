"""The kiosk's bill lookup: number + service password, then the same bill as the counter prints.

The bill comes from ``services.statements.kiosk_bill`` (the same data the counter and the CLI
use) and is shown in the same ``BillView``. After ``ctx.config.kiosk_idle_s`` seconds without
a touch the view forgets the customer and emits ``closed``, so the next person at the kiosk
never sees someone else's bill. The fee standards are one button away, without a password.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.services import fees, statements
from counter_app.ui.context import AppContext
from counter_app.ui.counter.statement_views import BillView, FeeStandardsView
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.kiosk.keypad import Keypad
from counter_app.ui.ops import Op
from counter_app.ui.style import apply_role, icon, set_tone

PAGE_LOGIN, PAGE_BILL, PAGE_FEES = range(3)


class KioskBillView(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskBillView")
        self.months: list[str] = []
        self._password = ""
        # A touchscreen read standing up: its type sizes are the kiosk role's (resources/theme).
        apply_role(self, "kiosk")

        self.pages = QStackedWidget()
        self.pages.addWidget(self._login_page())
        self.pages.addWidget(self._bill_page())
        self.pages.addWidget(self._fees_page())
        QVBoxLayout(self).addWidget(self.pages)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(max(10, int(getattr(ctx.config, "kiosk_idle_s", 60))) * 1000)
        self.idle.timeout.connect(self.finish)
        self.installEventFilter(self)
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)
        self.idle.start()
        self.phone.setFocus()

    def _login_page(self) -> QWidget:
        """The number and service password, typed on the keypad; fee standards and Back."""
        title = QLabel(self.tr("Look up my bill"))
        title.setObjectName("kioskBillTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phone = QLineEdit()
        self.phone.setObjectName("kioskPhone")
        self.phone.setPlaceholderText(self.tr("Mobile number"))
        self.phone.setMaxLength(11)
        self.password = QLineEdit()
        self.password.setObjectName("kioskPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Service password"))
        self.password.setMaxLength(6)
        self.phone.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.look_up)
        self.show_button = QPushButton(self.tr("Show my bill"))
        self.show_button.setObjectName("kioskShowBill")
        self.show_button.setProperty("category", True)  # the page's one main action, in the brand colour
        self.show_button.setIcon(icon("kiosk:bill", "on_primary", "kiosk"))
        self.show_button.setIconSize(QSize(40, 40))
        self.show_button.setMinimumHeight(72)
        self.show_button.clicked.connect(self.look_up)
        self.fees_button = QPushButton(self.tr("Fee standards"))
        self.fees_button.setObjectName("kioskFees")
        self.fees_button.setMinimumHeight(72)
        self.fees_button.clicked.connect(self.show_fees)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("kioskBillBack")
        self.back_button.setIcon(icon("kiosk:back", role="kiosk"))
        self.back_button.setIconSize(QSize(40, 40))
        self.back_button.setMinimumHeight(72)
        self.back_button.clicked.connect(self.finish)
        self.message = QLabel()
        self.message.setObjectName("kioskBillMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self.message, "error")
        # The kiosk has no keyboard: the keypad types into whichever field was touched last and
        # moves on to the password once the number is complete.
        self.keypad = Keypad(self.phone)
        self.keypad.setFixedWidth(420)
        for button in self.keypad.buttons.values():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keypad.typed.connect(self._keypad_typed)
        login = QWidget()
        form = QFormLayout()
        form.addRow(self.tr("Number"), self.phone)
        form.addRow(self.tr("Password"), self.password)
        login_row = QHBoxLayout(login)
        login_layout = QVBoxLayout()
        login_row.addLayout(login_layout, 1)
        login_row.addSpacing(24)
        login_row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignVCenter)
        login_layout.addStretch(1)
        login_layout.addWidget(title)
        login_layout.addLayout(form)
        login_layout.addWidget(self.message)
        login_layout.addWidget(self.show_button)
        row = QHBoxLayout()
        row.addWidget(self.fees_button)
        row.addWidget(self.back_button)
        login_layout.addLayout(row)
        login_layout.addStretch(1)
        return login

    def _bill_page(self) -> QWidget:
        """The bill of a chosen month, read large."""
        self.bill_view = BillView(large=True)
        self.month = QComboBox()
        self.month.setObjectName("kioskMonth")
        self.month.setMinimumHeight(56)
        self.month.activated.connect(lambda _i: self.load_month(self.month.currentText()))
        done = QPushButton(self.tr("Done"))
        done.setObjectName("kioskBillDone")
        done.setIcon(icon("kiosk:done", role="kiosk"))
        done.setIconSize(QSize(40, 40))
        done.setMinimumSize(160, 72)
        done.clicked.connect(self.finish)
        bill_page = QWidget()
        bill_layout = QVBoxLayout(bill_page)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(done)
        bill_layout.addLayout(top)
        bill_layout.addWidget(self.bill_view, 1)
        return bill_page

    def _fees_page(self) -> QWidget:
        """收费项目及标准, and Back to the login page."""
        self.fees_view = FeeStandardsView()
        fees_done = QPushButton(self.tr("Back"))
        fees_done.setMinimumHeight(72)
        fees_done.clicked.connect(lambda: self.pages.setCurrentIndex(PAGE_LOGIN))
        fees_page = QWidget()
        fees_layout = QVBoxLayout(fees_page)
        fees_layout.addWidget(self.fees_view, 1)
        fees_layout.addWidget(fees_done)
        return fees_page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin):
            self.idle.start()
        elif event.type() == QEvent.Type.FocusIn and watched in (self.phone, self.password):
            self.keypad.target = watched
        return False

    def _keypad_typed(self) -> None:
        if self.keypad.target is self.phone and len(self.phone.text()) == self.phone.maxLength():
            self.password.setFocus()
            self.keypad.target = self.password

    def look_up(self) -> None:
        self.message.clear()
        session, phone, password = self.ctx.session, self.phone.text(), self.password.text()
        self.show_button.setEnabled(False)

        def done(data: statements.BillData) -> None:
            self.show_button.setEnabled(True)
            self._password = password
            self.password.clear()
            self.show_bill(data)
            Op(self, lambda: statements.kiosk_months(session, phone, password)).success(self.set_months).run()

        Op(self, lambda: statements.kiosk_bill(session, phone, password)).success(done).failure(self._failed).run()

    def set_months(self, months: list[str]) -> None:
        current = self.bill_view.data.header.period if self.bill_view.data else ""
        self.month.clear()
        self.month.addItems(months)
        if current in months:
            self.month.setCurrentIndex(months.index(current))

    def load_month(self, month: str) -> None:
        if not month or self.bill_view.data is None:
            return
        session, phone, password = self.ctx.session, self.bill_view.data.header.phone, self._password
        Op(self, lambda: statements.kiosk_bill(session, phone, password, month)).success(self.show_bill) \
            .failure(self._failed).latest("bill").run()

    def show_bill(self, data: statements.BillData) -> None:
        self.bill_view.show_bill(data)
        self.pages.setCurrentIndex(PAGE_BILL)

    def show_fees(self) -> None:
        session = self.ctx.session
        Op(self, lambda: fees.fee_standards(session)).success(
            lambda d: (self.fees_view.show_fees(d), self.pages.setCurrentIndex(PAGE_FEES))).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.password.clear()
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
            self.pages.setCurrentIndex(PAGE_LOGIN)
        else:
            show_error(self, exc)

    def finish(self) -> None:
        """Forget the customer (the next person must not see this bill) and go back."""
        self._password = ""
        self.keypad.target = self.phone
        self.phone.clear()
        self.password.clear()
        self.message.clear()
        self.month.clear()
        self.bill_view.show_placeholder()
        self.pages.setCurrentIndex(PAGE_LOGIN)
        self.idle.stop()
        self.closed.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.idle.start()
        super().showEvent(event)
