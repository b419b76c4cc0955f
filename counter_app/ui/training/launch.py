"""Entering training mode: the training process is the program started again with
``--training`` on the same hall database, so that the hall's own file is never open for
writing in a process that trains (it only reads it, once, to make the copy).

From the live program, the login window's *Training mode…* button and the manager's Training
tab start that process beside the running one; closing the training window ends it.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from counter_app import training
from counter_app.config import TerminalConfig

log = logging.getLogger(__name__)


def enter_training(config: TerminalConfig, live_url: str) -> tuple[TerminalConfig, str] | None:
    """Make the training copy if there is none (behind a progress dialog), switch this process
    to training mode, and return the configuration and database it runs on; None (after
    telling the user why) when it cannot."""
    from counter_app.services.training import prepare_copy
    from counter_app.ui.errors import show_error
    from counter_app.ui.worker import run_with_progress_dialog

    copy, error = run_with_progress_dialog(
        QCoreApplication.translate("Training", "Preparing the training copy of the hall…"),
        lambda progress: prepare_copy(live_url))
    if error is not None:
        show_error(None, error[0], error[1])
        return None
    training.activate()
    from counter_app.ui.training.marking import install

    install()
    # The counter window whatever the terminal's mode; no hub, so nothing can reach it.
    return dataclasses.replace(config, mode="counter", hub=""), str(copy)


def training_command(live_url: str, lang: str) -> tuple[str, list[str]]:
    """The program and arguments that open this terminal's counter in training mode."""
    if getattr(sys, "frozen", False):  # the packaged app is its own interpreter
        return sys.executable, ["--training", "--db", live_url, "--lang", lang]
    main = Path(__file__).resolve().parents[3] / "main.py"
    entry = [str(main)] if main.exists() else ["-m", "counter_app"]
    return sys.executable, [*entry, "--training", "--db", live_url, "--lang", lang]


def start_training(ctx, parent: QWidget | None = None) -> bool:
    """Start the training process for this terminal's hall database; True when it started."""
    program, args = training_command(ctx.db_url, ctx.lang)
    started, _pid = QProcess.startDetached(program, args)
    if not started:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, QCoreApplication.translate("Training", "Training mode"),
                            QCoreApplication.translate("Training", "Training mode could not be started."))
    log.info("training mode %s: %s %s", "started" if started else "failed to start", program, " ".join(args))
    return bool(started)


def add_training_button(login: QWidget, ctx) -> QPushButton | None:
    """The login window's way into training mode (live program, counter terminals)."""
    card = login.findChild(QFrame, "loginCard")
    if card is None or card.layout() is None:
        return None
    button = QPushButton(QCoreApplication.translate("Training", "Training mode…"))
    button.setObjectName("startTraining")
    button.setFlat(True)
    button.setToolTip(QCoreApplication.translate(
        "Training", "Practise at the counter on a copy of the hall with made-up customers; nothing you do there "
                    "counts or leaves the copy."))
    button.clicked.connect(lambda: start_training(ctx, login))
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    card.layout().addLayout(row)
    return button
