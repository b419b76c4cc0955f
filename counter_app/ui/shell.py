"""Which window this terminal shows: the login window, then the window its mode and the
signed-in role call for. Kiosk and display terminals run unattended and need no login."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.services import auth, queue
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.login import LoginWindow

log = logging.getLogger(__name__)

STAFF_MODES = ("counter", "manager")


def leave(session) -> None:
    """Sign out: the counter this clerk kept open is closed first, then the logout is recorded."""
    if session.staff is not None and session.counter_number is not None:
        queue.close_counter(session)
    auth.logout(session)


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
        if self.ctx.session.staff is not None:
            try:
                leave(self.ctx.session)
            except Exception:  # the program is ending: a busy database must not keep it open
                log.exception("signing out at shut-down failed")

    def show_login(self) -> QWidget:
        login = LoginWindow(self.ctx)
        login.signedIn.connect(lambda _staff: self.show_role_window())
        login.languageChanged.connect(self.change_language)
        return self._replace(login)

    def change_language(self, lang: str) -> None:
        self.ctx.session.lang = install_translations(QApplication.instance(), lang)
        self.ctx.config.lang = self.ctx.session.lang
        self.ctx.config.save()
        self.show_login()

    def show_role_window(self) -> QWidget:
        staff = self.ctx.session.staff
        mode = self.mode
        if mode == "manager" and staff is not None and staff.role not in ("manager", "admin"):
            QMessageBox.warning(self.window, QCoreApplication.translate("Shell", "Managers only"),
                                QCoreApplication.translate("Shell", "This terminal is set up for hall managers. "
                                                                    "Please sign in at a counter terminal."))
            auth.logout(self.ctx.session)
            return self.show_login()
        window = self.make_window(mode)
        signed_out = getattr(window, "signedOut", None)
        if signed_out is not None:
            signed_out.connect(self.sign_out)
        return self._replace(window)

    def make_window(self, mode: str) -> QWidget:
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

    def sign_out(self) -> None:
        from counter_app.ui.printing import close_previews

        close_previews()  # a customer's bill must not stay open for the next clerk
        leave(self.ctx.session)
        if self.mode in STAFF_MODES:
            self.show_login()
        else:
            self.show_role_window()
