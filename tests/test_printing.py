"""The print preview: every document is shown with QtPdf, printed or saved, and logged."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QRect, QSize
from reportlab.pdfgen import canvas

from counter_app.config import TerminalConfig
from counter_app.models import AuditEvent
from counter_app.ui.context import AppContext
from counter_app.ui.window_size import FRAME
from tests.helpers import ops_done, pdf_pages


@pytest.fixture(autouse=True)
def no_stray_previews(qtbot):
    """A document built by a worker opens its preview when the event loop next runs; let that
    happen inside the test that asked for it, and close what is left, so the next test starts
    with no preview open."""
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.printing import close_previews
    from counter_app.ui.worker import wait_for_tasks

    close_previews()
    yield
    wait_for_tasks()
    QApplication.processEvents()
    close_previews()


def two_page_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(226, 400))  # an 80 mm receipt roll
    c.drawString(20, 300, "Receipt page 1")
    c.showPage()
    c.drawString(20, 300, "Receipt page 2")
    c.save()
    return out.getvalue()


@pytest.fixture
def ctx(session, qtbot, db_path):
    return AppContext(session, TerminalConfig(), str(db_path))


def test_the_preview_shows_every_page_and_saves_the_same_bytes(ctx, qtbot, tmp_path):
    from counter_app.ui.printing import show_print_preview

    data = two_page_pdf()
    dialog = show_print_preview(None, ctx, data, title="Receipt", kind="receipt", ref="R1")
    qtbot.addWidget(dialog)
    assert dialog.page_count == 2
    saved = dialog.save_to(tmp_path / "copy")
    ops_done(qtbot)  # the print log is written on a worker
    assert saved.name == "copy.pdf" and saved.read_bytes() == data
    event = AuditEvent.get(AuditEvent.target == "receipt:R1")
    assert event.action == "print" and event.staff_no == "1001" and event.detail["output"] == "pdf"


def test_printing_to_a_printer_puts_each_page_on_paper_and_a_second_print_is_a_reprint(ctx, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from counter_app.ui.printing import show_print_preview

    dialog = show_print_preview(None, ctx, two_page_pdf(), title="Receipt", kind="receipt", ref="R2")
    qtbot.addWidget(dialog)
    for n in (1, 2):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"paper{n}.pdf"))
        assert dialog.print_to(printer) == 2
        ops_done(qtbot)
        assert pdf_pages((tmp_path / f"paper{n}.pdf").read_bytes()) == 2
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.target == "receipt:R2").order_by(AuditEvent.at)]
    assert sorted(actions) == ["print", "reprint"]


def test_a_document_built_in_a_worker_opens_in_the_preview(ctx, qtbot):
    from counter_app.ui.printing import print_document

    opened = []
    print_document(None, ctx, two_page_pdf, title="Receipt", kind="receipt", ref="R3", on_open=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    qtbot.addWidget(opened[0])
    assert opened[0].page_count == 2
    # Opening is not printing: nothing is logged until paper or a file comes out.
    assert not AuditEvent.select().where(AuditEvent.target == "receipt:R3").exists()


def test_bytes_that_are_no_pdf_are_refused_with_a_message(ctx, qtbot, monkeypatch):
    from counter_app.errors import UserError
    from counter_app.ui.printing import PrintPreviewDialog

    with pytest.raises(UserError, match="not a readable PDF"):
        PrintPreviewDialog(ctx, b"not a pdf", title="x", kind="receipt", ref="R4")


def test_a_long_document_prints_in_the_background_and_is_logged_even_if_the_preview_closes(ctx, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from counter_app.ui.printing import show_print_preview
    from counter_app.ui.worker import wait_for_tasks

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for page in range(12):
        c.drawString(72, 700, f"Detailed records, page {page + 1}")
        c.showPage()
    c.save()
    dialog = show_print_preview(None, ctx, out.getvalue(), title="Records", kind="records", ref="X-2026-10")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "paper.pdf"))
    dialog.print_in_background(printer)
    assert not dialog.print_button.isEnabled()  # no second print while the first runs
    dialog.done(0)
    qtbot.waitUntil(lambda: AuditEvent.select().where(AuditEvent.target == "records:X-2026-10").exists(),
                    timeout=30_000)
    wait_for_tasks()
    assert pdf_pages((tmp_path / "paper.pdf").read_bytes()) == 12


SCREENS = {  # each screen's free area, less a 40-pixel task bar
    "1366x768": (QRect(0, 0, 1366, 768 - 40), QSize(760, 768 - 40 - FRAME.height())),
    "1920x1080": (QRect(0, 0, 1920, 1080 - 40), QSize(760, 900)),
}


@pytest.mark.parametrize("screen", [*SCREENS, "this"])
def test_the_preview_and_its_buttons_fit_the_screen(ctx, qtbot, screen):
    """At 1366×768 the preview's buttons were below the screen's edge. It takes the staff
    windows' one sizing rule (ui/window_size.py): its own size where the screen has room, the
    screen's free area less the window's frame where not, and centred in that area."""
    from counter_app.ui.printing import show_print_preview

    dialog = show_print_preview(None, ctx, two_page_pdf(), title="Records", kind="records", ref="R9")
    qtbot.addWidget(dialog)
    if screen == "this":  # the screen it opened on, as a clerk sees it
        area = dialog.screen().availableGeometry()
        expected = QSize(min(760, area.width() - FRAME.width()), min(900, area.height() - FRAME.height()))
    else:
        area, expected = SCREENS[screen]
        dialog.fit(area)
    qtbot.waitExposed(dialog)
    assert dialog.size() == expected
    # Title bar and borders included, the whole dialog is on the screen, in its middle.
    framed = QRect(dialog.pos(), dialog.size() + FRAME)
    assert area.contains(framed), f"{framed} is not inside {area}"
    assert abs(framed.center().x() - area.center().x()) <= 1 and abs(framed.center().y() - area.center().y()) <= 1
    # The buttons are inside the dialog, not cut off at its foot, and the page has the room left.
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        assert button.isVisible() and dialog.rect().contains(button.geometry()), button.objectName()
    assert dialog.view.height() > dialog.height() - 2 * dialog.close_button.height() - 40
    dialog.done(0)
