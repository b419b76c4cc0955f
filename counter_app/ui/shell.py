"""Which window this terminal shows: the login window, then the window its mode and the
signed-in role call for. Kiosk and display terminals run unattended and need no login."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app import training
from counter_app.services import auth
from counter_app.services.signing_out import leave  # noqa: F401 - also this module's name for it
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.login import LoginWindow
from counter_app.ui.ops import Op, retire

log = logging.getLogger(__name__)

STAFF_MODES = ("counter", "manager")


class Shell(QObject):
    def __init__(self, ctx: AppContext, *, show: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.show_windows = show
        self.window: QWidget | None = None
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shut_down)

    @property
    def mode(self) -> str:
        return self.ctx.config.mode

    def start(self) -> QWidget:
        if self.mode in STAFF_MODES:
            return self.show_login()
        return self.show_role_window()

    def _replace(self, window: QWidget) -> QWidget:
        old, self.window = self.window, window
        log.info("showing %s", window.objectName())
        if old is not None:
            retire(old)  # nothing of it runs or answers while it waits for its deletion
        if self.show_windows:
            if self.mode in ("kiosk", "display"):
                window.showFullScreen()
            else:
                window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def shut_down(self) -> None:
        """The program ends (window closed, session end): the clerk leaves the counter and is
        signed out, so the hall board does not show an empty counter as open."""
        session = self.ctx.session
        if session.staff is None:
            return
        leaving = dataclasses.replace(session)
        session.staff = None
        Op(None, lambda: leave(leaving)).failure(
            lambda exc: log.warning("signing out at shut-down failed: %s", exc)).run()
        # The program is ending and no window waits for an answer: give the write its moment
        # (a busy database must not keep the program open for long).
        QThreadPool.globalInstance().waitForDone(10_000)

    def show_login(self) -> QWidget:
        login = LoginWindow(self.ctx)
        login.signedIn.connect(lambda _staff: self.show_role_window())
        login.languageChanged.connect(self.change_language)
        if self.mode == "counter" and not training.is_active():
            from counter_app.ui.training.launch import add_training_button

            add_training_button(login, self.ctx)
        return self._replace(login)

    def change_language(self, lang: str) -> None:
        """The language picked on the sign-in window is the terminal's from now on (it is
        remembered; nothing else of this start's settings is saved with it)."""
        self.ctx.session.lang = install_translations(QApplication.instance(), lang)
        self.ctx.config.lang = self.ctx.session.lang
        self.ctx.config.remember(lang=self.ctx.session.lang)
        self.show_login()

    def show_role_window(self) -> QWidget:
        staff = self.ctx.session.staff
        mode = self.mode
        if mode == "manager" and staff is not None and staff.role not in ("manager", "admin", "inspector"):
            QMessageBox.warning(self.window, QCoreApplication.translate("Shell", "Managers only"),
                                QCoreApplication.translate("Shell", "This terminal is set up for hall managers. "
                                                                    "Please sign in at a counter terminal."))
            return self._logout_then_login()
        if staff is not None and staff.role == "inspector":
            mode = "inspector"  # at any staff terminal: the inspector's own window, nothing else
        window = self.make_window(mode)
        if window.objectName() == "counterWindow":
            from counter_app.ui.training.phrases import attach as attach_phrases

            attach_phrases(window, self.ctx)  # the hall's standard phrase of each step
        if training.is_active():
            from counter_app.ui.training.window import attach

            attach(window, self.ctx)
        elif staff is not None and mode == "counter":
            self._collect_drill_results()
        signed_out = getattr(window, "signedOut", None)
        if signed_out is not None:
            signed_out.connect(self.sign_out)
        leave_requested = getattr(window, "leaveRequested", None)
        if leave_requested is not None:
            leave_requested.connect(self.leave_unattended_mode)
        return self._replace(window)

    def leave_unattended_mode(self) -> None:
        """The manager PIN took the kiosk out of kiosk mode: the terminal shows the sign-in
        window (a counter terminal for the rest of this start; the configured mode is kept,
        so the PC starts as a kiosk again)."""
        self.ctx.config.mode = "counter"
        self.show_login()

    def make_window(self, mode: str) -> QWidget:
        if mode == "inspector":
            from counter_app.ui.supervision.window import InspectorWindow

            return InspectorWindow(self.ctx)
        if mode == "manager":
            from counter_app.ui.manager.window import ManagerWindow

            return ManagerWindow(self.ctx)
        if mode == "kiosk":
            from counter_app.ui.kiosk.window import KioskWindow

            return KioskWindow(self.ctx)
        if mode == "display":
            from counter_app.ui.display.window import DisplayWindow

            return DisplayWindow(self.ctx)
        from counter_app.ui.counter.window import CounterWindow

        return CounterWindow(self.ctx)

    def _collect_drill_results(self) -> None:
        """Drill results practised on this terminal's training copy join the hall's database
        (and go to the hub with it); a failure only costs a later try."""
        from counter_app.services.training import collect_results

        session = self.ctx.session
        Op(self, lambda: collect_results(session)).failure(
            lambda exc: log.warning("drill results not collected: %s", exc)).run()

    def sign_out(self) -> None:
        from counter_app.ui.printing import close_previews

        if self.window is not None:
            # Before the selections below are cleared: the window signed out of must not
            # start reading them again in the name of a clerk who is leaving.
            retire(self.window)
        close_previews()  # a customer's bill must not stay open for the next clerk
        self.ctx.select_ticket(None)  # nothing of the last clerk's customer stays selected
        self.ctx.select_customer(None)
        self._logout()
        if self.mode in STAFF_MODES:
            self.show_login()
        else:
            self.show_role_window()

    def _logout(self, *, close_counter: bool = True) -> None:
        """The session forgets its clerk at once, so nothing can act in their name any more;
        closing their counter and the logout's audit row are written on a worker, from a copy
        of the session that still names them."""
        session = self.ctx.session
        if session.staff is not None:
            leaving = dataclasses.replace(session)
            session.staff = None
            Op(self, (lambda: leave(leaving)) if close_counter else (lambda: auth.logout(leaving))).run()

    def _logout_then_login(self) -> QWidget:
        self._logout(close_counter=False)  # refused at this terminal: they never opened a counter here
        return self.show_login()
