"""Raw ESC/POS thermal printers (the 80 mm ticket printers of hall kiosks), through
python-escpos. No Qt.

The ticket is printed as text in GB18030 (the printer's Chinese mode, ``FS &``), its number
in the printer's largest type, the QR code drawn by the printer's own QR command
(``GS ( k``: sharp at any dot pitch, a few bytes instead of an image) and the paper cut
(``GS V``). Before and after the ticket the printer's real-time status (``DLE EOT``) is
read: paper out, cover open or offline keep the ticket on screen instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.documents.ticket import lines
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.printers import COVER_OPEN, ESCPOS_PREFIX, OFFLINE, PAPER_OUT
from counter_app.services.queue_ticket import TicketData

BAD_ADDRESS = QT_TRANSLATE_NOOP("Errors", "{name} is not an ESC/POS printer address. Use escpos:tcp://HOST:9100, "
                                          "escpos:usb:VENDOR:PRODUCT, escpos:serial:PORT or escpos:file:PATH.")

RAW_PORT = 9100
TIMEOUT_S = 3.0  # connecting and each status answer; a kiosk customer is waiting

ESC, GS, FS, DLE, EOT = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04"
INIT = ESC + b"@"
CHINESE_MODE = FS + b"&"  # GB18030 double-byte characters from here on
ALIGN_CENTRE = ESC + b"a\x01"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
# GS ! n: width multiplier in the high nibble, height in the low one (0 = 1x).
SIZES = {"code": 0x33, "category": 0x11, "hall": 0x01}
NORMAL_SIZE = GS + b"!\x00"

# DLE EOT n: n=1 printer status, n=2 offline cause, n=4 roll paper sensor.
STATUS_PRINTER, STATUS_OFFLINE_CAUSE, STATUS_PAPER = 1, 2, 4
_OFFLINE_BIT = 0x08          # n=1
_COVER_OPEN_BIT = 0x04       # n=2
_PAPER_STOP_BIT = 0x20       # n=2: printing stopped at the paper end
_PAPER_END_BITS = 0x60       # n=4


@dataclass(frozen=True)
class Address:
    """Where an ESC/POS printer is: kind "tcp", "usb", "serial" or "file"."""

    kind: str
    host: str = ""
    port: int = RAW_PORT
    vendor: int = 0
    product: int = 0
    device: str = ""
    baudrate: int = 9600

    @property
    def readable(self) -> bool:
        """Whether the printer's status can be read back (a kernel device file is write-only)."""
        return self.kind != "file"


def parse_address(name: str) -> Address:
    """``escpos:tcp://10.0.0.5:9100``, ``escpos:usb:0416:5011``, ``escpos:serial:COM3@19200``,
    ``escpos:file:/dev/usb/lp0``; a :class:`ValidationError` for anything else."""
    text = name.strip()
    if not text.lower().startswith(ESCPOS_PREFIX):
        raise ValidationError(BAD_ADDRESS, field="printer", name=name)
    rest = text[len(ESCPOS_PREFIX):]
    kind, _, value = rest.partition(":")
    kind = kind.lower()
    if kind == "tcp":
        match = re.fullmatch(r"//\[?([^\]/]+?)\]?(?::(\d{1,5}))?/?", value)
        if match:
            return Address("tcp", host=match.group(1), port=int(match.group(2) or RAW_PORT))
    elif kind == "usb":
        match = re.fullmatch(r"(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})", value)
        if match:
            return Address("usb", vendor=int(match.group(1), 16), product=int(match.group(2), 16))
    elif kind == "serial":
        device, _, baud = value.partition("@")
        if device and (not baud or baud.isdigit()):
            return Address("serial", device=device, baudrate=int(baud or 9600))
    elif kind == "file" and value:
        return Address("file", device=value)
    raise ValidationError(BAD_ADDRESS, field="printer", name=name)


def open_printer(address: Address):
    """A python-escpos printer for ``address``, connected (raises when it cannot be reached)."""
    from escpos import printer as escpos_printer

    if address.kind == "tcp":
        device = escpos_printer.Network(address.host, address.port, timeout=TIMEOUT_S)
    elif address.kind == "usb":
        device = escpos_printer.Usb(address.vendor, address.product, timeout=int(TIMEOUT_S * 1000))
    elif address.kind == "serial":
        device = escpos_printer.Serial(address.device, baudrate=address.baudrate, timeout=TIMEOUT_S)
    else:
        device = escpos_printer.File(address.device)
    device.open()
    return device


def status_problem(device) -> str:
    """Read the printer's real-time status: "" when it can print, else PAPER_OUT, COVER_OPEN
    or OFFLINE (also when it does not answer)."""
    printer = _ask(device, STATUS_PRINTER)
    if printer is None:
        return OFFLINE
    if printer & _OFFLINE_BIT:
        cause = _ask(device, STATUS_OFFLINE_CAUSE)
        if cause is not None and cause & _COVER_OPEN_BIT:
            return COVER_OPEN
        if cause is not None and cause & _PAPER_STOP_BIT:
            return PAPER_OUT
        paper = _ask(device, STATUS_PAPER)
        if paper is not None and paper & _PAPER_END_BITS == _PAPER_END_BITS:
            return PAPER_OUT
        return OFFLINE
    paper = _ask(device, STATUS_PAPER)
    if paper is not None and paper & _PAPER_END_BITS == _PAPER_END_BITS:
        return PAPER_OUT
    return ""


def _ask(device, n: int) -> int | None:
    """One status byte for DLE EOT n, or None when the printer gives no valid answer in time."""
    try:
        answer = device.query_status(DLE + EOT + bytes([n]))
    except (OSError, NotImplementedError, TimeoutError):
        return None
    except Exception as exc:  # pyusb's and pyserial's timeouts are their own classes
        if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
            return None
        raise
    for byte in answer or b"":
        if byte & 0x93 == 0x12:  # every status byte has bits 1 and 4 set, bits 0 and 7 clear
            return byte
    return None


def ticket_bytes(data: TicketData) -> bytes:
    """The ESC/POS byte stream of a queue ticket (without the status queries)."""
    out = bytearray(INIT + CHINESE_MODE + ALIGN_CENTRE)
    for style, text in lines(data):
        if style == "rule":
            out += b"-" * 48 + b"\n"
        elif style == "qr":
            out += _qr(text)
        else:
            size = SIZES.get(style, 0)
            bold = style in ("code", "category", "hall")
            out += (BOLD_ON if bold else b"") + GS + b"!" + bytes([size])
            out += text.encode("gb18030") + b"\n"
            out += NORMAL_SIZE + (BOLD_OFF if bold else b"")
    out += _cut()
    return bytes(out)


def _qr(payload: str) -> bytes:
    """The printer's own QR command (model 2, 6-dot modules, error correction M), centred."""
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.qr(payload, native=True, size=6, ec=1)
    return b"\n" + dummy.output + b"\n"


def _cut() -> bytes:
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.cut()  # feeds past the cutter, then GS V
    return dummy.output


def print_ticket_on(device, data: TicketData, *, check_status: bool = True) -> str:
    """Print the ticket on an open device: "" when it came out, else the status problem
    found before (nothing printed) or after (paper ran out during the ticket)."""
    if check_status:
        problem = status_problem(device)
        if problem:
            return problem
    device._raw(ticket_bytes(data))
    if check_status:
        return status_problem(device)
    return ""


# 80 mm paper prints 72 mm at 203 dpi: 576 dots a line.
PRINT_WIDTH_DOTS = 576


STRIP_ROWS = 256  # rows per raster command: small enough for every printer's buffer
# DLE EOT / DLE ENQ / DLE DC4 are real-time commands: a printer acts on them even inside
# picture data (answering a status request, kicking the cash drawer, switching off).
_REAL_TIME = re.compile(rb"\x10(?=[\x04\x05\x14])")


def raster_bytes(images) -> bytes:
    """ESC/POS for pictures of pages (PIL images at most PRINT_WIDTH_DOTS wide), each printed
    with the raster command (``GS v 0``) in strips and cut off after it."""
    out = bytearray(INIT + ALIGN_CENTRE)
    for image in images:
        picture = image.convert("1")
        per_row = (picture.width + 7) // 8
        # PIL's "1" mode: a set bit is white; ESC/POS: a set bit is a black dot.
        data = bytes(b ^ 0xFF for b in picture.tobytes())
        for top in range(0, picture.height, STRIP_ROWS):
            rows = min(STRIP_ROWS, picture.height - top)
            strip = data[top * per_row:(top + rows) * per_row]
            strip = _REAL_TIME.sub(b"\x00", strip)  # one dot fewer, never a command
            out += GS + b"v0\x00" + per_row.to_bytes(2, "little") + rows.to_bytes(2, "little") + strip
        out += _cut()
    return bytes(out)


def print_raster_on(device, images, *, check_status: bool = True) -> str:
    """Print page pictures on an open device: "" when they came out, else the status problem
    found before (nothing printed) or after."""
    if check_status:
        problem = status_problem(device)
        if problem:
            return problem
    device._raw(raster_bytes(images))
    if check_status:
        return status_problem(device)
    return ""
