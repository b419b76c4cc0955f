"""The kiosk's 业务指南 (service guide): the hall's public notices on the touchscreen.

One large button per notice (fee standards, SP information fees, complaint deadlines and
appeals, what to bring, invoice items, procedures, the hall's own notices), its lines in
large type beside them. The figures come from ``services.notices.notice_board``: the same
ones the calling display rotates and the wall sheets print. No password: nothing here is
private."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import notices
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op
from counter_app.ui.style import apply_role, icon

log = logging.getLogger(__name__)


def notice_html(notice: notices.Notice) -> str:
    rows = "".join(
        f"<tr><td style='padding:6px 16px 6px 0; font-weight:bold'>{html.escape(line.label)}</td>"
        f"<td style='padding:6px 0'>{html.escape(line.text)}</td></tr>" if line.label else
        f"<tr><td colspan='2' style='padding:6px 0'>{html.escape(line.text)}</td></tr>"
        for line in notice.lines)
    return f"<h2>{html.escape(notice.title)}</h2><table>{rows}</table>"


class KioskGuideView(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskGuideView")
        self.board: notices.NoticeBoard | None = None
        self.current = ""
        apply_role(self, "kiosk")
        title = QLabel(self.tr("Service guide"))
        title.setObjectName("kioskGuideTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.topics = QVBoxLayout()
        self.topics.setSpacing(10)
        self.topic_buttons: dict[str, QPushButton] = {}
        self.body = QLabel()
        self.body.setObjectName("kioskGuideBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        left = QWidget()
        left.setLayout(self.topics)
        middle = QHBoxLayout()
        middle.addWidget(left, 1)
        middle.addWidget(scroll, 2)
        back = QPushButton(self.tr("Back"))
        back.setObjectName("kioskGuideBack")
        back.setIcon(icon("kiosk:back", role="kiosk"))
        back.setIconSize(QSize(40, 40))
        back.setMinimumHeight(72)
        back.clicked.connect(self.closed.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(middle, 1)
        layout.addWidget(back)

    def load(self) -> None:
        """Read the notices (off the GUI thread) in the kiosk's current language."""
        session, lang = self.ctx.session, self.ctx.lang
        Op(self, lambda: notices.notice_board(session, lang=lang)).success(self._show_board) \
            .failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        log.warning("kiosk could not read the notices: %s", exc)
        self.body.setText(self.tr("The service guide cannot be shown just now. Please ask at a counter."))

    def _show_board(self, board: notices.NoticeBoard) -> None:
        self.board = board
        for button in self.topic_buttons.values():
            self.topics.removeWidget(button)
            button.deleteLater()
        self.topic_buttons = {}
        for notice in board.notices:
            button = QPushButton(notice.title)
            button.setObjectName(f"kioskGuide_{notice.code}")
            button.setMinimumHeight(72)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, code=notice.code: self.show_notice(code))
            button.installEventFilter(self.window())  # a touch keeps the kiosk from going idle
            self.topics.addWidget(button)
            self.topic_buttons[notice.code] = button
        if board.notices:
            self.show_notice(self.current if self.current in self.topic_buttons else board.notices[0].code)

    def show_notice(self, code: str) -> None:
        if self.board is None:
            return
        self.current = code
        for other, button in self.topic_buttons.items():
            button.setChecked(other == code)
        self.body.setText(notice_html(self.board.notice(code)))
