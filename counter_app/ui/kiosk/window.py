"""The kiosk: a customer takes a queue number by service on a touchscreen.

Pages: start (category buttons, "My bill", language, staff exit), details (optional phone
number; VIP member number), the issued ticket, the bill view, the manager PIN, and "hall
closed" outside opening hours. Large touch targets and an on-screen keypad: no physical
keyboard is needed. An idle kiosk returns to its start page in Chinese.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import Conflict, UserError
from counter_app.i18n import pick
from counter_app.services import queue, queue_kiosk
from counter_app.services.kiosk_status import DAY_CLOSED, KioskStatus, kiosk_status
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.bill_view import KioskBillView
from counter_app.ui.kiosk.guide_view import KioskGuideView
from counter_app.ui.kiosk.keypad import Keypad
from counter_app.ui.kiosk.ticket_printer import TicketPrint, print_ticket, problem_text
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import apply_role, icon, logo_pixmap, set_tone

log = logging.getLogger(__name__)

TOUCH = 96  # minimum height of a touch button, in pixels
ICON_PX = 48
SMALL_TOUCH = 64  # the least any kiosk button may be: 15 mm at 102 pixels per inch (tests/design)
RESULT_SECONDS = 20
HOURS_CHECK_MS = 15_000  # how often the kiosk asks whether it issues numbers (hours, day close)
COUNTS_REFRESH_MS = 5_000  # how often the start page re-reads the waiting counts


def _font(widget: QWidget, size: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(size)
    font.setBold(bold)
    widget.setFont(font)


def _touch(text: str, name: str, size: int = 20, use: str = "", primary: bool = False) -> QPushButton:
    """A touch button; with ``use`` it carries the theme's icon beside its words (words always:
    a stranger should not have to guess what a picture means)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    _font(button, size)
    button.setProperty("category" if primary else "nav", True)
    if use:
        button.setIcon(icon(use, "on_primary" if primary else "text", "kiosk"))
        button.setIconSize(QSize(ICON_PX, ICON_PX))
    return button


class KioskWindow(QWidget):
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
        self.idle.timeout.connect(self.go_home)
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

    def _title(self, text: str, size: int = 30) -> QLabel:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        _font(label, size, bold=True)
        return label

    def _start_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskStart")
        layout = QVBoxLayout(page)
        header = QHBoxLayout()
        logo = QLabel()
        logo.setObjectName("kioskLogo")
        logo.setPixmap(logo_pixmap(72))
        header.addWidget(logo)
        header.addWidget(self._title(self.tr("Welcome to {hall}").format(hall=self.ctx.session.hall.name)), 1)
        header.addSpacing(72)  # the title stays centred on the screen
        layout.addLayout(header)
        hint = QLabel(self.tr("Touch the service you need to take a number"))
        hint.setObjectName("kioskQuestion")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _font(hint, 22)
        layout.addWidget(hint)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.category_grid = grid
        self.category_buttons: dict[str, QPushButton] = {}
        self.category_names: dict[str, str] = {}
        if self.categories is not None:
            self._fill_categories()
        layout.addLayout(grid, 1)
        row = QHBoxLayout()
        self.bill_button = _touch(self.tr("My bill"), "kioskBill", 18, "kiosk:bill")
        self.bill_button.clicked.connect(lambda: self._show(self.bill_page))
        self.guide_button = _touch(self.tr("Service guide"), "kioskGuide", 18, "kiosk:guide")
        self.guide_button.clicked.connect(self.show_guide)
        self.language_button = _touch("English" if self.ctx.lang.startswith("zh") else "中文", "kioskLanguage", 18,
                                      "kiosk:language")
        self.language_button.clicked.connect(self.toggle_language)
        staff = QPushButton(self.tr("Staff"))
        staff.setObjectName("kioskStaff")
        staff.setMinimumSize(SMALL_TOUCH, SMALL_TOUCH)
        staff.clicked.connect(lambda: self._show(self.pin_page))
        row.addWidget(self.bill_button, 2)
        row.addWidget(self.guide_button, 2)
        row.addWidget(self.language_button, 1)
        row.addWidget(staff, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        return page

    def _fill_categories(self) -> None:
        """One touch button per service, in the kiosk's language."""
        for i, cat in enumerate(self.categories or []):
            text = f"{cat.prefix}  {pick(self.ctx.lang, cat.name_zh, cat.name_en)}"
            self.category_names[cat.code] = text
            button = _touch(text, f"category_{cat.code}", 22, f"category:{cat.code}", primary=True)
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

    def _details_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskDetails")
        layout = QVBoxLayout(page)
        self.details_title = self._title("", 28)
        self.details_hint = QLabel()
        self.details_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_hint.setWordWrap(True)
        _font(self.details_hint, 18)
        entry_row = QHBoxLayout()
        self.member_prefix = QLabel("VIP")
        _font(self.member_prefix, 28, bold=True)
        self.entry = QLineEdit()
        self.entry.setObjectName("kioskEntry")
        self.entry.setAccessibleName(self.tr("Phone or member number"))
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumHeight(72)
        _font(self.entry, 28)
        self.entry.returnPressed.connect(lambda: self.take(skip=False))  # Enter on a keyboard
        self.entry.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self.entry))
        entry_row.addWidget(self.member_prefix)
        entry_row.addWidget(self.entry, 1)
        self.details_error = QLabel()
        self.details_error.setObjectName("kioskError")
        self.details_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_error.setWordWrap(True)
        set_tone(self.details_error, "error")
        _font(self.details_error, 16)
        # Room for two lines of message at all times: the keypad does not jump when one appears.
        self.details_error.setFixedHeight(self.details_error.fontMetrics().lineSpacing() * 2 + 8)
        self.keypad = Keypad(self.entry)
        self.keypad.typed.connect(self.details_error.clear)
        row = QHBoxLayout()
        back = _touch(self.tr("Back"), "kioskBack", 20, "kiosk:back")
        back.clicked.connect(lambda: self.go_home(reset_language=False))
        self.skip_button = _touch(self.tr("Skip"), "kioskSkip", 20, "kiosk:take")
        self.skip_button.clicked.connect(lambda: self.take(skip=True))
        self.take_button = _touch(self.tr("Take number"), "kioskTake", 22, "kiosk:take", primary=True)
        self.take_button.clicked.connect(lambda: self.take(skip=False))
        row.addWidget(back, 1)
        row.addWidget(self.skip_button, 1)
        row.addWidget(self.take_button, 2)
        layout.addWidget(self.details_title)
        layout.addWidget(self.details_hint)
        layout.addLayout(entry_row)
        layout.addWidget(self.details_error)
        layout.addWidget(self.keypad, 1)
        layout.addLayout(row)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskResult")
        layout = QVBoxLayout(page)
        self.result_heading = self._title(self.tr("Your number"), 24)
        self.result_code = self._title("", 120)
        self.result_code.setObjectName("kioskResultCode")
        self.result_category = self._title("", 26)
        self.result_wait = QLabel()
        self.result_wait.setObjectName("kioskResultWait")
        self.result_wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_wait.setWordWrap(True)
        _font(self.result_wait, 30, bold=True)  # the wait is what a customer wants to know: big
        self.result_print = QLabel()
        self.result_print.setObjectName("kioskResultPrint")
        self.result_print.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_print.setWordWrap(True)
        _font(self.result_print, 18)
        done = _touch(self.tr("Done"), "kioskDone", 22, "kiosk:done", primary=True)
        done.clicked.connect(lambda: self.go_home())
        for widget in (self.result_heading, self.result_code, self.result_category, self.result_wait,
                       self.result_print):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(done)
        return page

    def _closed_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskClosed")
        layout = QVBoxLayout(page)
        hall = self.ctx.session.hall
        layout.addStretch(1)
        self.closed_title = self._title(self.tr("The hall is closed"), 40)
        self.closed_title.setObjectName("kioskClosedTitle")
        layout.addWidget(self.closed_title)
        hours = QLabel(self.tr("Opening hours: {opens}–{closes}. No numbers are issued now.").format(
            opens=hall.opens, closes=hall.closes))
        hours.setObjectName("kioskClosedHours")
        hours.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hours.setWordWrap(True)
        _font(hours, 22)
        self.closed_hours = hours
        layout.addWidget(hours)
        layout.addStretch(1)
        staff = QPushButton(self.tr("Staff"))
        staff.setMinimumSize(SMALL_TOUCH, SMALL_TOUCH)
        staff.clicked.connect(lambda: self._show(self.pin_page))
        layout.addWidget(staff, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _pin_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskPin")
        layout = QVBoxLayout(page)
        layout.addWidget(self._title(self.tr("Leave kiosk mode"), 28))
        hint = QLabel(self.tr("Enter the manager PIN"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _font(hint, 18)
        self.pin = QLineEdit()
        self.pin.setObjectName("kioskPinEntry")
        self.pin.setAccessibleName(hint.text())
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMinimumHeight(64)
        _font(self.pin, 26)
        self.pin.returnPressed.connect(self.check_pin)
        self.pin_error = QLabel()
        self.pin_error.setObjectName("kioskPinError")
        self.pin_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self.pin_error, "error")
        _font(self.pin_error, 16)
        keypad = Keypad(self.pin)
        keypad.typed.connect(self.pin_error.clear)
        row = QHBoxLayout()
        back = _touch(self.tr("Back"), "kioskPinBack", 20)
        back.clicked.connect(lambda: self.go_home(reset_language=False))
        ok = _touch(self.tr("Confirm"), "kioskPinOk", 20)
        ok.clicked.connect(self.check_pin)
        row.addWidget(back)
        row.addWidget(ok)
        for widget in (hint, self.pin, self.pin_error):
            layout.addWidget(widget)
        layout.addWidget(keypad, 1)
        layout.addLayout(row)
        return page

    def _bill_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskBillPage")
        layout = QVBoxLayout(page)
        self.bill_view = KioskBillView(self.ctx)
        self.bill_view.closed.connect(lambda: self.go_home(reset_language=False))  # its own Back / Done
        layout.addWidget(self.bill_view, 1)
        return page

    def _guide_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskGuidePage")
        layout = QVBoxLayout(page)
        self.guide_view = KioskGuideView(self.ctx)
        self.guide_view.closed.connect(lambda: self.go_home(reset_language=False))
        layout.addWidget(self.guide_view, 1)
        return page

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

    def check_status(self) -> None:
        """Ask, off the GUI thread, whether numbers are issued now (opening hours and the day
        close); the start and closed pages follow the answer."""
        if self.checking:
            return
        self.checking = True
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: kiosk_status(hall_code)).success(self._show_status).failure(self._status_failed) \
            .after(self._checked).run()

    def _checked(self) -> None:
        self.checking = False

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("kiosk could not read whether the hall is open: %s", exc)

    def _show_status(self, status: KioskStatus) -> None:
        self.status = status
        self._word_closed_page(status)
        current = self.stack.currentWidget()
        if not status.is_open and current is not self.closed_page and current is not self.pin_page \
                and current is not self.result_page:
            self.chosen = None
            self._show(self.closed_page)
        elif status.is_open and current is self.closed_page:
            self._show(self.start_page)
            self.refresh_counts()

    def _word_closed_page(self, status: KioskStatus) -> None:
        if status.state == DAY_CLOSED:
            self.closed_title.setText(self.tr("Today's business is over"))
            self.closed_hours.setText(self.tr("Numbers are issued again tomorrow from {opens}. "
                                              "Thank you for coming.").format(opens=status.opens))
        elif not status.reopens_tomorrow:
            self.closed_title.setText(self.tr("The hall opens at {opens}").format(opens=status.opens))
            self.closed_hours.setText(self.tr("Opening hours: {opens}–{closes}. No numbers are issued now.").format(
                opens=status.opens, closes=status.closes))
        else:
            self.closed_title.setText(self.tr("The hall is closed"))
            self.closed_hours.setText(self.tr("Opening hours: {opens}–{closes}. No numbers are issued now.").format(
                opens=status.opens, closes=status.closes))

    def back(self) -> None:
        """Esc: from any page but the start page, back to the start page."""
        if self.stack.currentWidget() not in (self.start_page, self.closed_page):
            self.go_home(reset_language=False)  # the bill view forgets its customer on the way

    def refresh_counts(self) -> None:
        """Read how many wait per category and the wait a new ticket would be told, off the GUI
        thread, for the start page buttons."""
        if self.stack.currentWidget() is not self.start_page:
            return
        if self.reading_counts:
            # A ticket taken while the read is under way must not wait for the next timer.
            self.counts_stale = True
            return
        self.reading_counts = True
        self.counts_stale = False
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: queue.kiosk_outlook(hall_code)).success(self._show_counts).failure(self._counts_failed) \
            .after(self._counts_read).run()

    def _counts_read(self) -> None:
        self.reading_counts = False
        if self.counts_stale:
            self.refresh_counts()

    def _show_counts(self, outlook: dict[str, queue.Outlook]) -> None:
        for code, button in self.category_buttons.items():
            if code not in outlook:
                continue
            line = self.tr("{count} waiting").format(count=outlook[code].waiting)
            if outlook[code].estimate_min == queue.NO_COUNTER_NOW:
                line = self.tr("{count} waiting · no counter serves this now").format(count=outlook[code].waiting)
            elif outlook[code].estimate_min:
                line = self.tr("{count} waiting · about {minutes} min").format(
                    count=outlook[code].waiting, minutes=outlook[code].estimate_min)
            button.setText(f"{self.category_names[code]}\n{line}")

    def _counts_failed(self, exc: BaseException) -> None:
        # The counts are a courtesy: a busy database must not put a dialog before a customer.
        log.warning("kiosk could not read the waiting counts: %s", exc)

    def _check_hours(self) -> None:
        if self.stack.currentWidget() in (self.start_page, self.closed_page, self.details_page):
            self.check_status()

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
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin) \
                and self.idle.isActive():
            self.idle.start()
        return False
