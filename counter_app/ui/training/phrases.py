"""The hall's standard phrases at the counter (服务规范用语): one quiet line under the customer
field says what to say at the step the clerk is at: the greeting when a ticket is called, the
identity check when the customer is found or the verification opens, the confirmation when the
slip waits for the signature, the payment on the Payment tab, the farewell when the business is
done. Added to the counter window from outside; the wording comes from ``services.phrases``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import phrases as phrase_service
from counter_app.ui.errors import user_text
from counter_app.ui.ops import Op, Topic, connect_while_alive, on_change
from counter_app.ui.style import set_tone


class PhraseStrip(QLabel):
    def __init__(self, window: QMainWindow, ctx) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window_ = window
        self.setObjectName("phraseStrip")
        set_tone(self, "phrase")
        self.setWordWrap(True)
        self.setToolTip(QCoreApplication.translate("Phrases", "The hall's standard phrase for this step"))
        self.wording: dict[str, dict[str, str]] = {}
        self.step = ""
        self._load()
        on_change(self, ctx, {Topic.SETUP, Topic.SYNC}, self._load)
        self._calling = False
        connect_while_alive(self, ctx.ticketChanged, self._ticket)
        connect_while_alive(self, ctx.customerChanged, self._customer)
        flow = getattr(window, "service_flow", None)
        if flow is not None:
            from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_PREVIEW

            pages = {PAGE_PREVIEW: "confirm", PAGE_DONE: "farewell"}
            flow.stack.currentChanged.connect(lambda index: self.show_step(pages[index]) if index in pages else None)
        tabs = getattr(window, "tabs", None)
        payment = getattr(window, "payment_panel", None)
        if tabs is not None and payment is not None:
            tabs.currentChanged.connect(lambda _i: self.show_step("payment") if tabs.currentWidget() is payment
                                        else None)

    def _ticket(self, ticket) -> None:
        self.show_step("greeting" if ticket else "")
        # A called ticket often brings its customer along in the same turn: that is still the
        # greeting; the identity check comes when the clerk finds the customer.
        self._calling = bool(ticket)
        QTimer.singleShot(0, self._called)

    def _called(self) -> None:
        self._calling = False

    def _customer(self, account) -> None:
        if account and not self._calling:
            self.show_step("identity")

    def _load(self) -> None:
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: phrase_service.phrases(hall_code)).success(self._loaded).run()

    def _loaded(self, wording: dict) -> None:
        self.wording = wording
        self.show_step(self.step)

    def show_step(self, step: str) -> None:
        self.step = step
        row = self.wording.get(step)
        if not row:
            self.clear()
            return
        text = row["zh"] if self.ctx.lang.startswith("zh") else row["en"]
        self.setText(f"“{text}”" if not self.ctx.lang.startswith("zh") else f"「{text}」")


def attach(window: QMainWindow, ctx) -> PhraseStrip | None:
    """Put the phrase line under the customer field of a counter window."""
    identify = getattr(window, "identify", None)
    host = identify.parentWidget() if identify is not None else None
    layout = host.layout() if host is not None else None
    if layout is None:
        return None
    strip = PhraseStrip(window, ctx)
    layout.insertWidget(layout.indexOf(identify) + 1, strip)
    window.phrases = strip
    return strip


class PhrasesDialog(QDialog):
    """The manager edits the hall's phrases, both languages for every step."""

    def __init__(self, ctx, wording: dict[str, dict[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("phrasesDialog")
        self.setWindowTitle(self.tr("Standard phrases"))
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Step")), 0, 0)
        grid.addWidget(QLabel("中文"), 0, 1)
        grid.addWidget(QLabel("English"), 0, 2)
        for row, step in enumerate(phrase_service.STEPS, start=1):
            grid.addWidget(QLabel(phrase_service.step_name(step, ctx.lang)), row, 0)
            for column, lang in enumerate(("zh", "en"), start=1):
                edit = QLineEdit(wording[step][lang])
                edit.setObjectName(f"phrase_{step}_{lang}")
                edit.setMinimumWidth(320)
                self.edits[(step, lang)] = edit
                grid.addWidget(edit, row, column)
        self.message = QLabel()
        self.message.setObjectName("phrasesMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        out: dict[str, dict[str, str]] = {}
        for (step, lang), edit in self.edits.items():
            out.setdefault(step, {})[lang] = edit.text()
        return out

    def save(self) -> None:
        session, values = self.ctx.session, self.values()
        self.message.clear()
        Op(self, lambda: phrase_service.save_phrases(session, values), changes={Topic.SETUP}) \
            .success(lambda _saved: self.accept()).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        from counter_app.errors import UserError

        if not isinstance(exc, UserError):
            from counter_app.ui.errors import show_error

            show_error(self, exc)
            return
        self.message.setText(user_text(exc))
        field = getattr(exc, "field", "") or ""
        step, _, lang = field.partition(".")
        edit = self.edits.get((step, lang))
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
