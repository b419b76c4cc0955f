"""End of day: shift handovers, closing the day, the settlement sheet.

The manager picks a date (today by default), sees the totals per method and per clerk with
handovers and differences, prints the sheet (Ctrl+P) and closes the day (日结), after which
that day takes no more payments or business.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import UserError
from counter_app.money import format_yuan
from counter_app.services import settlement
from counter_app.services.settlement import ClerkTotals, SettlementData
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.printing import print_document
from counter_app.ui.worker import run_task


class ClerkTotalsModel(QAbstractTableModel):
    COL_CLERK, COL_TAKINGS, COL_REVERSALS, COL_NET, COL_CASH, COL_COUNTED, COL_DIFFERENCE = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ClerkTotals] = []

    def set_rows(self, rows: list[ClerkTotals]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 7:
            return None
        return (self.tr("Clerk"), self.tr("Takings"), self.tr("Reversals"), self.tr("Net"), self.tr("Cash due"),
                self.tr("Counted"), self.tr("Difference"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.COL_CLERK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_DIFFERENCE and c.difference_fen:
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = [
            f"{c.staff_no} {c.name}", format_yuan(c.takings.amount_fen), format_yuan(c.reversals.amount_fen),
            format_yuan(c.net_fen), format_yuan(c.expected_cash_fen),
            self.tr("not handed over") if c.counted_cash_fen is None else format_yuan(c.counted_cash_fen),
            "" if c.difference_fen is None else format_yuan(c.difference_fen),
        ]
        return values[col]


class SettlementTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settlementTab")
        self.data: SettlementData | None = None
        self.date = QDateEdit()
        self.date.setObjectName("settlementDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.dateChanged.connect(lambda _d: self.refresh())
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button = QPushButton(self.tr("Print settlement sheet… (Ctrl+P)"))
        self.print_button.setObjectName("settlementPrint")
        self.print_button.clicked.connect(self.print_sheet)
        self.close_button = QPushButton(self.tr("Close the day…"))
        self.close_button.setObjectName("settlementClose")
        self.close_button.clicked.connect(lambda: self.close_day())
        self.state = QLabel()
        self.state.setObjectName("settlementState")
        self.summary: dict[str, QLabel] = {}
        summary = QFormLayout()
        for key, text in (("takings", self.tr("Takings (payments and fees)")), ("reversals", self.tr("Reversals")),
                          ("net", self.tr("Net takings")), ("cash", self.tr("Cash in the drawers")),
                          ("pos", self.tr("Bank card (POS)")), ("card", self.tr("Payment card")),
                          ("remote", self.tr("Cross-city (cash)")), ("credits", self.tr("Credits to accounts (not cash)"))):
            label = QLabel("—")
            label.setObjectName(f"settlement_{key}")
            self.summary[key] = label
            summary.addRow(text, label)
        self.model = ClerkTotalsModel(self)
        self.table = QTableView()
        self.table.setObjectName("settlementClerks")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("settlementMessage")
        self.message.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Business day")))
        bar.addWidget(self.date)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.state)
        layout.addLayout(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        for keys, slot in (("F5", self.refresh), ("Ctrl+P", self.print_sheet)):
            shortcut = QShortcut(QKeySequence(keys), self, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.dataChanged.connect(lambda what: self.refresh() if what == "payments" else None)
        self.refresh()

    def business_date(self):
        return self.date.date().toPython()

    def refresh(self) -> None:
        session, day = self.ctx.session, self.business_date()
        run_task(lambda: settlement.settlement(session, day), on_done=self.show_data, on_error=self._failed,
                 parent=self)

    def show_data(self, data: SettlementData) -> None:
        if data.business_date != self.business_date():
            return  # an older answer for a date no longer shown
        self.data = data
        if data.closed_at:
            self.state.setText(self.tr("Closed by {who} at {at}.").format(who=data.closed_by,
                                                                          at=f"{data.closed_at:%Y-%m-%d %H:%M}"))
        else:
            self.state.setText(self.tr("Open: payments are still being taken."))
        self.close_button.setEnabled(data.closed_at is None)
        methods = data.by_method
        values = {
            "takings": (data.takings.count, data.takings.amount_fen),
            "reversals": (data.reversals.count, data.reversals.amount_fen),
            "net": (None, data.net_fen), "cash": (None, data.expected_cash_fen),
            "pos": (methods["pos"].count, methods["pos"].amount_fen),
            "card": (methods["card"].count, methods["card"].amount_fen),
            "remote": (methods["remote"].count, methods["remote"].amount_fen),
            "credits": (data.credits.count, data.credits.amount_fen),
        }
        for key, (count, fen) in values.items():
            text = self.tr("{amount} yuan").format(amount=format_yuan(fen))
            if count is not None:
                text += " · " + self.tr("{count} rows").format(count=count)
            self.summary[key].setText(text)
        self.model.set_rows(data.clerks)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc, tb)

    def print_sheet(self) -> None:
        from counter_app.documents import settlement as sheet

        session, day, lang = self.ctx.session, self.business_date(), self.ctx.lang
        print_document(self, self.ctx, lambda: sheet.build(settlement.settlement(session, day), lang),
                       title=self.tr("Settlement {date}").format(date=day.isoformat()), kind="settlement",
                       ref=day.isoformat())

    def close_day(self, confirmed: bool = False) -> None:
        day = self.business_date()
        if not confirmed:
            text = self.tr("Close the business day {date}? No more payments or business can be taken for it.").format(
                date=day.isoformat())
            missing = settlement.clerks_without_handover(self.data) if self.data else []
            if missing:
                text += "\n\n" + self.tr("Not handed over yet: {clerks}.").format(
                    clerks=", ".join(f"{c.staff_no} {c.name}" for c in missing))
            answer = QMessageBox.question(self, self.tr("Close the day"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        session = self.ctx.session

        def done(_row) -> None:
            self.message.setText(self.tr("The business day {date} is closed.").format(date=day.isoformat()))
            self.ctx.dataChanged.emit("dayclose")
            self.refresh()

        run_task(lambda: settlement.close_day(session, day), on_done=done, on_error=self._failed, parent=self)
