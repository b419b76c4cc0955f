"""The service checks of a month: the list, a check's sheet, the month's bulletin (通报). The
inspector's window records checks here too; the manager's window reads them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from counter_app.i18n import counter_name
from counter_app.services import setup, supervision
from counter_app.ui.manager.live import LiveRefresh
from counter_app.ui.manager.table_model import ROW_ROLE, Column, RowsModel
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.elide import eliding


def kind_name(kind: str) -> str:
    return {"spot_check": QCoreApplication.translate("ChecksTab", "Spot check"), "mystery_shopper": QCoreApplication.translate("ChecksTab", "Mystery-shopper visit"),
            "standard_hall": QCoreApplication.translate("ChecksTab", "Standard-hall checklist")}.get(kind, kind)


class ChecksTab(QWidget):
    def __init__(self, ctx, *, may_record: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checksTab")
        self.loads = 0
        self.loading = False
        self.bulletin: supervision.Bulletin | None = None
        self.month = QLineEdit(f"{clock.today():%Y-%m}")
        self.month.setObjectName("checksMonth")
        self.month.setAccessibleName(QCoreApplication.translate("ChecksTab", "Month (YYYY-MM)"))
        self.month.setMaximumWidth(90)
        self.month.returnPressed.connect(self.refresh)
        self.record_button = QPushButton(QCoreApplication.translate("ChecksTab", "Record a check…"))
        self.record_button.setObjectName("checkRecord")
        self.record_button.clicked.connect(self.record)
        self.record_button.setVisible(may_record)
        self.sheet_button = QPushButton(QCoreApplication.translate("ChecksTab", "Print the check sheet"))
        self.sheet_button.setObjectName("checkSheet")
        self.sheet_button.clicked.connect(self.print_sheet)
        self.bulletin_button = QPushButton(QCoreApplication.translate("ChecksTab", "Print the month's bulletin"))
        self.bulletin_button.setObjectName("checksBulletin")
        self.bulletin_button.clicked.connect(self.print_bulletin)
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel([
            Column(QCoreApplication.translate("ChecksTab", "Time"), lambda c: f"{c.visited_at:%Y-%m-%d %H:%M}"),
            Column(QCoreApplication.translate("ChecksTab", "Kind"), lambda c: kind_name(c.kind)),
            Column(QCoreApplication.translate("ChecksTab", "Checked"), lambda c: f"{c.staff_no} {c.staff_name}".strip() or c.hall_name),
            Column(QCoreApplication.translate("ChecksTab", "Counter"), lambda c: c.counter_label or "—"),
            Column(QCoreApplication.translate("ChecksTab", "Score"), lambda c: f"{c.score} / {c.max_score}", numeric=True, key=lambda c: c.share),
            Column(QCoreApplication.translate("ChecksTab", "Share"), lambda c: f"{c.share * 100:.1f}%", numeric=True, key=lambda c: c.share,
                   color=lambda c: hex_colour("danger") if c.share < 0.8 else None),
            Column(QCoreApplication.translate("ChecksTab", "Inspector"), lambda c: f"{c.inspector_no} {c.inspector_name}"),
            Column(QCoreApplication.translate("ChecksTab", "To put right by"), lambda c: f"{c.follow_up_due:%Y-%m-%d}" if c.follow_up_due else "—"),
            Column(QCoreApplication.translate("ChecksTab", "To put right"), lambda c: c.follow_up),
        ], self)
        self.table = eliding(QTableView())
        self.table.setObjectName("checksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.print_sheet())
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ChecksTab", "Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.record_button)
        top.addWidget(self.sheet_button)
        top.addWidget(self.bulletin_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        self.live = LiveRefresh(self, ctx, self.refresh, topics=(Topic.INSPECTIONS,), interval_s=60)

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        session, month = self.ctx.session, self.month.text().strip()
        Op(self, lambda: supervision.monthly_bulletin(session, month)).success(self._show) \
            .after(self._idle).run()

    def _idle(self) -> None:
        self.loading = False

    def _show(self, bulletin: supervision.Bulletin) -> None:
        self.loads += 1
        self.bulletin = bulletin
        checks = list(reversed(bulletin.checks))  # newest first
        self.model.set_rows(checks)
        if not checks:
            self.summary.setText(QCoreApplication.translate("ChecksTab", "No spot check or mystery-shopper visit in {month}.").format(month=bulletin.month))
            return
        weakest = bulletin.weakest[0].text if bulletin.weakest else "—"
        self.summary.setText(QCoreApplication.translate("ChecksTab", "{count} checks in {month}, average {average}; weakest item: {weakest}; "
                                 "{repeated} repeated failures; {due} follow-ups.").format(
            count=len(checks), month=bulletin.month, average=f"{(bulletin.average or 0) * 100:.1f}%",
            weakest=weakest, repeated=len(bulletin.repeated), due=len(bulletin.follow_ups)))

    def selected(self):
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def record(self) -> None:
        session = self.ctx.session
        lang = self.ctx.lang

        def work():
            counters = [(c.number, counter_name(lang, c.number, c.name)) for c in setup.counter_list(session.hall_code)]
            return supervision.counter_staff(session), counters

        Op(self, work).success(self._open_form).run()

    def _open_form(self, result) -> None:
        from counter_app.ui.supervision.record_dialog import RecordDialog

        staff, counters = result
        dialog = RecordDialog(self.ctx, staff, counters, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ctx.statusMessage.emit(QCoreApplication.translate("ChecksTab", "The check is recorded.")))
        dialog.open()
        self.form = dialog

    def print_sheet(self) -> None:
        check = self.selected()
        if check is None:
            self.summary.setText(QCoreApplication.translate("ChecksTab", "Choose a check in the list first."))
            return
        from counter_app.documents.supervision import render_sheet
        from counter_app.ui.printing import print_document

        lang = self.ctx.lang
        session = self.ctx.session
        print_document(self, self.ctx, lambda: render_sheet(check, lang, supervision.sheet_code(session, check)), title=QCoreApplication.translate("ChecksTab", "Check sheet"),
                       kind="inspection_sheet", ref=check.id.hex)

    def print_bulletin(self) -> None:
        from counter_app.documents.supervision import render_bulletin
        from counter_app.ui.printing import print_document

        session, month, hall = self.ctx.session, self.month.text().strip(), self.ctx.session.hall.name
        print_document(self, self.ctx, lambda: render_bulletin(supervision.monthly_bulletin(session, month), hall),
                       title=QCoreApplication.translate("ChecksTab", "Service-quality bulletin {month}").format(month=month),
                       kind="inspection_bulletin", ref=month)
