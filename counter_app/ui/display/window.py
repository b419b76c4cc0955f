"""The calling display on the wall: the latest call large, each counter's current number, the
last calls, and how many wait per category. A new call flashes and is spoken.

The display is usually its own process (or PC), so it reads the shared queue every second
on a worker thread; calls it has not seen yet are announced. Only ticket numbers and
counters are shown or spoken, never a customer's name or phone number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from counter_app import clock
from counter_app.i18n import pick
from counter_app.services import queue, voice
from counter_app.services.display_calls import CallTracker
from counter_app.ui.context import AppContext
from counter_app.ui.display import type_scale
from counter_app.ui.display.notice_band import NoticeBand
from counter_app.ui.ops import Op
from counter_app.ui.style import apply_role, repolish, set_tone

POLL_MS = 1000
FLASHES = 6  # half-second steps: three blinks
WAITING_COLUMNS = 4
DESIGN_SIZE = (1280, 720)  # font sizes are chosen for this; a wall screen scales them
BASE_PT = type_scale.BASE_PT


def counter_columns(count: int) -> int:
    """Columns of the counters' grid: three up to six counters, then wider, so twelve
    counters still fit under the current call."""
    return 3 if count <= 6 else 4 if count <= 12 else 6
# Tones of the display role (resources/theme): plain text, the accent colour, the dimmed one.
FG, ACCENT, DIM = "", "accent", "muted"


def _label(text: str = "", size: int = 20, bold: bool = False, tone: str = FG, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty(BASE_PT, size)  # the size at DESIGN_SIZE; resizeEvent scales it
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    set_tone(label, tone)
    if name:
        label.setObjectName(name)
    return label


class DisplayWindow(QWidget):
    signedOut = Signal()
    callShown = Signal(str, int)  # code, counter: a new call was put on the screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 announcer: voice.Announcer | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("displayWindow")
        hall = ctx.session.hall
        self.setWindowTitle(self.tr("Calling display — {hall}").format(hall=hall.name))
        apply_role(self, "display")  # dark, from the same tokens as the counter
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.announcer = announcer if announcer is not None else voice.Announcer(
            voice.languages(ctx.config.display_voice))
        self.calls = CallTracker()  # which calls are new: none on the first read (services/display_calls.py)
        self.polling = False
        self.flashes_left = 0
        self.cats: dict = {}  # the queue categories, with the first read of the queue
        self.type_factor = 1.0  # the design sizes times this, as large as fits (type_scale.py)
        self.fitting = False

        header = QHBoxLayout()
        header.addWidget(_label(hall.name, 30, True), 1)
        self.clock = _label("", 26, False, DIM, "displayClock")
        header.addWidget(self.clock)

        self.call_box = QFrame()
        self.call_box.setObjectName("displayCall")
        call_layout = QVBoxLayout(self.call_box)
        self.call_code = _label("—", 110, True, ACCENT, "displayCallCode")
        self.call_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_text = _label(self.tr("Please wait for your number"), 34, False, FG, "displayCallText")
        self.call_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        call_layout.addWidget(self.call_code)
        call_layout.addWidget(self.call_text)
        self._set_flash(False)

        self.counter_grid = QGridLayout()
        self.counter_grid.setHorizontalSpacing(24)
        self.counter_labels: dict[int, tuple[QLabel, QLabel]] = {}
        self.counter_order: list[int] = []

        recent_box = QVBoxLayout()
        recent_box.addWidget(_label(self.tr("Last calls"), 22, True, DIM))
        self.recent_labels = [_label("", 24, False, FG, f"displayRecent{i}") for i in range(6)]
        for label in self.recent_labels:
            recent_box.addWidget(label)
        recent_box.addStretch(1)

        # One cell per category, name above count, in equal columns: a long name ("新业务与
        # 数据业务") then wraps inside its own cell instead of running into the next one.
        self.waiting_row = QGridLayout()
        self.waiting_row.setHorizontalSpacing(24)
        self.waiting_row.setVerticalSpacing(8)
        self.waiting_labels: dict[str, QLabel] = {}
        for column in range(WAITING_COLUMNS):
            self.waiting_row.setColumnStretch(column, 1)

        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.call_box, 3)
        left.addLayout(self.counter_grid, 2)
        middle.addLayout(left, 3)
        middle.addLayout(recent_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        # The type fits the window, the window does not grow to the type: full screen on the
        # wall, a taller window would put the notices band below the screen's edge.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(header)
        layout.addLayout(middle, 1)
        layout.addLayout(self.waiting_row)
        self.notice_band = NoticeBand(ctx)  # the hall's notices (公示), in their own strip below the calls
        layout.addWidget(self.notice_band)
        self.notice_band.slidesRead.connect(self.fit_type)  # at once: no pass of the wall with the band squeezed

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(500)
        self.flash_timer.timeout.connect(self._flash_step)
        self._tick()
        self.poll()
        self.poll_timer.start()
        self.resize(1280, 720)

    # ------------------------------------------------------------------ reading

    def poll(self) -> None:
        self._tick()
        if self.polling:
            return
        self.polling = True
        hall_code = self.ctx.session.hall_code
        first = not self.cats

        def work():
            return queue.hall_status(hall_code), (queue.categories() if first else None)

        Op(self, work).success(self._read).failure(self._poll_failed).after(self._polled).run()

    def _polled(self) -> None:
        self.polling = False

    def _poll_failed(self, exc: BaseException) -> None:
        # A busy or briefly unreachable database must not put a dialog on the wall: try again.
        import logging

        logging.getLogger(__name__).warning("display could not read the queue: %s", exc)

    def _read(self, result) -> None:
        status, categories = result
        if categories is not None and not self.cats:
            self._lay_out_waiting(categories)
        self.show_status(status)

    def _lay_out_waiting(self, categories) -> None:
        self.cats = {c.code: c for c in categories}
        for i, (code, cat) in enumerate(self.cats.items()):
            cell = QVBoxLayout()
            cell.setSpacing(0)
            name = _label(f"{cat.prefix} {pick(self.ctx.lang, cat.name_zh, cat.name_en)}", 16, False, DIM)
            name.setWordWrap(True)
            count = _label("", 20, True, FG, f"displayWaiting_{code}")
            cell.addWidget(name)
            cell.addWidget(count)
            self.waiting_labels[code] = count
            self.waiting_row.addLayout(cell, i // WAITING_COLUMNS, i % WAITING_COLUMNS)
            for label in (name, count):
                self._scale(label)

    def show_status(self, status: queue.QueueStatus) -> None:
        shape = (len(self.waiting_labels), self.counter_order)
        self._show_counters(status.counters)
        for code, label in self.waiting_labels.items():
            label.setText(self.tr("{count} waiting").format(count=status.waiting.get(code, 0)))
        calls = status.calls
        for label, call in zip(self.recent_labels, calls + [None] * len(self.recent_labels), strict=False):
            label.setText(self.tr("{code} → counter {counter}").format(code=call.code, counter=call.counter_number)
                          if call else "")
        update = self.calls.read(status, showing=self.call_code.text() != "—")
        if update.current is not None:
            # A display (re)started during the day puts up the latest call only while that
            # customer is still at the counter; an old call is not shown as the current one.
            self._put_up(update.current)
        for call in update.fresh:  # oldest first, so the screen ends on the newest
            self._put_up(call)
            self.announcer.say(call.code, call.counter_number)
            self._flash()
            self.callShown.emit(call.code, call.counter_number)
        if shape != (len(self.waiting_labels), self.counter_order):
            self.fit_type()  # a row of counters or queues more or fewer, their texts in: fit the type again

    @property
    def seen(self) -> set[str] | None:
        """The calls read so far (None before the first read)."""
        return self.calls.seen

    def _put_up(self, call: queue.CallView) -> None:
        self.call_code.setText(call.code)
        self.call_text.setText(self.tr("Please go to counter {counter}").format(counter=call.counter_number))

    def _show_counters(self, counters: list[queue.CounterView]) -> None:
        numbers = [c.number for c in counters]
        if numbers != self.counter_order:  # a counter was added or disabled: lay the grid out again
            self._lay_out_counters(numbers)
        for counter in counters:
            text = counter.current_code or (self.tr("paused") if counter.status == "paused" else "—")
            self.counter_labels[counter.number][1].setText(text)

    def _lay_out_counters(self, numbers: list[int]) -> None:
        for number, labels in list(self.counter_labels.items()):
            for label in labels:
                self.counter_grid.removeWidget(label)
            if number not in numbers:  # closed or taken out of the setup: off the wall at once
                for label in labels:
                    # Out of the layout it would stay on the wall where it was until Qt deletes it.
                    label.hide()
                    label.deleteLater()
                del self.counter_labels[number]
        columns = counter_columns(len(numbers))
        for i, number in enumerate(numbers):
            if number not in self.counter_labels:
                name = _label(self.tr("Counter {number}").format(number=number), 20, False, DIM)
                code = _label("", 28, True, FG, f"displayCounter{number}")
                self.counter_labels[number] = (name, code)
            name, code = self.counter_labels[number]
            self.counter_grid.addWidget(name, (i // columns) * 2, i % columns)
            self.counter_grid.addWidget(code, (i // columns) * 2 + 1, i % columns)
            for label in (name, code):  # once in the window: scaled before, the window's style reset it
                self._scale(label)
                # Shown now, not at the next pass of the event loop as Qt would: the type's fit that
                # follows this read measures the new row of counters too.
                label.show()
        self.counter_order = numbers

    # ------------------------------------------------------------------ looks

    def scale_factor(self) -> float:
        """The type's factor for the window's size alone (fit_type may take a smaller one)."""
        return max(0.75, min(self.width() / DESIGN_SIZE[0], self.height() / DESIGN_SIZE[1]))

    def _scale(self, label: QLabel) -> None:
        type_scale.scale_label(label, self.type_factor)

    def fit_type(self) -> None:
        """Read from across the hall: on a 1920 x 1080 wall screen everything is half as large
        again, unless what is on the wall then needs more room than the screen has."""
        if self.fitting:
            return
        self.fitting = True
        try:
            self.type_factor = type_scale.fit(self, self.scale_factor(), self.notice_band.text.hold_height)
        finally:
            self.fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.fit_type()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # Something on the wall grew (a row of counters, the notices band, a longer text): the
        # window's layout now asks for more than the window has, so the type gets smaller.
        # At the smallest scale already, nothing more can give way: no refit at every pass.
        if event.type() == QEvent.Type.LayoutRequest and not self.fitting \
                and self.type_factor > type_scale.SMALLEST_FACTOR:
            need = self.minimumSizeHint()
            if need.height() > self.height() or need.width() > self.width():
                self.fit_type()
        return super().event(event)

    def _tick(self) -> None:
        self.clock.setText(f"{clock.now():%H:%M}")

    def _flash(self) -> None:
        self.flashes_left = FLASHES
        self._set_flash(True)
        self.flash_timer.start()

    def _flash_step(self) -> None:
        self.flashes_left -= 1
        self._set_flash(self.flashes_left % 2 == 0 and self.flashes_left > 0)
        if self.flashes_left <= 0:
            self.flash_timer.stop()

    @property
    def flashing(self) -> bool:
        return self.flash_timer.isActive()

    def _set_flash(self, on: bool) -> None:
        self.call_box.setProperty("flash", on)
        for widget in (self.call_box, self.call_code, self.call_text):
            repolish(widget)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.poll_timer.stop()
        self.notice_band.stop()
        self.announcer.stop()
        super().closeEvent(event)
