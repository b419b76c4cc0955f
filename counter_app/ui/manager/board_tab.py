"""The live hall board: queues, counters and today's service level, refreshed every few
seconds. The query runs in a worker; the window never waits for it, and a refresh that is
still running is not started twice."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.documents import charts
from counter_app.i18n import counter_name, pick
from counter_app.services import board
from counter_app.services.session import hall_setting
from counter_app.ui.context import AppContext
from counter_app.ui.manager.chart_view import ChartView
from counter_app.ui.manager.table_model import Column, RowsModel, minutes, share
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import hex_colour, set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.vip_alert import VipAlert

DEFAULT_REFRESH_S = 5


def over_target(line: board.CategoryLine) -> bool:
    return line.longest_wait_s is not None and line.longest_wait_s > line.target_min * 60


class BoardTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("boardTab")
        self.snapshot: board.BoardSnapshot | None = None
        self.busy = False
        self.refreshes = 0
        grid = self._figures_grid()
        self._build_tables(ctx.lang)
        self._lay_out(ctx, grid)
        self._start_refreshing(ctx)

    def _figures_grid(self) -> QGridLayout:
        """The day's key figures, a caption above each."""
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = [
            ("waiting", self.tr("Waiting now")), ("longest", self.tr("Longest wait (min)")),
            ("served", self.tr("Served today")), ("avg_wait", self.tr("Average wait (min)")),
            ("avg_service", self.tr("Average service (min)")), ("within", self.tr("Within target")),
            ("satisfaction", self.tr("Satisfaction")),
        ]
        for i, (key, name) in enumerate(names):
            caption = QLabel(name)
            value = QLabel("—")
            value.setObjectName(f"board_{key}")
            set_tone(value, "figure")
            grid.addWidget(caption, 0, i)
            grid.addWidget(value, 1, i)
            self.figures[key] = value
        return grid

    def _build_tables(self, lang: str) -> None:
        """The queues by category, the counters, the tickets-per-hour chart, the time of the figures."""
        self.categories = RowsModel([
            Column(self.tr("Category"), lambda r: pick(lang, r.name_zh, r.name_en)),
            Column(self.tr("Waiting"), lambda r: str(r.waiting), True, lambda r: r.waiting),
            Column(self.tr("Longest wait"), lambda r: minutes(r.longest_wait_s), True,
                   color=lambda r: hex_colour("danger") if over_target(r) else None),  # over the category's target
            Column(self.tr("Target (min)"), lambda r: str(r.target_min), True, lambda r: r.target_min),
            Column(self.tr("Served"), lambda r: str(r.served), True, lambda r: r.served),
            Column(self.tr("Average wait"), lambda r: minutes(r.avg_wait_s), True),
            Column(self.tr("Within target"), lambda r: share(r.within_target), True),
        ], self)
        statuses = {"serving": self.tr("Serving"), "open": self.tr("Open, free"), "paused": self.tr("Paused"),
                    "closed": self.tr("Closed")}
        self.counters = RowsModel([
            Column(self.tr("Counter"), lambda r: counter_name(lang, r.number, r.name)),
            Column(self.tr("Status"), lambda r: statuses.get(r.status, r.status)),
            Column(self.tr("Clerk"), lambda r: f"{r.staff_no} {r.staff_name}".strip()),
            Column(self.tr("Ticket"), lambda r: r.ticket_code),
            Column(self.tr("Since"), lambda r: f"{r.since:%H:%M}" if r.since else ""),
        ], self)
        self.category_view = self._view(self.categories, "boardCategories")
        self.counter_view = self._view(self.counters, "boardCounters")
        # The category names are read whole; the figures share what is left.
        self.category_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.category_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # The queue table is as tall as its categories; the counters below get the rest.
        self.category_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.category_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.chart = ChartView()
        self.chart.setObjectName("boardChart")
        self.updated = QLabel(self.tr("Loading…"))
        self.updated.setObjectName("boardUpdated")

    def _lay_out(self, ctx: AppContext, grid: QGridLayout) -> None:
        """VIP alert, figures, queues; counters beside the chart; when the figures were read."""
        queues = QGroupBox(self.tr("Queues"))
        QVBoxLayout(queues).addWidget(self.category_view)
        counters = QGroupBox(self.tr("Counters"))
        QVBoxLayout(counters).addWidget(self.counter_view)
        chart_box = QGroupBox(self.tr("Tickets per hour"))
        QVBoxLayout(chart_box).addWidget(self.chart)
        lower = QHBoxLayout()
        lower.addWidget(counters, 3)
        lower.addWidget(chart_box, 2)
        self.vip_alert = VipAlert(ctx)  # VIP members waiting, from any kiosk of the hall
        layout = QVBoxLayout(self)
        layout.addWidget(self.vip_alert)
        layout.addLayout(grid)
        layout.addWidget(queues, 0)
        layout.addLayout(lower, 1)
        layout.addWidget(self.updated)

    def _start_refreshing(self, ctx: AppContext) -> None:
        self.timer = QTimer(self)
        # The hall's own interval (setting board_refresh_s) comes with the first snapshot.
        self.timer.setInterval(DEFAULT_REFRESH_S * 1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QShortcut(QKeySequence("F5"), self, self.refresh)
        on_change(self, ctx, tuple(Topic), self.refresh)
        self.refresh()

    def _view(self, model: RowsModel, name: str) -> QTableView:
        view = eliding(QTableView())
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.refreshes:
            self.refresh()  # back on the board: show now, not at the next tick

    def refresh(self) -> None:
        """Start a refresh in a worker unless one is running, or the board sits behind another
        tab (it catches up when shown)."""
        if self.busy or (self.parentWidget() is not None and self.isHidden() and self.refreshes):
            return
        self.busy = True
        session = self.ctx.session
        title = self.tr("Tickets issued per hour")

        def work():
            snap = board.snapshot(session)
            hours = [h for h, _ in snap.hourly]
            pdf = charts.drawing_pdf(charts.hourly_arrivals(hours, [n for _, n in snap.hourly], title))
            seconds = int(hall_setting(session.hall_code, "board_refresh_s", DEFAULT_REFRESH_S) or DEFAULT_REFRESH_S)
            return snap, pdf, seconds

        Op(self, work).success(self._show).failure(self._failed).after(self._idle).run()

    def _idle(self) -> None:
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        self.updated.setText(self.tr("The board could not be refreshed: {error}").format(error=str(exc)))

    def _show(self, result) -> None:
        snap, pdf, seconds = result
        if self.timer.interval() != max(1, seconds) * 1000:
            self.timer.setInterval(max(1, seconds) * 1000)
        self.snapshot = snap
        self.refreshes += 1
        f = self.figures
        f["waiting"].setText(str(snap.waiting))
        f["longest"].setText(minutes(snap.longest_wait_s))
        late = [line for line in snap.categories if over_target(line)]
        # Red when someone waits past the target of their category, with the categories named.
        set_tone(f["longest"], "figure-late" if late else "figure")
        f["longest"].setToolTip(self.tr("Over the wait target: {categories}").format(
            categories=", ".join(pick(self.ctx.lang, line.name_zh, line.name_en) for line in late)) if late else "")
        f["served"].setText(str(snap.served))
        f["avg_wait"].setText(minutes(snap.avg_wait_s))
        f["avg_service"].setText(minutes(snap.avg_service_s))
        f["within"].setText(share(snap.within_target))
        f["satisfaction"].setText(share(snap.satisfaction))
        self.categories.set_rows(snap.categories)
        self.counters.set_rows(snap.counters)
        self.chart.set_pdf(pdf)
        self.updated.setText(self.tr("Updated {time}; refreshes every {seconds} s (F5: now)").format(
            time=f"{snap.at:%H:%M:%S}", seconds=self.timer.interval() // 1000))
