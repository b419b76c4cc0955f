"""The pages of the counter's business flow, built once: the business list, the form, the slip
preview with the signature pad, and the last page (done, PUK, the customer's rating). Each
builder names on the panel the widgets the flow fills in later; keys that belong to a page
work only while the focus is on it.

(A mixin of ``ServiceFlowPanel``: its strings keep the panel's translation context.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QScrollArea, QVBoxLayout, QWidget

from counter_app.services import order_ratings
from counter_app.ui.counter.service_list import BusinessListModel, KeyPicker
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.signature import SignaturePad

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))
PAGE_PICK, PAGE_FORM, PAGE_PREVIEW, PAGE_DONE = range(4)


def page_key(page: QWidget, key: QKeySequence, slot) -> QShortcut:
    """A key that works only while the focus is on ``page`` (Esc, the rating keys): typing
    "5" in the customer field must type a 5. (The ``context=`` keyword of PySide's QShortcut
    constructor is silently ignored, hence setContext.)"""
    shortcut = QShortcut(key, page)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class ServiceFlowPages:
    """The page builders of the business flow panel, in the stack's order (``PAGE_*``)."""

    def _pick_page(self) -> QWidget:
        page = QWidget()
        self.who = QLabel()
        self.who.setObjectName("flowCustomer")
        self.model = BusinessListModel(self.ctx.lang, self)
        self.list = eliding(QListView())
        self.list.setObjectName("businessList")
        self.list.setModel(self.model)
        self.list.activated.connect(lambda index: self.open_row(index.row()))
        self.list.installEventFilter(KeyPicker(self))
        hint = QLabel(translate("ServiceFlowPanel", "Press the business's key, or choose it and press Enter."))
        set_tone(hint, "muted")
        box = QVBoxLayout(page)
        box.addWidget(self.who)
        box.addWidget(self.list, 1)
        box.addWidget(hint)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("flowFormPage")
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        set_tone(self.form_title, "form-title")
        self.form_info = QLabel()
        self.form_info.setObjectName("formInfo")
        set_tone(self.form_info, "muted")
        self.form_message = QLabel()
        self.form_message.setObjectName("formMessage")
        set_tone(self.form_message, "error")
        self.form_message.setWordWrap(True)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        back = QPushButton(translate("ServiceFlowPanel", "Back (Esc)"))
        back.clicked.connect(self.back)
        self.preview_button = QPushButton(translate("ServiceFlowPanel", "Slip preview (Enter)"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        box = QVBoxLayout(page)
        box.addWidget(self.form_title)
        box.addWidget(self.form_info)
        box.addWidget(self.form_area, 1)
        box.addWidget(self.form_message)
        box.addLayout(buttons)
        page_key(page, QKeySequence(Qt.Key.Key_Escape), self.back)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("flowPreviewPage")
        self.slip_view = QLabel()
        self.slip_view.setObjectName("slipPreview")
        self.slip_view.setTextFormat(Qt.TextFormat.RichText)
        self.slip_view.setWordWrap(True)
        self.slip_view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        set_tone(self.slip_view, "paper")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.slip_view)
        self.signature = SignaturePad()
        self.signature.changed.connect(self._signature_changed)
        self.preview_message = QLabel()
        self.preview_message.setObjectName("previewMessage")
        set_tone(self.preview_message, "error")
        self.preview_message.setWordWrap(True)
        back = QPushButton(translate("ServiceFlowPanel", "Back to the form (Esc)"))
        back.clicked.connect(self.back)
        clear = QPushButton(translate("ServiceFlowPanel", "Clear signature"))
        clear.clicked.connect(self.signature.clear)
        self.confirm_button = QPushButton(translate("ServiceFlowPanel", "Confirm and print (Ctrl+Enter)"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        box = QVBoxLayout(page)
        box.addWidget(scroll, 3)
        box.addWidget(QLabel(translate("ServiceFlowPanel", "The customer checks the slip and signs below:")))
        box.addWidget(self.signature, 2)
        box.addWidget(self.preview_message)
        box.addLayout(buttons)
        page_key(page, QKeySequence(Qt.Key.Key_Escape), self.back)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("flowDonePage")
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.done_page = page
        self.done_label = QLabel()
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        set_tone(self.done_label, "large")
        self.puk_label = QLabel()
        self.puk_label.setObjectName("pukLabel")
        self.puk_label.setWordWrap(True)
        self.puk_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.puk_label, "large-note")
        self.puk_label.hide()
        self.rating_label = QLabel(translate(
            "ServiceFlowPanel", "Customer's rating: press 1 (very unsatisfied) to 5 (very satisfied)"))
        self.rating_label.setObjectName("ratingLabel")
        self.rating_buttons = QHBoxLayout()
        for score in order_ratings.SCORES:
            button = QPushButton("★" * score)
            button.setObjectName(f"rate{score}")
            button.clicked.connect(lambda _=False, s=score: self.rate(s))
            self.rating_buttons.addWidget(button)
            page_key(page, QKeySequence(str(score)), lambda s=score: self.rate(s))
        reprint = QPushButton(translate("ServiceFlowPanel", "Print again (Ctrl+P)"))
        reprint.clicked.connect(self.reprint)
        again = QPushButton(translate("ServiceFlowPanel", "Another business (Esc)"))
        again.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addWidget(reprint)
        buttons.addStretch(1)
        buttons.addWidget(again)
        box = QVBoxLayout(page)
        box.addWidget(self.done_label)
        box.addWidget(self.puk_label)
        box.addWidget(self.rating_label)
        box.addLayout(self.rating_buttons)
        box.addStretch(1)
        box.addLayout(buttons)
        page_key(page, QKeySequence(Qt.Key.Key_Escape), self.restart)
        return page
