"""The kiosk's ticket printer behind one small interface.

``ticket_printer(name).print_ticket(data)`` prints a queue ticket and answers a
:class:`TicketPrint`: it came out, or the problem that stopped it (paper out, cover open,
offline, no printer, failed). When it did not come out the ticket's PDF is kept in the
terminal's data folder (``tickets/YYYYMMDD/``) and the customer is told to note the number
on screen; the ticket is in the queue either way.

``name`` is a printer queue (the PDF ticket through Qt's print support) or an ``escpos:``
address (the ticket as ESC/POS text, QR and cut). It blocks for up to a few seconds on a
printer that does not answer: call it from a worker, never on the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from counter_app import clock, paths
from counter_app.documents.ticket import render_ticket
from counter_app.errors import NotFound, ValidationError
from counter_app.printers import FAILED, NO_PRINTER, OFFLINE, is_escpos
from counter_app.printers.escpos_device import Address, open_printer, parse_address, print_ticket_on
from counter_app.services.queue_ticket import TicketData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TicketPrint:
    """What became of one ticket: ``printed``, or ``problem`` and the ``kept`` PDF."""

    printed: bool
    problem: str = ""
    kept: Path | None = None
    printer: str = ""


class TicketPrinter(Protocol):
    def print_ticket(self, data: TicketData) -> TicketPrint: ...


def keep_ticket(data: TicketData, pdf: bytes | None = None) -> Path:
    """Keep the ticket's PDF in the data folder (a ticket that did not come out)."""
    folder = paths.data_dir() / "tickets" / f"{clock.today():%Y%m%d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data.code}-{data.ticket_id}.pdf"
    path.write_bytes(pdf if pdf is not None else render_ticket(data))
    return path


def _outcome(data: TicketData, problem: str, printer: str, pdf: bytes | None = None) -> TicketPrint:
    if not problem:
        return TicketPrint(True, printer=printer)
    log.warning("ticket %s not printed on %s: %s", data.code, printer or "the default printer", problem)
    return TicketPrint(False, problem, keep_ticket(data, pdf), printer)


class QueueTicketPrinter:
    """The PDF ticket on a printer queue ("" for the system default)."""

    def __init__(self, name: str = "") -> None:
        self.name = name

    def print_ticket(self, data: TicketData) -> TicketPrint:
        from counter_app.printers import queues

        pdf = render_ticket(data)
        try:
            used, _pages = queues.print_pdf(pdf, self.name, title=f"{data.code} {data.hall_name}")
        except NotFound:
            return _outcome(data, NO_PRINTER, self.name, pdf)
        except Exception:  # a jammed or vanished printer must not lose the customer's number
            log.exception("printing ticket %s on %s failed", data.code, self.name or "the default printer")
            return _outcome(data, FAILED, self.name, pdf)
        return _outcome(data, "", used)


class EscposTicketPrinter:
    """The ticket as ESC/POS on a thermal printer; ``device`` is an open python-escpos
    printer to use instead of connecting to ``address`` (it is left open)."""

    def __init__(self, address: Address | str, *, device=None, check_status: bool | None = None) -> None:
        self.address = parse_address(address) if isinstance(address, str) else address
        self.device = device
        self.check_status = self.address.readable if check_status is None else check_status

    @property
    def name(self) -> str:
        a = self.address
        where = {"tcp": f"//{a.host}:{a.port}", "usb": f"{a.vendor:04x}:{a.product:04x}"}.get(a.kind, a.device)
        return f"escpos:{a.kind}:{where}"

    def print_ticket(self, data: TicketData) -> TicketPrint:
        device = self.device
        if device is None:
            try:
                device = open_printer(self.address)
            except Exception as exc:  # refused, unplugged, no such port: the printer is not there
                log.warning("cannot reach the ticket printer %s: %s", self.name, exc)
                return _outcome(data, OFFLINE, self.name)
        try:
            problem = print_ticket_on(device, data, check_status=self.check_status)
        except Exception as exc:  # the connection dropped while printing
            log.warning("the ticket printer %s failed: %s", self.name, exc)
            problem = OFFLINE
        finally:
            if self.device is None:
                device.close()
        return _outcome(data, problem, self.name)


class _Misconfigured:
    """An ``escpos:`` address that cannot be read: every ticket is kept, and the log says why."""

    def __init__(self, name: str) -> None:
        self.name = name

    def print_ticket(self, data: TicketData) -> TicketPrint:
        log.error("the ticket printer address %r in the terminal config is not valid", self.name)
        return _outcome(data, NO_PRINTER, self.name)


def ticket_printer(name: str) -> TicketPrinter:
    """The ticket printer named by the terminal config or ``--printer`` (see the package)."""
    if not is_escpos(name):
        return QueueTicketPrinter(name)
    try:
        return EscposTicketPrinter(name)
    except ValidationError:
        return _Misconfigured(name)
