"""The kiosk's queue ticket: an 80 mm thermal-roll slip, Chinese with English beneath.

Plain data in, PDF bytes out. The QR code carries the ticket's signed code (``qr_payload``,
made by ``services/signing.py``): a counter's keyboard-wedge scanner types it into the
identify field, which opens the ticket and the customer who gave a phone or member number at
the kiosk.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents import qr
from counter_app.documents.fonts import register_fonts
from counter_app.services.queue_ticket import TicketData

WIDTH = 80 * mm
HEIGHT = 122 * mm
MARGIN = 5 * mm



def lines(data: TicketData) -> list[tuple[str, str]]:
    """What a ticket says, top to bottom, as (style, text) pairs; ("qr", payload) marks the
    code. The PDF below and the ESC/POS ticket printer (``printers.escpos_device``) print
    the same lines."""
    people = "person" if data.ahead == 1 else "people"
    if data.est_wait_min < 0:  # no open counter serves this category now: no minutes are promised
        wait = [("line", "暂无窗口办理，开窗后按序叫号"), ("line_en", "No counter serves this now; called as one opens")]
    else:
        wait = [("line", f"预计等待约 {data.est_wait_min} 分钟"),
                ("line_en", f"Estimated wait about {data.est_wait_min} min")]
    return [
        ("hall", data.hall_name),
        ("heading", "排队号  Queue number"),
        ("rule", ""),
        ("code", data.code),
        ("category", data.category_zh + ("（优先）" if data.priority else "")),
        ("category_en", data.category_en + (" (priority)" if data.priority else "")),
        ("line", f"您前面还有 {data.ahead} 人"),
        ("line_en", f"{data.ahead} {people} ahead of you"),
        *wait,
        ("issued", f"取号时间 Issued {data.issued_at:%Y-%m-%d %H:%M}"),
        *([("qr", data.qr_payload)] if data.qr_payload else []),
        ("footer", "请留意叫号屏与语音广播，过号请到服务台"),
        ("footer_en", "Please watch the display; missed your call? Ask at the desk."),
    ]


# Font size and the gap below each style of line, in points; the rule and the big number
# take extra room above them.
_STYLE = {"hall": (12, 16), "heading": (9, 10), "code": (52, 20), "category": (14, 13), "category_en": (9, 18),
          "line": (13, 12), "line_en": (9, 16), "issued": (9, 8), "footer": (8, 10), "footer_en": (7, 0)}


def render_ticket(data: TicketData) -> bytes:
    font = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT), initialFontName=font)
    canvas.setTitle(f"{data.code} {data.hall_name}")
    centre = WIDTH / 2
    y = HEIGHT - MARGIN - 12
    for style, text in lines(data):
        if style == "rule":
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN, y + 4, WIDTH - MARGIN, y + 4)
            y -= 44
        elif style == "qr":
            size = 32 * mm
            qr.draw_qr(canvas, text, centre - size / 2, y - size, size)
            y -= size + 12
        else:
            size, gap = _STYLE[style]
            canvas.setFont(font, size)
            canvas.drawCentredString(centre, y, text)
            y -= gap
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
