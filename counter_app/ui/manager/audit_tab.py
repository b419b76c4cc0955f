"""The audit-trail viewer: who did what and when, filtered by staff member, action and date."""

from __future__ import annotations

import datetime as dt
import json

import shiboken6
from PySide6.QtCore import QDate
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
from counter_app.services import audit, setup
from counter_app.ui.context import AppContext
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.worker import run_task

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
        today = clock.today()
        self.since = QDateEdit(QDate(today.year, today.month, today.day).addDays(-7))
        self.since.setObjectName("auditSince")
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        self.until.setObjectName("auditUntil")
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

        self.model = RowsModel([
            Column(self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
            Column(self.tr("Who"), lambda e: f"{e.staff_no} {self.names.get(e.staff_no, '')}".strip()),
            Column(self.tr("Action"), lambda e: e.action),
            Column(self.tr("Target"), lambda e: e.target),
            Column(self.tr("Terminal"), lambda e: e.terminal),
            Column(self.tr("Detail"), lambda e: _detail(e.detail)),
        ], self)
        self.view = QTableView()
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
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.load_staff()
        self.refresh()

    def showEvent(self, event) -> None:
        # New events are written all day; coming back to the tab shows them.
        super().showEvent(event)
        if self.loads:
            self.refresh()

    def load_staff(self) -> None:
        self.who.clear()
        self.who.addItem(self.tr("Everyone"), "")
        for staff in setup.staff_list(self.ctx.session):
            self.names[staff.staff_no] = staff.name
            self.who.addItem(f"{staff.staff_no} {staff.name}", staff.staff_no)

    def refresh(self) -> None:
        session = self.ctx.session
        staff_no = self.who.currentData() or ""
        action = self.what.text().strip()
        since = dt.datetime.combine(self.since.date().toPython(), dt.time())
        until = dt.datetime.combine(self.until.date().toPython() + dt.timedelta(days=1), dt.time())
        run_task(lambda: audit.recent(session, staff_no=staff_no, action=action, since=since, until=until,
                                      limit=LIMIT), on_done=self._show, parent=self)

    def _show(self, events) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the work was running
        self.loads += 1
        self.model.set_rows(events)
        if len(events) >= LIMIT:
            self.count.setText(self.tr("The newest {count} events; narrow the filter to see older ones.").format(
                count=len(events)))
        else:
            self.count.setText(self.tr("{count} events").format(count=len(events)))
