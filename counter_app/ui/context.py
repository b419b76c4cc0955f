"""What every window and panel of one terminal shares: the session, the configuration, and
a few application-wide signals (signals out, method calls in)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from counter_app.config import TerminalConfig
from counter_app.services.session import Session


class AppContext(QObject):
    # The account (uuid) the clerk is serving now, or None when nobody is selected.
    customerChanged = Signal(object)
    # The queue ticket (uuid) being served now, or None.
    ticketChanged = Signal(object)
    # Something was written that other panels may show: a ui.ops.Changes (typed topics).
    # Panels listen with ui.ops.on_change, ops announce through announce().
    changed = Signal(object)
    # Transitional: the free-string form of the same announcements ("payments", "queue", ...)
    # for windows not yet moved to typed topics. Each announcement is echoed here, and a
    # string emitted here is announced as its topic.
    dataChanged = Signal(str)
    # A short message for the status bar.
    statusMessage = Signal(str)
    # Sync state changed: dict(last_success=..., pending=..., last_error=...)
    syncState = Signal(dict)

    def __init__(self, session: Session, config: TerminalConfig, db_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.config = config
        self.db_url = db_url
        self.current_account = None
        self.current_ticket = None
        self._echoing = False
        self.dataChanged.connect(self._legacy_announcement)

    def announce(self, changes) -> None:
        """Tell every panel what a write touched (a ui.ops.Changes)."""
        self.changed.emit(changes)
        self._echoing = True
        try:
            for topic in sorted(changes.topics, key=lambda t: t.value):
                self.dataChanged.emit(topic.value)
        finally:
            self._echoing = False

    def _legacy_announcement(self, what: str) -> None:
        if self._echoing:
            return
        from counter_app.ui.ops import Changes, Topic

        try:
            topic = Topic(what)
        except ValueError:
            return
        self.changed.emit(Changes(frozenset({topic})))

    @property
    def lang(self) -> str:
        return self.session.lang

    def select_customer(self, account_id) -> None:
        self.current_account = account_id
        self.customerChanged.emit(account_id)

    def select_ticket(self, ticket_id) -> None:
        self.current_ticket = ticket_id
        self.ticketChanged.emit(ticket_id)
