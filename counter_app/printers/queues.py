"""Printing PDFs on the machine's printer queues (CUPS on Linux, the print spooler on
Windows) through Qt's print support: the one path the print preview, the kiosk and the
headless commands share.

Each page is rendered at the PDF's own page size (an 80 mm receipt on the roll, a bill on
A4) at no more than :data:`MAX_PRINT_DPI`. Safe in a worker thread: every call opens its own
``QPdfDocument`` (QtPdf serialises PDFium calls) and a ``QPainter`` on a ``QPrinter`` may run
off the GUI thread. A Qt application must exist; headless commands call
:func:`ensure_application` first.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.errors import NotFound, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP

# Page images are rendered for the printer at no more than this: enough for small CJK text
# and QR codes, and a 100-page detailed record still prints in seconds.
MAX_PRINT_DPI = 300

NO_SUCH_PRINTER = QT_TRANSLATE_NOOP("Errors", "There is no printer named {name}. Printers on this computer: {names}.")
NO_PRINTERS = QT_TRANSLATE_NOOP("Errors", "No printer is set up on this computer.")
NOT_A_PDF = QT_TRANSLATE_NOOP("Errors", "The document could not be shown: it is not a readable PDF.")
CANNOT_START = QT_TRANSLATE_NOOP("Errors", "The printer could not be started. Check that it is "
                                           "switched on and has paper.")

_application = None  # the application made for a headless command, kept for the process


def ensure_application() -> None:
    """Make a Qt application for a headless command that prints (none is made when one exists).

    Printing needs no display: with no desktop session the offscreen platform is used."""
    global _application
    if QCoreApplication.instance() is not None:
        return
    from counter_app.desktop import missing_display

    if missing_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # a widget test may run in the same process later

    _application = QApplication([sys.argv[0] if sys.argv else "counter-app"])


def queue_names() -> list[str]:
    """The printer queues this computer knows, as the system lists them."""
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def default_queue() -> str:
    """The system's default queue, "" when there is none."""
    info = QPrinterInfo.defaultPrinter()
    return "" if info.isNull() else info.printerName()


def find_queue(name: str = "") -> QPrinterInfo:
    """The queue ``name``; for "" the system's default queue, else the only one there is.

    Raises :class:`NotFound` naming the queues that do exist."""
    if name:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            raise NotFound(NO_SUCH_PRINTER, name=name, names=", ".join(queue_names()) or "—")
        return info
    default = QPrinterInfo.defaultPrinter()
    if not default.isNull():
        return default
    printers = QPrinterInfo.availablePrinters()
    if not printers:
        raise NotFound(NO_PRINTERS)
    return printers[0]


def printer_on(name: str = "", *, title: str = "") -> QPrinter:
    """A ``QPrinter`` for the queue ``name`` (see :func:`find_queue`); ``title`` names the job."""
    printer = QPrinter(find_queue(name), QPrinter.PrinterMode.HighResolution)
    if title:
        printer.setDocName(title)
    return printer


def paper_size(points: QSizeF) -> QPageSize:
    """The paper of a PDF page: a standard size when the page is one to the tenth of a
    millimetre (A4, A5), else a custom size. A fuzzy match would turn an 80 x 115 mm receipt
    into a C7 envelope (81 x 114 mm) and cut its last line off."""
    mm = QSizeF(round(points.width() / 72 * 25.4, 1), round(points.height() / 72 * 25.4, 1))
    return QPageSize(mm, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)


def paint_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Paint every page of the PDF onto ``printer`` at the PDF's own page size; returns the
    pages printed."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    pages = document.pageCount()
    if document.status() != QPdfDocument.Status.Ready or pages == 0:
        raise UserError(NOT_A_PDF)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(paper_size(document.pagePointSize(0)), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(CANNOT_START)
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for index in range(pages):
            if index:
                printer.newPage()
            size = document.pagePointSize(index)
            image = document.render(index, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(target.x(), target.y(), image.width() * scale, image.height() * scale), image)
    finally:
        painter.end()
        document.close()
    return pages


def print_pdf(pdf_bytes: bytes, name: str = "", *, title: str = "") -> tuple[str, int]:
    """Print the PDF on the queue ``name`` (see :func:`find_queue`); returns the queue's name
    and the pages printed."""
    printer = printer_on(name, title=title)
    return printer.printerName(), paint_pdf(pdf_bytes, printer)
