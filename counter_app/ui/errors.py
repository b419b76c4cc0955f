"""The one place that turns an exception into what the user sees.

A :class:`UserError` becomes a short, translated message. Anything else becomes a dialog
with a copyable report and goes to the log file: never a bare traceback, never a silent exit.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app import __version__
from counter_app.errors import UserError

log = logging.getLogger(__name__)


def user_text(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.text(QCoreApplication.translate)
    return str(exc) or type(exc).__name__


def as_user_error(exc: BaseException, tb: str | None = None) -> BaseException:
    """A disk or database-file failure (full, read-only, locked, damaged) becomes the
    translated message saying so; anything else is returned as it is."""
    if isinstance(exc, UserError):
        return exc
    from counter_app.storage_errors import explain

    explained = explain(exc)
    if explained is None:
        return exc
    log.warning("storage error: %s\n%s", explained.text(), tb or "")
    return explained


def show_error(parent: QWidget | None, exc: BaseException, tb: str | None = None) -> None:
    exc = as_user_error(exc, tb)
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, QCoreApplication.translate("ErrorDialog", "Cannot do that"), user_text(exc))
        return
    report = tb or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error:\n%s", report)
    show_crash_report(parent, report)


def show_crash_report(parent: QWidget | None, report: str) -> None:
    from counter_app.logging_setup import redact

    details = (f"counter_app {__version__} · Python {platform.python_version()} · {platform.platform()}\n\n"
               f"{redact(report)}")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Unexpected error"))
    box.setText(QCoreApplication.translate("ErrorDialog", "Something went wrong. Nothing was lost: what was saved stays saved.\n"
                   "Please copy the report below for the support desk."))
    box.setDetailedText(details)
    copy = box.addButton(QCoreApplication.translate("ErrorDialog", "Copy report"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def install_excepthook() -> None:
    """Uncaught errors in slots reach the user as a dialog and the log, not stderr."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", report)
        exc = as_user_error(exc, report)
        if QApplication.instance() is not None:
            if isinstance(exc, UserError):
                QMessageBox.warning(QApplication.activeWindow(), QCoreApplication.translate("ErrorDialog", "Cannot do that"), user_text(exc))
            else:
                show_crash_report(QApplication.activeWindow(), report)

    sys.excepthook = hook
