"""The kiosk's ticket printer: printing a ticket in the kiosk's worker, and what the customer
is told when it did not come out.

The printer is the terminal's roll printer (``receipt_printer``, else ``printer``): a printer
queue or an ESC/POS address (``counter_app.printers``). A ticket that did not come out is
kept in the data folder and stays in the queue; the customer notes the number on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.config import TerminalConfig
from counter_app.printers import COVER_OPEN, OFFLINE, PAPER_OUT, configured_printer
from counter_app.printers.tickets import TicketPrint, ticket_printer
from counter_app.services.queue_ticket import TicketData

__all__ = ["TicketPrint", "print_ticket", "problem_text"]


def print_ticket(config: TerminalConfig, data: TicketData) -> TicketPrint:
    """Print on the terminal's ticket printer; blocks while the printer answers (a worker's job)."""
    return ticket_printer(configured_printer(config, "ticket")).print_ticket(data)


def problem_text(problem: str, code: str) -> str:
    """One or two sentences for the result page: why no ticket came out and what to do."""
    if problem == PAPER_OUT:
        reason = QCoreApplication.translate("TicketPrinter", "The ticket printer is out of paper.")
    elif problem == COVER_OPEN:
        reason = QCoreApplication.translate("TicketPrinter", "The ticket printer's cover is open.")
    elif problem == OFFLINE:
        reason = QCoreApplication.translate("TicketPrinter", "The ticket printer is offline.")
    else:
        reason = QCoreApplication.translate("TicketPrinter", "The ticket printer is not available.")
    advice = QCoreApplication.translate("TicketPrinter", "Please note your number {code} on screen, or ask our "
                                                         "staff.").format(code=code)
    return f"{reason}\n{advice}"
