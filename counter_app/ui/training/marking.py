"""Every window of a training process says so: its title starts with 【培训 TRAINING】, a main
window carries a red banner across its top, and every other window (dialogs, the print
preview, message boxes, the login window) a red TRAINING tag in its top corner.

One application-wide event filter does it as each window is shown, so a window or dialog
added later is marked without knowing about training mode.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from counter_app.ui.style import set_badge

TITLE_MARK = "【培训 TRAINING】"
# Windows a user reads (not menus, pop-up lists or tooltips).
MARKED_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)


def banner_text() -> str:
    return QCoreApplication.translate(
        "Training", "培训 TRAINING — practice copy of the hall: made-up customers; nothing here is real money, "
                    "counts in the hall's figures or goes to the hub")


class TrainingMarks(QObject):
    """Installed on the application by a training process."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titling = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.WindowTitleChange, QEvent.Type.Resize) \
                and isinstance(watched, QWidget) and watched.isWindow():
            self.mark(watched, kind)
        return False

    def mark(self, window: QWidget, kind=QEvent.Type.Show) -> None:
        if kind in (QEvent.Type.Show, QEvent.Type.WindowTitleChange) and not self._titling:
            title = window.windowTitle()
            if not title.startswith(TITLE_MARK):
                self._titling = True
                try:
                    window.setWindowTitle(TITLE_MARK + title)
                finally:
                    self._titling = False
        if kind == QEvent.Type.Show and isinstance(window, QMainWindow):
            add_banner(window)
        elif not isinstance(window, QMainWindow) and window.windowType() in MARKED_TYPES:
            place_tag(window)


def add_banner(window: QMainWindow) -> QToolBar:
    bar = window.findChild(QToolBar, "trainingBar")
    if bar is not None:
        return bar
    bar = QToolBar(window)
    bar.setObjectName("trainingBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)  # it cannot be hidden from the context menu
    label = QLabel(banner_text())
    label.setObjectName("trainingBanner")
    set_badge(label, "training")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # the window's full width
    bar.addWidget(label)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.insertToolBarBreak(bar)
    return bar


def place_tag(window: QWidget) -> QLabel:
    tag = window.findChild(QLabel, "trainingTag", Qt.FindChildOption.FindDirectChildrenOnly)
    if tag is None:
        tag = QLabel("培训 TRAINING", window)
        tag.setObjectName("trainingTag")
        set_badge(tag, "training-tag")
        tag.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        tag.adjustSize()
    tag.move(max(0, window.width() - tag.width()), 0)
    tag.raise_()
    tag.show()
    return tag


def install(app: QApplication | None = None) -> TrainingMarks:
    app = app or QApplication.instance()
    marks = TrainingMarks(app)
    app.installEventFilter(marks)
    for window in app.topLevelWidgets():
        if window.isVisible():
            marks.mark(window)
    return marks
