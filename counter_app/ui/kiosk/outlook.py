"""What the kiosk's start page tells before anyone touches it: whether numbers are issued now
(opening hours, the day close: otherwise the closed page, worded for the reason) and how many
wait for each service, with the wait a new number would be told. Both are read off the GUI
thread, on timers, and a failed read never puts a dialog before a customer.

(A mixin of ``KioskWindow``: its strings keep the window's translation context.)"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from counter_app.services import queue
from counter_app.services.kiosk_status import DAY_CLOSED, KioskStatus, kiosk_status
from counter_app.ui.ops import Op

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))


class KioskOutlook:
    """The opening state and the waiting counts of the kiosk window."""

    def check_status(self) -> None:
        """Ask, off the GUI thread, whether numbers are issued now (opening hours and the day
        close); the start and closed pages follow the answer."""
        if self.checking:
            return
        self.checking = True
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: kiosk_status(hall_code)).success(self._show_status).failure(self._status_failed) \
            .after(self._checked).run()

    def _checked(self) -> None:
        self.checking = False

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("kiosk could not read whether the hall is open: %s", exc)

    def _show_status(self, status: KioskStatus) -> None:
        self.status = status
        self._word_closed_page(status)
        current = self.stack.currentWidget()
        if not status.is_open and current is not self.closed_page and current is not self.pin_page \
                and current is not self.result_page:
            self.chosen = None
            self._show(self.closed_page)
            self.changed_by_itself()
        elif status.is_open and current is self.closed_page:
            self._show(self.start_page)
            self.changed_by_itself()
            self.refresh_counts()

    def _word_closed_page(self, status: KioskStatus) -> None:
        if status.state == DAY_CLOSED:
            self.closed_title.setText(translate("KioskWindow", "Today's business is over"))
            self.closed_hours.setText(translate("KioskWindow", "Numbers are issued again tomorrow from {opens}. "
                                              "Thank you for coming.").format(opens=status.opens))
        elif not status.reopens_tomorrow:
            self.closed_title.setText(translate("KioskWindow", "The hall opens at {opens}").format(opens=status.opens))
            self.closed_hours.setText(translate(
                "KioskWindow", "Opening hours: {opens}–{closes}. No numbers are issued now.").format(
                opens=status.opens, closes=status.closes))
        else:
            self.closed_title.setText(translate("KioskWindow", "The hall is closed"))
            self.closed_hours.setText(translate(
                "KioskWindow", "Opening hours: {opens}–{closes}. No numbers are issued now.").format(
                opens=status.opens, closes=status.closes))

    def refresh_counts(self) -> None:
        """Read how many wait per category and the wait a new ticket would be told, off the GUI
        thread, for the start page buttons."""
        if self.stack.currentWidget() is not self.start_page:
            return
        if self.reading_counts:
            # A ticket taken while the read is under way must not wait for the next timer.
            self.counts_stale = True
            return
        self.reading_counts = True
        self.counts_stale = False
        hall_code = self.ctx.session.hall_code
        Op(self, lambda: queue.kiosk_outlook(hall_code)).success(self._show_counts).failure(self._counts_failed) \
            .after(self._counts_read).run()

    def _counts_read(self) -> None:
        self.reading_counts = False
        if self.counts_stale:
            self.refresh_counts()

    def _show_counts(self, outlook: dict[str, queue.Outlook]) -> None:
        for code, button in self.category_buttons.items():
            if code not in outlook:
                continue
            line = translate("KioskWindow", "{count} waiting").format(count=outlook[code].waiting)
            if outlook[code].estimate_min == queue.NO_COUNTER_NOW:
                line = translate("KioskWindow", "{count} waiting · no counter serves this now").format(
                    count=outlook[code].waiting)
            elif outlook[code].estimate_min:
                line = translate("KioskWindow", "{count} waiting · about {minutes} min").format(
                    count=outlook[code].waiting, minutes=outlook[code].estimate_min)
            button.setText(f"{self.category_names[code]}\n{line}")

    def _counts_failed(self, exc: BaseException) -> None:
        # The counts are a courtesy: a busy database must not put a dialog before a customer.
        log.warning("kiosk could not read the waiting counts: %s", exc)

    def _check_hours(self) -> None:
        if self.stack.currentWidget() in (self.start_page, self.closed_page, self.details_page):
            self.check_status()
