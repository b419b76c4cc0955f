"""What a counter window gets in training mode, added from outside (the counter window itself
does not know about training): the drill panel in a dock on the right and the action that
resets the training copy. The TRAINING marks come from ``marking.py``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QPushButton, QVBoxLayout, QWidget

from counter_app.ui.ops import Op, Topic
from counter_app.ui.training.drill_panel import DrillPanel
from counter_app.ui.window_size import fit_to_screen

ALL_TOPICS = frozenset(Topic)


class TrainingDock(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trainingDock")
        self.drills = DrillPanel(ctx)
        self.reset_button = QPushButton(self.tr("Reset the training copy…"))
        self.reset_button.setObjectName("trainingReset")
        self.reset_button.setToolTip(self.tr("Make the practice copy afresh from the hall's database: every "
                                             "practice ticket, order and payment is gone."))
        self.reset_button.clicked.connect(self.ask_reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drills, 1)
        layout.addWidget(self.reset_button)

    def ask_reset(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reset the training copy"),
                          self.tr("Make the training copy afresh from the hall's database? Everything practised in "
                                  "it is gone (drill scores are kept)."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("resetQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.reset() if box.standardButton(button)
                                  == QMessageBox.StandardButton.Yes else None)
        box.open()

    def reset(self) -> None:
        from counter_app.services import training as training_service

        session = self.ctx.session
        live = live_database(self.ctx.db_url)
        self.reset_button.setEnabled(False)
        self.ctx.select_ticket(None)
        self.ctx.select_customer(None)
        Op(self, lambda: training_service.reset_copy(session, live), changes=ALL_TOPICS) \
            .success(lambda _info: self.ctx.statusMessage.emit(self.tr("The training copy was made afresh."))) \
            .after(lambda: self.reset_button.setEnabled(True)).run()


def live_database(copy_url: str) -> str:
    """The hall database a training copy was made from (``hall.training.db`` → ``hall.db``)."""
    path = Path(copy_url)
    stem = path.stem.removesuffix(".training")
    return str(path.with_name(stem + path.suffix))


def attach(window: QMainWindow, ctx) -> QDockWidget | None:
    """Give a counter window its training dock (other windows keep only their marks)."""
    if window.objectName() != "counterWindow":
        return None
    dock = QDockWidget(window)
    dock.setObjectName("trainingDrills")
    dock.setWindowTitle(QCoreApplication.translate("Training", "Training"))
    dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    content = TrainingDock(ctx)
    dock.setWidget(content)
    dock.setMinimumWidth(320)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.training_dock = content
    fit_to_screen(window)  # the drill panel widens the window: its default size and place again
    return dock
