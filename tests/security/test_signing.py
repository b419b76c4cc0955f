"""Documents signed per hall: every printed verification QR carries an Ed25519 signature of
the issuing hall's key. Read back from the rasterized page with zbar, a genuine code verifies;
an altered, forged, unknown-key or retired-key code is refused by ``counter-app verify`` and
by the counter's scan field. (The old codes were checked with one key written in the source
code: anyone could make a valid-looking slip.)"""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from PySide6.QtCore import Qt

from counter_app.cli.main import main
from counter_app.documents import bill as bill_doc
from counter_app.documents import complaint_ack, receipt, settlement, slip, ticket
from counter_app.errors import ValidationError
from counter_app.models import Account, Bill, HallKey
from counter_app.services import complaints, identify, orders, payments, queue, signing, statements
from counter_app.services import settlement as settlement_service
from counter_app.services.signing import Status
from tests.helpers import decode_qr, ops_done, rasterize
from tests.service_data import local_line, submit


def _scan(pdf: bytes, folder) -> str:
    """The one QR code of the PDF's first page, as a scanner reads it off paper."""
    folder.mkdir(exist_ok=True)
    [code] = decode_qr(rasterize(pdf, folder, dpi=150)[0])
    return code


def _verify_cli(db_path, code: str, capsys) -> tuple[int, str]:
    result = main(["--db", str(db_path), "verify", code])
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == f"database: {db_path} (from --db)"  # every command names its database first
    return result, "\n".join(lines[1:])


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    monkeypatch.setenv("COUNTER_APP_LANG", "en")


def _receipt_code(session, tmp_path) -> tuple[str, str]:
    line = local_line()
    paid = payments.take_payment(session, phone=line.phone, method="cash", amount_fen=5000, tendered_fen=5000,
                                 idempotency_key="sign-1")
    return _scan(receipt.build(payments.receipt_data(session, paid.id)), tmp_path / "receipt"), paid.receipt_no


def test_a_printed_receipt_verifies_and_every_alteration_is_refused(session, db_path, tmp_path, capsys):
    code, receipt_no = _receipt_code(session, tmp_path)
    assert code.startswith("CA2|receipt|") and len(code) < 160  # small enough for the 80 mm roll
    check = signing.verify(code)
    assert (check.status, check.kind, check.ident, check.hall) == (Status.VALID, "receipt", receipt_no, "JN001")
    assert _verify_cli(db_path, code, capsys) == (
        0, f"Valid: receipt {receipt_no}, issued by hall JN001 济南泉城路营业厅 on {check.issued} (key {check.key_id}).")

    body, signature = code.rsplit("|", 1)
    other_no = receipt_no[:-1] + ("9" if receipt_no[-1] != "9" else "8")
    altered = {
        "another receipt number": code.replace(receipt_no, other_no),
        "another date": code.replace(f"|{check.issued:%Y%m%d}|", "|20200101|"),
        "another kind": code.replace("|receipt|", "|bill|"),
        "a changed signature": body + "|" + ("A" if signature[0] != "A" else "B") + signature[1:],
        "its last digit": body + "|" + signature[:-1] + ("A" if signature[-1] != "A" else "B"),
        "a signature made up": body + "|" + "A" * 86,
    }
    for what, text in altered.items():
        assert signing.verify(text).status is Status.FORGED, what
    result, out = _verify_cli(db_path, altered["another receipt number"], capsys)
    assert result == 1 and out.startswith("FORGED: the signature does not hold")
    # A key nobody registered, and a code of the old kind (a checksum under a key in the source).
    unknown = code.replace(f"|{check.key_id}|", "|00000000|")
    assert _verify_cli(db_path, unknown, capsys) == (3, "Unknown key: the code names key 00000000 of hall JN001, which "
                                                        "this terminal does not know; sync with the hub and check "
                                                        "again.")
    result, out = _verify_cli(db_path, f"CA1|receipt|{receipt_no}|1a2b3c4d", capsys)
    assert result == 1 and out.startswith("Unsigned:")
    assert _verify_cli(db_path, "hello", capsys) == (1, "Not one of our codes.")


def test_the_private_key_is_a_file_for_the_application_s_user_only_never_in_the_database(session, db_path):
    row, _key = signing.signing_key(session.hall_code)
    path = signing.key_file(session.hall_code, row.key_id)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert b"PRIVATE KEY" in path.read_bytes()
    stored = HallKey.get((HallKey.hall == "JN001") & (HallKey.key_id == row.key_id))
    assert bytes.fromhex(stored.public_key) and len(stored.public_key) == 64  # the public half only
    assert path.read_bytes()[40:80] not in db_path.read_bytes()


def test_a_rotated_key_keeps_older_documents_valid_and_signs_nothing_after_its_end(session, manager_session,
                                                                                     frozen_clock, db_path, capsys):
    today = frozen_clock().date()
    before = signing.payload("JN001", "receipt", "RJN00120261125ABCD00001")
    ahead = signing.payload("JN001", "receipt", "RJN00120261126ABCD00001", on=today + dt.timedelta(days=1))
    old = signing.verify(before).key_id
    with pytest.raises(Exception, match="Only a manager"):
        signing.rotate(session)  # a clerk may not
    new = signing.rotate(manager_session)
    assert new.key_id != old and not signing.key_file("JN001", old).exists()
    assert HallKey.get((HallKey.hall == "JN001") & (HallKey.key_id == old)).valid_until == today
    assert signing.verify(before).status is Status.VALID  # signed while the key was valid
    result, out = _verify_cli(db_path, ahead, capsys)  # dated after the old key's end
    assert result == 4 and out.startswith("Expired key:") and "RJN00120261126ABCD00001" in out
    after = signing.payload("JN001", "receipt", "RJN00120261125ABCD00002")
    assert signing.verify(after).key_id == new.key_id and signing.verify(after).ok


def test_every_kind_of_printed_document_carries_its_hall_s_signature(session, manager_session, frozen_clock,
                                                                     tmp_path):
    line = local_line()
    order = submit(session, "puk_unlock", line)
    bill = Bill.select().order_by(Bill.period.desc(), Bill.id).first()
    billed = Account.get_by_id(bill.account_id).phone
    ticket_row = queue.take_ticket(session, "payment", phone=line.phone)
    complaint = complaints.open_complaint(session, account_id=line.id, category="network", description="没信号")
    day = payments.take_payment(session, phone=line.phone, method="cash", amount_fen=100, tendered_fen=100,
                                idempotency_key="sign-kinds").business_date
    printed = {
        "order": slip.build(orders.slip_data(session, order)),
        "bill": bill_doc.build(statements.bill_data(session, billed, bill.period)),
        "ticket": ticket.render_ticket(queue.ticket_data(ticket_row)),
        "complaint": complaint_ack.render_ack(complaints.acknowledgment(session, complaint.id)),
        "settle": settlement.build(settlement_service.settlement(manager_session, day)),
    }
    expected = {"order": order.order_no, "bill": f"{billed}:{bill.period}", "ticket": ticket_row.id.hex,
                "complaint": complaint.id.hex, "settle": f"JN001:{day.isoformat()}"}
    for kind, pdf in printed.items():
        check = signing.verify(_scan(pdf, tmp_path / kind))
        assert (check.status, check.kind, signing.reference(check), check.hall) == (
            Status.VALID, kind, expected[kind], "JN001"), kind


def test_the_counter_scan_field_refuses_a_forged_slip(session, tmp_path):
    line, other = Account.select().where(Account.home_city == "济南").order_by(Account.phone).limit(2)
    order = submit(session, "puk_unlock", line)
    genuine = _scan(slip.build(orders.slip_data(session, order)), tmp_path / "slip")
    assert identify.identify(session, genuine).single.account_id == line.id
    # The same slip made to name another customer's line: its signature no longer holds.
    forged = genuine.replace(line.id.hex, other.id.hex)
    with pytest.raises(ValidationError, match="signature does not hold"):
        identify.identify(session, forged)
    with pytest.raises(ValidationError, match="signature does not hold"):
        orders.find_order(session, forged)


def test_the_counter_window_says_a_scanned_slip_is_forged(demo_db, db_path, qtbot, frozen_clock):
    from PySide6.QtWidgets import QApplication

    from counter_app.config import TerminalConfig
    from counter_app.models import Staff
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.counter.window import CounterWindow
    from counter_app.ui.i18n import install_translations

    install_translations(QApplication.instance(), "en")
    session = open_session(counter_number=1, lang="en")
    session.staff = Staff.get_by_id("1001")
    line, other = Account.select().where(Account.home_city == "济南").order_by(Account.phone).limit(2)
    genuine = slipqr_of(session, line)
    ctx = AppContext(session, TerminalConfig(mode="counter", lang="en"), str(db_path))
    window = CounterWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ops_done(qtbot)
    window.identify.query.setFocus()
    qtbot.keyClicks(window.identify.query, genuine.replace(line.id.hex, other.id.hex))  # what the scanner types
    qtbot.keyClick(window.identify.query, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert "signature does not hold" in window.identify.message.text()
    assert ctx.current_account is None  # nobody was opened
    window.identify.query.clear()
    qtbot.keyClicks(window.identify.query, genuine)
    qtbot.keyClick(window.identify.query, Qt.Key.Key_Return)
    ops_done(qtbot)
    qtbot.waitUntil(lambda: ctx.current_account == line.id)


def slipqr_of(session, line) -> str:
    from counter_app.services import slipqr

    return slipqr.payload(submit(session, "puk_unlock", line))
