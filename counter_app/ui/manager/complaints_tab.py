"""Complaints for the manager: escalated and overdue complaints first, handling, the monthly
analysis (月度投诉分析), the SP claims list, and the deadlines and refund limits."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import UserError
from counter_app.models.complaints import CATEGORIES
from counter_app.services import complaint_refunds as refunds
from counter_app.services import complaints
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.complaint_handling import (
    EscalationTimer,
    HandlingBox,
    complaint_table,
    flags_text,
    mark_tab,
)
from counter_app.ui.widgets.complaint_models import category_label, complaint_model
from counter_app.ui.widgets.rows_model import select_id, selected_id


class ComplaintsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintsTab")
        self.preview = None  # the last print preview opened
        self.banner = QLabel()
        self.banner.setObjectName("complaintFlags")
        set_tone(self.banner, "error-strong")
        self.filter = QComboBox()
        self.filter.setObjectName("complaintFilter")
        self.filter.addItem(self.tr("Escalated to me"), "escalated")
        self.filter.addItem(self.tr("Unanswered"), "unanswered")
        self.filter.addItem(self.tr("Not closed"), "active")
        self.filter.setCurrentIndex(1)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = complaint_model(self)
        self.table = complaint_table(self.model)
        self.table.setObjectName("complaintTable")
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.handling.show_complaint(selected_id(self.table)))
        self.handling = HandlingBox(ctx)
        self.handling.changed.connect(lambda _id: self.refresh())

        left = QVBoxLayout()
        left.addWidget(self.banner)
        left.addWidget(self.filter)
        left.addWidget(self.table, 1)
        left.addWidget(self.handling)
        right = QVBoxLayout()
        right.addWidget(self._analysis_box())
        right.addWidget(self._claims_box())
        right.addWidget(self._limits_box())
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addLayout(right, 1)

        self.loads = 0
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.escalation = EscalationTimer(ctx, self)
        self.escalation.ran.connect(lambda _numbers: self.refresh())
        on_change(self, ctx, {Topic.COMPLAINTS, Topic.SYNC}, self.refresh)
        self.refresh()
        self.load_settings()
        QTimer.singleShot(0, self, self.show_summary)
        # A manager opening the window sees what is overdue now: the first check runs as soon
        # as the event loop does (and never, if the window is gone by then).
        QTimer.singleShot(0, self.escalation, self.escalation.check)

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list in a worker; only the newest read shows (the filter may change meanwhile)."""
        hall = self.ctx.session
        mode = self.filter.currentData()

        def work():
            if mode == "escalated":
                rows = complaints.list_complaints(hall, escalated_only=True)
            else:
                rows = complaints.list_complaints(hall)
                if mode == "unanswered":
                    rows = [r for r in rows if r.urgency != "done"]
            return rows, complaints.flag_counts(hall)

        Op(self, work).success(self._show_list).latest("list").run()

    def _show_list(self, result) -> None:
        rows, counts = result
        keep = selected_id(self.table)
        self.model.set_rows(rows)
        if keep is not None:
            select_id(self.table, keep)
        self.banner.setText(flags_text(counts))
        self.banner.setVisible(bool(self.banner.text()))
        mark_tab(self, bool(counts["overdue"] or counts["escalated"]))
        self.loads += 1

    # --- printing -------------------------------------------------------------------------

    @staticmethod
    def _month_edit() -> QLineEdit:
        edit = QLineEdit(f"{clock.today():%Y-%m}")
        edit.setInputMask("9999-99")
        return edit

    def _analysis_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Monthly complaint analysis"))
        self.analysis_month = self._month_edit()
        self.analysis_month.setObjectName("analysisMonth")
        self.analysis_button = QPushButton(self.tr("Print analysis"))
        self.analysis_button.setObjectName("analysisPrint")
        self.analysis_button.clicked.connect(self.print_analysis)
        self.analysis_summary = QLabel()
        self.analysis_summary.setObjectName("analysisSummary")
        self.analysis_summary.setWordWrap(True)
        self.analysis_month.editingFinished.connect(self.show_summary)
        # A box layout, not a form row: a wrapped label in a spanning form row keeps the
        # height of its first text and clips a longer one.
        layout = QVBoxLayout(box)
        form = QFormLayout()
        form.addRow(self.tr("Month"), self.analysis_month)
        layout.addLayout(form)
        layout.addWidget(self.analysis_summary)
        layout.addWidget(self.analysis_button)
        return box

    def show_summary(self) -> None:
        """The month's key figures on screen, counted in a worker like the printed analysis."""
        from counter_app.money import format_yuan
        from counter_app.services.complaint_report import monthly_analysis
        month, hall = self.analysis_month.text(), self.ctx.session
        if not self._month_ok(month):
            return

        def shown(data) -> None:
            rate = "—" if data.on_time_rate is None else f"{data.on_time_rate * 100:.1f}%"
            self.analysis_summary.setText(self.tr(
                "{total} complaints · replied on time {rate} · {overdue} overdue · {refunds} refunds, "
                "{amount} yuan").format(total=data.total, rate=rate, overdue=len(data.overdue),
                                        refunds=data.refunds, amount=format_yuan(data.refunds_fen)))

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserError):  # e.g. a clerk's session: the figures are the manager's
                self.analysis_summary.setText(user_text(exc))
            else:
                show_error(self, exc)

        Op(self, lambda: monthly_analysis(hall, month)).success(shown).failure(refused).latest("summary").run()

    def _claims_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("SP claims list"))
        self.claims_month = self._month_edit()
        self.claims_month.setObjectName("claimsMonth")
        self.claims_sp = QComboBox()
        self.claims_sp.setObjectName("claimsSp")
        self.claims_sp.addItem(self.tr("All SPs"), "")  # the providers follow (load_settings)
        self.claims_button = QPushButton(self.tr("Print claims"))
        self.claims_button.setObjectName("claimsPrint")
        self.claims_button.clicked.connect(self.print_claims)
        form = QFormLayout(box)
        form.addRow(self.tr("Month"), self.claims_month)
        form.addRow(self.tr("SP"), self.claims_sp)
        form.addRow(self.claims_button)
        return box

    def print_analysis(self) -> None:
        from counter_app.documents.complaint_report import render_monthly
        from counter_app.services.complaint_report import monthly_analysis
        from counter_app.ui.printing import print_document

        month, hall, lang = self.analysis_month.text(), self.ctx.session, self.ctx.lang
        if not self._month_ok(month):
            return
        print_document(self, self.ctx, lambda: render_monthly(monthly_analysis(hall, month, lang)),
                       title=self.tr("Monthly complaint analysis {month}").format(month=month),
                       kind="complaint_analysis", ref=month, on_open=self._opened)

    def print_claims(self) -> None:
        from counter_app.documents.complaint_claims import render_claims
        from counter_app.ui.printing import print_document

        month, sp, lang = self.claims_month.text(), self.claims_sp.currentData(), self.ctx.lang
        session = self.ctx.session
        hall = session.hall
        if not self._month_ok(month):
            return
        print_document(self, self.ctx,
                       lambda: render_claims(hall.name, month, refunds.claims_for_month(session, month, sp), lang),
                       title=self.tr("SP claims {month}").format(month=month), kind="sp_claims",
                       ref=f"{month}{'-' + sp if sp else ''}", on_open=self._opened)

    def _month_ok(self, month: str) -> bool:
        from counter_app.services.report_period import not_in_future_month

        try:
            refunds.month_bounds(month)
            not_in_future_month(month)  # the clock only: no SQL here
        except UserError as exc:
            self.ctx.statusMessage.emit(user_text(exc))
            return False
        return True

    def _opened(self, preview) -> None:
        self.preview = preview

    # --- deadlines and limits -----------------------------------------------------------

    def _limits_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reply deadlines and refund limits"))
        form = QFormLayout(box)
        self.hours: dict[str, QSpinBox] = {}
        for code in CATEGORIES:
            spin = QSpinBox()
            spin.setObjectName(f"deadlineHours_{code}")
            spin.setRange(1, complaints.MAX_DEADLINE_HOURS)
            spin.setSuffix(self.tr(" h"))
            self.hours[code] = spin
            form.addRow(category_label(code), spin)
        self.limit_yuan = QDoubleSpinBox()
        self.limit_yuan.setObjectName("refundLimit")
        self.limit_yuan.setDecimals(2)
        self.limit_yuan.setRange(0.01, 1000)
        self.months_back = QSpinBox()
        self.months_back.setObjectName("refundMonths")
        self.months_back.setRange(1, 24)
        form.addRow(self.tr("Refund limit (yuan)"), self.limit_yuan)
        form.addRow(self.tr("Bill months back"), self.months_back)
        self.save_limits = QPushButton(self.tr("Save"))
        self.save_limits.setObjectName("limitsSave")
        self.save_limits.setEnabled(False)  # until the stored values are on screen
        self.save_limits.clicked.connect(self.store_limits)
        self.limits_message = QLabel()
        self.limits_message.setObjectName("limitsMessage")
        self.limits_message.setWordWrap(True)
        form.addRow(self.save_limits)
        form.addRow(self.limits_message)
        return box

    def load_settings(self) -> None:
        """The SP providers and the stored deadlines and limits, read in a worker."""
        hall = self.ctx.session.hall_code
        Op(self, lambda: (refunds.providers(), complaints.deadline_hours(hall), refunds.refund_limits(hall))) \
            .success(self._show_settings).run()

    def _show_settings(self, result) -> None:
        providers, hours, limits = result
        for code, name in providers:
            self.claims_sp.addItem(f"{name} ({code})", code)
        for code, spin in self.hours.items():
            spin.setValue(hours[code])
        self.limit_yuan.setValue(limits.amount_fen / 100)
        self.months_back.setValue(limits.months_back)
        self.save_limits.setEnabled(True)

    def store_limits(self) -> None:
        from counter_app.money import parse_yuan

        session = self.ctx.session
        hours = {code: spin.value() for code, spin in self.hours.items()}
        months_back, amount_fen = self.months_back.value(), parse_yuan(f"{self.limit_yuan.value():.2f}")

        def refused(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.limits_message.setText(user_text(exc))
            else:
                show_error(self, exc)

        Op(self, lambda: refunds.save_limits(session, hours=hours, months_back=months_back, amount_fen=amount_fen),
           changes={Topic.SETUP}).success(lambda _r: self.limits_message.setText(self.tr("Saved."))) \
            .failure(refused).run()
