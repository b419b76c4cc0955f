"""Printing on real printer queues: a private CUPS server with cups-pdf queues (tests/cups.py)
takes the jobs the app sends the way a hall's printers would, through CUPS's filters and
Ghostscript, and writes what would have come out on paper as a PDF that we read back: page
count, paper size, and the QR code scanned from the rasterized page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Bill, BillItem, Hall, Ticket
from counter_app.services import payments, signing
from counter_app.ui.context import AppContext
from tests.cups import CupsServer
from tests.helpers import decode_qr, pdf_pages, rasterize

ROOT = Path(__file__).resolve().parent.parent
A4_PT = (595.3, 841.9)
ROLL_WIDTH_PT = 80 / 25.4 * 72  # 226.8


@pytest.fixture(scope="module")
def cups():
    server = CupsServer()
    server.add_queue("hallA4")
    server.add_queue("hallRoll")
    yield server
    server.close()


@pytest.fixture
def printed(cups):
    cups.clear_output()
    return cups


def page_size(pdf: Path) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(str(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def qr_codes(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    folder = tmp_path / name
    folder.mkdir()
    return [code for page in rasterize(pdf, folder) for code in decode_qr(page)]


def run_cli(*args: str, config_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}  # --staff's password
    env.pop("QT_QPA_PLATFORM", None)  # a headless command finds its own way to Qt without a display
    env.pop("DISPLAY", None)
    if config_dir is not None:
        env["COUNTER_APP_CONFIG_DIR"] = str(config_dir)
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)


def test_a_bill_printed_from_the_command_line_comes_out_of_the_named_a4_queue(session, db_path, printed, tmp_path):
    from counter_app.documents import bill as bill_doc
    from counter_app.services import statements

    bill = (Bill.select().join(BillItem).where(BillItem.group == "sp").order_by(Bill.period.desc(), Bill.id).first())
    phone = Account.get_by_id(bill.account_id).phone
    original = bill_doc.build(statements.bill_data(session, phone, bill.period))
    result = run_cli("statement", "bill", "--db", str(db_path), "--phone", phone, "--month", bill.period,
                     "--printer", "hallA4", "--staff", "1001")
    assert result.returncode == 0, result.stderr
    assert "-> printer hallA4 (" in result.stdout

    [paper] = printed.wait_for_pdfs(1)
    assert pdf_pages(paper.read_bytes()) == pdf_pages(original)
    width, height = page_size(paper)
    assert abs(width - A4_PT[0]) < 2 and abs(height - A4_PT[1]) < 2
    expected = qr_codes(original, tmp_path, "original")
    assert expected and qr_codes(paper.read_bytes(), tmp_path, "paper") == expected
    logged = AuditEvent.get(AuditEvent.target == f"bill:{phone}-{bill.period}")
    assert logged.action == "print" and logged.detail["output"] == "printer:hallA4"


def test_without_a_name_the_configured_printer_is_used_and_an_unknown_printer_changes_nothing(
        session, db_path, printed, tmp_path):
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "terminal.json").write_text('{"printer": "hallA4"}', encoding="utf-8")
    before = AuditEvent.select().count()
    result = run_cli("statement", "fees", "--db", str(db_path), "--printer", config_dir=config_dir)
    assert result.returncode == 0, result.stderr
    assert "-> printer hallA4 (" in result.stdout
    [paper] = printed.wait_for_pdfs(1)
    assert abs(page_size(paper)[0] - A4_PT[0]) < 2

    result = run_cli("statement", "fees", "--db", str(db_path), "--printer", "hallA3")
    assert result.returncode == 2
    assert "no printer named hallA3" in result.stderr and "hallA4, hallRoll" in result.stderr
    result = run_cli("statement", "fees", "--db", str(db_path), "--printer", "hallA4", "--out", str(tmp_path / "f.pdf"))
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
    assert AuditEvent.select().count() == before + 1  # only the print that came out
    assert len(printed.wait_for_pdfs(1)) == 1


def test_a_receipt_printed_from_the_preview_comes_out_on_the_80_mm_roll_printer(session, db_path, printed, qtbot,
                                                                              tmp_path, frozen_clock):
    from PySide6.QtPrintSupport import QPrintDialog

    from counter_app.documents import receipt
    from counter_app.ui.printing import show_print_preview
    from counter_app.ui.worker import wait_for_tasks

    account = Account.select().order_by(Account.phone).first()
    paid = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                                 idempotency_key="k-roll")
    pdf = receipt.build(payments.receipt_data(session, paid.id))
    ctx = AppContext(session, TerminalConfig(printer="hallA4", receipt_printer="hallRoll"), str(db_path))
    dialog = show_print_preview(None, ctx, pdf, title=paid.receipt_no, kind="receipt", ref=paid.receipt_no)
    qtbot.addWidget(dialog)

    chosen: list[str] = []

    def accept_print_dialog() -> None:  # the clerk presses Enter in the print dialog
        box = QApplication.activeModalWidget()
        assert isinstance(box, QPrintDialog)
        chosen.append(box.printer().printerName())
        box.accept()

    qtbot.waitUntil(lambda: dialog.isVisible())
    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, accept_print_dialog)
    dialog.print_button.click()
    assert chosen == ["hallRoll"]  # the receipt printer is preselected, not the A4 one
    wait_for_tasks()
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=30_000)

    [paper] = printed.wait_for_pdfs(1)
    assert pdf_pages(paper.read_bytes()) == 1
    assert abs(page_size(paper)[0] - ROLL_WIDTH_PT) < 2
    assert any(paid.receipt_no in code for code in qr_codes(paper.read_bytes(), tmp_path, "paper"))
    logged = AuditEvent.get(AuditEvent.target == f"receipt:{paid.receipt_no}")
    assert logged.detail["output"] == "printer:hallRoll" and logged.detail["pages"] == 1


def test_a_kiosk_ticket_comes_out_of_the_roll_printer_with_its_qr(demo_db, db_path, printed, qtbot, tmp_path,
                                                                    frozen_clock):
    from counter_app.services.session import open_session
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.kiosk.window import KioskWindow
    from counter_app.ui.worker import wait_for_tasks
    from tests.test_kiosk import touch

    install_translations(QApplication.instance(), "zh_CN")
    try:
        ctx = AppContext(open_session(lang="zh_CN"),
                         TerminalConfig(mode="kiosk", lang="zh_CN", printer="hallA4", receipt_printer="hallRoll"),
                         str(db_path))
        kiosk = KioskWindow(ctx)
        qtbot.addWidget(kiosk)
        kiosk.show()
        qtbot.waitUntil(lambda: bool(kiosk.category_buttons))  # the services are read in a worker
        touch(qtbot, kiosk, "category_plan")
        with qtbot.waitSignal(kiosk.ticketIssued, timeout=30_000) as issued:
            touch(qtbot, kiosk, "kioskSkip")
        wait_for_tasks()
    finally:
        install_translations(QApplication.instance(), "en")
    ticket = issued.args[0]
    assert kiosk.last_outcome.printed and kiosk.last_outcome.printer == "hallRoll"
    assert kiosk.result_print.text() == "请取走下方的号票。"

    [paper] = printed.wait_for_pdfs(1)
    width, height = page_size(paper)
    assert pdf_pages(paper.read_bytes()) == 1 and abs(width - ROLL_WIDTH_PT) < 2 and abs(height - 122 / 25.4 * 72) < 2
    assert [signing.parse(c) for c in qr_codes(paper.read_bytes(), tmp_path, "paper")] == [("ticket", ticket.id.hex)]


def test_queue_take_prints_the_ticket_on_a_named_queue(demo_db, db_path, printed, tmp_path):
    Hall.update(opens="00:00", closes="24:00").execute()  # whatever the hour of the real clock
    result = run_cli("queue", "take", "payment", "--db", str(db_path), "--printer", "hallRoll", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["printed"] is True and answer["printer"] == "hallRoll" and answer["ticket"]["code"] == "A001"
    [paper] = printed.wait_for_pdfs(1)
    ticket = Ticket.get()
    assert [signing.parse(c) for c in qr_codes(paper.read_bytes(), tmp_path, "paper")] == [("ticket", ticket.id.hex)]


def test_the_printers_command_lists_the_queues_and_the_configured_printers(printed, tmp_path):
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "terminal.json").write_text('{"printer": "hallA4", "receipt_printer": "hallRoll"}',
                                              encoding="utf-8")
    result = run_cli("printers", config_dir=config_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  hallA4" in lines and "  hallRoll" in lines
    assert "printer: hallA4 — ready" in lines and "receipt_printer: hallRoll — ready" in lines
    result = run_cli("printers", "--check", "hallA3", config_dir=config_dir)
    assert result.returncode == 1 and "no such printer" in result.stdout
