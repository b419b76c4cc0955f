"""The manager's Training tab (培训考核): the assessments, each clerk's score, trend and pass or
fail, the month's report, and the way into training mode for a new clerk.

Reading brings in the drill results of this terminal's training copy first
(``services.training.collect_results``); everything runs in ops.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.services import assessments, drills
from counter_app.services import training as training_service
from counter_app.ui.manager.chart_view import ChartView
from counter_app.ui.manager.live import LiveRefresh
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import hex_colour, set_tone
from counter_app.ui.widgets.elide import eliding


class AssessmentDialog(QDialog):
    """Name, period, pass mark and drills of a new assessment."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentDialog")
        self.setWindowTitle(QCoreApplication.translate("TrainingTab", "New assessment"))
        today = clock.today()
        self.name = QLineEdit()
        self.name.setObjectName("assessmentName")
        self.name.setText(QCoreApplication.translate("TrainingTab", "Assessment {month}").format(month=f"{today:%Y-%m}"))
        self.first = QDateEdit(QDate(today.year, today.month, 1))
        self.first.setObjectName("assessmentFirst")
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd")
        end = (dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1) - dt.timedelta(days=1))
        self.last = QDateEdit(QDate(end.year, end.month, end.day))
        self.last.setObjectName("assessmentLast")
        self.last.setCalendarPopup(True)
        self.last.setDisplayFormat("yyyy-MM-dd")
        self.pass_mark = QSpinBox()
        self.pass_mark.setObjectName("assessmentPassMark")
        self.pass_mark.setRange(1, 100)
        self.pass_mark.setValue(80)
        self.checks: dict[str, QCheckBox] = {}
        box = QVBoxLayout()
        for item in drills.all_drills():
            check = QCheckBox(item.title(lang))
            check.setObjectName(f"drill_{item.code}")
            check.setChecked(True)
            self.checks[item.code] = check
            box.addWidget(check)
        self.message = QLabel()
        self.message.setObjectName("assessmentMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("TrainingTab", "Name"), self.name)
        form.addRow(QCoreApplication.translate("TrainingTab", "From"), self.first)
        form.addRow(QCoreApplication.translate("TrainingTab", "To"), self.last)
        form.addRow(QCoreApplication.translate("TrainingTab", "Pass mark"), self.pass_mark)
        form.addRow(QCoreApplication.translate("TrainingTab", "Drills"), box)
        form.addRow(self.message)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"name": self.name.text(), "drill_codes": [c for c, box in self.checks.items() if box.isChecked()],
                "pass_mark": self.pass_mark.value(), "first": self.first.date().toPython(),
                "last": self.last.date().toPython()}


class TrainingTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trainingTab")
        self.loads = 0
        self.loading = False
        self.view: assessments.AssessmentView | None = None
        self.report: assessments.MonthReport | None = None

        self.choice = QComboBox()
        self.choice.setObjectName("assessmentChoice")
        self.choice.setAccessibleName(QCoreApplication.translate("TrainingTab", "Assessment"))
        self.choice.setMinimumContentsLength(24)
        self.choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button = QPushButton(QCoreApplication.translate("TrainingTab", "New assessment…"))
        self.new_button.setObjectName("assessmentNew")
        self.new_button.clicked.connect(self.new_assessment)
        self.phrases_button = QPushButton(QCoreApplication.translate("TrainingTab", "Standard phrases…"))
        self.phrases_button.setObjectName("phrasesEdit")
        self.phrases_button.setToolTip(QCoreApplication.translate(
            "TrainingTab", "What a clerk says at each step, shown at the counter at that step"))
        self.phrases_button.clicked.connect(self.edit_phrases)
        self.month = QLineEdit(f"{clock.today():%Y-%m}")
        self.month.setObjectName("trainingMonth")
        self.month.setAccessibleName(QCoreApplication.translate("TrainingTab", "Month (YYYY-MM)"))
        self.month.setMaximumWidth(90)
        self.print_button = QPushButton(QCoreApplication.translate("TrainingTab", "Print the month's report"))
        self.print_button.setObjectName("trainingPrint")
        self.print_button.clicked.connect(self.print_report)
        self.start_button = QPushButton(QCoreApplication.translate("TrainingTab", "Open the counter in training mode"))
        self.start_button.setObjectName("trainingStart")
        self.start_button.setToolTip(QCoreApplication.translate("TrainingTab", "For a new clerk: the counter on a copy of the hall with made-up customers; "
                                         "nothing done there counts or leaves the copy."))
        self.start_button.clicked.connect(self.start_training)
        self.summary = QLabel()
        self.summary.setObjectName("assessmentSummary")
        self.summary.setWordWrap(True)

        self.model = RowsModel([
            Column(QCoreApplication.translate("TrainingTab", "Clerk"), lambda s: f"{s.staff_no} {s.name}"),
            Column(QCoreApplication.translate("TrainingTab", "Score"), lambda s: f"{s.score:.1f}", numeric=True, key=lambda s: s.score),
            Column(QCoreApplication.translate("TrainingTab", "Result"), lambda s: QCoreApplication.translate("TrainingTab", "passed") if s.passed else QCoreApplication.translate("TrainingTab", "failed"),
                   color=lambda s: hex_colour("success") if s.passed else hex_colour("danger")),
            Column(QCoreApplication.translate("TrainingTab", "Drills done"), lambda s: f"{sum(v is not None for v in s.best.values())} / {len(s.best)}",
                   numeric=True),
            Column(QCoreApplication.translate("TrainingTab", "Attempts"), lambda s: str(s.attempts), numeric=True, key=lambda s: s.attempts),
            Column(QCoreApplication.translate("TrainingTab", "Trend (6 months)"), self._trend_text),
            Column(QCoreApplication.translate("TrainingTab", "Last drill"), lambda s: f"{s.last_at:%Y-%m-%d %H:%M}" if s.last_at else "—"),
        ], self)
        self.table = eliding(QTableView())
        self.table.setObjectName("assessmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = ChartView()
        self.chart.setObjectName("trainingTrendChart")

        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("TrainingTab", "Assessment")))
        top.addWidget(self.choice, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.phrases_button)
        second = QHBoxLayout()
        second.addWidget(QLabel(QCoreApplication.translate("TrainingTab", "Month")))
        second.addWidget(self.month)
        second.addWidget(self.print_button)
        second.addStretch(1)
        second.addWidget(self.start_button)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.chart, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        self.live = LiveRefresh(self, ctx, self.refresh, topics=(Topic.TRAINING, Topic.SETUP), interval_s=30)

    def _trend_text(self, standing) -> str:
        if self.report is None:
            return ""
        for staff_no, _name, values in self.report.trend:
            if staff_no == standing.staff_no:
                shown = list(values)
                while shown and shown[0] is None:  # from the first month with a drill
                    shown.pop(0)
                return " → ".join("—" if v is None else f"{v:.0f}" for v in shown) or "—"
        return "—"

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        session = self.ctx.session
        wanted = self.choice.currentData()
        month = f"{clock.today():%Y-%m}"

        def work():
            training_service.collect_results(session)
            found = assessments.assessments(session)
            code = wanted if any(a.code == wanted for a in found) else (found[0].code if found else None)
            view = assessments.assessment_view(session, code) if code else None
            return found, view, assessments.month_report(session, month)

        Op(self, work).success(self._show).after(self._idle).run()

    def _idle(self) -> None:
        self.loading = False

    def _show(self, result) -> None:
        found, view, report = result
        self.loads += 1
        self.view, self.report = view, report
        self.choice.blockSignals(True)
        self.choice.clear()
        for a in found:
            self.choice.addItem(f"{a.name} ({a.first:%Y-%m-%d} – {a.last:%Y-%m-%d})", a.code)
        if view is not None:
            self.choice.setCurrentIndex(self.choice.findData(view.assessment.code))
        self.choice.blockSignals(False)
        self.model.set_rows(view.standings if view else [])
        if view is None:
            self.summary.setText(QCoreApplication.translate("TrainingTab", "No assessment yet: set one with “New assessment…”. Drills done in training "
                                     "mode are listed in the month's report."))
        else:
            passed = sum(s.passed for s in view.standings)
            titles = "、".join(d.title(self.ctx.lang) for d in view.assessment.drills) if self.ctx.lang.startswith(
                "zh") else "; ".join(d.title(self.ctx.lang) for d in view.assessment.drills)
            self.summary.setText(QCoreApplication.translate("TrainingTab", "Pass mark {mark}; {passed} of {count} clerks passed. Drills: {drills}.").format(
                mark=view.assessment.pass_mark, passed=passed, count=len(view.standings), drills=titles))
        from counter_app.documents import charts

        drawing = charts.bar_chart(QCoreApplication.translate("TrainingTab", "Hall's monthly average drill score"), report.trend_months,
                                   [v or 0 for v in report.hall_trend], charts.ARRIVALS, width=330, height=200,
                                   value_format="{:.1f}")
        self.chart.set_pdf(charts.drawing_pdf(drawing))

    # -- actions ------------------------------------------------------------------------------

    def new_assessment(self) -> None:
        dialog = AssessmentDialog(self.ctx.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session = self.ctx.session

        def accepted() -> None:
            values = dialog.values()
            Op(self, lambda: assessments.set_assessment(session, **values), changes={Topic.TRAINING, Topic.SETUP}) \
                .success(lambda a: self._chosen(a.code)).run()

        dialog.accepted.connect(accepted)
        dialog.open()

    def _chosen(self, code: str) -> None:
        self.choice.blockSignals(True)
        self.choice.addItem(code, code)
        self.choice.setCurrentIndex(self.choice.count() - 1)
        self.choice.blockSignals(False)
        self.refresh()

    def edit_phrases(self) -> None:
        from counter_app.services import phrases

        hall_code = self.ctx.session.hall_code
        Op(self, lambda: phrases.phrases(hall_code)).success(self._phrases_loaded).run()

    def _phrases_loaded(self, wording) -> None:
        from counter_app.ui.training.phrases import PhrasesDialog

        dialog = PhrasesDialog(self.ctx, wording, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.phrases_dialog = dialog

    def print_report(self) -> None:
        from counter_app.documents.training import render_report
        from counter_app.ui.printing import print_document

        session, month = self.ctx.session, self.month.text().strip()

        def build() -> bytes:
            training_service.collect_results(session)
            return render_report(assessments.month_report(session, month))

        print_document(self, self.ctx, build, title=QCoreApplication.translate("TrainingTab", "Training report {month}").format(month=month),
                       kind="training_report", ref=month)

    def start_training(self) -> None:
        from counter_app.ui.training.launch import start_training

        start_training(self.ctx, self)
