"""The kiosk: a customer takes a queue number by service on a touchscreen.

Pages: start (category buttons, "My bill", language, staff exit), details (optional phone
number; VIP member number), the issued ticket, the bill view, the manager PIN, and "hall
closed" outside opening hours. Large touch targets and an on-screen keypad: no physical
keyboard is needed. An idle kiosk returns to its start page in Chinese.

This module is the flow between the pages (choosing, taking a number, the PIN, the idle
clock, the language); the pages are built in ``pages.py``, the opening state and waiting
counts read in ``outlook.py``, the touch buttons made in ``touch.py``.
"""

from __future__ import annotations

import logging
import time
import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from counter_app.errors import Conflict, UserError
from counter_app.i18n import pick
from counter_app.services import queue, queue_kiosk
from counter_app.services.kiosk_status import KioskStatus
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.outlook import KioskOutlook
from counter_app.ui.kiosk.pages import KioskPages
from counter_app.ui.kiosk.ticket_printer import TicketPrint, print_ticket, problem_text
from counter_app.ui.kiosk.touch import touch_button
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import apply_role, icon

log = logging.getLogger(__name__)

RESULT_SECONDS = 20
HOURS_CHECK_MS = 15_000  # how often the kiosk asks whether it issues numbers (hours, day close)
COUNTS_REFRESH_MS = 5_000  # how often the start page re-reads the waiting counts
# A page the customer did not touch for (a number issued, the hall closing, the idle return)
# can appear under a finger already on its way to the old page: that tap is not for the new
# page (docs/queue.md, "Kiosk"). After an idle return nobody was touching the screen, so a
# tap in the first moments was aimed at the page that left.
TAP_GUARD_S = 0.6
IDLE_GUARD_S = 1.5


class KioskWindow(KioskPages, KioskOutlook, QWidget):
    signedOut = Signal()
    leaveRequested = Signal()
    ticketIssued = Signal(object)  # the Ticket, after it was printed or kept

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.home_lang = ctx.lang
        self.setObjectName("kioskWindow")
        apply_role(self, "kiosk")
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.stack)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle_ms = max(5, ctx.config.kiosk_idle_s) * 1000
        self.idle.timeout.connect(self._idle_home)
        self.taps_from = 0.0  # time.monotonic() before which a tap is not taken (see TAP_GUARD_S)
        self.hours = QTimer(self)
        self.hours.setInterval(HOURS_CHECK_MS)
        self.hours.timeout.connect(self._check_hours)
        self.hours.start()
        self.counts_timer = QTimer(self)
        self.counts_timer.setInterval(COUNTS_REFRESH_MS)
        self.counts_timer.timeout.connect(self.refresh_counts)
        self.counts_timer.start()
        self.reading_counts = False
        self.counts_stale = False  # asked again while a read was under way
        self.chosen = None
        self.press_key = ""
        self.busy = False
        self.last_outcome: TicketPrint | None = None
        self.status: KioskStatus | None = None  # the last answer of kiosk_status; None before the first
        self.checking = False
        self.categories: list | None = None  # the services, read once in a worker
        self.build()
        self._load_categories()
        # A kiosk is touch first; with a keyboard (or a maintenance visit) Esc goes back.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.back)
        self.resize(1024, 768)

    # ------------------------------------------------------------------ pages

    def build(self) -> None:
        """(Re)build every page in the current language."""
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        hall = self.ctx.session.hall
        self.setWindowTitle(self.tr("Take a number — {hall}").format(hall=hall.name))
        self.start_page = self._start_page()
        self.details_page = self._details_page()
        self.result_page = self._result_page()
        self.closed_page = self._closed_page()
        self.pin_page = self._pin_page()
        self.bill_page = self._bill_page()
        self.guide_page = self._guide_page()
        for page in (self.start_page, self.details_page, self.result_page, self.closed_page, self.pin_page,
                     self.bill_page, self.guide_page):
            self.stack.addWidget(page)
        for child in self.stack.findChildren(QWidget):  # every touch restarts the idle clock
            child.installEventFilter(self)
        self.go_home(reset_language=False)

    def _fill_categories(self) -> None:
        """One touch button per service, in the kiosk's language."""
        for i, cat in enumerate(self.categories or []):
            text = f"{cat.prefix}  {pick(self.ctx.lang, cat.name_zh, cat.name_en)}"
            self.category_names[cat.code] = text
            button = touch_button(text, f"category_{cat.code}", 22, f"category:{cat.code}", primary=True)
            button.clicked.connect(lambda _=False, c=cat: self.choose(c))
            button.installEventFilter(self)
            self.category_buttons[cat.code] = button
            self.category_grid.addWidget(button, i // 2, i % 2)

    def _load_categories(self) -> None:
        Op(self, queue.categories).success(self._categories_read).failure(self._categories_failed).run()

    def _categories_read(self, categories) -> None:
        self.categories = list(categories)
        self._fill_categories()
        self.refresh_counts()

    def _categories_failed(self, exc: BaseException) -> None:
        # A busy database at start-up: try again shortly rather than show a dialog to customers.
        log.warning("kiosk could not read the services: %s", exc)
        QTimer.singleShot(2000, self, self._load_categories)

    def show_guide(self) -> None:
        """业务指南: the hall's notices, read afresh in the kiosk's language."""
        self.guide_view.load()
        self._show(self.guide_page)

    # ------------------------------------------------------------------ flow

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        if page is self.pin_page:
            self.pin.clear()
            self.pin_error.clear()
        if page is self.start_page or page is self.closed_page:
            self.idle.stop()
        else:
            self.idle.start(self.idle_ms)

    def go_home(self, reset_language: bool = True) -> None:
        """Back to the start page; an idle kiosk also returns to its own language."""
        self.chosen = None
        leaving_bill = self.stack.currentWidget() is self.bill_page
        if reset_language and self.ctx.lang != self.home_lang:
            self.set_language(self.home_lang)  # rebuilds every page, the bill view with them
            return
        self._show(self.start_page if self.status is None or self.status.is_open else self.closed_page)
        self.refresh_counts()
        self.check_status()
        if leaving_bill:
            self.bill_view.finish()  # the next person must not find this customer's bill

    def _idle_home(self) -> None:
        self.go_home()
        self.changed_by_itself(IDLE_GUARD_S)

    def changed_by_itself(self, seconds: float = TAP_GUARD_S) -> None:
        """The page changed without a tap (a timer, a worker's answer): taps of the next
        ``seconds`` were meant for the page that was there before, and are let go."""
        self.taps_from = time.monotonic() + seconds

    def back(self) -> None:
        """Esc: from any page but the start page, back to the start page."""
        if self.stack.currentWidget() not in (self.start_page, self.closed_page):
            self.go_home(reset_language=False)  # the bill view forgets its customer on the way

    def toggle_language(self) -> None:
        self.set_language("en" if self.ctx.lang.startswith("zh") else "zh_CN")
        self.idle.start(self.idle_ms)

    def set_language(self, lang: str) -> None:
        self.ctx.session.lang = install_translations(QApplication.instance(), lang)
        self.build()

    def choose(self, cat) -> None:
        if self.status is not None and not self.status.is_open:
            self._show(self.closed_page)
            return
        self.chosen = cat
        self.press_key = f"kiosk-{uuid.uuid4()}"  # one key per visit: a double tap gives one ticket
        name = pick(self.ctx.lang, cat.name_zh, cat.name_en)
        self.details_title.setText(f"{cat.prefix}  {name}")
        self.entry.clear()
        self.details_error.clear()
        vip = cat.code == "vip"
        self.member_prefix.setVisible(vip)
        self.skip_button.setVisible(not vip)
        self.entry.setMaxLength(6 if vip else 11)
        self.entry.setPlaceholderText(self.tr("Member number") if vip else self.tr("Mobile number (optional)"))
        self.details_hint.setText(
            self.tr("Enter your VIP club member number.") if vip else
            self.tr("Enter your mobile number so the counter knows who is coming, or touch Skip."))
        self._show(self.details_page)
        self.entry.setFocus()

    def take(self, skip: bool = False) -> None:
        if self.busy or self.chosen is None:
            return
        cat, key = self.chosen, self.press_key
        text = "" if skip else self.entry.text().strip()
        member = f"VIP{text}" if cat.code == "vip" and text else ""
        phone = text if cat.code != "vip" else ""
        session, config = self.ctx.session, self.ctx.config
        self.busy = True
        self.take_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        # The ticket is issued and printed in the worker: the button says so while it runs.
        self.take_button.setText(self.tr("Printing your number…"))
        self.take_button.setIcon(icon("kiosk:printing", "on_primary", "kiosk"))

        def work():
            ticket = queue.take_ticket(session, cat.code, phone=phone, member_no=member, idempotency_key=key)
            return ticket, print_ticket(config, queue.ticket_data(ticket)), cat

        Op(self, work, changes={Topic.QUEUE}).success(self._issued).failure(self._refused).after(self._unbusy).run()

    def _unbusy(self) -> None:
        self.busy = False
        self.take_button.setText(self.tr("Take number"))
        self.take_button.setIcon(icon("kiosk:take", "on_primary", "kiosk"))
        self.take_button.setEnabled(True)
        self.skip_button.setEnabled(True)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, Conflict):
            # The hall closed, or the day was closed, after the page was shown: the closed page
            # says so in a customer's words, not the clerk's "(日结)".
            self.status = None
            self.chosen = None
            self.checking = False
            self.check_status()
        elif isinstance(exc, UserError):
            self.details_error.setText(user_text(exc))
            # The next tap starts the number afresh instead of being refused by a full field.
            self.keypad.start_afresh()
        else:
            show_error(self, exc)

    def _issued(self, result) -> None:
        # (Dropped by the op when the kiosk was closed meanwhile: the ticket is in the queue.)
        ticket, self.last_outcome, cat = result
        self.result_code.setText(ticket.code)
        self.result_category.setText(pick(self.ctx.lang, cat.name_zh, cat.name_en))
        if ticket.est_wait_min == queue.NO_COUNTER_NOW:
            self.result_wait.setText(self.tr("{ahead} ahead of you · no counter serves this now: you are called "
                                             "as soon as one opens").format(ahead=ticket.ahead_at_issue))
        else:
            self.result_wait.setText(self.tr("{ahead} ahead of you · about {minutes} min").format(
                ahead=ticket.ahead_at_issue, minutes=ticket.est_wait_min))
        if self.last_outcome.printed:
            self.result_print.setText(self.tr("Please take your ticket below."))
        else:
            self.result_print.setText(problem_text(self.last_outcome.problem, ticket.code))
        self.chosen = None
        self._show(self.result_page)
        self.changed_by_itself()  # an impatient second tap on "Take number" would land on Done
        self.idle.start(min(RESULT_SECONDS * 1000, self.idle_ms))
        self.ticketIssued.emit(ticket)

    def check_pin(self) -> None:
        pin, session = self.pin.text(), self.ctx.session

        def done(_result) -> None:
            self.leaveRequested.emit()
            self.close()

        def refused(exc: BaseException) -> None:
            self.pin.clear()
            if isinstance(exc, UserError):
                self.pin_error.setText(user_text(exc))
            else:
                show_error(self, exc)

        Op(self, lambda: queue_kiosk.leave_kiosk(session, pin)).success(done).failure(refused).run()

    # ------------------------------------------------------------------ idle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin) \
                and time.monotonic() < self.taps_from:
            return True  # meant for the page that just left; its release then clicks nothing
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin) \
                and self.idle.isActive():
            self.idle.start()
        return False
