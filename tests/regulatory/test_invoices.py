"""An invoice request records the buyer (a company with a valid unified social credit code),
the amount actually paid in the month, never covers a payment twice, and is exported for the
e-invoice system; nothing in the hall calls itself an invoice that is not one."""

from __future__ import annotations

import csv
import io
import re

import pytest

from counter_app.documents import slip
from counter_app.errors import Conflict, PermissionDenied, ValidationError
from counter_app.models import AuditEvent, BusinessType, InvoiceRequest, Staff
from counter_app.services import invoices, orders, payments
from tests.helpers import pdf_text
from tests.service_data import local_line, submit

COMPANY_CODE = "91110000600037341L"  # a valid GB 32100 code


def pay(session, line, fen: int, key: str):
    reference = f"{8800000000 + sum(map(ord, key)) * 7919 + fen}"
    return payments.take_payment(session, account_id=line.id, method="pos", amount_fen=fen, reference=reference,
                                 idempotency_key=key)


def request(session, line, **values):
    values.setdefault("month", "2026-11")
    return submit(session, "invoice", line, **values)


def export(session) -> list[dict]:
    written: list[str] = []
    invoices.export(session, written.append)
    return list(csv.DictReader(io.StringIO(written[0])))


def test_a_person_asks_for_the_months_payments_and_gets_a_request_not_an_invoice(session, frozen_clock):
    line = local_line()
    first, second = pay(session, line, 5000, "p1"), pay(session, line, 2550, "p2")
    order = request(session, line)
    invoice = InvoiceRequest.get(InvoiceRequest.order_id == order.id)
    assert (invoice.amount_fen, invoice.buyer_type, invoice.tax_id, invoice.period) == (7550, "person", "", "2026-11")
    assert set(invoice.payment_ids) == {first.id.hex, second.id.hex}
    assert invoice.title == line.customer.name
    text = re.sub(r"\s+", "", pdf_text(slip.build(orders.slip_data(session, order))))
    assert "开票申请" in text and "不是发票" in text and "75.50元（2笔缴费" in text
    assert BusinessType.get_by_id("invoice").name_zh == "开票申请"
    assert AuditEvent.get(AuditEvent.action == "invoice.request").detail["amount_fen"] == 7550


def test_the_same_payments_are_not_requested_twice_and_a_later_payment_is(session, frozen_clock):
    line = local_line()
    pay(session, line, 5000, "p1")
    first = InvoiceRequest.get(InvoiceRequest.order_id == request(session, line).id)
    with pytest.raises(Conflict, match=first.request_no):
        request(session, line)
    later = pay(session, line, 1000, "p3")
    second = InvoiceRequest.get(InvoiceRequest.order_id == request(session, line).id)
    assert (second.amount_fen, second.payment_ids) == (1000, [later.id.hex])
    assert InvoiceRequest.select().count() == 2


def test_a_reversed_payment_is_not_invoiced_and_a_month_without_payments_is_refused(session, manager_session,
                                                                                  frozen_clock):
    line = local_line()
    kept, undone = pay(session, line, 3000, "p1"), pay(session, line, 4000, "p2")
    payments.reverse_payment(manager_session, undone.id, reason="刷错卡", idempotency_key="r2")
    invoice = InvoiceRequest.get(InvoiceRequest.order_id == request(session, line).id)
    assert (invoice.amount_fen, invoice.payment_ids) == (3000, [kept.id.hex])
    with pytest.raises(ValidationError, match="paid nothing"):
        request(session, line, month="2026-10")


def test_a_company_needs_a_valid_unified_social_credit_code(session, frozen_clock):
    line = local_line()
    pay(session, line, 8800, "p1")
    with pytest.raises(ValidationError, match="credit code"):
        request(session, line, buyer_type="company", title="济南泉城科技有限公司")
    with pytest.raises(ValidationError, match="check character"):
        request(session, line, buyer_type="company", title="济南泉城科技有限公司", tax_id=COMPANY_CODE[:-1] + "M")
    with pytest.raises(ValidationError, match="18 digits"):
        request(session, line, buyer_type="company", title="济南泉城科技有限公司", tax_id="1234")
    order = request(session, line, buyer_type="company", title="济南泉城科技有限公司", tax_id=COMPANY_CODE.lower())
    invoice = InvoiceRequest.get(InvoiceRequest.order_id == order.id)
    assert (invoice.buyer_type, invoice.title, invoice.tax_id) == ("company", "济南泉城科技有限公司", COMPANY_CODE)


def test_a_voided_request_frees_its_payments(session, manager_session, frozen_clock):
    line = local_line()
    pay(session, line, 5000, "p1")
    order = request(session, line)
    orders.void(manager_session, order.id, reason="抬头写错")
    assert InvoiceRequest.get(InvoiceRequest.order_id == order.id).status == "voided"
    again = InvoiceRequest.get(InvoiceRequest.order_id == request(session, line, title="李四").id)
    assert (again.amount_fen, again.title) == (5000, "李四")


def test_the_export_lists_each_request_once_in_the_documented_layout(session, manager_session, frozen_clock):
    line = local_line()
    receipt = pay(session, line, 5000, "p1").receipt_no
    request(session, line, buyer_type="company", title="济南泉城科技有限公司", tax_id=COMPANY_CODE)
    with pytest.raises(PermissionDenied):
        export(session)  # a clerk does not export
    rows = export(manager_session)
    assert list(rows[0]) == list(invoices.EXPORT_COLUMNS)
    assert (rows[0]["phone"], rows[0]["buyer_title"], rows[0]["buyer_tax_id"], rows[0]["amount_yuan"],
            rows[0]["receipts"], rows[0]["item"]) == (line.phone, "济南泉城科技有限公司", COMPANY_CODE, "50.00", receipt,
                                                      "通信服务费")
    assert InvoiceRequest.get().status == "exported"
    assert export(manager_session) == []  # each request goes to the e-invoice system once
    written: list[str] = []
    assert invoices.export(manager_session, written.append, period="2026-11", include_exported=True) == 1


def test_an_export_that_cannot_be_written_leaves_the_requests_waiting(session, manager_session, frozen_clock):
    line = local_line()
    pay(session, line, 5000, "p1")
    request(session, line)

    def broken(text: str) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        invoices.export(manager_session, broken)
    assert InvoiceRequest.get().status == "requested"
    assert len(export(manager_session)) == 1


def test_the_cli_exports_for_a_signed_in_manager(session, db_path, tmp_path, frozen_clock):
    from tests.test_sync.support import run_cli

    line = local_line()
    pay(session, line, 5000, "p1")
    request(session, line)
    session.staff = Staff.get_by_id("2001")
    out = tmp_path / "invoices.csv"
    result = run_cli("--db", str(db_path), "invoices", "export", "--out", str(out), "--staff", "2001",
                     COUNTER_APP_PASSWORD="123456")
    assert "1 invoice request(s)" in result.stdout
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))[0]["amount_yuan"] == "50.00"
    refused = run_cli("--db", str(db_path), "invoices", "export", "--out", str(tmp_path / "x.csv"), check=False)
    assert refused.returncode == 2 and not (tmp_path / "x.csv").exists()
