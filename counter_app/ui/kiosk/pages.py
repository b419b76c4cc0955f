"""The kiosk's pages, built in the current language: start (services, "My bill", the guide,
language, staff), details (phone or VIP member number on a keypad), the issued number, hall
closed, the manager PIN, and the bill and guide views. Each builder names on the window the
widgets the flow (``window.py``) fills in later.

(A mixin of ``KioskWindow``: its strings keep the window's translation context.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.ui.kiosk.bill_view import KioskBillView
from counter_app.ui.kiosk.guide_view import KioskGuideView
from counter_app.ui.kiosk.keypad import Keypad
from counter_app.ui.kiosk.touch import SMALL_TOUCH, set_font, title, touch_button
from counter_app.ui.style import logo_pixmap, set_tone

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))


class KioskPages:
    """The page builders of the kiosk window."""

    def _start_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskStart")
        layout = QVBoxLayout(page)
        header = QHBoxLayout()
        logo = QLabel()
        logo.setObjectName("kioskLogo")
        logo.setPixmap(logo_pixmap(72))
        header.addWidget(logo)
        welcome = translate("KioskWindow", "Welcome to {hall}").format(hall=self.ctx.session.hall.name)
        header.addWidget(title(welcome), 1)
        header.addSpacing(72)  # the title stays centred on the screen
        layout.addLayout(header)
        hint = QLabel(translate("KioskWindow", "Touch the service you need to take a number"))
        hint.setObjectName("kioskQuestion")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(hint, 22)
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
        self.bill_button = touch_button(translate("KioskWindow", "My bill"), "kioskBill", 18, "kiosk:bill")
        self.bill_button.clicked.connect(lambda: self._show(self.bill_page))
        self.guide_button = touch_button(translate("KioskWindow", "Service guide"), "kioskGuide", 18, "kiosk:guide")
        self.guide_button.clicked.connect(self.show_guide)
        self.language_button = touch_button("English" if self.ctx.lang.startswith("zh") else "中文", "kioskLanguage",
                                            18, "kiosk:language")
        self.language_button.clicked.connect(self.toggle_language)
        staff = QPushButton(translate("KioskWindow", "Staff"))
        staff.setObjectName("kioskStaff")
        staff.setMinimumSize(SMALL_TOUCH, SMALL_TOUCH)
        staff.clicked.connect(lambda: self._show(self.pin_page))
        row.addWidget(self.bill_button, 2)
        row.addWidget(self.guide_button, 2)
        row.addWidget(self.language_button, 1)
        row.addWidget(staff, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        return page

    def _details_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskDetails")
        layout = QVBoxLayout(page)
        self.details_title = title("", 28)
        self.details_hint = QLabel()
        self.details_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_hint.setWordWrap(True)
        set_font(self.details_hint, 18)
        entry_row = QHBoxLayout()
        self.member_prefix = QLabel("VIP")
        set_font(self.member_prefix, 28, bold=True)
        self.entry = QLineEdit()
        self.entry.setObjectName("kioskEntry")
        self.entry.setAccessibleName(translate("KioskWindow", "Phone or member number"))
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumHeight(72)
        set_font(self.entry, 28)
        self.entry.returnPressed.connect(lambda: self.take(skip=False))  # Enter on a keyboard
        self.entry.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self.entry))
        entry_row.addWidget(self.member_prefix)
        entry_row.addWidget(self.entry, 1)
        self.details_error = QLabel()
        self.details_error.setObjectName("kioskError")
        self.details_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_error.setWordWrap(True)
        set_tone(self.details_error, "error")
        set_font(self.details_error, 16)
        # Room for two lines of message at all times: the keypad does not jump when one appears.
        self.details_error.setFixedHeight(self.details_error.fontMetrics().lineSpacing() * 2 + 8)
        self.keypad = Keypad(self.entry)
        self.keypad.typed.connect(self.details_error.clear)
        row = QHBoxLayout()
        back = touch_button(translate("KioskWindow", "Back"), "kioskBack", 20, "kiosk:back")
        back.clicked.connect(lambda: self.go_home(reset_language=False))
        self.skip_button = touch_button(translate("KioskWindow", "Skip"), "kioskSkip", 20, "kiosk:take")
        self.skip_button.clicked.connect(lambda: self.take(skip=True))
        self.take_button = touch_button(translate("KioskWindow", "Take number"), "kioskTake", 22, "kiosk:take",
                                        primary=True)
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
        self.result_heading = title(translate("KioskWindow", "Your number"), 24)
        self.result_code = title("", 120)
        self.result_code.setObjectName("kioskResultCode")
        self.result_category = title("", 26)
        self.result_wait = QLabel()
        self.result_wait.setObjectName("kioskResultWait")
        self.result_wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_wait.setWordWrap(True)
        set_font(self.result_wait, 30, bold=True)  # the wait is what a customer wants to know: big
        self.result_print = QLabel()
        self.result_print.setObjectName("kioskResultPrint")
        self.result_print.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_print.setWordWrap(True)
        set_font(self.result_print, 18)
        done = touch_button(translate("KioskWindow", "Done"), "kioskDone", 22, "kiosk:done", primary=True)
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
        self.closed_title = title(translate("KioskWindow", "The hall is closed"), 40)
        self.closed_title.setObjectName("kioskClosedTitle")
        layout.addWidget(self.closed_title)
        hours = QLabel(translate("KioskWindow", "Opening hours: {opens}–{closes}. No numbers are issued now.")
                       .format(opens=hall.opens, closes=hall.closes))
        hours.setObjectName("kioskClosedHours")
        hours.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hours.setWordWrap(True)
        set_font(hours, 22)
        self.closed_hours = hours
        layout.addWidget(hours)
        layout.addStretch(1)
        staff = QPushButton(translate("KioskWindow", "Staff"))
        staff.setMinimumSize(SMALL_TOUCH, SMALL_TOUCH)
        staff.clicked.connect(lambda: self._show(self.pin_page))
        layout.addWidget(staff, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _pin_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("kioskPin")
        layout = QVBoxLayout(page)
        layout.addWidget(title(translate("KioskWindow", "Leave kiosk mode"), 28))
        hint = QLabel(translate("KioskWindow", "Enter the manager PIN"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(hint, 18)
        self.pin = QLineEdit()
        self.pin.setObjectName("kioskPinEntry")
        self.pin.setAccessibleName(hint.text())
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMinimumHeight(64)
        set_font(self.pin, 26)
        self.pin.returnPressed.connect(self.check_pin)
        self.pin_error = QLabel()
        self.pin_error.setObjectName("kioskPinError")
        self.pin_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self.pin_error, "error")
        set_font(self.pin_error, 16)
        keypad = Keypad(self.pin)
        keypad.typed.connect(self.pin_error.clear)
        row = QHBoxLayout()
        back = touch_button(translate("KioskWindow", "Back"), "kioskPinBack", 20)
        back.clicked.connect(lambda: self.go_home(reset_language=False))
        ok = touch_button(translate("KioskWindow", "Confirm"), "kioskPinOk", 20)
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
