"""Service level and hall grade: month to date or any past month, each criterion of each
level shown as passed or failed, and the thresholds a manager may change."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import pick
from counter_app.services import grading
from counter_app.ui.context import AppContext
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import hex_colour, set_tone
from counter_app.ui.widgets.elide import eliding

HISTORY_MONTHS = 6
COL_WITHIN = 4  # the overview's "within N min" column


def criterion_name(key: str) -> str:
    names = {
        "avg_wait_min": QCoreApplication.translate("Grade", "Average wait (min)"),
        "within_share": QCoreApplication.translate("Grade", "Served within the time"),
        "within_min": QCoreApplication.translate("Grade", "…within (min)"),
        "satisfaction": QCoreApplication.translate("Grade", "Satisfaction (ratings 4–5)"),
        "complaints_per_1000": QCoreApplication.translate("Grade", "Complaints per 1,000 customers"),
        "overdue": QCoreApplication.translate("Grade", "Overdue complaints"),
    }
    return names.get(key, key)


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in ("within_share", "satisfaction"):
        return f"{value * 100:.1f}%"
    if key == "overdue":
        return str(int(value))
    return f"{value:.1f}"


def check_text(check: grading.Check) -> str:
    if check.threshold is None:
        return QCoreApplication.translate("Grade", "not required")
    sign = "≥" if dict(grading.CRITERIA)[check.criterion] == "min" else "≤"
    limit = format_value(check.criterion, check.threshold)
    if check.criterion == "within_share":
        limit = QCoreApplication.translate("Grade", "{share} within {minutes} min").format(
            share=limit, minutes=f"{check.within_min:g}")
    measured = format_value(check.criterion, check.measured)
    mark = "✔" if check.passed else "✘"
    return f"{mark} {measured} ({sign} {limit})"


class GradeTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("gradeTab")
        self.result: grading.Grade | None = None
        self.loads = 0
        edit = self._build_month_and_grade()
        self._build_criteria(ctx.lang)
        self._build_history(ctx.lang)
        self._lay_out(edit)
        QShortcut(QKeySequence("F5"), self, self.refresh_all)
        self.shown_once = False

    def _build_month_and_grade(self) -> QPushButton:
        """The month chosen, the grade it reached and what that rests on; the thresholds'
        button (returned: it is laid out beside the year's)."""
        self.month = QComboBox()
        self.month.setObjectName("gradeMonth")
        for i, month in enumerate(grading.recent_months(12)):
            text = self.tr("{month} (month to date)").format(month=month) if i == 0 else month
            self.month.addItem(text, month)
        self.month.currentIndexChanged.connect(lambda _index: self.refresh())
        self.grade_label = QLabel("—")
        self.grade_label.setObjectName("gradeResult")
        set_tone(self.grade_label, "grade")
        self.basis = QLabel("")
        self.basis.setObjectName("gradeBasis")
        self.basis.setWordWrap(True)
        edit = QPushButton(self.tr("Thresholds…"))
        edit.setObjectName("gradeThresholds")
        edit.clicked.connect(self.edit_thresholds)
        return edit

    def _build_criteria(self, lang: str) -> None:
        """Each criterion against each level's threshold, passed or failed."""
        def level_column(i: int) -> Column:
            level = grading.LEVELS[i]
            return Column(pick(lang, *grading.LEVEL_NAMES[level]), lambda row: check_text(row[i + 1]),
                          color=lambda row: hex_colour("success" if row[i + 1].passed else "danger"))

        self.model = RowsModel([Column(self.tr("Criterion"), lambda row: criterion_name(row[0]))]
                               + [level_column(i) for i in range(len(grading.LEVELS))], self)
        self.view = eliding(QTableView())
        self.view.setObjectName("gradeTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _build_history(self, lang: str) -> None:
        """Month by month: the grade reached and the measures it rests on."""
        def grade_name(g: grading.Grade) -> str:
            if not g.measures.customers:  # a month before the hall's data: nothing to grade
                return self.tr("no customers served")
            return pick(lang, *grading.LEVEL_NAMES[g.grade]) if g.grade else self.tr("below standard")

        # The standard level's minutes head the "within" column; they come with the overview.
        self.within = 20.0
        self.history = RowsModel([
            Column(self.tr("Month"), lambda g: g.label + (" *" if g.month_to_date else "")),
            Column(self.tr("Grade"), grade_name),
            Column(self.tr("Customers"), lambda g: str(g.measures.customers), True),
            Column(criterion_name("avg_wait_min"), lambda g: format_value("avg_wait_min", g.measures.avg_wait_min), True),
            self._within_column(),
            Column(criterion_name("satisfaction"), lambda g: format_value("satisfaction", g.measures.satisfaction), True),
            Column(criterion_name("complaints_per_1000"),
                   lambda g: format_value("complaints_per_1000", g.measures.complaints_per_1000), True),
            Column(criterion_name("overdue"), lambda g: str(g.measures.overdue), True),
        ], self)
        self.history_view = eliding(QTableView())
        self.history_view.setObjectName("gradeHistory")
        self.history_view.setModel(self.history)
        self.history_view.verticalHeader().hide()
        self.history_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Long criterion names head this table: each column as wide as its header and figures,
        # never cut ("atisfaction (ratings 4–5" in English); the last one takes the rest.
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_loads = 0

    def _lay_out(self, edit: QPushButton) -> None:
        """The month and the buttons on top, the grade, the criteria, the months below."""
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month:")))
        top.addWidget(self.month)
        top.addStretch(1)
        year = QPushButton(self.tr("The year's evaluation…"))
        year.setObjectName("gradeYear")
        year.clicked.connect(self.open_year)
        top.addWidget(year)
        top.addWidget(edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grade_label)
        layout.addWidget(self.basis)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel(self.tr("Month by month (* = to date)")))
        layout.addWidget(self.history_view, 1)

    def _within_column(self) -> Column:
        return Column(self.tr("Within {minutes} min").format(minutes=f"{self.within:g}"),
                      lambda g: format_value("within_share", g.measures.within_share(self.within)), True)

    def showEvent(self, event) -> None:
        # Nothing is read before the manager looks (six months of tickets); figures move while
        # the hall works, so coming back to the tab shows them anew, and the month-to-date row
        # of the overview with them (the older months do not move).
        super().showEvent(event)
        if not self.shown_once:
            self.shown_once = True
            self.refresh_all()
        elif self.result is not None:
            self.refresh()
            current = grading.recent_months(1)[0]
            if self.month.currentData() != current:
                self._refresh_month(current)

    def refresh(self) -> None:
        month = self.month.currentData()
        self.grade_label.setText(self.tr("Computing…"))
        self._refresh_month(month)

    def _refresh_month(self, month: str) -> None:
        session = self.ctx.session
        Op(self, lambda: grading.grade_month(session, month)).success(self._show).run()

    def _update_history(self, grade: grading.Grade) -> None:
        """The overview's row of the same month follows any newer computation of it."""
        rows = list(self.history.rows)
        for i, row in enumerate(rows):
            if row.label == grade.label:
                rows[i] = grade
                self.history.set_rows(rows)
                return

    def refresh_all(self) -> None:
        """The chosen month and the month-by-month overview (six months of tickets: not on
        every visit of the tab, only on F5 and after a change of thresholds)."""
        self.refresh()
        session = self.ctx.session
        months = grading.recent_months(HISTORY_MONTHS)

        def work():
            within = float(grading.thresholds(session.hall_code)["standard"]["within_min"] or 20)
            return within, grading.grade_months(session, months)

        Op(self, work).success(self._show_history).run()

    def _show_history(self, result: tuple[float, list[grading.Grade]]) -> None:
        within, grades = result
        self.history_loads += 1
        if within != self.within:
            self.within = within
            self.history.columns[COL_WITHIN] = self._within_column()
            self.history.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_WITHIN, COL_WITHIN)
        self.history.set_rows(grades)

    def _show(self, result: grading.Grade) -> None:
        self._update_history(result)
        if result.label != self.month.currentData():
            return  # the manager picked another month meanwhile; its own result follows
        self.result = result
        self.loads += 1
        names = {level: pick(self.ctx.lang, *grading.LEVEL_NAMES[level]) for level in grading.LEVELS}
        if result.grade:
            self.grade_label.setText(self.tr("Hall grade: {grade}").format(grade=names[result.grade]))
        else:
            self.grade_label.setText(self.tr("Hall grade: below {level}").format(level=names["standard"]))
        m = result.measures
        self.basis.setText(self.tr("{first} to {last}: {customers} customers served, {ratings} ratings, "
                                   "{complaints} complaints.").format(first=m.first.isoformat(), last=m.last.isoformat(),
                                                                      customers=m.customers, ratings=m.ratings,
                                                                      complaints=m.complaints))
        rows = []
        for index, (criterion, _) in enumerate(grading.CRITERIA):
            rows.append((criterion, *[level.checks[index] for level in result.levels]))
        self.model.set_rows(rows)

    def open_year(self) -> None:
        """The yearly standard-hall evaluation (services/hall_evaluation.py): the measured
        service of this tab with the checklist and the spot checks."""
        from counter_app.ui.supervision.evaluation_view import EvaluationDialog

        dialog = EvaluationDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.year_dialog = dialog

    def edit_thresholds(self) -> None:
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: grading.thresholds(hall_code)).success(self._edit).run()

    def _edit(self, current: dict) -> None:
        dialog = ThresholdsDialog(current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        session, values = self.ctx.session, dialog.values()
        Op(self, lambda: grading.save_thresholds(session, values), changes={Topic.SETUP}) \
            .success(lambda _saved: self._saved()).run()  # a refusal shows as a warning

    def _saved(self) -> None:
        self.ctx.statusMessage.emit(self.tr("Grade thresholds saved."))
        self.refresh_all()


class ThresholdsDialog(QDialog):
    """One spin box per level and criterion; an empty optional value means "not required"."""

    KEYS = ("avg_wait_min", "within_min", "within_share", "satisfaction", "complaints_per_1000", "overdue")

    def __init__(self, current: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        self.setWindowTitle(self.tr("Grade thresholds"))
        self.boxes: dict[tuple[str, str], QDoubleSpinBox | QSpinBox] = {}
        grid = QGridLayout()
        lang = getattr(parent.ctx, "lang", "zh_CN") if parent is not None else "zh_CN"
        for column, level in enumerate(grading.LEVELS, start=1):
            grid.addWidget(QLabel(pick(lang, *grading.LEVEL_NAMES[level])), 0, column)
        for row, key in enumerate(self.KEYS, start=1):
            grid.addWidget(QLabel(criterion_name(key)), row, 0)
            for column, level in enumerate(grading.LEVELS, start=1):
                low, high = grading.LIMITS[key]
                value = current[level].get(key)
                if key == "overdue":
                    box: QDoubleSpinBox | QSpinBox = QSpinBox()
                    box.setRange(-1, int(high))
                    box.setSpecialValueText(self.tr("not required"))
                    box.setValue(-1 if value is None else int(value))
                else:
                    box = QDoubleSpinBox()
                    percent = key in ("within_share", "satisfaction")
                    box.setDecimals(1)
                    box.setRange(low * (100 if percent else 1), high * (100 if percent else 1))
                    if percent:
                        box.setSuffix(" %")
                    box.setValue((value or 0) * (100 if percent else 1))
                box.setObjectName(f"threshold_{level}_{key}")
                self.boxes[(level, key)] = box
                grid.addWidget(box, row, column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def values(self) -> dict:
        out: dict[str, dict] = {level: {} for level in grading.LEVELS}
        for (level, key), box in self.boxes.items():
            value = box.value()
            if key == "overdue":
                out[level][key] = None if value < 0 else value
            elif key in ("within_share", "satisfaction"):
                out[level][key] = value / 100
            else:
                out[level][key] = value
        return out
