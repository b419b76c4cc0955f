"""Documents of the 80 mm roll (a receipt) on an ESC/POS printer that has no driver on the PC:
each page of the PDF rendered as a black-and-white picture 576 dots wide (72 mm at 203 dpi,
the printable width of 80 mm paper) and printed with the printer's raster command, then cut.

Uses Qt (QtPdf renders the page): run it in a worker, like every print.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.printers import COVER_OPEN, OFFLINE, PAPER_OUT
from counter_app.printers.escpos_device import PRINT_WIDTH_DOTS, open_printer, parse_address, print_raster_on
from counter_app.printers.queues import NOT_A_PDF

PROBLEMS = {
    PAPER_OUT: QT_TRANSLATE_NOOP("Errors", "The printer {name} is out of paper. Nothing was printed; print again "
                                           "when paper is in."),
    COVER_OPEN: QT_TRANSLATE_NOOP("Errors", "The cover of the printer {name} is open. Close it and print again."),
    OFFLINE: QT_TRANSLATE_NOOP("Errors", "The printer {name} does not answer. Check that it is switched on and "
                                         "connected, then print again."),
}


def page_images(pdf_bytes: bytes, width: int = PRINT_WIDTH_DOTS) -> list:
    """Every page of the PDF as a 1-bit PIL image ``width`` dots wide."""
    from PIL import Image

    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise UserError(NOT_A_PDF)
    images = []
    try:
        for index in range(document.pageCount()):
            size = document.pagePointSize(index)
            height = round(size.height() * width / size.width())
            # The page renders on a transparent background: put it on white paper first, or the
            # whole roll would come out black.
            page = QImage(width, height, QImage.Format.Format_RGB32)
            page.fill(Qt.GlobalColor.white)
            painter = QPainter(page)
            painter.drawImage(0, 0, document.render(index, QSize(width, height)))
            painter.end()
            page = page.convertToFormat(QImage.Format.Format_Grayscale8)
            grey = Image.frombuffer("L", (page.width(), page.height()), bytes(page.constBits()), "raw", "L",
                                    page.bytesPerLine(), 1)
            images.append(grey.point(lambda v: 255 if v > 160 else 0).convert("1"))
    finally:
        document.close()
    return images


def print_pdf(pdf_bytes: bytes, name: str) -> tuple[str, int]:
    """Print the PDF on the ESC/POS printer ``name``; returns the name and the pages printed.
    Raises a UserError saying why when the printer cannot print (paper out, cover open, off)."""
    address = parse_address(name)
    images = page_images(pdf_bytes)
    try:
        device = open_printer(address)
    except Exception:
        raise UserError(PROBLEMS[OFFLINE], name=name) from None
    try:
        problem = print_raster_on(device, images, check_status=address.readable)
    except OSError:
        problem = OFFLINE
    finally:
        device.close()
    if problem:
        raise UserError(PROBLEMS.get(problem, PROBLEMS[OFFLINE]), name=name)
    return name, len(images)
