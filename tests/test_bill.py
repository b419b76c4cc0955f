"""The monthly bill: one set of figures for the counter print-out, the kiosk and the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.documents import bill as bill_doc
from counter_app.errors import NotFound, PermissionDenied, ValidationError
from counter_app.models import Account, AuditEvent, Bill, BillItem
from counter_app.money import format_yuan
from counter_app.services import ledger, signing, statements
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize

ROOT = Path(__file__).resolve().parent.parent


def bill_with_sp(session) -> Bill:
    return (Bill.select().join(BillItem).where(BillItem.group == "sp")
            .order_by(Bill.period.desc(), Bill.id).first())


def test_the_bill_total_is_its_items_and_the_printed_figures_say_so(session, tmp_path):
    bill = bill_with_sp(session)
    phone = Account.get_by_id(bill.account_id).phone
    data = statements.bill_data(session, phone, bill.period)
    items = list(BillItem.select().where(BillItem.bill == bill))
    assert data.total_fen == sum(i.amount_fen for i in items) == bill.total_fen
    # The bill is the ledger's statement of its month, and what is owed follows from it.
    st = ledger.statement(bill.account_id, bill.period)
    assert data.charges_fen == data.total_fen and data.statement == st
    assert data.closing_fen == data.opening_fen - data.total_fen + data.credits_fen
    assert data.balance_fen == ledger.balance(bill.account_id) and data.due_fen == max(0, -data.balance_fen)
    assert sum(g.subtotal_fen for g in data.groups) == data.total_fen
    assert [g.code for g in data.groups][:2] == ["plan", "voice"]

    pdf = bill_doc.build(data)
    text = pdf_text(pdf)
    assert "月度账单" in text and phone in text
    assert data.header.masked_id in text and "*" in data.header.masked_id
    printed_total = re.search(r"本期费用合计\s*([-\d.,]+)", text).group(1)
    assert printed_total == format_yuan(data.total_fen)
    assert re.search(r"当前应缴\s*([-\d.,]+)", text).group(1) == format_yuan(data.due_fen)
    assert re.search(r"本期缴费及返还\s*([-\d.,]+)", text).group(1) == format_yuan(data.credits_fen)
    # Every item's amount is on paper, SP charges with their provider and service code.
    for item in items:
        assert format_yuan(item.amount_fen) in text
    sp = next(i for i in items if i.group == "sp")
    assert sp.service_code in text and sp.explanation_zh[:6] in text
    assert all(embedded for _n, embedded in embedded_fonts(pdf, tmp_path))
    pages = rasterize(pdf, tmp_path, dpi=150)
    assert signing.parse(decode_qr(pages[0])[0]) == ("bill", f"{phone}:{bill.period}")


def test_the_english_bill_has_the_same_figures(session):
    bill = bill_with_sp(session)
    phone = Account.get_by_id(bill.account_id).phone
    zh = statements.bill_data(session, phone, bill.period, lang="zh_CN")
    en = statements.bill_data(session, phone, bill.period, lang="en")
    assert (zh.total_fen, zh.due_fen) == (en.total_fen, en.due_fen)
    text = pdf_text(bill_doc.build(en))
    assert "Monthly bill" in text and "Amount due" in text and format_yuan(en.due_fen) in text


def test_a_month_without_a_bill_or_a_bad_month_is_a_clear_message(session):
    phone = Account.get_by_id(bill_with_sp(session).account_id).phone
    with pytest.raises(NotFound, match="no bill"):
        statements.bill_data(session, phone, "2001-01")
    with pytest.raises(ValidationError, match="YYYY-MM"):
        statements.bill_data(session, phone, "2026/10")


def test_the_kiosk_shows_the_same_bill_after_the_service_password(session):
    bill = bill_with_sp(session)
    phone = Account.get_by_id(bill.account_id).phone
    with pytest.raises(PermissionDenied, match="wrong"):
        statements.kiosk_bill(session, phone, "000000", bill.period)
    kiosk = statements.kiosk_bill(session, phone, "123456", bill.period)
    counter = statements.bill_data(session, phone, bill.period)
    assert kiosk.groups == counter.groups and kiosk.due_fen == counter.due_fen
    assert AuditEvent.select().where(AuditEvent.action == "kiosk.bill_denied").count() == 1


def test_five_wrong_passwords_lock_the_number_at_the_kiosk(session, frozen_clock):
    from counter_app.services.throttle import POLICIES, Secret

    policy = POLICIES[Secret.SERVICE_PASSWORD]
    phone = Account.get_by_id(bill_with_sp(session).account_id).phone
    for _ in range(policy.max_failures - 1):
        with pytest.raises(PermissionDenied, match="wrong"):
            statements.kiosk_bill(session, phone, "999999")
    with pytest.raises(PermissionDenied, match="Too many"):  # the fifth wrong one locks the number
        statements.kiosk_bill(session, phone, "999999")
    with pytest.raises(PermissionDenied, match="Too many"):  # the right one is refused while locked
        statements.kiosk_bill(session, phone, "123456")
    frozen_clock.advance(minutes=policy.lock_minutes + 1)
    assert statements.kiosk_bill(session, phone, "123456").total_fen > 0


def run_cli(*args: str) -> subprocess.CompletedProcess:
    args = (*args, "--staff", "2001")  # the hall manager, password from COUNTER_APP_PASSWORD
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_cli_prints_the_same_bill_and_refuses_a_month_without_one(session, db_path, tmp_path):
    bill = bill_with_sp(session)
    phone = Account.get_by_id(bill.account_id).phone
    out = tmp_path / "bill.pdf"
    result = run_cli("statement", "bill", "--db", str(db_path), "--phone", phone, "--month", bill.period,
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = statements.bill_data(session, phone, bill.period)
    assert pdf_text(out.read_bytes()).count(format_yuan(data.due_fen)) >= 1
    # Same text as the counter's print-out but for the print time.
    strip = lambda t: re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", t)  # noqa: E731
    assert strip(pdf_text(out.read_bytes())) == strip(pdf_text(bill_doc.build(data)))

    logged = AuditEvent.get(AuditEvent.target == f"bill:{phone}-{bill.period}")
    assert logged.action == "print" and logged.detail["output"] == f"file:{out}"

    missing = tmp_path / "none.pdf"
    result = run_cli("statement", "bill", "--db", str(db_path), "--phone", phone, "--month", "2001-01",
                     "--out", str(missing))
    assert result.returncode != 0 and not missing.exists()
    assert len(result.stderr.strip().splitlines()) == 1 and "no bill" in result.stderr
