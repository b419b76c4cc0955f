"""End of day: shift handovers, closing the day, the settlement sheet.

The manager picks a date (today by default), sees the totals per method and per clerk with
handovers and differences, prints the sheet (Ctrl+P) and closes the day (日结), after which
that day takes no more payments or business.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
)
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
from counter_app.services.settlement import SettlementData
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.manager.live import LiveRefresh
from counter_app.ui.manager.settlement_pcs import TerminalsModel, gap_warnings, source_text
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.ops import Op, Topic
from counter_app.ui.printing import print_document
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.elide import eliding


class ClerkTotalsModel(RowsModel):
    """Each clerk's takings and cash of the day: the generic table model, its columns as data
    (money right-aligned and sorted by its fen; a difference in the theme's danger colour)."""

    COL_CLERK, COL_TAKINGS, COL_REVERSALS, COL_NET, COL_CASH, COL_COUNTED, COL_DIFFERENCE = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__([], parent)  # (a QObject first: its tr() names the columns)

        def money(get) -> Column:
            return Column("", lambda c: format_yuan(get(c)), numeric=True, key=get)

        columns = [
            Column(self.tr("Clerk"), lambda c: f"{c.staff_no} {c.name}"),
            money(lambda c: c.takings.amount_fen), money(lambda c: c.reversals.amount_fen),
            money(lambda c: c.net_fen), money(lambda c: c.expected_cash_fen),
            Column("", lambda c: self.tr("not handed over") if c.counted_cash_fen is None
                   else format_yuan(c.counted_cash_fen), numeric=True, key=lambda c: c.counted_cash_fen or 0),
            Column("", lambda c: "" if c.difference_fen is None else format_yuan(c.difference_fen), numeric=True,
                   key=lambda c: c.difference_fen or 0,
                   color=lambda c: hex_colour("danger") if c.difference_fen else None),
        ]
        headers = (self.tr("Clerk"), self.tr("Takings"), self.tr("Reversals"), self.tr("Net"), self.tr("Cash due"),
                   self.tr("Counted"), self.tr("Difference"))
        self.columns = [replace(c, header=h) for c, h in zip(columns, headers, strict=True)]


class SettlementTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settlementTab")
        self.data: SettlementData | None = None
        self.date = QDateEdit()
        self.date.setObjectName("settlementDate")
        self.date.setAccessibleName(self.tr("Settlement day"))
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
        self.table = eliding(QTableView())
        self.table.setObjectName("settlementClerks")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("settlementMessage")
        self.message.setWordWrap(True)
        # A hall of several PCs (a hub configured): where the figures come from, each PC's state.
        self.source = QLabel()
        self.source.setObjectName("settlementSource")
        self.source.setWordWrap(True)
        self.pcs_model = TerminalsModel(self)
        self.pcs = eliding(QTableView())
        self.pcs.setObjectName("settlementPcs")
        self.pcs.setAccessibleName(self.tr("PCs of the hall"))
        self.pcs.setModel(self.pcs_model)
        self.pcs.verticalHeader().hide()
        self.pcs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.pcs.setMaximumHeight(120)
        self.pcs.hide()

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
        layout.addWidget(self.source)
        layout.addWidget(self.pcs)
        layout.addWidget(self.message)
        # Window-wide while the tab is shown (a hidden tab's keys do not fire), so the keys
        # also work with the focus on the tab bar.
        for keys, slot in (("F5", self.refresh), ("Ctrl+P", self.print_sheet)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.loading = False
        self.again = False
        self.loads = 0
        self.close_button.setEnabled(False)  # not before the figures are on screen
        # Loads when shown, follows this terminal's changes at once and the other terminals'
        # on a timer: the manager never closes the day looking at old figures.
        self.live = LiveRefresh(self, ctx, self.refresh, topics=(Topic.PAYMENTS, Topic.HANDOVER, Topic.DAY_CLOSE,
                                                                 Topic.SYNC))

    def business_date(self):
        return self.date.date().toPython()

    def refresh(self) -> None:
        if self.loading:
            self.again = True  # one more read after the running one: it may predate the change
            return
        self.loading = True
        self.again = False
        session, day = self.ctx.session, self.business_date()
        if self.data is None or self.data.business_date != day:
            self.close_button.setEnabled(False)  # the figures of another day are on screen
        Op(self, lambda: settlement.settlement(session, day)).success(self.show_data).failure(self._failed) \
            .after(self._loaded).run()

    def _loaded(self) -> None:
        """Ends a read (before its result is shown)."""
        self.loading = False
        if self.again:
            self.refresh()

    def show_data(self, data: SettlementData) -> None:
        if data.business_date != self.business_date():
            self.refresh()  # an older answer for a date no longer shown
            return
        self.loads += 1
        same = (self.data is not None and data.business_date == self.data.business_date
                and data.mark == self.data.mark and data.closed_at == self.data.closed_at)
        self.data = data
        if data.closed_at:
            self.state.setText(self.tr("Closed by {who} at {at}.").format(who=data.closed_by,
                                                                          at=f"{data.closed_at:%Y-%m-%d %H:%M}"))
        else:
            self.state.setText(self.tr("Open: payments are still being taken. Figures as of {time}.").format(
                time=f"{data.printed_at:%H:%M:%S}"))
        self.close_button.setEnabled(data.closed_at is None and data.closed_elsewhere is None)
        self.source.setText(source_text(data))
        self.pcs.setVisible(len(data.terminals) > 1)
        self.pcs_model.set_rows(data.terminals)
        if same:
            return  # nothing new: leave the table (and what the manager selected) alone
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
                text += " · " + (self.tr("1 row") if count == 1 else self.tr("{count} rows").format(count=count))
            self.summary[key].setText(text)
        self.model.set_rows(data.clerks)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def print_sheet(self) -> None:
        from counter_app.documents import settlement as sheet

        session, day, lang = self.ctx.session, self.business_date(), self.ctx.lang
        print_document(self, self.ctx, lambda: sheet.build(settlement.settlement(session, day), lang),
                       title=self.tr("Settlement {date}").format(date=day.isoformat()), kind="settlement",
                       ref=day.isoformat())

    def close_day(self, confirmed: bool = False) -> None:
        """日结: read the warnings and the figures' mark afresh; refuse figures older than the
        newest payment, warn of an open hall and of clerks not handed over, then close."""
        if self.data is None or self.data.business_date != self.business_date():
            self.message.setText(self.tr("The figures are still being read: close the day once they are shown."))
            return
        seen, day, session = self.data.mark, self.business_date(), self.ctx.session
        self.close_button.setEnabled(False)

        def checked(check: settlement.CloseCheck) -> None:
            self.close_button.setEnabled(True)
            if check.mark != seen or day != self.business_date():
                self.message.setText(self.tr("New payments or handovers came in: the figures have been read "
                                             "again. Look at them, then close the day."))
                self.refresh()
                return
            if not confirmed and not self._confirm(day, check):
                return
            # The PCs named in the confirmation (and the hub not answering) are accepted by name.
            accept = list(check.gaps)
            Op(self, lambda: settlement.close_day(session, day, seen=seen, accept=accept), changes={Topic.DAY_CLOSE}) \
                .success(done).failure(failed).run()

        def done(_row) -> None:
            self.message.setText(self.tr("The business day {date} is closed.").format(date=day.isoformat()))

        def failed(exc: BaseException) -> None:
            self.close_button.setEnabled(self.data is not None and self.data.closed_at is None)
            self._failed_quietly(exc)

        Op(self, lambda: settlement.close_check(session, day)).success(checked).failure(failed).run()

    def _failed_quietly(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
            self.refresh()  # a refusal (figures changed, day closed elsewhere) shows the figures now
        else:
            show_error(self, exc)

    def _confirm(self, day, check: settlement.CloseCheck) -> bool:
        text = self.tr("Close the business day {date}? No more payments or business can be taken for it.").format(
            date=day.isoformat())
        warnings = close_warnings(check)
        if warnings:
            text += "\n\n" + self.tr("Before you close:") + "\n" + "\n".join(f"• {w}" for w in warnings)
        box = QMessageBox(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Question, self.tr("Close the day"),
                          text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("closeDayConfirm")
        # With a warning the safe answer is the default: Enter does not close an open hall's day.
        box.setDefaultButton(QMessageBox.StandardButton.No if warnings else QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes


def close_warnings(check: settlement.CloseCheck) -> list[str]:
    """The warnings of a close check as the manager reads them."""
    out = []
    if check.hall_closes:
        out.append(QCoreApplication.translate("SettlementTab", "The hall is open until {time}: customers may still come to pay.").format(
            time=check.hall_closes))
    if check.not_handed_over:
        out.append(QCoreApplication.translate("SettlementTab", "Not handed over yet: {clerks}.").format(
            clerks=", ".join(f"{c.staff_no} {c.name}" for c in check.not_handed_over)))
    if check.open_counters:
        out.append(QCoreApplication.translate("SettlementTab", "Counters still open: {counters}.").format(
            counters=", ".join(QCoreApplication.translate("SettlementTab", "{number} ({clerk})").format(
                number=c.number, clerk=f"{c.staff_no} {c.name}".strip()) for c in check.open_counters)))
    if check.waiting:
        out.append(QCoreApplication.translate("SettlementTab", "{count} customer(s) still waiting in the queue.").format(count=check.waiting))
    return out + gap_warnings(check)
