"""The status bar every staff window shows: hall, terminal, user, database and sync state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar

from counter_app.logging_setup import redact
from counter_app.ui.context import AppContext
from counter_app.ui.ops import connect_while_alive


def describe_database(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return redact(url).split("?")[0]
    return Path(url).name


class HallStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("hallStatusBar")
        session = ctx.session
        self.hall_label = QLabel(self.tr("Hall: {name}").format(name=session.hall.name))
        self.terminal_label = QLabel(self.tr("Terminal: {id}").format(id=session.terminal_id))
        self.user_label = QLabel()
        self.db_label = QLabel(self.tr("Database: {db}").format(db=describe_database(ctx.db_url)))
        self.sync_label = QLabel(self.tr("Sync: not configured") if not ctx.config.hub_url() else self.tr("Sync: waiting"))
        self.sync_label.setObjectName("syncLabel")
        for label in (self.hall_label, self.terminal_label, self.user_label, self.db_label, self.sync_label):
            self.addPermanentWidget(label)
        self.refresh_user()
        # The context outlives this window (sign out, sign in): connections die with the bar.
        connect_while_alive(self, ctx.statusMessage, self.show_message)
        connect_while_alive(self, ctx.syncState, self.show_sync_state)

    def show_message(self, text: str) -> None:
        """A passing note for 8 s; an empty text takes the last one away."""
        if text:
            self.showMessage(text, 8000)
        else:
            self.clearMessage()

    def refresh_user(self) -> None:
        staff = self.ctx.session.staff
        self.user_label.setText(self.tr("User: {no} {name}").format(no=staff.staff_no, name=staff.name)
                                if staff else self.tr("User: —"))

    def show_sync_state(self, state: dict) -> None:
        if state.get("last_error"):
            text = self.tr("Sync: failed ({error}), {pending} pending").format(
                error=state["last_error"], pending=state.get("pending", 0))
        else:
            text = self.tr("Sync: {last}, {pending} pending").format(
                last=state.get("last_success") or self.tr("never"), pending=state.get("pending", 0))
        if state.get("rejected"):
            # Refused operations wait for a manager; the clerk should know to call one.
            text += self.tr(", {n} refused by the hub (manager: Sync tab)").format(n=state["rejected"])
        if state.get("held"):
            # Money the hub holds for the hall, credited to no line: the manager applies or refunds it.
            text += self.tr(", {n} payments held by the hub (manager: Sync tab)").format(n=len(state["held"]))
        self.sync_label.setText(text)
