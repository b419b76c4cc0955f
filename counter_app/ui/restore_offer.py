"""At start-up, a damaged database: the message names the newest good backup, and the
user may restore it there and then (the GUI has not opened the file, so it is free unless
another window of the PC has it; restore refuses then, and says so)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from counter_app.db import open_database
from counter_app.startup_check import DatabaseDamaged

log = logging.getLogger(__name__)


def offer_restore(exc: DatabaseDamaged, url: str) -> bool:
    """Show the damage; True when the newest backup was restored in its place."""
    from counter_app.ui.errors import show_error, user_text

    backup = exc.params.get("backup")
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("RestoreOffer", "The database is damaged"), user_text(exc))
    box.setObjectName("damagedDatabase")
    restore_button = None
    if backup:
        restore_button = box.addButton(QCoreApplication.translate("RestoreOffer", "Restore this backup"),
                                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    from counter_app.services.restore import restore
    from counter_app.ui.worker import run_with_progress_dialog

    result, error = run_with_progress_dialog(QCoreApplication.translate("RestoreOffer", "Restoring the backup…"),
                                             lambda progress: restore(backup, url))
    if error is not None:
        show_error(None, *error)
        return False
    text = QCoreApplication.translate("RestoreOffer", "{db} was restored from {backup}. The damaged file is kept as "
                                                      "{replaced}. With a hub, the next sync brings back what the "
                                                      "backup lacks.")
    QMessageBox.information(None, QCoreApplication.translate("RestoreOffer", "Restored"),
                            text.format(db=result.restored, backup=result.backup, replaced=result.replaced))
    return True


def open_or_restore(url: str, *, create: bool) -> bool:
    """Open the database; when it is damaged, offer its newest backup. False: the user
    closed the message (it has been shown)."""
    while True:
        try:
            open_database(url, create=create)
            return True
        except DatabaseDamaged as exc:
            log.error("start-up: %s", exc.text())
            if not offer_restore(exc, url):
                return False
