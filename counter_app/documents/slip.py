"""The acceptance slip 业务受理单: plain data in, PDF bytes out (A5 portrait).

Layout, top to bottom: hall and title, order number / time / clerk, the customer (masked ID),
the business with its fields, the fee, the terms, the customer's signature, and the
verification QR whose payload names the order. Chinese first, English beneath in small type:
both customer and auditor read the same sheet. A voided order prints with a VOID stamp.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas as pdfcanvas

from counter_app.documents import qr
from counter_app.documents.fonts import register_fonts

METHOD_NAMES = {"cash": ("现金", "cash"), "pos": ("银行卡", "bank card"), "card": ("缴费卡", "payment card")}


@dataclass(frozen=True)
class SlipField:
    label_zh: str
    label_en: str
    text: str


@dataclass
class SlipData:
    hall_name: str
    hall_address: str
    order_no: str  # empty on a preview
    created_at: dt.datetime
    staff_no: str
    staff_name: str
    counter_number: int | None
    business_zh: str
    business_en: str
    customer_name: str
    masked_id: str
    phone: str
    fields: list[SlipField] = field(default_factory=list)
    fee_text: str = "0.00"
    fee_method: str = ""
    fee_receipt: str = ""
    terms_zh: str = ""
    terms_en: str = ""
    signature_png: bytes = b""
    qr_text: str = ""  # empty on a preview
    voided: bool = False
    copy_label: str = ""  # e.g. "客户联" / "营业厅联"
    id_checked: bool = False


COPIES = ("客户联 customer's copy", "营业厅联 hall's copy")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that fit ``width``: at spaces where there are any, and between any two
    characters of Chinese text, which has none (``simpleSplit`` alone would let it run off the page)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def build(data: SlipData, copies: tuple[str, ...] = ()) -> bytes:
    """One page per copy label (e.g. :data:`COPIES`), or one page with ``data.copy_label``."""
    font = register_fonts()
    buffer = io.BytesIO()
    c = pdfcanvas.Canvas(buffer, pagesize=A5, initialFontName=font, initialFontSize=9)
    c.setTitle(f"业务受理单 {data.order_no}".strip())
    for label in copies or (data.copy_label,):
        _page(c, data, label, font)
    c.save()
    return buffer.getvalue()


def _page(c, data: SlipData, copy_label: str, font: str) -> None:
    width, height = A5
    left, right = 12 * mm, width - 12 * mm
    y = height - 14 * mm

    c.setFont(font, 9)
    c.drawString(left, y, data.hall_name)
    if copy_label:
        c.drawRightString(right, y, copy_label)
    y -= 9 * mm
    c.setFont(font, 16)
    c.drawCentredString(width / 2, y, "业务受理单")
    y -= 5 * mm
    c.setFont(font, 8)
    c.drawCentredString(width / 2, y, "Acceptance slip" + ("" if data.order_no else " — PREVIEW 预览"))
    y -= 7 * mm

    c.setFont(font, 8.5)
    c.drawString(left, y, f"受理单号 No.: {data.order_no or '—'}")
    c.drawRightString(right, y, f"时间 Time: {data.created_at:%Y-%m-%d %H:%M}")
    y -= 4.5 * mm
    counter = f"{data.counter_number}号窗口 counter {data.counter_number}" if data.counter_number else ""
    c.drawString(left, y, f"营业员 Clerk: {data.staff_no} {data.staff_name}")
    c.drawRightString(right, y, counter)
    y -= 3 * mm
    c.setLineWidth(0.6)
    c.line(left, y, right, y)
    y -= 6 * mm

    rows: list[tuple[str, str, str]] = [
        ("客户姓名", "Customer", data.customer_name or "—"),
        ("证件号码", "ID number", (data.masked_id or "—") + ("（已核验身份证）" if data.id_checked else "")),
        ("手机号码", "Phone", data.phone or "—"),
        ("办理业务", "Business", f"{data.business_zh}  {data.business_en}"),
    ]
    rows += [(f.label_zh, f.label_en, f.text) for f in data.fields]
    fee = f"¥{data.fee_text}"
    if data.fee_method:
        zh, en = METHOD_NAMES.get(data.fee_method, (data.fee_method, data.fee_method))
        fee += f"（{zh} {en}）"
    if data.fee_receipt:
        fee += f"  收据 {data.fee_receipt}"
    rows.append(("费用", "Fee", fee))
    label_w = 30 * mm
    for label_zh, label_en, text in rows:
        lines = _wrap(text, font, 9.5, right - left - label_w) or [""]
        c.setFont(font, 9.5)
        c.drawString(left, y, label_zh)
        for n, line in enumerate(lines):
            c.drawString(left + label_w, y - n * 4.6 * mm, line)
        c.setFont(font, 6.5)
        c.setFillGray(0.35)
        c.drawString(left, y - 3.2 * mm, label_en)
        c.setFillGray(0)
        y -= max(len(lines) * 4.6 * mm, 7.2 * mm)
    y -= 1 * mm
    c.line(left, y, right, y)
    y -= 5 * mm

    c.setFont(font, 8)
    c.drawString(left, y, "客户须知 Terms")
    y -= 4.2 * mm
    for text, size in ((data.terms_zh, 8.5), (data.terms_en, 7)):
        c.setFont(font, size)
        for line in _wrap(text, font, size, right - left):
            c.drawString(left, y, line)
            y -= size * 0.45 * mm + 1.6 * mm
    y -= 2 * mm

    # Signature on the left, QR on the right, both at the bottom of the page.
    qr_size = 30 * mm
    bottom = 14 * mm
    sig_w, sig_h = 60 * mm, 24 * mm
    c.setFont(font, 8.5)
    c.drawString(left, bottom + sig_h + 3 * mm, "客户签名 Customer's signature")
    c.setLineWidth(0.4)
    c.rect(left, bottom, sig_w, sig_h)
    if data.signature_png:
        image = ImageReader(io.BytesIO(data.signature_png))
        iw, ih = image.getSize()
        scale = min((sig_w - 2 * mm) / iw, (sig_h - 2 * mm) / ih)
        c.drawImage(image, left + (sig_w - iw * scale) / 2, bottom + (sig_h - ih * scale) / 2,
                    width=iw * scale, height=ih * scale, mask="auto")
    if data.qr_text:
        qr.draw_qr(c, data.qr_text, right - qr_size, bottom, qr_size)
        c.setFont(font, 6.5)
        c.drawCentredString(right - qr_size / 2, bottom - 3.5 * mm, "扫码核验 Scan to verify")
    c.setFont(font, 6.5)
    c.setFillGray(0.4)
    c.drawString(left, 7 * mm, f"{data.hall_name}  {data.hall_address}")
    c.setFillGray(0)

    if data.voided:
        c.saveState()
        c.setFillColorRGB(0.8, 0.1, 0.1, alpha=0.5)
        c.setFont(font, 54)
        c.translate(width / 2, height / 2)
        c.rotate(30)
        c.drawCentredString(0, 0, "作废 VOID")
        c.restoreState()
    c.showPage()
