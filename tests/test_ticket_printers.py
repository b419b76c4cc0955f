"""The kiosk's 80 mm ESC/POS ticket printer: the bytes a ticket sends, read back as a printer
would (text in GB18030, the printer's own QR command, the cut), and what happens when the
printer is out of paper, has its cover open or does not answer. The printer end is
python-escpos's Dummy, or a TCP listener answering status requests like a network printer on
its raw port (tests/raw_printer.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from escpos.printer import Dummy
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.errors import ValidationError
from counter_app.models import Hall, Ticket
from counter_app.printers import COVER_OPEN, OFFLINE, PAPER_OUT, escpos_device
from counter_app.printers.escpos_device import Address, parse_address
from counter_app.printers.tickets import EscposTicketPrinter, ticket_printer
from counter_app.services import queue, signing
from counter_app.ui.context import AppContext
from tests import escpos_stream
from tests.raw_printer import RawPrinter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ticket(session, frozen_clock):
    return queue.take_ticket(session, "payment", phone="")


@pytest.fixture
def raw_printer():
    printers: list[RawPrinter] = []

    def start(state: str = "ready", **kw) -> RawPrinter:
        printers.append(RawPrinter(state, **kw))
        return printers[-1]

    yield start
    for p in printers:
        p.close()


@pytest.fixture
def quick_timeout(monkeypatch):
    monkeypatch.setattr(escpos_device, "TIMEOUT_S", 0.5)


def test_a_ticket_is_gb18030_text_with_the_number_in_large_type_a_printer_drawn_qr_and_a_cut(ticket):
    dummy = Dummy()
    outcome = EscposTicketPrinter("escpos:tcp://printer.invalid", device=dummy, check_status=False) \
        .print_ticket(queue.ticket_data(ticket))
    assert outcome.printed and outcome.kept is None
    paper = escpos_stream.read(dummy.output)
    assert paper.chinese_mode
    assert paper.size_of(ticket.code) == 0x33  # four times as wide and as high
    assert "济南泉城路营业厅" in paper.text() and "缴费" in paper.text()
    assert f"您前面还有 {ticket.ahead_at_issue} 人" in paper.text()
    assert [signing.parse(c) for c in paper.qr_printed] == [("ticket", ticket.id.hex)]
    # the code, then the QR, then the closing lines, then one cut at the very end
    assert paper.events.index(f"text:{ticket.code}") < paper.events.index(f"qr:{paper.qr_printed[0]}")
    assert paper.events[-1] == "cut" and len(paper.cuts) == 1
    assert paper.status_queries == []


def test_a_network_printer_is_asked_its_status_then_prints_the_ticket(ticket, raw_printer):
    printer = raw_printer("ready")
    outcome = ticket_printer(printer.address).print_ticket(queue.ticket_data(ticket))
    assert outcome.printed and outcome.problem == "" and outcome.printer == f"escpos:tcp://127.0.0.1:{printer.port}"
    paper = escpos_stream.read(bytes(printer.received))
    assert [signing.parse(c) for c in paper.qr_printed] == [("ticket", ticket.id.hex)]
    assert paper.size_of(ticket.code) == 0x33 and len(paper.cuts) == 1
    assert paper.status_queries == [1, 4, 1, 4]  # before the ticket, and after it for the paper end


@pytest.mark.parametrize(("state", "problem"), [("paper_out", PAPER_OUT), ("cover_open", COVER_OPEN),
                                                 ("error", OFFLINE)])
def test_a_printer_that_cannot_print_keeps_the_ticket_and_gets_no_ticket_bytes(ticket, raw_printer, state, problem):
    printer = raw_printer(state)
    outcome = ticket_printer(printer.address).print_ticket(queue.ticket_data(ticket))
    assert not outcome.printed and outcome.problem == problem
    assert outcome.kept.read_bytes().startswith(b"%PDF") and ticket.code in outcome.kept.name
    paper = escpos_stream.read(bytes(printer.received))
    assert paper.lines == [] and paper.qr_printed == [] and paper.cuts == []


def test_paper_running_out_during_the_ticket_is_reported(ticket, raw_printer):
    printer = raw_printer("ready", runs_out_after=2)
    outcome = ticket_printer(printer.address).print_ticket(queue.ticket_data(ticket))
    assert not outcome.printed and outcome.problem == PAPER_OUT and outcome.kept is not None


def test_a_printer_that_is_off_or_silent_is_offline(ticket, raw_printer, quick_timeout):
    silent = raw_printer("silent")
    outcome = ticket_printer(silent.address).print_ticket(queue.ticket_data(ticket))
    assert not outcome.printed and outcome.problem == OFFLINE
    gone = raw_printer("ready")
    gone.close()
    outcome = ticket_printer(gone.address).print_ticket(queue.ticket_data(ticket))
    assert not outcome.printed and outcome.problem == OFFLINE and outcome.kept.exists()


def test_printer_addresses():
    assert parse_address("escpos:tcp://10.1.2.3") == Address("tcp", host="10.1.2.3", port=9100)
    assert parse_address("ESCPOS:tcp://printer.hall:9101/") == Address("tcp", host="printer.hall", port=9101)
    assert parse_address("escpos:usb:0416:5011") == Address("usb", vendor=0x0416, product=0x5011)
    assert parse_address("escpos:serial:COM3@19200") == Address("serial", device="COM3", baudrate=19200)
    assert parse_address("escpos:file:/dev/usb/lp0") == Address("file", device="/dev/usb/lp0")
    assert not parse_address("escpos:file:/dev/usb/lp0").readable
    for bad in ("escpos:tcp:10.1.2.3", "escpos:usb:printer", "escpos:bluetooth:x", "escpos:serial:"):
        with pytest.raises(ValidationError, match="not an ESC/POS printer address"):
            parse_address(bad)
    # a malformed address in the config keeps every ticket instead of failing the kiosk
    assert ticket_printer("escpos:usb:nonsense").__class__.__name__ == "_Misconfigured"


def test_the_kiosk_tells_the_customer_when_the_printer_is_out_of_paper(demo_db, db_path, qtbot, frozen_clock,
                                                                       raw_printer):
    from counter_app.services.session import open_session
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.kiosk.window import KioskWindow
    from counter_app.ui.worker import wait_for_tasks
    from tests.test_kiosk import touch

    printer = raw_printer("paper_out")
    install_translations(QApplication.instance(), "zh_CN")
    try:
        ctx = AppContext(open_session(lang="zh_CN"),
                         TerminalConfig(mode="kiosk", lang="zh_CN", receipt_printer=printer.address), str(db_path))
        kiosk = KioskWindow(ctx)
        qtbot.addWidget(kiosk)
        kiosk.show()
        qtbot.waitUntil(lambda: bool(kiosk.category_buttons))  # the services are read in a worker
        touch(qtbot, kiosk, "category_general")
        with qtbot.waitSignal(kiosk.ticketIssued, timeout=10_000) as issued:
            touch(qtbot, kiosk, "kioskSkip")
        wait_for_tasks()
        ticket = issued.args[0]
        assert kiosk.stack.currentWidget() is kiosk.result_page and kiosk.result_code.text() == ticket.code
        assert kiosk.result_print.text() == f"取号打印机缺纸。\n请记下屏幕上的号码 {ticket.code}，或咨询工作人员。"
        assert kiosk.last_outcome.kept.exists()
        assert Ticket.get_by_id(ticket.id).status == "waiting"  # in the queue all the same
        assert escpos_stream.read(bytes(printer.received)).cuts == []
    finally:
        install_translations(QApplication.instance(), "en")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_queue_take_prints_on_an_escpos_printer_and_documents_are_refused_there(demo_db, db_path, raw_printer):
    Hall.update(opens="00:00", closes="24:00").execute()  # whatever the hour of the real clock
    printer = raw_printer("ready")
    result = run_cli("queue", "take", "plan", "--db", str(db_path), "--printer", printer.address, "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["printed"] is True
    paper = escpos_stream.read(bytes(printer.received))
    assert [signing.parse(c) for c in paper.qr_printed] == [("ticket", uuid.UUID(answer["ticket"]["id"]).hex)]
    assert len(paper.cuts) == 1

    jammed = raw_printer("cover_open")
    result = run_cli("queue", "take", "plan", "--db", str(db_path), "--printer", jammed.address, "--json")
    assert result.returncode == 1 and "cover_open" in result.stderr
    assert json.loads(result.stdout)["kept"].endswith(".pdf")

    result = run_cli("statement", "fees", "--db", str(db_path), "--printer", printer.address)
    assert result.returncode == 2 and "prints only on the 80 mm roll" in result.stderr


def test_the_printers_command_reads_an_escpos_printer_and_prints_a_test_ticket(raw_printer):
    empty = raw_printer("paper_out")
    result = run_cli("printers", "--check", empty.address)
    assert result.returncode == 1 and result.stdout.strip() == f"{empty.address}: out of paper"
    ready = raw_printer("ready")
    result = run_cli("printers", "--check", ready.address)
    assert result.returncode == 0 and result.stdout.strip() == f"{ready.address}: ready"
    result = run_cli("printers", "--test-ticket", ready.address)
    assert result.returncode == 0 and result.stdout.strip().endswith(": printed")
    paper = escpos_stream.read(bytes(ready.received))
    assert paper.size_of("T001") == 0x33 and "打印测试 Printer test" in paper.text() and len(paper.cuts) == 1


@pytest.fixture
def receipt_pdf(session, frozen_clock):
    from counter_app.documents import receipt
    from counter_app.models import Account
    from counter_app.services import payments

    account = Account.select().order_by(Account.phone).first()
    paid = payments.take_payment(session, phone=account.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                                 idempotency_key="k-escpos")
    return paid.receipt_no, receipt.build(payments.receipt_data(session, paid.id))


def test_a_receipt_printed_from_the_preview_on_an_escpos_roll_printer_scans_back(session, db_path, qtbot, tmp_path,
                                                                                receipt_pdf, raw_printer):
    from counter_app.models import AuditEvent
    from counter_app.ui.printing import show_print_preview
    from counter_app.ui.worker import wait_for_tasks
    from tests.helpers import decode_qr

    receipt_no, pdf = receipt_pdf
    printer = raw_printer("ready")
    ctx = AppContext(session, TerminalConfig(printer="hallA4", receipt_printer=printer.address), str(db_path))
    dialog = show_print_preview(None, ctx, pdf, title=receipt_no, kind="receipt", ref=receipt_no)
    qtbot.addWidget(dialog)
    dialog.print_button.click()  # no system print dialog: the roll printer is the only choice
    wait_for_tasks()
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=30_000)

    paper = escpos_stream.read(bytes(printer.received))
    [picture] = paper.pictures()
    assert picture.width == 576 and paper.events[-2:] == ["raster", "cut"]
    black = picture.histogram()[0] / (picture.width * picture.height)
    assert 0.02 < black < 0.25  # print on white paper, not a black roll
    picture.save(tmp_path / "receipt.png")
    assert any(receipt_no in code for code in decode_qr(tmp_path / "receipt.png"))
    logged = AuditEvent.get(AuditEvent.target == f"receipt:{receipt_no}")
    assert logged.detail["output"] == f"printer:{printer.address}" and logged.detail["pages"] == 1


def test_a_receipt_printer_out_of_paper_tells_the_clerk_and_prints_nothing(session, db_path, qtbot, receipt_pdf,
                                                                          raw_printer):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from counter_app.models import AuditEvent
    from counter_app.ui.printing import show_print_preview
    from counter_app.ui.worker import wait_for_tasks

    receipt_no, pdf = receipt_pdf
    printer = raw_printer("paper_out")
    ctx = AppContext(session, TerminalConfig(receipt_printer=printer.address), str(db_path))
    dialog = show_print_preview(None, ctx, pdf, title=receipt_no, kind="receipt", ref=receipt_no)
    qtbot.addWidget(dialog)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(100, read_and_close)

    QTimer.singleShot(100, read_and_close)
    dialog.print_button.click()
    wait_for_tasks()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert seen == [f"The printer {printer.address} is out of paper. Nothing was printed; print again when paper "
                    "is in."]
    assert escpos_stream.read(bytes(printer.received)).rasters == []
    assert not AuditEvent.select().where(AuditEvent.target == f"receipt:{receipt_no}").exists()


def test_picture_data_never_carries_a_real_time_command():
    from PIL import Image

    from counter_app.printers.escpos_device import raster_bytes

    # dots that read as DLE EOT 1, DLE DC4 2 (power off) and DLE ENQ 1 in the raster data
    row = bytes([0x10, 0x04, 0x01, 0x10, 0x14, 0x02, 0x10, 0x05, 0x01]) + bytes(63)
    picture = Image.frombytes("1", (576, 2), bytes(b ^ 0xFF for b in row * 2))
    stream = raster_bytes([picture])
    assert b"\x10\x04" not in stream and b"\x10\x14" not in stream and b"\x10\x05" not in stream
    [printed] = escpos_stream.read(stream).pictures()
    different = sum(a != b for a, b in zip(printed.tobytes(), picture.tobytes(), strict=True))
    assert different == 6  # one byte of eight dots changed per would-be command, three in each row
