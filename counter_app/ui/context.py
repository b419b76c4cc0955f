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
    # Something was written that other panels may show: "payments", "orders", "queue", ...
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

    @property
    def lang(self) -> str:
        return self.session.lang

    def select_customer(self, account_id) -> None:
        self.current_account = account_id
        self.customerChanged.emit(account_id)

    def select_ticket(self, ticket_id) -> None:
        self.current_ticket = ticket_id
        self.ticketChanged.emit(ticket_id)
