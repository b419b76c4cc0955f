"""The customer's printed acknowledgment: number, deadline, the appeal line, the refund, a QR."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from counter_app.documents.complaint_ack import render_ack
from counter_app.errors import NotFound
from counter_app.money import format_yuan
from counter_app.services import complaint_refunds as refunds
from counter_app.services import complaints, signing
from tests.complaint_data import line_with_sp_charges
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize


def test_the_acknowledgment_names_the_deadline_the_appeal_line_and_the_refund(session, frozen_clock, tmp_path):
    frozen_clock.current = dt.datetime(2026, 11, 30, 23, 59)
    account, items = line_with_sp_charges(min_recent=1)
    complaint = complaints.open_complaint(session, account_id=account.id, category="sp_charge",
                                          description="未订购彩铃却被扣费", wish="退费")
    refunds.compensate(session, complaint.id, bill_item_ids=[items[0].id], idempotency_key="ack-1")

    pdf = render_ack(complaints.acknowledgment(session, complaint.id))

    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert "投诉受理回执" in text and complaint.complaint_no in text
    assert "答复时限 2026-12-01 23:59" in text  # filed at 23:59 on the last day of November
    assert "12300" in text and "不满意" in text and "2026-12-15 23:59" in text  # both grounds (tests/regulatory)
    assert f"已退 {format_yuan(items[0].amount_fen)} 元" in text
    assert account.phone in text and "未订购彩铃却被扣费" in text
    assert all(embedded for _name, embedded in embedded_fonts(pdf, tmp_path))
    page = rasterize(pdf, tmp_path, dpi=200)[0]
    decoded = decode_qr(page)
    assert [signing.parse(c) for c in decoded] == [("complaint", complaint.id.hex)]
    assert complaints.from_qr(session, decoded[0]).complaint_no == complaint.complaint_no  # scanned back
    forged = decoded[0][:-1] + ("0" if decoded[0][-1] != "0" else "1")
    with pytest.raises(NotFound):
        complaints.from_qr(session, forged)


def test_the_acknowledgment_prints_in_english_too(session, frozen_clock):
    account, _ = line_with_sp_charges(min_recent=1)
    complaint = complaints.open_complaint(session, account_id=account.id, category="network", description="No signal")
    text = re.sub(r"\s+", " ", pdf_text(render_ack(complaints.acknowledgment(session, complaint.id, lang="en"))))
    assert "Complaint acknowledgment" in text and "Network quality" in text and "12300" in text
    assert "Reply by 2026-12-02 10:00" in text
