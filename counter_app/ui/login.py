"""The login window: staff number and password, language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.services import auth, seat
from counter_app.ui.context import AppContext
from counter_app.ui.errors import user_text
from counter_app.ui.ops import Op
from counter_app.ui.style import apply_role, set_tone


class LoginWindow(QWidget):
    """Emits ``signedIn`` after a successful login; ``languageChanged`` when the clerk picks
    another language (the shell rebuilds the window in it)."""

    signedIn = Signal(object)
    languageChanged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("loginWindow")
        apply_role(self, "counter")
        self.setWindowTitle(self.tr("Sign in — {hall}").format(hall=ctx.session.hall.name))
        title = QLabel(ctx.session.hall.name)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(title.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Front counter · {mode}").format(mode=self.mode_name(ctx.config.mode)))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("staffNo")
        self.staff_no.setPlaceholderText(self.tr("e.g. 1001"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.lang.startswith("zh") else 1)
        self.language.currentIndexChanged.connect(lambda _i: self.languageChanged.emit(self.language.currentData()))
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("signIn")
        self.sign_in.setDefault(True)
        self.sign_in.clicked.connect(self.attempt)
        self.staff_no.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)

        form = QFormLayout()
        form.addRow(self.tr("Staff number"), self.staff_no)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Language"), self.language)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        card = QFrame()
        card.setObjectName("loginCard")
        card.setFixedWidth(440)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(16)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.setMinimumSize(520, 380)
        self.staff_no.setFocus()

    def mode_name(self, mode: str) -> str:
        return {
            "counter": self.tr("Counter"),
            "manager": self.tr("Manager"),
            "kiosk": self.tr("Kiosk"),
            "display": self.tr("Calling display"),
        }.get(mode, mode)

    def attempt(self) -> None:
        """Check the password on a worker (Argon2 and the audit row); a second Enter meanwhile
        does nothing."""
        if not self.sign_in.isEnabled():
            return
        self.message.clear()
        self._sign_in(self.staff_no.text(), self.password.text(), move=False)

    def _sign_in(self, staff_no: str, password: str, *, move: bool) -> None:
        """At a counter terminal the clerk also sits down at its counter (one clerk at one
        counter, ``services/seat.py``); elsewhere it is the sign-in alone."""
        self.sign_in.setEnabled(False)
        session, at_counter = self.ctx.session, self.ctx.config.mode == "counter"

        def work():
            if not at_counter:
                return auth.login(session, staff_no, password), None
            staff, moved = auth.sign_in_at_counter(session, staff_no, password, move=move)
            return staff, seat.notice(moved, session.counter_number or 0)

        Op(self, work).after(lambda: self.sign_in.setEnabled(True)).success(self._signed_in) \
            .failure(lambda exc: self._refused(exc, staff_no, password)).run()

    def _signed_in(self, result) -> None:
        staff, told = result
        self.password.clear()
        if told is not None:
            self.ctx.session.extra["seat_notice"] = told  # the counter's queue panel says it
        self.signedIn.emit(staff)

    def ask_move(self, exc: seat.SeatTaken, staff_no: str, password: str) -> None:
        """A customer is in service at the clerk's other counter (or at this counter for a
        colleague): say where, and move only when asked to; Cancel is the default."""
        own = exc.staff_no == staff_no.strip()
        box = QMessageBox(QMessageBox.Icon.Question,
                          self.tr("Signed in at another counter") if own else self.tr("This counter is in use"),
                          user_text(exc), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("seatQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(
            self.tr("Move here") if own else self.tr("Take over this counter"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._sign_in(staff_no, password, move=True)
            else:
                self.message.setText(user_text(exc))
                self.password.clear()
                self.password.setFocus()

        box.buttonClicked.connect(answered)
        self.seat_question = box
        box.open()

    def _refused(self, exc: BaseException, staff_no: str = "", password: str = "") -> None:
        if isinstance(exc, seat.SeatTaken):
            self.ask_move(exc, staff_no, password)
            return
        if not isinstance(exc, UserError):
            from counter_app.ui.errors import show_error

            show_error(self, exc)
            return
        self.message.setText(user_text(exc))
        self.password.clear()
        self.password.setFocus()
