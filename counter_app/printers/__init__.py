"""The hall's printers: A4 and 80 mm roll printer queues, and raw ESC/POS ticket printers.

A printer is named by a string, as in the terminal config and ``--printer``:

- a printer queue of the computer (CUPS on Linux, the spooler on Windows), e.g. ``hallA4``;
  documents go there as PDF pages through Qt's print support (:mod:`.queues`);
- an ESC/POS device, for thermal roll printers without a driver on the PC: the kiosk's
  ticket printer (tickets as text, :mod:`.escpos_device`) or a counter's receipt printer
  (receipts as pictures, :mod:`.raster`):
  ``escpos:tcp://HOST[:PORT]`` (raw port 9100), ``escpos:usb:VENDOR:PRODUCT`` (hex ids),
  ``escpos:serial:PORT[@BAUD]`` (``COM3``, ``/dev/ttyS0``) or ``escpos:file:PATH``
  (a kernel device such as ``/dev/usb/lp0``; written only, its status is not read).

``printer`` in the terminal config is the A4 printer; ``receipt_printer`` the 80 mm roll
(receipts, queue tickets), falling back to ``printer``. Empty: the system default.

Only :mod:`.queues` and :mod:`.raster` import Qt; the ESC/POS side and the ticket interface
(:mod:`.tickets`) are plain Python.
"""

from __future__ import annotations

from counter_app.i18n import QT_TRANSLATE_NOOP

ESCPOS_PREFIX = "escpos:"

# Why a ticket did not come out (TicketPrint.problem).
PAPER_OUT = "paper_out"
COVER_OPEN = "cover_open"
OFFLINE = "offline"  # switched off, unplugged, not answering
NO_PRINTER = "no_printer"  # none set up, or the named queue does not exist
FAILED = "failed"  # the queue refused the job, or anything unexpected

ESCPOS_TICKETS_ONLY = QT_TRANSLATE_NOOP("Errors", "An ESC/POS printer prints only on the 80 mm roll (tickets and "
                                                  "receipts); name a printer queue for this document.")

# Documents printed on the 80 mm roll; everything else is A4 (or A5 on an A4 printer).
ROLL_KINDS = frozenset({"receipt", "ticket"})


def is_escpos(name: str) -> bool:
    return name.strip().lower().startswith(ESCPOS_PREFIX)


def paper_of(kind: str) -> str:
    """"roll" for the documents of the 80 mm roll, else "a4"."""
    return "roll" if kind in ROLL_KINDS else "a4"


def configured_printer(config, kind_or_paper: str) -> str:
    """The printer the terminal config names for a document kind (or a paper, "roll"/"a4");
    "" for the system default."""
    paper = kind_or_paper if kind_or_paper in ("roll", "a4") else paper_of(kind_or_paper)
    if paper == "roll":
        return (getattr(config, "receipt_printer", "") or getattr(config, "printer", "")).strip()
    return getattr(config, "printer", "").strip()
