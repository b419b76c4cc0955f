"""The printed queue ticket: 80 mm wide, Chinese in an embedded font, and a QR code that a
real decoder reads back to the very ticket."""

from __future__ import annotations

from counter_app.documents.ticket import WIDTH, render_ticket
from counter_app.services import queue, signing
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize


def test_the_ticket_shows_number_people_ahead_and_wait_and_its_qr_opens_that_ticket(session, frozen_clock, tmp_path):
    import io

    from pypdf import PdfReader

    for _ in range(4):
        queue.take_ticket(session, "payment")
    ticket = queue.take_ticket(session, "payment")
    pdf = render_ticket(queue.ticket_data(ticket))
    text = pdf_text(pdf)
    assert "A005" in text and "缴费" in text and "济南泉城路营业厅" in text
    assert "您前面还有 4 人" in text and "预计等待约 4 分钟" in text and "2026-11-25 10:00" in text
    width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
    assert abs(width - WIDTH) < 0.5  # an 80 mm roll
    assert all(embedded for _, embedded in embedded_fonts(pdf, tmp_path))
    [scanned] = decode_qr(rasterize(pdf, tmp_path)[0])
    kind, ident = signing.parse(scanned)
    assert kind == "ticket" and queue.ticket_by_id(session, ident).id == ticket.id
