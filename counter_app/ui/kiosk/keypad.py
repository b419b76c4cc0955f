"""An on-screen keypad for the touchscreen: the kiosk has no physical keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

KEY_HEIGHT = 72


class Keypad(QWidget):
    """Digits, backspace and clear, typing into ``target``."""

    typed = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.replace_next = False  # set after a refused entry: the next digit starts afresh
        self.setObjectName("kioskKeypad")
        grid = QGridLayout(self)
        grid.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            label = {"clear": self.tr("Clear"), "back": "⌫"}.get(key, key)
            button = QPushButton(label)
            button.setObjectName(f"key_{key}")
            button.setMinimumHeight(KEY_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap leaves the focus (and selection) in the field
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            font = QFont(button.font())
            font.setPointSize(26 if key.isdigit() else 20)
            button.setFont(font)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)

    def start_afresh(self) -> None:
        """After a refused number: it stays on screen, selected, and the next digit replaces it."""
        self.target.selectAll()
        self.replace_next = True

    def press(self, key: str) -> None:
        if self.replace_next and key not in ("back",):
            self.target.clear()
        self.replace_next = False
        if key == "clear":
            self.target.clear()
        elif key == "back":
            self.target.backspace()
        elif self.target.hasSelectedText() or len(self.target.text()) < self.target.maxLength():
            self.target.insert(key)
        self.typed.emit()
