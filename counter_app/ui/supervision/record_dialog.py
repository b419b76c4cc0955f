"""The check form: an inspector scores a visit item by item against the scorecard of its kind
(spot check, mystery-shopper visit, standard-hall checklist). The service checks the values;
a refusal shows in the form, which stays open with what was typed."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.services import scorecards, supervision
from counter_app.ui.errors import user_text
from counter_app.ui.ops import Op, Topic
from counter_app.ui.style import set_tone

KINDS = ("spot_check", "mystery_shopper", "standard_hall")


class RecordDialog(QDialog):
    def __init__(self, ctx, staff: list[tuple[str, str]], counters: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("recordCheckDialog")
        self.setWindowTitle(self.tr("Record a service check"))
        self.saved = None
        self.kind = QComboBox()
        self.kind.setObjectName("checkKind")
        names = {"spot_check": self.tr("Spot check"), "mystery_shopper": self.tr("Mystery-shopper visit"),
                 "standard_hall": self.tr("Standard-hall checklist")}
        for kind in KINDS:
            self.kind.addItem(names[kind], kind)
        self.kind.currentIndexChanged.connect(self._build_items)
        self.visited = QDateTimeEdit(QDateTime(clock.now().replace(second=0, microsecond=0)))
        self.visited.setObjectName("checkVisited")
        self.visited.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.visited.setCalendarPopup(True)
        self.staff = QComboBox()
        self.staff.setObjectName("checkStaff")
        self.staff.addItem(self.tr("— the hall —"), "")
        for number, name in staff:
            self.staff.addItem(f"{number} {name}", number)
        self.counter = QComboBox()
        self.counter.setObjectName("checkCounter")
        self.counter.addItem("—", None)
        for number, label in counters:
            self.counter.addItem(label, number)
        self.note = QLineEdit()
        self.note.setObjectName("checkNote")
        self.follow_up = QLineEdit()
        self.follow_up.setObjectName("checkFollowUp")
        self.has_due = QCheckBox(self.tr("to be put right by"))
        self.has_due.setObjectName("checkHasDue")
        self.due = QDateEdit(clock.today())
        self.due.setObjectName("checkDue")
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setCalendarPopup(True)
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.total = QLabel()
        self.total.setObjectName("checkTotal")
        self.message = QLabel()
        self.message.setObjectName("checkMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self.items_host = QWidget()
        self.items_layout = QVBoxLayout(self.items_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.items_host)
        self.scores: dict[str, QSpinBox | QCheckBox] = {}
        self.notes: dict[str, QLineEdit] = {}

        head = QFormLayout()
        head.addRow(self.tr("Kind"), self.kind)
        head.addRow(self.tr("Time of the visit"), self.visited)
        head.addRow(self.tr("Clerk"), self.staff)
        head.addRow(self.tr("Counter"), self.counter)
        tail = QFormLayout()
        tail.addRow(self.tr("Overall"), self.note)
        tail.addRow(self.tr("To put right"), self.follow_up)
        tail.addRow(self.has_due, self.due)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.total)
        layout.addLayout(tail)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self._build_items()

    def _build_items(self) -> None:
        while self.items_layout.count():
            child = self.items_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        self.scores.clear()
        self.notes.clear()
        kind = self.kind.currentData()
        card = scorecards.for_kind(kind)
        checklist = card.code == scorecards.STANDARD_HALL
        self.staff.setEnabled(not checklist)
        self.counter.setEnabled(not checklist)
        lang = self.ctx.lang
        levels = {"standard": self.tr("Standard"), "excellent": self.tr("Excellent"), "model": self.tr("Model")}
        for section in card.sections:
            group = QGroupBox(f"{section.name(lang)} ({section.points})")
            grid = QGridLayout(group)
            for row, item in enumerate(section.items):
                text = item.text(lang) + (f" [{levels.get(item.level, item.level)}]" if item.level else "")
                label = QLabel(text)
                label.setWordWrap(True)
                if checklist:
                    score: QSpinBox | QCheckBox = QCheckBox(self.tr("passed"))
                    score.setChecked(True)
                    score.toggled.connect(self._update_total)
                else:
                    score = QSpinBox()
                    score.setRange(0, item.points)
                    score.setValue(item.points)
                    score.setSuffix(f" / {item.points}")
                    score.valueChanged.connect(self._update_total)
                score.setObjectName(f"score_{item.code}")
                note = QLineEdit()
                note.setObjectName(f"note_{item.code}")
                note.setPlaceholderText(self.tr("note"))
                grid.addWidget(label, row, 0)
                grid.addWidget(score, row, 1)
                grid.addWidget(note, row, 2)
                grid.setColumnStretch(0, 3)
                grid.setColumnStretch(2, 2)
                self.scores[item.code] = score
                self.notes[item.code] = note
            self.items_layout.addWidget(group)
        self.items_layout.addStretch(1)
        self._update_total()

    def values(self) -> dict:
        card = scorecards.for_kind(self.kind.currentData())
        scores = {}
        for item in card.items:
            widget = self.scores[item.code]
            scores[item.code] = (item.points if widget.isChecked() else 0) if isinstance(widget, QCheckBox) \
                else widget.value()
        return {
            "kind": self.kind.currentData(), "visited_at": self.visited.dateTime().toPython(),
            "staff_no": self.staff.currentData() or "", "counter_number": self.counter.currentData(),
            "scores": scores, "notes": {code: edit.text() for code, edit in self.notes.items()},
            "note": self.note.text(), "follow_up": self.follow_up.text(),
            "follow_up_due": self.due.date().toPython() if self.has_due.isChecked() else None,
        }

    def _update_total(self) -> None:
        card = scorecards.for_kind(self.kind.currentData())
        values = self.values()["scores"]
        self.total.setText(self.tr("Total {score} of {points}").format(score=sum(values.values()),
                                                                       points=card.points))

    def save(self) -> None:
        session, values = self.ctx.session, self.values()
        self.message.clear()
        self.buttons.setEnabled(False)
        Op(self, lambda: supervision.record_inspection(session, **values), changes={Topic.INSPECTIONS}) \
            .success(self._saved).failure(self._refused).after(lambda: self.buttons.setEnabled(True)).run()

    def _saved(self, row) -> None:
        self.saved = row
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        from counter_app.errors import UserError

        if not isinstance(exc, UserError):
            from counter_app.ui.errors import show_error

            show_error(self, exc)
            return
        self.message.setText(user_text(exc))
        field = getattr(exc, "field", None)
        target = self.scores.get(field or "") or {"follow_up": self.follow_up, "follow_up_due": self.due,
                                                   "visited_at": self.visited, "staff_no": self.staff,
                                                   "counter_number": self.counter}.get(field or "")
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
