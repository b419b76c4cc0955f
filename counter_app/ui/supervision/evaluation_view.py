"""The year's standard-hall evaluation, opened from the Hall grade tab: the grade the year
reaches, each criterion of each level passed or failed, what the next level needs; printed as
the evaluation (``report grade``)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.services import hall_evaluation
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.ops import Op
from counter_app.ui.style import hex_colour, set_tone
from counter_app.ui.widgets.elide import eliding


class EvaluationDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("evaluationDialog")
        self.setWindowTitle(self.tr("The year's evaluation"))
        self.result: hall_evaluation.YearEvaluation | None = None
        self.loads = 0
        self.year = QComboBox()
        self.year.setObjectName("evaluationYear")
        this = clock.today().year
        for year in range(this, this - 3, -1):
            self.year.addItem(self.tr("{year} (to date)").format(year=year) if year == this else str(year), year)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grade = QLabel("—")
        self.grade.setObjectName("evaluationGrade")
        set_tone(self.grade, "grade")
        self.needs = QLabel()
        self.needs.setObjectName("evaluationNeeds")
        self.needs.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setObjectName("evaluationBasis")
        self.basis.setWordWrap(True)
        parts = {"service": self.tr("Measured service"), "checklist": self.tr("Standard-hall checklist"),
                 "spot_checks": self.tr("Spot checks")}

        def level_column(index: int, title: str) -> Column:
            return Column(title, lambda row: ("✔ " if row[index].passed else "✘ ") + row[index].required,
                          color=lambda row: hex_colour("success" if row[index].passed else "danger"))

        self.model = RowsModel([
            Column(self.tr("Part"), lambda row: parts[row[0].part]),
            Column(self.tr("Criterion"), lambda row: row[0].name),
            Column(self.tr("Measured"), lambda row: row[0].measured),
            level_column(0, self.tr("Standard")), level_column(1, self.tr("Excellent")),
            level_column(2, self.tr("Model")),
        ], self)
        self.table = eliding(QTableView())
        self.table.setObjectName("evaluationTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.print_button = QPushButton(self.tr("Print the evaluation"))
        self.print_button.setObjectName("evaluationPrint")
        self.print_button.clicked.connect(self.print_evaluation)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grade)
        layout.addWidget(self.needs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.basis)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        self.resize(1100, 620)
        self.refresh()

    def refresh(self) -> None:
        session, year = self.ctx.session, self.year.currentData()
        self.grade.setText(self.tr("Computing…"))
        Op(self, lambda: hall_evaluation.evaluate_year(session, year)).latest("evaluation") \
            .success(self._show).run()

    def _show(self, ev: hall_evaluation.YearEvaluation) -> None:
        self.result = ev
        self.loads += 1
        self.grade.setText(self.tr("{year}: {grade}").format(year=ev.year, grade=ev.level_name(ev.grade)))
        if ev.next_level:
            wanted = "; ".join(f"{c.name} {c.measured} → {c.required}" for c in ev.next_needs)
            self.needs.setText(self.tr("{level} needs: {criteria}").format(level=ev.level_name(ev.next_level),
                                                                          criteria=wanted))
        else:
            self.needs.setText(self.tr("The highest level is reached."))
        self.model.set_rows([tuple(level.criteria[i] for level in ev.levels)
                             for i in range(len(ev.levels[0].criteria))])
        checklist = (self.tr("checklist of {date}").format(date=f"{ev.checklist.visited_at:%Y-%m-%d}")
                     if ev.checklist else self.tr("no checklist this year"))
        self.basis.setText(self.tr("{first} to {last}: {customers} customers served; {checklist}; {checks} spot "
                                   "checks.").format(first=ev.first.isoformat(), last=ev.last.isoformat(),
                                                     customers=ev.service.measures.customers, checklist=checklist,
                                                     checks=ev.spot_count))

    def print_evaluation(self) -> None:
        from counter_app.documents.evaluation import render_evaluation
        from counter_app.ui.printing import print_document

        session, year = self.ctx.session, self.year.currentData()
        print_document(self, self.ctx, lambda: render_evaluation(hall_evaluation.evaluate_year(session, year)),
                       title=self.tr("Hall evaluation {year}").format(year=year), kind="hall_evaluation",
                       ref=str(year))
