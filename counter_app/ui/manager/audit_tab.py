"""The audit-trail viewer: who did what and when, filtered by staff member, action and date,
and whether the trail's hash chain is whole (checked on a worker when the tab is first
shown and on F6; with a hub configured the hub's copy is compared too)."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.services import audit, audit_chain, setup
from counter_app.ui.context import AppContext
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.ops import Op
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.elide import eliding

LIMIT = 2000


def _detail(detail) -> str:
    if not detail:
        return ""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditTab")
        self.loads = 0
        self.names: dict[str, str] = {}
        self.who = QComboBox()
        self.who.setObjectName("auditWho")
        self.what = QLineEdit()
        self.what.setObjectName("auditWhat")
        self.what.setPlaceholderText(self.tr("action starts with, e.g. setup. or login"))
        self.what.setAccessibleName(self.what.placeholderText())
        today = clock.today()
        self.since = QDateEdit(QDate(today.year, today.month, today.day).addDays(-7))
        self.since.setObjectName("auditSince")
        self.since.setAccessibleName(self.tr("From date"))
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        self.until.setObjectName("auditUntil")
        self.until.setAccessibleName(self.tr("To date"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        search = QPushButton(self.tr("Search (Enter)"))
        search.setObjectName("auditSearch")
        search.clicked.connect(self.refresh)
        self.what.returnPressed.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.count = QLabel("")
        self.count.setObjectName("auditCount")
        self.chain = QLabel(self.tr("Checking the audit chain…"))
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(True)
        self.chain_checks = 0
        self.chain_report = None
        check = QPushButton(self.tr("Check the chain (F6)"))
        check.setObjectName("auditCheckChain")
        check.clicked.connect(self.check_chain)
        QShortcut(QKeySequence("F6"), self, self.check_chain)

        self.model = RowsModel([
            Column(self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
            Column(self.tr("Who"), lambda e: f"{e.staff_no} {self.names.get(e.staff_no, '')}".strip()),
            Column(self.tr("Action"), lambda e: e.action),
            Column(self.tr("Target"), lambda e: e.target),
            Column(self.tr("Terminal"), lambda e: e.terminal),
            Column(self.tr("Detail"), lambda e: _detail(e.detail)),
        ], self)
        self.view = eliding(QTableView())
        self.view.setObjectName("auditTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)

        filters = QHBoxLayout()
        for label, widget in ((self.tr("Who"), self.who), (self.tr("What"), self.what),
                              (self.tr("From"), self.since), (self.tr("To"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 2 if widget is self.what else 0)
        filters.addWidget(search)
        chain_row = QHBoxLayout()
        chain_row.addWidget(self.chain, 1)
        chain_row.addWidget(check)
        layout = QVBoxLayout(self)
        layout.addLayout(chain_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.load_staff()
        self.refresh()
        self.check_chain()

    def showEvent(self, event) -> None:
        # New events are written all day; coming back to the tab shows them.
        super().showEvent(event)
        if self.loads:
            self.refresh()

    def load_staff(self) -> None:
        self.who.clear()
        self.who.addItem(self.tr("Everyone"), "")
        # The staff come with the first events (refresh).

    def refresh(self) -> None:
        session = self.ctx.session
        staff_no = self.who.currentData() or ""
        action = self.what.text().strip()
        since = dt.datetime.combine(self.since.date().toPython(), dt.time())
        until = dt.datetime.combine(self.until.date().toPython() + dt.timedelta(days=1), dt.time())
        def work():
            events = audit.recent(session, staff_no=staff_no, action=action, since=since, until=until, limit=LIMIT)
            return events, [(s.staff_no, s.name) for s in setup.staff_list(session)]

        Op(self, work).success(self._show).latest("events").run()

    def _show(self, result) -> None:
        events, staff = result
        for staff_no, name in staff:
            if staff_no not in self.names:
                self.who.addItem(f"{staff_no} {name}", staff_no)
            self.names[staff_no] = name
        self.loads += 1
        self.model.set_rows(events)
        if len(events) >= LIMIT:
            self.count.setText(self.tr("The newest {count} events; narrow the filter to see older ones.").format(
                count=len(events)))
        else:
            self.count.setText(self.tr("{count} events").format(count=len(events)))

    # --- the hash chain ---------------------------------------------------------------------

    def check_chain(self) -> None:
        """Walk the chain (and the hub's copy when a hub is configured) on a worker."""
        hub = self.ctx.config.hub_url()
        self.chain.setText(self.tr("Checking the audit chain…"))

        def work():
            if hub:
                from counter_app.sync.audit_hub import verify_with_hub

                try:
                    return verify_with_hub(hub), ""
                except Exception as exc:  # the hub is away: still show the local chain
                    from counter_app.ui.errors import user_text

                    return audit_chain.verify_local(), user_text(exc)
            return audit_chain.verify_local(), ""

        Op(self, work).success(self._show_chain).run()

    def _show_chain(self, outcome) -> None:
        report, hub_problem = outcome
        self.chain_report = report
        self.chain_checks += 1
        if report.ok:
            text = self.tr("Audit chain whole: {events} events, each linked to the one before.").format(
                events=f"{report.events:,}")
            if report.hub_checked:
                text += " " + self.tr("The hub's copy agrees (up to no. {seq}).").format(
                    seq=", ".join(f"{n:,}" for n in report.on_hub.values()) or "0")
            tone = "success"
        else:
            first = report.first_break()
            text = self.tr("Audit chain BROKEN: {problem}").format(
                problem=first.text(QCoreApplication.translate))
            if len(report.breaks) > 1:
                text += " " + self.tr("({more} more problems; counter-app audit verify lists them.)").format(
                    more=len(report.breaks) - 1)
            tone = "error"
        if report.unchained:
            text += " " + self.tr("{count} older events are from before the chain began.").format(
                count=f"{report.unchained:,}")
        if hub_problem:
            text += " " + self.tr("The hub could not be compared: {reason}").format(reason=hub_problem)
        self.chain.setText(text)
        set_tone(self.chain, tone)
