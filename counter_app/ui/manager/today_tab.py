"""The manager's glance at the day: large figures on cards that reflow with the window's
width (five to a row at 1280 px, more on a wider window), the queues' waiting customers,
the takings so far and the complaints due today. Read on a worker (services/today_glance.py)
when the tab is shown, on a change this PC makes, every ten seconds while on screen, and on F5.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from counter_app.i18n import pick
from counter_app.money import format_yuan
from counter_app.services import today_glance
from counter_app.ui.context import AppContext
from counter_app.ui.manager.live import LiveRefresh
from counter_app.ui.manager.table_model import minutes  # one decimal, as the board and the summary
from counter_app.ui.manager.today_hours import HoursCard
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import set_tone

CARD_WIDTH = 220  # the narrowest a card gets; the grid puts as many in a row as fit
# On a page this wide (a 1920×1080 screen) the figures take the theme's hero size and the
# cards widen to hold them: the page is read from across the office, not left half empty.
WIDE_PAGE = 1600
WIDE_CARD_WIDTH = 300
SPACING = 12


class Card(QFrame):
    """A caption, a large figure and a line under it."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCard")
        # The grid gives each card its width (never under CARD_WIDTH): a card's own minimum
        # would hold the grid at its widest row and stop it reflowing on a narrower window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        set_tone(self.caption, "muted")
        self.figure = QLabel("—")
        self.figure.setObjectName(name)
        set_tone(self.figure, "glance")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        set_tone(self.note, "muted")
        for label in (self.caption, self.figure, self.note):
            layout.addWidget(label)
        layout.addStretch(1)

        self.wide = False
        self.late = False

    def show_figure(self, text: str, note: str = "", late: bool = False) -> None:
        self.figure.setText(text)
        self.late = late
        self._tone()
        self.note.setText(note)
        set_tone(self.note, "error" if late and note else "muted")

    def set_wide(self, wide: bool) -> None:
        if wide != self.wide:
            self.wide = wide
            self._tone()

    def _tone(self) -> None:
        set_tone(self.figure, "glance" + ("-wide" if self.wide else "") + ("-late" if self.late else ""))


class CardGrid(QWidget):
    """Cards in rows of as many as the width holds; a narrower window gives more rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        self.cards: list[Card] = []
        self.columns = 0
        self.card_width = CARD_WIDTH

    def set_card_width(self, width: int) -> None:
        if width != self.card_width:
            self.card_width = width
            self.columns = 0
            self._place(self.width())

    def set_cards(self, cards: list[Card]) -> None:
        for card in self.cards:
            if card not in cards:
                self.grid.removeWidget(card)
                card.deleteLater()
        self.cards = list(cards)
        self.columns = 0
        self._place(self.width())

    def columns_for(self, width: int) -> int:
        return max(1, min(len(self.cards) or 1, (width + SPACING) // (self.card_width + SPACING)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place(event.size().width())

    def _place(self, width: int) -> None:
        columns = self.columns_for(width)
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        for i, card in enumerate(self.cards):
            card.set_wide(self.card_width > CARD_WIDTH)
            self.grid.addWidget(card, i // columns, i % columns)
        for column in range(columns):
            self.grid.setColumnStretch(column, 1)


class TodayTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayTab")
        self.glance: today_glance.TodayGlance | None = None
        names = {  # what a manager looks for first comes first
            "waiting": self.tr("Waiting now"),
            "longest": self.tr("Longest wait (min)"),
            "takings": self.tr("Takings so far (yuan)"),
            "complaints": self.tr("Complaints due today"),
            "served": self.tr("Served today"),
            "tickets": self.tr("Tickets today"),
            "payments": self.tr("Payments today"),
            "orders": self.tr("Orders today"),
            "staff": self.tr("Active staff"),
            "customers": self.tr("Customers"),
            "accounts": self.tr("Lines"),
        }
        self.cards = {key: Card(name, f"today_{key}") for key, name in names.items()}
        self.labels: dict[str, QLabel] = {key: card.figure for key, card in self.cards.items()}
        self.figures = CardGrid()
        self.figures.setObjectName("todayFigures")
        self.figures.set_cards(list(self.cards.values()))
        self.queue_heading = QLabel(self.tr("Waiting by queue"))
        set_tone(self.queue_heading, "form-title")
        self.queues = CardGrid()
        self.queues.setObjectName("todayQueues")
        self.queue_cards: dict[str, Card] = {}
        self.hours_heading = QLabel(self.tr("Tickets by hour"))
        set_tone(self.hours_heading, "form-title")
        self.hours = HoursCard()
        self.status = QLabel(self.tr("Reading the day…"))
        self.status.setObjectName("todayStatus")
        self.status.setWordWrap(True)
        set_tone(self.status, "muted")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(SPACING)
        for part in (self.figures, self.queue_heading, self.queues, self.hours_heading, self.hours, self.status):
            column.addWidget(part)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.loads = 0
        self.loading = False
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.refresh(fresh=True))
        self.live = LiveRefresh(self, ctx, self.refresh,
                                topics=(Topic.PAYMENTS, Topic.ORDERS, Topic.QUEUE, Topic.HANDOVER, Topic.SYNC,
                                        Topic.COMPLAINTS, Topic.DAY_CLOSE))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        width = WIDE_CARD_WIDTH if event.size().width() >= WIDE_PAGE else CARD_WIDTH
        for grid in (self.figures, self.queues):
            grid.set_card_width(width)

    def refresh(self, fresh: bool = False) -> None:
        """Read in a worker; a read still running is not started twice. ``fresh`` (F5): the
        hub is asked again, not its answer of the last minute taken."""
        if self.loading:
            return
        self.loading = True
        session = self.ctx.session
        Op(self, lambda: today_glance.glance(session, fresh=fresh)).success(self._show).after(self._idle).run()

    def _idle(self) -> None:
        self.loading = False

    def _show(self, glance: today_glance.TodayGlance) -> None:
        self.loads += 1
        self.glance = glance
        # In a hall of several PCs these counts are of this PC's file; the takings are the hall's.
        mine = self.tr("This PC") if glance.takings_source != "local" else ""
        for key, value in glance.counts.items():
            if key in self.cards:
                self.cards[key].show_figure(f"{value:,}", mine if key in ("payments", "orders") else "")
        late = any(q.late for q in glance.queues)
        self.cards["longest"].show_figure(minutes(glance.longest_wait_s),
                                          self.tr("past a queue's target") if late else "", late)
        self.cards["served"].show_figure(
            f"{glance.served:,}", "" if glance.within_target is None else
            self.tr("{share:.0%} called within target").format(share=glance.within_target))
        whose = {"hub": self.tr("The whole hall (from the hub)"),
                 "offline": self.tr("This PC only: the hub does not answer")}.get(glance.takings_source,
                                                                                 self.tr("This PC"))
        self.cards["takings"].show_figure(
            format_yuan(glance.takings_fen),
            self.tr("{whose}; net of reversals, {count} payments").format(whose=whose, count=glance.takings_count))
        self.cards["complaints"].show_figure(
            f"{glance.complaints_due:,}",
            self.tr("{count} overdue").format(count=glance.complaints_overdue) if glance.complaints_overdue else "",
            glance.complaints_overdue > 0)
        self._show_queues(glance.queues)
        self.hours.bars.set_hours(glance.hourly)
        state = self.tr("the day is closed") if glance.day_closed else self.tr("the day is open")
        self.status.setText(self.tr("As of {time}; {state}. F5 reads again.").format(
            time=glance.at.strftime("%H:%M:%S"), state=state))

    def _show_queues(self, queues: list[today_glance.QueueNow]) -> None:
        codes = [q.code for q in queues]
        if codes != list(self.queue_cards):
            lang = self.ctx.lang
            self.queue_cards = {q.code: Card(pick(lang, q.name_zh, q.name_en), f"todayQueue_{q.code}")
                                for q in queues}
            self.queues.set_cards(list(self.queue_cards.values()))  # sized like the figures' cards
        for q in queues:
            note = (self.tr("longest {wait} min, target {target} min").format(
                wait=minutes(q.longest_wait_s), target=q.target_min) if q.waiting else
                self.tr("target {target} min").format(target=q.target_min))
            self.queue_cards[q.code].show_figure(f"{q.waiting:,}", note, q.late)
