"""The counter's queue panel: the ticket being served, the calling keys, the service timer
and the waiting list of the categories this counter serves.

Keys (the clerk's hands stay on the keyboard): F1 call next, F2 recall, F3 transfer,
F4 no-show, F5 finish, F6 pause / resume. Every action runs on a worker thread; the panel
shows what the service returns and tells the rest of the window through the AppContext.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import UserError
from counter_app.i18n import pick
from counter_app.services import queue, seat
from counter_app.services.validation import mask_phone
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import icon
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import Column, RowsModel
from counter_app.ui.widgets.vip_alert import VipAlert

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))

REFRESH_MS = 3000
COL_CODE, COL_CATEGORY, COL_WAITED, COL_NOTE = range(4)


def waiting_note(ticket: queue.WaitingTicket) -> str:
    notes = []
    if ticket.priority:
        notes.append(translate("WaitingModel", "priority"))
    if ticket.overdue:
        notes.append(translate("WaitingModel", "over target"))
    if ticket.targeted:
        notes.append(translate("WaitingModel", "sent to this counter"))
    return ", ".join(notes)


def waited(ticket: queue.WaitingTicket) -> str:
    return translate("WaitingModel", "{minutes} min").format(minutes=ticket.waited_min)


def waiting_model(category_names: dict[str, str], parent=None) -> RowsModel:
    """The tickets this counter may call, in calling order; ``category_names`` (code → name in
    the window's language) is filled with each refresh. Category and note have their whole
    text as tooltip (the columns are cut short)."""

    def category(ticket: queue.WaitingTicket) -> str:
        return category_names.get(ticket.category, ticket.category)

    return RowsModel([
        Column(translate("WaitingModel", "Number"), lambda t: t.code),
        Column(translate("WaitingModel", "Category"), category, tooltip=category),
        Column(translate("WaitingModel", "Waited"), waited, key=lambda t: t.waited_min),
        Column(translate("WaitingModel", "Note"), waiting_note, tooltip=waiting_note),
    ], parent, row_id=lambda t: t.id)


class TransferDialog(QDialog):
    """Where the customer goes: another category's queue, or a named counter.

    The ticket's own category is listed (so the clerk sees where the customer is) but cannot
    be chosen, and nothing is chosen at first: OK stays off until the clerk picks a queue or a
    counter, so Enter on the dialog never sends the customer back where they already are."""

    def __init__(self, lang: str, counters: list[int], own: int, categories: list[tuple[str, str, str, str]],
                 parent: QWidget | None = None, current: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer the customer"))
        self.to_category = QRadioButton(self.tr("To the queue of"))
        self.to_counter = QRadioButton(self.tr("To counter"))
        self.category = QComboBox()
        self.category.setObjectName("transferCategory")
        self.category.setPlaceholderText(self.tr("Choose a queue"))
        for code, prefix, zh, en in categories:
            if code == current:
                self.category.addItem(self.tr("{name} (where the customer is now)").format(
                    name=f"{prefix} {pick(lang, zh, en)}"), code)
                item = self.category.model().item(self.category.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
            else:
                self.category.addItem(f"{prefix} {pick(lang, zh, en)}", code)
        self.category.setCurrentIndex(-1)
        self.counter = QComboBox()
        self.counter.setObjectName("transferCounter")
        self.counter.setPlaceholderText(self.tr("Choose a counter"))
        for number in counters:
            if number != own:
                self.counter.addItem(self.tr("Counter {number}").format(number=number), number)
        self.counter.setCurrentIndex(-1)
        self.category.activated.connect(lambda _i: self.to_category.setChecked(True))
        self.counter.activated.connect(lambda _i: self.to_counter.setChecked(True))
        form = QFormLayout(self)
        form.addRow(self.to_category, self.category)
        form.addRow(self.to_counter, self.counter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for signal in (self.to_category.toggled, self.to_counter.toggled, self.category.currentIndexChanged,
                       self.counter.currentIndexChanged):
            signal.connect(self._allow)
        self._allow()

    def _allow(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.target() is not None)

    def target(self) -> dict | None:
        """The chosen destination, or None while nothing valid is chosen."""
        if self.to_counter.isChecked() and self.counter.currentIndex() >= 0:
            return {"to_counter": self.counter.currentData()}
        if self.to_category.isChecked() and self.category.currentIndex() >= 0:
            return {"to_category": self.category.currentData()}
        return None


class QueuePanel(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("queuePanel")
        self.number = ctx.session.counter_number or 1
        self.setTitle(self.tr("Queue — counter {number}").format(number=self.number))
        self.current: object | None = None  # the ticket as last shown (its Ticket row)
        self.busy = False
        self.paused = False  # read with every refresh

        self._current_labels()
        grid = self._calling_keys()
        self._waiting_table()

        self.vip_alert = VipAlert(ctx, self.number)  # VIP members this counter may call
        layout = QVBoxLayout(self)
        layout.addWidget(self.vip_alert)
        layout.addWidget(self.code)
        layout.addWidget(self.who)
        layout.addWidget(self.detail)
        layout.addWidget(self.timer_label)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.table, 1)

        self.second = QTimer(self)
        self.second.setInterval(1000)
        self.second.timeout.connect(self._tick)
        self.second.start()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        on_change(self, ctx, {Topic.QUEUE}, self.refresh)
        self._show_current(None)
        told = ctx.session.extra.pop("seat_notice", None)  # what sitting down here changed elsewhere
        if told is not None:
            self.message.setText(translate("Seat", told[0]).format(**told[1]))
        self.refresh()

    def _current_labels(self) -> None:
        """The ticket being served (its number large), who and what for, the service timer and
        the panel's last message."""
        self.code = QLabel("—")
        self.code.setObjectName("queueCurrentCode")
        font = QFont(self.code.font())
        font.setPointSize(30)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel()
        self.who.setObjectName("queueCurrentWho")
        self.who.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("queueCurrentDetail")
        self.detail.setWordWrap(True)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("queueServiceTimer")
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)

    def _calling_keys(self) -> QGridLayout:
        """F1–F6 as window actions, each with its button (two a row)."""
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        specs = [
            ("next", self.tr("Call next"), "F1", self.call_next),
            ("recall", self.tr("Recall"), "F2", lambda: self._run("recall")),
            ("transfer", self.tr("Transfer"), "F3", self.transfer),
            ("noshow", self.tr("No-show"), "F4", lambda: self._run("noshow")),
            ("finish", self.tr("Finish"), "F5", lambda: self._run("finish")),
            ("pause", self.tr("Pause"), "F6", self.toggle_pause),
        ]
        for i, (name, text, key, slot) in enumerate(specs):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            button = QPushButton(f"{text}  ({key})")
            button.setObjectName(f"queue_{name}")
            button.setIcon(icon(f"queue:{name}", size=32))
            button.clicked.connect(action.trigger)
            self.actions[name] = action
            self.buttons[name] = button
            grid.addWidget(button, i // 2, i % 2)
        return grid

    def _waiting_table(self) -> None:
        """The tickets this counter may call, and the title that counts them."""
        self.category_names: dict[str, str] = {}  # read with the waiting list
        self.model = waiting_model(self.category_names, self)
        self.table = eliding(QTableView())
        self.table.setObjectName("queueWaiting")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        # Number and wait take their width; category and note share the rest, cut short with "…"
        # (the whole text in the tooltip): the panel never scrolls sideways (English is longer).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CATEGORY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.waiting_title = QLabel()

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Re-read the current ticket and the waiting list (other terminals change them)."""
        session, number = self.ctx.session, self.number

        def work():
            ticket = queue.current_ticket(session, number)
            return (ticket, _describe(session, ticket), queue.waiting_list(session, number),
                    queue.counter_status(session.hall_code, number) == "paused", _category_names(),
                    seat.seated_elsewhere(session, number))

        Op(self, work).latest("refresh").success(self._refreshed).failure(self._refresh_failed).run()

    def _refreshed(self, result) -> None:
        ticket, description, waiting, paused, names, elsewhere = result
        if elsewhere is not None:  # the clerk signed in at another counter since: this one is closed
            self.message.setText(self.tr("You are signed in at counter {other} now; counter {number} is closed. "
                                         "Sign out here.").format(other=elsewhere, number=self.number))
        self.category_names.clear()
        self.category_names.update({code: pick(self.ctx.lang, zh, en) for code, (zh, en) in names.items()})
        if not self.busy:
            self.paused = paused
            self._show_current(ticket, description)
        self.model.set_rows(waiting)
        self.waiting_title.setText(self.tr("Waiting for this counter: {count}").format(count=len(waiting)))

    def _refresh_failed(self, exc: BaseException) -> None:
        self.message.setText(user_text(exc))

    # ------------------------------------------------------------------ acting

    def call_next(self) -> None:
        expected = self.current.id if self.current is not None else None
        self._run("next", expect_current=expected)

    def transfer(self) -> None:
        if self.current is None or self.busy:
            return
        hall = self.ctx.session.hall_code
        Op(self, lambda: (queue.counter_numbers(hall), [(c.code, c.prefix, c.name_zh, c.name_en)
                                                          for c in queue.categories()])) \
            .success(self._ask_transfer).run()

    def _ask_transfer(self, choices) -> None:
        counters, categories = choices
        if self.current is None or self.busy:
            return
        dialog = TransferDialog(self.ctx.lang, counters, self.number, categories, self,
                                current=getattr(self.current, "category", ""))
        target = dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if target is not None:
            self._run("transfer", **target)

    def toggle_pause(self) -> None:
        self._run("resume" if self.paused else "pause")

    def _run(self, action: str, **kwargs) -> None:
        if self.busy:
            return  # a second press while the first is on its way does nothing
        session, number = self.ctx.session, self.number
        operation = {"next": queue.call_next, "recall": queue.recall, "noshow": queue.no_show,
                     "finish": queue.finish, "transfer": queue.transfer, "pause": queue.pause,
                     "resume": queue.resume}[action]

        def work():
            seat.ensure_here(session, number)  # not from a window its clerk has left for another counter
            result = operation(session, number, **kwargs)
            ticket = result if action in ("next", "recall") else None
            account = queue.account_for_ticket(session, ticket) if ticket is not None else None
            return result, ticket, _describe(session, ticket), account

        self.busy = True
        for button in self.buttons.values():
            button.setEnabled(False)
        Op(self, work, changes={Topic.QUEUE}).after(self._unbusy) \
            .success(lambda r: self._done(action, r)).failure(self._failed).run()

    def _done(self, action: str, result) -> None:
        outcome, ticket, description, account = result
        if action in ("pause", "resume"):
            self.paused = action == "pause"
        if action == "next" and ticket is None:
            self.message.setText(self.tr("Nobody is waiting for this counter."))
        elif action == "noshow":
            self.message.setText(self.tr("{code} requeued at the back.").format(code=outcome.code)
                                 if outcome.status == "waiting" else
                                 self.tr("{code} dropped as a no-show.").format(code=outcome.code))
        elif action == "transfer":
            self.message.setText(self.tr("{code} transferred.").format(code=outcome.code))
        else:
            self.message.clear()
        self._show_current(ticket, description)
        if action == "next":
            self.ctx.select_ticket(ticket.id if ticket is not None else None)
            if ticket is not None and (account is not None or self.ctx.current_account is not None):
                # a new customer at the counter: never leave the previous one on screen
                self.ctx.select_customer(account)
        elif action in ("finish", "noshow", "transfer"):
            self.ctx.select_ticket(None)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def _unbusy(self) -> None:
        self.busy = False
        for button in self.buttons.values():
            button.setEnabled(True)

    # ------------------------------------------------------------------ showing

    def _show_current(self, ticket, description: dict | None = None) -> None:
        self.current = ticket
        serving = ticket is not None
        for name in ("recall", "transfer", "noshow", "finish"):
            self.actions[name].setEnabled(serving)
            self.buttons[name].setEnabled(serving and not self.busy)
        self.actions["pause"].setText(self.tr("Resume") if self.paused else self.tr("Pause"))
        self.buttons["pause"].setText((self.tr("Resume") if self.paused else self.tr("Pause")) + "  (F6)")
        if ticket is None:
            self.code.setText("—")
            self.who.setText(self.tr("Paused: press F6 to resume.") if self.paused else
                             self.tr("Press F1 to call the next customer."))
            self.detail.clear()
            self.timer_label.clear()
            return
        description = description or {}
        self.code.setText(ticket.code)
        name, phone = description.get("name", ""), description.get("phone", "")
        if name or phone:
            self.who.setText(self.tr("Customer: {name} {phone}").format(name=name, phone=mask_phone(phone)).strip())
        else:
            self.who.setText(self.tr("Customer not known yet"))
        waited = int((ticket.called_at - ticket.issued_at).total_seconds() // 60) if ticket.called_at else 0
        zh, en = description.get("category", (ticket.category, ticket.category))
        cat = pick(self.ctx.lang, zh, en)
        self.detail.setText(self.tr("{category} · waited {minutes} min · recalls {recalls}").format(
            category=cat, minutes=waited, recalls=ticket.recalls))
        self._tick()

    def _tick(self) -> None:
        ticket = self.current
        if ticket is None or ticket.called_at is None:
            return
        seconds = max(0, int((clock.now() - ticket.called_at).total_seconds()))
        self.timer_label.setText(self.tr("Serving for {time}").format(time=str(dt.timedelta(seconds=seconds))))


def _category_names() -> dict[str, tuple[str, str]]:
    """Category names by code, read on the worker thread."""
    return {c.code: (c.name_zh, c.name_en) for c in queue.categories()}


def _describe(session, ticket) -> dict:
    """Who and what, read on the worker thread (names need the database)."""
    if ticket is None:
        return {}
    from counter_app.models import QueueCategory

    cat = QueueCategory.get_or_none(QueueCategory.code == ticket.category)
    return {"name": queue.customer_name(session, ticket), "phone": ticket.phone,
            "category": (cat.name_zh, cat.name_en) if cat else (ticket.category, ticket.category)}
