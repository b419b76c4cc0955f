"""Sending the ticket PDF to the kiosk's printer through Qt's print support.

With no printer (none installed, or the configured one is gone) the PDF is kept in the
terminal's data folder and the caller tells the customer; nothing is lost either way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app import clock, paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOutcome:
    printed: bool
    kept: Path | None


def find_printer(name: str = "") -> QPrinterInfo | None:
    if name:
        info = QPrinterInfo.printerInfo(name)
        return None if info.isNull() else info
    default = QPrinterInfo.defaultPrinter()
    if not default.isNull():
        return default
    printers = QPrinterInfo.availablePrinters()
    return printers[0] if printers else None


def keep_pdf(pdf: bytes, stem: str) -> Path:
    folder = paths.data_dir() / "tickets" / f"{clock.today():%Y%m%d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.pdf"
    path.write_bytes(pdf)
    return path


def print_pdf(pdf: bytes, stem: str, printer_name: str = "") -> PrintOutcome:
    """Print a one-page PDF at its own paper size; keep it when there is no printer."""
    info = find_printer(printer_name)
    if info is None:
        return PrintOutcome(False, keep_pdf(pdf, stem))
    try:
        _print(pdf, info)
    except Exception:  # a jammed or vanished printer must not lose the customer's number
        log.exception("printing the ticket failed")
        return PrintOutcome(False, keep_pdf(pdf, stem))
    return PrintOutcome(True, None)


def _print(pdf: bytes, info: QPrinterInfo) -> None:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size_pt = document.pagePointSize(0)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(size_pt), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    dpi = printer.resolution()
    image = document.render(0, (size_pt * dpi / 72).toSize())
    painter = QPainter(printer)
    try:
        painter.drawImage(QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), image)
    finally:
        painter.end()
