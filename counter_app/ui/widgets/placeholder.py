"""An honest empty panel for a capability this terminal does not offer yet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def fill_with_placeholder(panel: QWidget) -> None:
    note = QLabel(QCoreApplication.translate("Placeholder", "This part is not available yet."))
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    note.setObjectName("placeholderNote")
    QVBoxLayout(panel).addWidget(note)
