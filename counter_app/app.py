"""GUI start-up, in a clear order: logging, Qt application and error hook, language,
database, demo hall if asked, then the shell that picks the window."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app import APP_NAME, __version__, paths, theme
from counter_app.config import TerminalConfig
from counter_app.errors import UserError
from counter_app.logging_setup import redact, setup_logging
from counter_app.services.session import current_hall, open_session

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    load_fonts(app)
    # Dialogs without a parent window and the training marks take the counter role; each
    # window applies its own role over it (counter_app/ui/style.py).
    app.setStyleSheet(theme.qss("counter"))
    return app


def load_fonts(app: QApplication) -> None:
    """Chinese must never show as boxes: prefer a CJK font we know has every glyph."""
    font_file = paths.cjk_font_file()
    family = None
    if font_file is not None:
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else None
    if family:
        font = QFont(family)
        font.setPointSize(11)
        app.setFont(font)


def apply_arguments(config: TerminalConfig, args: argparse.Namespace) -> dict:
    """Mode, counter and language given on the command line apply to this start; with
    ``--save`` they are also written to the terminal config (and so remembered). ``--demo``
    without a counter opens at the demo clerk's counter (2). Returns what was given, as config
    keys."""
    given = {}
    for name in ("mode", "counter", "lang"):
        value = getattr(args, name, None)
        if value is not None:
            given["counter_number" if name == "counter" else name] = value
    for key, value in given.items():
        setattr(config, key, value)
    if given and getattr(args, "save", False):
        TerminalConfig.remember(**given)
    if getattr(args, "demo", False) and "counter_number" not in given and config.counter_number == 1:
        # The demo's terminal is the counter of the clerk the README has a newcomer sign in as
        # (docs/demo.md, "The demo's terminal is counter 2"); a counter given or set up other than 1 is kept.
        from counter_app.services.demo_rota import first_clerk_counter

        config.counter_number = first_clerk_counter()
    return given


def build_demo_with_progress(parent=None) -> None:
    from counter_app.services.demo_whole import build_demo_whole
    from counter_app.ui.worker import run_with_progress_dialog

    _, error = run_with_progress_dialog(QCoreApplication.translate("Startup", "Building the demo hall…"),
                                        lambda progress: build_demo_whole(2000, days=30, progress=progress), parent)
    if error is not None:
        raise error[0]


def _refuse_settings(exc: UserError) -> int:
    """An unreadable terminal.json: said on stderr and, where there is a screen, in a dialog."""
    from counter_app.desktop import missing_display
    from counter_app.ui.errors import show_error
    from counter_app.ui.i18n import install_translations, system_language

    log.error("terminal settings refused: %s", exc.text())
    print(f"counter-app: {exc.text()}", file=sys.stderr)
    if not missing_display():
        app = make_application()
        install_translations(app, system_language())
        show_error(None, exc)
    return 2


def run_gui(args: argparse.Namespace) -> int:
    """The window application: settings, a screen, translations, the database (or the training
    copy), the hall, then the windows. Returns the exit status."""
    setup_logging()
    from counter_app.ui.errors import install_excepthook
    from counter_app.ui.i18n import install_translations, system_language

    try:
        config = TerminalConfig.load()
    except UserError as exc:  # never the defaults instead: they would open another database
        return _refuse_settings(exc)
    apply_arguments(config, args)
    if _no_display(config):
        return 2
    app = make_application()
    install_excepthook()
    lang = install_translations(app, config.lang or system_language())
    url = config.database_url(getattr(args, "db", None))
    practising = bool(getattr(args, "training", False))
    log.info("starting %s %s, mode %s, database %s%s", APP_NAME, __version__, config.mode, redact(url),
             " (training)" if practising else "")
    if practising:
        from counter_app.ui.training.launch import enter_training

        entered = enter_training(config, url)
        if entered is None:
            return 2
        config, url = entered
    session = _open_hall(args, config, url, lang, practising)
    if isinstance(session, int):
        return session
    return _run_windows(app, config, url, session, practising)


def _no_display(config: TerminalConfig) -> bool:
    """No desktop session: said plainly (Qt would abort with a misleading message about its
    xcb libraries)."""
    from counter_app.desktop import missing_display, no_display_message
    from counter_app.ui.i18n import system_language

    if not missing_display():
        return False
    line = no_display_message(config.lang or system_language())
    log.error("no desktop session: %s", line)
    print(f"counter-app: {line}", file=sys.stderr)
    return True


def _open_hall(args: argparse.Namespace, config: TerminalConfig, url: str, lang: str, practising: bool):
    """Open the database and the signed-out session of its hall, the hall read from the hub
    (a new terminal) or built as the demo (asked first without --demo). Returns the session,
    or the exit status when the user stops or the database is refused."""
    from counter_app.ui.errors import show_error
    from counter_app.ui.restore_offer import open_or_restore

    demo = bool(getattr(args, "demo", False))
    try:
        # Without --demo a missing file is refused; a damaged one offers its newest backup.
        if not open_or_restore(url, create=demo):
            return 2
        if practising:
            from counter_app.services.training import require_copy

            require_copy(url)  # never a hall's own database in a training process
        elif current_hall() is None and config.hub_url():
            from counter_app.ui.sync_runner import first_sync_with_progress

            first_sync_with_progress(config.hub_url())  # a new terminal gets its hall from the hub
        if current_hall() is None:
            if not demo and not _demo_wanted():
                return 0
            build_demo_with_progress()
        session = open_session(counter_number=config.counter_number, lang=lang)
        if config.hub_url() and not practising:
            from counter_app.sync.lookup import HubLookup

            session.hub = HubLookup(config.hub_url())  # province-wide questions (一证五号, walk-ins)
    except UserError as exc:
        show_error(None, exc)
        return 2
    return session


def _demo_wanted() -> bool:
    answer = QMessageBox.question(
        None, QCoreApplication.translate("Startup", "Empty database"),
        QCoreApplication.translate("Startup", "This database has no hall yet. Build the demo hall now?\n"
                                              "(A real terminal gets its hall from the hub on its first sync.)"))
    return answer == QMessageBox.StandardButton.Yes


def _run_windows(app, config: TerminalConfig, url: str, session, practising: bool) -> int:
    """The shell (sign-in, then the terminal's window) and, for a hall's own database, the
    sync and backup runners; then Qt's event loop until the application quits."""
    from counter_app.ui.context import AppContext
    from counter_app.ui.shell import Shell

    ctx = AppContext(session, config, url)
    shell = Shell(ctx)
    shell.start()
    if practising:  # nothing syncs, nothing is backed up: the copy is made again in one action
        return app.exec()
    from counter_app.ui.sync_runner import start_sync_runner

    start_sync_runner(ctx)
    from counter_app.ui.backup_runner import start_backup_runner

    start_backup_runner(ctx)
    from counter_app.ui.latency import preload_fonts, settle_memory, start_quiet_collection

    settle_memory()  # what start-up built lives all day: no garbage collection walks it again
    start_quiet_collection(app)  # full collections only while nobody waits for the window
    preload_fonts()
    return app.exec()
