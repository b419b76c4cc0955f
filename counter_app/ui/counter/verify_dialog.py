"""Verifying the subscriber before a sensitive business or view (详单, SIM replacement, loss
report, PUK, SP subscription): the owner's ID document, the service password the customer
types, or an agent with the owner's written authorisation. The check runs on a worker
(``services.verification``); its result is audited there.

:func:`ensure_verified` is what panels call: it goes straight on when the line was verified
in the last minutes at this terminal, else opens the dialog and goes on once it passed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.services import id_documents, verification
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic, changes_of
from counter_app.ui.style import set_tone

PAGE_DOCUMENT, PAGE_PASSWORD, PAGE_AGENT = range(3)


def _types_box(lang: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for code, kind in id_documents.DOC_TYPES.items():
        box.addItem(kind.name(lang), code)
    return box


class VerifyDialog(QDialog):
    verified = Signal(object)  # services.verification.Verified

    def __init__(self, ctx: AppContext, account_id, phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id = account_id
        self.phone = phone
        self._busy = False
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify the subscriber of {phone}").format(phone=phone))
        lang = ctx.lang
        choices = self._method_choices()
        pages = (self._document_page(lang), self._password_page(), self._agent_page(lang))
        self._build_pages_and_buttons(pages)
        self._lay_out(choices)
        self.methods.button(PAGE_DOCUMENT).setChecked(True)
        self.resize(560, 360)

    def _method_choices(self) -> QHBoxLayout:
        """One radio button per way of verifying; each shows its page."""
        self.methods = QButtonGroup(self)
        choices = QHBoxLayout()
        for page, (name, text) in enumerate((
                ("verifyByDocument", self.tr("ID &document")), ("verifyByPassword", self.tr("Service &password")),
                ("verifyByAgent", self.tr("&Agent with authorisation")))):
            button = QRadioButton(text)
            button.setObjectName(name)
            self.methods.addButton(button, page)
            choices.addWidget(button)
        choices.addStretch(1)
        return choices

    def _document_page(self, lang: str) -> QWidget:
        """The subscriber's ID document: its type and number (typed or read by the reader)."""
        self.id_type = _types_box(lang, "verifyIdType")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("verifyIdNumber")
        self.id_number.setPlaceholderText(self.tr("Type it, or read the card with the reader"))
        document = QWidget()
        form = QFormLayout(document)
        form.addRow(self.tr("Document type"), self.id_type)
        form.addRow(self.tr("Document number"), self.id_number)
        return document

    def _password_page(self) -> QWidget:
        """The line's service password, typed by the customer."""
        self.password = QLineEdit()
        self.password.setObjectName("verifyPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(6)
        password = QWidget()
        form = QFormLayout(password)
        form.addRow(QLabel(self.tr("The customer types the line's 6-digit service password.")))
        form.addRow(self.tr("Service password"), self.password)
        return password

    def _agent_page(self, lang: str) -> QWidget:
        """An agent (代办): the subscriber's document, the agent's own and the authorisation."""
        self.owner_type = _types_box(lang, "verifyOwnerIdType")
        self.owner_number = QLineEdit()
        self.owner_number.setObjectName("verifyOwnerIdNumber")
        self.agent_name = QLineEdit()
        self.agent_name.setObjectName("verifyAgentName")
        self.agent_type = _types_box(lang, "verifyAgentIdType")
        self.agent_number = QLineEdit()
        self.agent_number.setObjectName("verifyAgentIdNumber")
        self.authorisation = QLineEdit()
        self.authorisation.setObjectName("verifyAuthorisation")
        self.authorisation.setPlaceholderText(self.tr("Number or content of the signed authorisation kept on file"))
        agent = QWidget()
        form = QFormLayout(agent)
        form.addRow(self.tr("Subscriber's document type"), self.owner_type)
        form.addRow(self.tr("Subscriber's document number"), self.owner_number)
        form.addRow(self.tr("Agent's name"), self.agent_name)
        form.addRow(self.tr("Agent's document type"), self.agent_type)
        form.addRow(self.tr("Agent's document number"), self.agent_number)
        form.addRow(self.tr("Written authorisation"), self.authorisation)
        return agent

    def _build_pages_and_buttons(self, pages: tuple[QWidget, ...]) -> None:
        """The pages in a stack, the message, Verify and Cancel; Enter in a field verifies."""
        self.pages = QStackedWidget()
        for page in pages:
            self.pages.addWidget(page)
        self.methods.idToggled.connect(lambda page, on: on and self._show_page(page))
        self.message = QLabel()
        self.message.setObjectName("verifyMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Verify"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for line in (self.id_number, self.password, self.owner_number, self.agent_name, self.agent_number,
                     self.authorisation):
            line.returnPressed.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)

    def _lay_out(self, choices: QHBoxLayout) -> None:
        hint = QLabel(self.tr("Sensitive businesses and detailed records are for the subscriber only. The check and "
                              "its result are recorded."))
        hint.setWordWrap(True)
        set_tone(hint, "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(choices)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.message.clear()
        first = {PAGE_DOCUMENT: self.id_number, PAGE_PASSWORD: self.password, PAGE_AGENT: self.owner_number}[page]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._show_page(self.pages.currentIndex())

    def done(self, result: int) -> None:
        super().done(result)
        if self.parentWidget() is not None:  # back to the counter window's keyboard
            self.parentWidget().window().activateWindow()

    def _work(self) -> Callable[[], verification.Verified]:
        session, account_id = self.ctx.session, self.account_id
        page = self.pages.currentIndex()
        if page == PAGE_PASSWORD:
            secret = self.password.text()
            return lambda: verification.by_service_password(session, account_id, password=secret)
        if page == PAGE_AGENT:
            values = dict(owner_id_number=self.owner_number.text(), owner_id_type=self.owner_type.currentData(),
                          agent_name=self.agent_name.text(), agent_id_number=self.agent_number.text(),
                          agent_id_type=self.agent_type.currentData(), authorisation=self.authorisation.text())
            return lambda: verification.by_agent(session, account_id, **values)
        number, kind = self.id_number.text(), self.id_type.currentData()
        return lambda: verification.by_id_document(session, account_id, id_number=number, id_type=kind)

    def submit(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.message.setText(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        Op(self, self._work(), changes={Topic.VERIFICATION}).success(self._passed).failure(self._failed).run()

    def _passed(self, verified: verification.Verified) -> None:
        self._busy = False
        self.ctx.statusMessage.emit(self.tr("Subscriber of {phone} verified.").format(phone=self.phone))
        self.verified.emit(verified)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.password.clear()
        self.ctx.announce(changes_of(Topic.VERIFICATION, origin=self))  # a failed check is recorded too
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            self.message.clear()
            show_error(self, exc)


def ensure_verified(parent: QWidget, ctx: AppContext, account_id, phone: str, then: Callable[[], None]) -> None:
    """Run ``then`` once the line's subscriber is verified (at once when they already are;
    whether they are is read on a worker)."""
    session = ctx.session

    def checked(found) -> None:
        if found is not None:
            then()
            return
        dialog = VerifyDialog(ctx, account_id, phone, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.verified.connect(lambda _v: then())
        dialog.open()

    Op(parent, lambda: verification.current(session, account_id)).success(checked).run()
