"""Printing everywhere goes through one print preview.

The document is a PDF built by ``counter_app.documents`` (in a worker, so the window never
freezes). The preview shows it with QtPdf, prints it to a printer the user picks, or saves
the very same bytes as a PDF file. Every print and save is an audit event
(``services.print_log``): the first is a ``print``, later ones are ``reprint``.

Use :func:`print_document` from a panel::

    print_document(self, ctx, lambda: receipt.build(data), title=..., kind="receipt", ref=no)

or :func:`show_print_preview` when the PDF bytes are already at hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.printers import configured_printer, is_escpos
from counter_app.printers.queues import MAX_PRINT_DPI, paint_pdf  # noqa: F401 - the preview's printing path
from counter_app.services import print_log
from counter_app.ui.errors import show_error
from counter_app.ui.ops import Op, Topic
from counter_app.ui.window_size import fit_to_screen

log = logging.getLogger(__name__)

_open_previews: set[PrintPreviewDialog] = set()
# As tall as a page reads well; smaller where the screen is (at 1366×768 the buttons below the
# page were off the screen). Sized by the staff windows' one rule, ui/window_size.py.
PREVIEW_SIZE = QSize(760, 900)


class PrintPreviewDialog(QDialog):
    """Shows ``pdf_bytes``; Ctrl+P prints, Ctrl+S saves as PDF, Esc closes."""

    def __init__(self, ctx, pdf_bytes: bytes, *, title: str, kind: str, ref: str,
                 parent: QWidget | None = None, document: QPdfDocument | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf_bytes = bytes(pdf_bytes)
        self.kind = kind
        self.ref = ref
        self.setObjectName("printPreview")
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=title))
        # Loaded and measured on the worker that built it, if it came from print_document.
        self.document = document if document is not None else load_document(self.pdf_bytes)
        self.document.setParent(self)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() == 0:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "The document could not be shown: it is not a readable PDF."))

        self.view = QPdfView(self)
        self.view.setObjectName("printPreviewView")
        # Modes before the document: each change lays out every page again.
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        # A one-page receipt or slip is seen whole; a long statement reads page by page.
        single = self.document.pageCount() == 1
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if single else QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.info = QLabel(self.tr("{pages} page(s)").format(pages=self.document.pageCount()))
        self.info.setObjectName("printPreviewInfo")
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printPreviewPrint")
        self.print_button.setToolTip(self.tr("Print to a printer (Ctrl+P)"))
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setObjectName("printPreviewSave")
        self.save_button.setToolTip(self.tr("Save the document as a PDF file (Ctrl+S)"))
        self.save_button.clicked.connect(self.choose_file)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("printPreviewClose")
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.choose_printer)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.choose_file)

        buttons = QHBoxLayout()
        buttons.addWidget(self.info)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.setDefault(True)
        self.fit()

    def fit(self, available: QRect | None = None) -> QSize:
        """Size and place the preview inside ``available`` (the screen's free area when None)."""
        return fit_to_screen(self, PREVIEW_SIZE, available)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # -- printing ----------------------------------------------------------------------------

    def choose_printer(self) -> None:
        configured = configured_printer(self.ctx.config, self.kind)
        if is_escpos(configured):  # a roll printer spoken to directly: no system dialog knows it
            self.print_in_background(configured)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if configured:
            printer.setPrinterName(configured)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {title}").format(title=self.windowTitle()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_in_background(printer)

    def print_in_background(self, printer: QPrinter | str) -> None:
        """Print in a worker (a long statement takes seconds to rasterize); the buttons wait.
        ``printer`` is a QPrinter, or the ``escpos:`` address of a roll printer. The print is
        logged even when the preview was closed meanwhile."""
        self.print_button.setEnabled(False)
        self._printer = printer  # kept alive until the worker is done with it
        data, ctx, kind, ref = self.pdf_bytes, self.ctx, self.kind, self.ref

        def work() -> int:
            if isinstance(printer, str):
                from counter_app.printers import raster

                pages = raster.print_pdf(data, printer)[1]
            else:
                pages = paint_pdf(data, printer)
            _log_print(ctx, kind, ref, _printer_name(printer), pages)
            return pages

        Op(self, work, changes={Topic.PRINTS}, ctx=ctx).after(lambda: self.print_button.setEnabled(True)) \
            .success(self._printed).run()

    def print_to(self, printer: QPrinter) -> int:
        """Paint now, on this thread, and log the print on a worker; returns the pages printed
        (tests and small slips)."""
        pages = paint_pdf(self.pdf_bytes, printer)
        self._log(_printer_name(printer), pages)
        self._printed(pages)
        return pages

    def _printed(self, pages: int) -> None:
        self.ctx.statusMessage.emit(QCoreApplication.translate("PrintPreviewDialog", "Printed {pages} page(s).")
                                    .format(pages=pages))

    # -- saving ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        suggested = f"{self.kind}-{self.ref}.pdf".replace("/", "-")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            self.save_to(path)
        except Exception as exc:
            show_error(self, exc)

    def save_to(self, path: str | Path) -> Path:
        """Write the document's exact bytes to ``path`` (".pdf" added when missing) on a
        worker, its print event in the same transaction (counter_app/output.py): the file
        appears only with its event, and a disk or database that refuses leaves neither.
        Returns the path at once; the status bar says when the file is there."""
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from counter_app.output import check_folder, output_file

        check_folder(target)  # a folder that is not there, a database file: said at once
        data, ctx, kind, ref, pages = self.pdf_bytes, self.ctx, self.kind, self.ref, self.page_count

        def work() -> Path:
            with output_file(target) as out:
                out.write(data)
                _log_print(ctx, kind, ref, "pdf", pages)
            return target

        Op(self, work, changes={Topic.PRINTS}, ctx=ctx).success(
            lambda saved: ctx.statusMessage.emit(self.tr("Saved {path}").format(path=str(saved)))).run()
        return target

    def _log(self, output: str, pages: int) -> None:
        ctx, kind, ref = self.ctx, self.kind, self.ref
        Op(self, lambda: _log_print(ctx, kind, ref, output, pages), changes={Topic.PRINTS}, ctx=ctx).run()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        _open_previews.discard(self)
        super().done(result)


def load_document(pdf_bytes: bytes) -> QPdfDocument:
    """``pdf_bytes`` as a QPdfDocument, loaded on the calling thread and handed to the GUI
    thread. PDFium reads a page's size the first time it is asked, and QPdfView asks for every
    page's as it lays a document out on the GUI thread (tens of milliseconds for a 100-page
    statement); :func:`print_document` calls this in its worker, so the preview's layout is
    answered from what PDFium has read already (docs/responsiveness.md)."""
    document = QPdfDocument()
    buffer = QBuffer(document)  # the document reads from it for as long as it lives
    buffer.setData(QByteArray(bytes(pdf_bytes)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() == QPdfDocument.Status.Ready:
        for page in range(document.pageCount()):
            document.pagePointSize(page)
    gui = QCoreApplication.instance().thread()
    if document.thread() is not gui:
        document.moveToThread(gui)
    return document


def _printer_name(printer: QPrinter | str) -> str:
    if isinstance(printer, str):
        return f"printer:{printer}"
    return f"printer:{printer.printerName() or printer.outputFileName() or 'printer'}"


def _log_print(ctx, kind: str, ref: str, output: str, pages: int) -> None:
    print_log.record_print(ctx.session, kind=kind, ref=ref, output=output, pages=pages)


def show_print_preview(parent: QWidget | None, ctx, pdf_bytes: bytes, *, title: str, kind: str,
                       ref: str, document: QPdfDocument | None = None) -> PrintPreviewDialog | None:
    """Open the preview (window-modal, not blocking); None if the bytes are no PDF.
    ``document``: the same bytes already loaded by :func:`load_document`."""
    dialog = _make_preview(parent, ctx, pdf_bytes, title=title, kind=kind, ref=ref, document=document)
    if dialog is not None:
        _present(dialog)
    return dialog


def _make_preview(parent: QWidget | None, ctx, pdf_bytes: bytes, **kwargs) -> PrintPreviewDialog | None:
    try:
        dialog = PrintPreviewDialog(ctx, pdf_bytes, parent=parent, **kwargs)
    except Exception as exc:
        show_error(parent, exc)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def _present(dialog: PrintPreviewDialog) -> None:
    _open_previews.add(dialog)
    dialog.open()


def print_document(parent: QWidget | None, ctx, build: Callable[[], bytes], *, title: str, kind: str,
                   ref: str, on_open: Callable[[PrintPreviewDialog], None] | None = None) -> None:
    """Build the PDF with ``build`` in a worker, then open the preview on the GUI thread.

    ``build`` must not touch widgets. Errors (a UserError such as "no records for this month"
    or anything unexpected) are shown to the user; nothing is logged as printed then."""
    if parent is not None:
        ctx.statusMessage.emit(QCoreApplication.translate("PrintPreview", "Preparing the document…"))

    def work() -> tuple[bytes, QPdfDocument]:
        pdf_bytes = build()
        return pdf_bytes, load_document(pdf_bytes)

    def opened(built: tuple[bytes, QPdfDocument]) -> None:
        pdf_bytes, document = built
        dialog = _make_preview(parent, ctx, pdf_bytes, title=title, kind=kind, ref=ref, document=document)
        if dialog is not None:
            # Shown on the event loop's next turn: making the dialog and painting it are two
            # short waits of the window instead of one long one (docs/responsiveness.md).
            QTimer.singleShot(0, dialog, lambda: present(dialog))

    def present(dialog: PrintPreviewDialog) -> None:
        _present(dialog)
        if on_open is not None:
            on_open(dialog)

    # The "preparing" note goes once the document is shown (or refused).
    Op(parent, work, ctx=ctx).after(lambda: ctx.statusMessage.emit("")).success(opened).run()


def open_previews() -> list[PrintPreviewDialog]:
    """The previews open now (tests and the shell's shutdown use it)."""
    return [d for d in _open_previews if isValid(d)]


def close_previews() -> None:
    """Close every open preview (sign-out, shutdown, tests)."""
    for dialog in open_previews():
        dialog.done(0)
    _open_previews.clear()
