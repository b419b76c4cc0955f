"""Small dialogs of the hall setup: a new staff member, a new counter, a checklist."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.setup import ROLES, SPECIALTIES
from counter_app.ui.style import set_tone


def specialty_name(code: str) -> str:
    names = {
        "new_business": QCoreApplication.translate("Setup", "New business"),
        "plans": QCoreApplication.translate("Setup", "Plans"),
        "data": QCoreApplication.translate("Setup", "Data services"),
        "billing": QCoreApplication.translate("Setup", "Billing"),
        "calming": QCoreApplication.translate("Setup", "Calming upset customers"),
        "etiquette": QCoreApplication.translate("Setup", "Etiquette"),
    }
    return names.get(code, code)


def role_name(code: str) -> str:
    names = {
        "clerk": QCoreApplication.translate("Setup", "Clerk"),
        "manager": QCoreApplication.translate("Setup", "Manager"),
        "admin": QCoreApplication.translate("Setup", "Administrator"),
        "inspector": QCoreApplication.translate("Setup", "Inspector"),
    }
    return names.get(code, code)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _refusal_label() -> QLabel:
    """Where a dialog opened again after a refusal says why (hidden until then)."""
    label = QLabel()
    label.setObjectName("setupRefusal")
    label.setWordWrap(True)
    set_tone(label, "error")
    label.hide()
    return label


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class Checklist(QWidget):
    def __init__(self, options: Sequence[tuple[str, str]], checked: Sequence[str] = (), parent=None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, label in options:
            box = QCheckBox(label)
            box.setObjectName(f"check_{key}")
            box.setChecked(key in checked)
            self.boxes[key] = box
            layout.addWidget(box)

    def chosen(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def check(self, keys: Sequence[str]) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in keys)


class ChecklistDialog(QDialog):
    def __init__(self, title: str, options: Sequence[tuple[str, str]], checked: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        self.setWindowTitle(title)
        self.checklist = Checklist(options, checked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(_buttons(self))

    def chosen(self) -> list[str]:
        return self.checklist.chosen()


class StaffDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.setWindowTitle(QCoreApplication.translate("Setup", "Add a staff member"))
        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("newStaffNo")
        self.name = QLineEdit()
        self.name.setObjectName("newStaffName")
        self.role = QComboBox()
        self.role.setObjectName("newStaffRole")
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.specialties = Checklist([(s, specialty_name(s)) for s in SPECIALTIES])
        self.password = QLineEdit()
        self.password.setObjectName("newStaffPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.refusal = _refusal_label()
        form = QFormLayout(self)
        form.addRow(self.refusal)
        form.addRow(QCoreApplication.translate("Setup", "Staff number"), self.staff_no)
        form.addRow(QCoreApplication.translate("Setup", "Name"), self.name)
        form.addRow(QCoreApplication.translate("Setup", "Role"), self.role)
        form.addRow(QCoreApplication.translate("Setup", "Specialties"), self.specialties)
        form.addRow(QCoreApplication.translate("Setup", "First password"), self.password)
        form.addRow(_buttons(self))

    def values(self) -> dict:
        return {"staff_no": self.staff_no.text(), "name": self.name.text(), "role": self.role.currentData(),
                "specialties": self.specialties.chosen(), "password": self.password.text()}

    def refill(self, values: dict, refusal: str) -> None:
        """Opened again after the hall refused it: what was typed, and why it was refused."""
        self.staff_no.setText(values["staff_no"])
        self.name.setText(values["name"])
        self.role.setCurrentIndex(max(0, self.role.findData(values["role"])))
        self.specialties.check(values["specialties"])
        self.password.setText(values["password"])
        _say(self.refusal, refusal)


class CounterDialog(QDialog):
    def __init__(self, categories: Sequence[tuple[str, str]], next_number: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("counterDialog")
        self.setWindowTitle(QCoreApplication.translate("Setup", "Add a counter"))
        self.number = QSpinBox()
        self.number.setObjectName("newCounterNumber")
        self.number.setRange(1, 99)
        self.number.setValue(next_number)
        self.name = QLineEdit()
        self.name.setObjectName("newCounterName")
        self.categories = Checklist(categories)
        self.refusal = _refusal_label()
        form = QFormLayout(self)
        form.addRow(self.refusal)
        form.addRow(QCoreApplication.translate("Setup", "Number"), self.number)
        form.addRow(QCoreApplication.translate("Setup", "Name"), self.name)
        form.addRow(QCoreApplication.translate("Setup", "Queue categories"), self.categories)
        form.addRow(_buttons(self))

    def values(self) -> dict:
        return {"number": self.number.value(), "name": self.name.text(), "categories": self.categories.chosen()}

    def refill(self, values: dict, refusal: str) -> None:
        """Opened again after the hall refused it: what was chosen, and why it was refused."""
        self.number.setValue(values["number"])
        self.name.setText(values["name"])
        self.categories.check(values["categories"])
        _say(self.refusal, refusal)
