"""The kiosk's queue ticket: an 80 mm thermal-roll slip, Chinese with English beneath.

Plain data in, PDF bytes out. The QR code carries ``qr.payload("ticket", <ticket id>)``: a
counter's keyboard-wedge scanner types it into the identify field, which opens the ticket
and the customer who gave a phone or member number at the kiosk.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents import qr
from counter_app.documents.fonts import register_fonts

WIDTH = 80 * mm
HEIGHT = 122 * mm
MARGIN = 5 * mm


@dataclass(frozen=True)
class TicketData:
    ticket_id: str
    hall_name: str
    code: str
    category_zh: str
    category_en: str
    issued_at: dt.datetime
    ahead: int
    est_wait_min: int
    priority: bool = False


def qr_text(ticket_id: str) -> str:
    return qr.payload("ticket", ticket_id)


def render_ticket(data: TicketData) -> bytes:
    font = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT), initialFontName=font)
    canvas.setTitle(f"{data.code} {data.hall_name}")
    centre = WIDTH / 2
    y = HEIGHT - MARGIN - 12

    def line(text: str, size: float, gap: float) -> None:
        nonlocal y
        canvas.setFont(font, size)
        canvas.drawCentredString(centre, y, text)
        y -= gap

    line(data.hall_name, 12, 16)
    line("排队号  Queue number", 9, 10)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 4, WIDTH - MARGIN, y + 4)
    y -= 44
    line(data.code, 52, 20)
    line(data.category_zh + ("（优先）" if data.priority else ""), 14, 13)
    line(data.category_en + (" (priority)" if data.priority else ""), 9, 18)
    line(f"您前面还有 {data.ahead} 人", 13, 12)
    line(f"{data.ahead} {'person' if data.ahead == 1 else 'people'} ahead of you", 9, 16)
    line(f"预计等待约 {data.est_wait_min} 分钟", 13, 12)
    line(f"Estimated wait about {data.est_wait_min} min", 9, 16)
    line(f"取号时间 Issued {data.issued_at:%Y-%m-%d %H:%M}", 9, 8)
    size = 32 * mm
    qr.draw_qr(canvas, qr_text(data.ticket_id), centre - size / 2, y - size, size)
    y -= size + 12
    line("请留意叫号屏与语音广播，过号请到服务台", 8, 10)
    line("Please watch the display; missed your call? Ask at the desk.", 7, 0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
