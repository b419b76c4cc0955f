"""Detailed records (详单): totals equal the bill's usage items, numbers masked, every read audited."""

from __future__ import annotations

import re

import pytest

from counter_app.documents import records as records_doc
from counter_app.errors import NotFound
from counter_app.models import Account, AuditEvent, Bill, BillItem, UsageRecord
from counter_app.money import format_yuan
from counter_app.services import statements
from tests.helpers import embedded_fonts, pdf_pages, pdf_text, rasterize
from tests.service_data import verify


def verified(session, phone: str) -> str:
    """The subscriber of ``phone`` showed their ID card at the counter (详单 are theirs only)."""
    verify(session, Account.get(Account.phone == phone))
    return phone


def busiest_month(session) -> tuple[str, str]:
    from peewee import fn

    row = (UsageRecord.select(UsageRecord.account, UsageRecord.period, fn.COUNT(UsageRecord.id).alias("n"))
           .group_by(UsageRecord.account, UsageRecord.period).order_by(fn.COUNT(UsageRecord.id).desc()).first())
    return Account.get_by_id(row.account_id).phone, row.period


def test_every_months_records_add_up_to_the_bills_usage_items_to_the_fen(session):
    for bill in Bill.select().limit(40):
        phone = Account.get_by_id(bill.account_id).phone
        data = statements.records_data(session, verified(session, phone), bill.period)
        billed = statements.bill_data(session, phone, bill.period)
        for code in statements.USAGE_CODES:
            assert data.totals_fen[code] == billed.usage_fen(code), (phone, bill.period, code)
        assert sum(day.subtotal_fen for day in data.days) == data.total_fen
        assert sum(len(day.lines) for day in data.days) == data.count


def test_the_printed_records_show_daily_subtotals_repeated_headers_and_masked_numbers(session, tmp_path):
    phone, period = busiest_month(session)
    data = statements.records_data(session, verified(session, phone), period, purpose="print")
    pdf = records_doc.build(data)
    text = pdf_text(pdf)
    pages = pdf_pages(pdf)
    assert pages >= 2
    assert text.count("对方号码") >= pages  # the column header on every page
    assert text.count("当日小计") == len(data.days)
    raw = [r.other_party for r in UsageRecord.select().join(Account).where(
        (Account.phone == phone) & (UsageRecord.period == period) & (UsageRecord.kind == "call"))]
    assert raw and not any(number in text for number in raw)
    assert re.search(r"1\d\d\*\*\*\*\d{4}", text)
    usage_total = re.search(r"使用费合计\s*([-\d.,]+)", text).group(1)
    assert usage_total == format_yuan(data.total_fen)
    assert all(embedded for _n, embedded in embedded_fonts(pdf, tmp_path))
    assert len(rasterize(pdf, tmp_path, dpi=50)) == pages


def test_viewing_records_is_an_audit_event_with_who_and_whose(session):
    phone, period = busiest_month(session)
    statements.records_data(session, verified(session, phone), period)
    event = AuditEvent.get(AuditEvent.action == "records.view")
    assert (event.staff_no, event.target) == ("1001", f"{phone}:{period}")
    assert event.detail["count"] > 0 and event.detail["method"] == "id_document" and event.detail["check"]


def test_a_month_without_records_is_refused_and_not_audited(session):
    phone, _period = busiest_month(session)
    with pytest.raises(NotFound, match="no detailed records"):
        statements.records_data(session, verified(session, phone), "2001-01")
    assert not AuditEvent.select().where(AuditEvent.action.startswith("records.")).exists()


def test_the_usage_bill_items_carry_the_names_the_records_total_uses(session):
    phone, period = busiest_month(session)
    data = statements.records_data(session, verified(session, phone), period, lang="en")
    bill = Bill.get((Bill.account == Account.get(Account.phone == phone)) & (Bill.period == period))
    names = {i.code: i.name_en for i in BillItem.select().where(BillItem.bill == bill)}
    assert data.item_names["VOICE_LOCAL"] == names["VOICE_LOCAL"]
    assert "Day subtotal" in pdf_text(records_doc.build(data))


def test_the_cli_exports_the_same_records_and_the_export_is_audited(session, db_path, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    phone, period = busiest_month(session)
    out = tmp_path / "records.pdf"
    owner = Account.get(Account.phone == phone).customer
    run = subprocess.run([sys.executable, "-m", "counter_app", "statement", "records", "--db", str(db_path),
                          "--phone", phone, "--month", period, "--out", str(out), "--staff", "1001",
                          "--id-number", owner.id_number], cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root), "COUNTER_APP_PASSWORD": "123456"},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = statements.records_data(session, verified(session, phone), period)
    strip = lambda t: re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", t)  # noqa: E731 - the print time differs
    assert strip(pdf_text(out.read_bytes())) == strip(pdf_text(records_doc.build(data)))
    export = AuditEvent.get(AuditEvent.action == "records.export")
    assert export.target == f"{phone}:{period}" and export.detail["channel"] == "cli"
    assert export.staff_no == "1001" and export.detail["method"] == "id_document"


def test_viewing_records_while_another_terminal_writes_is_not_refused(session, db_path, monkeypatch):
    """Another terminal commits between the records being read and the view being audited:
    the view is still shown and audited, not refused with "database is locked"."""
    import sqlite3
    import threading

    from counter_app.services import audit

    account = Account.get_by_id(Bill.select().first().account_id)
    period = Bill.select().where(Bill.account == account.id).order_by(Bill.period.desc()).first().period
    real_record = audit.record

    def other_terminal() -> None:
        other = sqlite3.connect(str(db_path), timeout=10)
        other.execute("INSERT INTO setting (hall, key, value) VALUES ('', 'other_terminal', '1')")
        other.commit()
        other.close()

    def another_terminal_commits_meanwhile(*args, **kwargs):
        if not str(args[1]).startswith("records."):  # the verification's own audit row
            return real_record(*args, **kwargs)
        writer = threading.Thread(target=other_terminal)
        writer.start()
        writer.join(1.0)  # it commits now, unless the audit already holds the write lock
        threads.append(writer)
        return real_record(*args, **kwargs)

    threads: list[threading.Thread] = []
    monkeypatch.setattr(audit, "record", another_terminal_commits_meanwhile)
    verified(session, account.phone)
    data = statements.records_data(session, account.phone, period)
    threads[0].join()
    assert data.count > 0
    assert AuditEvent.select().where(AuditEvent.action == "records.view").count() == 1
