"""The band of public notices (公示) along the foot of the calling display.

It shows one line of the hall's notices at a time (fee standards, SP information fees,
complaint deadlines and the appeal path, what to bring, invoice items, the hall's own
notices) and moves on every few seconds. It has its own strip of the screen, below the
calls: a call is never hidden or shortened by a notice. The notices are read on a worker
when the display starts and again every few minutes (a manager's new notice appears without
a restart)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from counter_app.services import notices
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op
from counter_app.ui.style import set_tone

log = logging.getLogger(__name__)

ROTATE_MS = 8_000
RELOAD_MS = 300_000
BASE_PT = "basePointSize"  # the display scales every label with this property to its size


def _style(label: QLabel, size: int, bold: bool, tone: str, name: str) -> QLabel:
    label.setObjectName(name)
    label.setProperty(BASE_PT, size)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    set_tone(label, tone)
    return label


class SlideText(QLabel):
    """The notice's text, always as tall as the longest notice needs at the band's width: the
    band, and the calls and counters above it, keep their place as the notices change (with
    the text's own height the whole wall moved up and down every few seconds)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def set_texts(self, texts: list[str]) -> None:
        self.texts = texts
        self.hold_height()

    def hold_height(self) -> None:
        # A minimum height, not only heightForWidth: the window's vertical layout gives the band
        # its one-line hint otherwise, and a longer notice would be cut off.
        wanted = self.heightForWidth(self.width())
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.hold_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the display scales its type to the screen
            self.hold_height()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        metrics = self.fontMetrics()
        # Not QLabel's own answer: it is never less than the minimum set from this one, so the
        # band could grow with a narrower width or larger type but never shrink back.
        tallest = max((metrics.boundingRect(QRect(0, 0, inner, 100_000), Qt.TextFlag.TextWordWrap, text).height()
                       for text in [*self.texts, self.text()]), default=0)
        return max(tallest, metrics.height()) + margins.top() + margins.bottom()


class SlideTitle(QLabel):
    """The notice's title, as wide as the widest title: the text beside it keeps its width."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def set_texts(self, texts: list[str]) -> None:
        self.texts = texts
        self.updateGeometry()

    def _widest(self, hint: QSize) -> QSize:
        margins = self.contentsMargins()
        widest = max((self.fontMetrics().horizontalAdvance(text) for text in self.texts), default=0)
        return QSize(max(hint.width(), widest + margins.left() + margins.right()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._widest(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._widest(super().minimumSizeHint())


class NoticeBand(QFrame):
    slidesRead = Signal()  # the notices were read: the band's height may have changed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("displayNotices")
        self.slides: list[tuple[str, str]] = []
        self.index = -1
        self.reading = False
        self.title = SlideTitle()
        _style(self.title, 16, True, "accent", "displayNoticeTitle")
        self.text = SlideText()
        _style(self.text, 18, False, "", "displayNoticeText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.setVisible(False)  # until there is something to show
        self.rotate_timer = QTimer(self)
        self.rotate_timer.setInterval(ROTATE_MS)
        self.rotate_timer.timeout.connect(self.next_slide)
        self.reload_timer = QTimer(self)
        self.reload_timer.setInterval(RELOAD_MS)
        self.reload_timer.timeout.connect(self.reload)
        self.reload()
        self.rotate_timer.start()
        self.reload_timer.start()

    def reload(self) -> None:
        if self.reading:
            return
        self.reading = True
        session, lang = self.ctx.session, self.ctx.lang
        Op(self, lambda: notices.slides(notices.notice_board(session, lang=lang))).success(self._read) \
            .failure(self._failed).after(self._done).run()

    def _done(self) -> None:
        self.reading = False

    def _failed(self, exc: BaseException) -> None:
        # The wall never shows a dialog: the notices are tried again at the next reload.
        log.warning("display could not read the notices: %s", exc)

    def _read(self, slides: list[tuple[str, str]]) -> None:
        self.slides = slides
        self.title.set_texts([title for title, _text in slides])
        self.text.set_texts([text for _title, text in slides])
        self.setVisible(bool(slides))
        if self.index < 0 or self.index >= len(slides):
            self.index = -1
        self.next_slide()
        self.slidesRead.emit()

    def next_slide(self) -> None:
        if not self.slides:
            return
        self.index = (self.index + 1) % len(self.slides)
        title, text = self.slides[self.index]
        self.title.setText(title)
        self.text.setText(text)

    def stop(self) -> None:
        self.rotate_timer.stop()
        self.reload_timer.stop()
