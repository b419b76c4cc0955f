"""The acceptance slip 业务受理单: plain data in, PDF bytes out (A5 portrait).

Layout, top to bottom: hall and title, order number / time / clerk, the customer (masked ID),
the business with its fields, the fee, the terms, the customer's signature, and the
verification QR whose payload names the order. Chinese first, English beneath in small type:
both customer and auditor read the same sheet. A voided order prints with a VOID stamp.

No text overprints another: the label column is as wide as the longest label (at most
:data:`LABEL_MAX`; a longer label wraps inside it), values and terms wrap at their column's
width (between any two characters where there is no space: Chinese has none, a list of
serials may be long), and rows that do not fit above the terms, the signature and the QR
continue on the next page of the same copy. ``tests/test_slip_layout.py`` measures every run
of text of every slip of the catalogue against the columns and the boxes.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents import qr
from counter_app.documents.fonts import register_fonts
from counter_app.services.slip_data import SlipData

METHOD_NAMES = {"cash": ("现金", "cash"), "pos": ("银行卡", "bank card"), "card": ("缴费卡", "payment card")}

WIDTH, HEIGHT = A5
LEFT, RIGHT = 12 * mm, WIDTH - 12 * mm
BOTTOM = 14 * mm  # the signature box and the QR stand on this line
QR_SIZE = 30 * mm
SIG_W, SIG_H = 60 * mm, 24 * mm
SIGNATURE_BOX = (LEFT, BOTTOM, LEFT + SIG_W, BOTTOM + SIG_H)  # x0, y0, x1, y1 in points
QR_BOX = (RIGHT - QR_SIZE, BOTTOM, RIGHT, BOTTOM + QR_SIZE)
BLOCK_TOP = BOTTOM + SIG_H + 8 * mm  # the signature's caption stays below this line
LABEL_MIN, LABEL_MAX, LABEL_GAP = 22 * mm, 40 * mm, 3 * mm
VALUE_SIZE, LABEL_EN_SIZE = 9.5, 6.5
LINE, EN_LINE, ROW_MIN = 4.6 * mm, 2.8 * mm, 6.8 * mm
KEEP_WHOLE = 3  # a value of this many lines or fewer never splits across pages
DESCENT = 0.25 * VALUE_SIZE  # below the baseline


COPIES = ("客户联 customer's copy", "营业厅联 hall's copy")


def build(data: SlipData, copies: tuple[str, ...] = ()) -> bytes:
    """One copy per label (e.g. :data:`COPIES`), or one with ``data.copy_label``; a copy
    whose rows do not fit on one page continues on the next."""
    font = register_fonts()
    buffer = io.BytesIO()
    c = pdfcanvas.Canvas(buffer, pagesize=A5, initialFontName=font, initialFontSize=9)
    c.setTitle(f"业务受理单 {data.order_no}".strip())
    for label in copies or (data.copy_label,):
        _Copy(c, data, label, font).draw()
    c.save()
    return buffer.getvalue()


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """The lines of ``text`` no wider than ``width`` points: a break at the last space of a
    line when it has one, else between any two characters."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for ch in paragraph:
            if not line or stringWidth(line + ch, font, size) <= width:
                line += ch
                continue
            cut = line.rfind(" ")
            if ch != " " and cut > 0:
                lines.append(line[:cut])
                line = line[cut + 1:] + ch
            else:
                lines.append(line.rstrip())
                line = "" if ch == " " else ch
        lines.append(line)
    return lines


def rows_of(data: SlipData) -> list[tuple[str, str, str]]:
    """(label_zh, label_en, text) of every row, the customer's first and the fee last."""
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
    if data.fee_reference:
        fee += f"  参考号 Ref. {data.fee_reference}"
    rows.append(("费用", "Fee", fee))
    if data.fee_receipt:
        rows.append(("收据号", "Receipt no.", data.fee_receipt))
    return rows


def label_width(rows: list[tuple[str, str, str]], font: str) -> float:
    widest = max(max(stringWidth(zh, font, VALUE_SIZE), stringWidth(en, font, LABEL_EN_SIZE)) for zh, en, _ in rows)
    return float(min(max(widest + LABEL_GAP, LABEL_MIN), LABEL_MAX))


class _Copy:
    """One copy of the slip, drawn top down; rows move to a next page when the terms, the
    signature and the QR (on the copy's last page) would not fit under them."""

    def __init__(self, c: Canvas, data: SlipData, copy_label: str, font: str) -> None:
        self.c, self.data, self.copy_label, self.font = c, data, copy_label, font
        self.page = 1
        self.terms = [(line, size) for text, size in ((data.terms_zh, 8.5), (data.terms_en, 7)) if text
                      for line in wrap(text, font, size, RIGHT - LEFT)]
        self.floor = BLOCK_TOP + 10 * mm + sum(self._term_step(size) for _, size in self.terms)

    @staticmethod
    def _term_step(size: float) -> float:
        return float(size * 0.45 * mm + 1.6 * mm)

    def draw(self) -> None:
        c, font = self.c, self.font
        rows = rows_of(self.data)
        label_w = label_width(rows, font)
        value_w = RIGHT - LEFT - label_w
        y = self._head()
        for label_zh, label_en, text in rows:
            zh_lines = wrap(label_zh, font, VALUE_SIZE, label_w - LABEL_GAP)
            en_lines = wrap(label_en, font, LABEL_EN_SIZE, label_w - LABEL_GAP)
            lines = wrap(text, font, VALUE_SIZE, value_w)
            label_h = (len(zh_lines) - 1) * LINE + 3.2 * mm + (len(en_lines) - 1) * EN_LINE + 3.4 * mm
            row_h = max(len(lines) * LINE, label_h, ROW_MIN)
            # A short row is kept whole; a long one (a complaint's description) starts where
            # its label and first lines fit and flows on to the next page.
            if y - row_h < self.floor and (len(lines) <= KEEP_WHOLE
                                           or y - max(label_h, KEEP_WHOLE * LINE) < self.floor):
                y = self._next_page()
            c.setFont(font, VALUE_SIZE)
            for n, line in enumerate(zh_lines):
                c.drawString(LEFT, y - n * LINE, line)
            c.setFont(font, LABEL_EN_SIZE)
            c.setFillGray(0.35)
            for n, line in enumerate(en_lines):
                c.drawString(LEFT, y - (len(zh_lines) - 1) * LINE - 3.2 * mm - n * EN_LINE, line)
            c.setFillGray(0)
            c.setFont(font, VALUE_SIZE)
            page, top, line_y = self.page, y, y
            for line in lines:
                if line_y - DESCENT < self.floor:
                    line_y = self._next_page()
                    c.setFont(font, VALUE_SIZE)
                c.drawString(LEFT + label_w, line_y, line)
                line_y -= LINE
            y = min(top - row_h, line_y) if self.page == page else line_y
        y -= 1 * mm
        c.line(LEFT, y, RIGHT, y)
        y -= 5 * mm
        c.setFont(font, 8)
        c.drawString(LEFT, y, "客户须知 Terms")
        y -= 4.2 * mm
        for line, size in self.terms:
            c.setFont(font, size)
            c.drawString(LEFT, y, line)
            y -= self._term_step(size)
        self._signature_and_qr()
        self._foot()
        c.showPage()

    def _next_page(self) -> float:
        self._foot()
        self.c.showPage()
        self.page += 1
        return self._head()

    def _head(self) -> float:
        c, data, font = self.c, self.data, self.font
        y = HEIGHT - 14 * mm
        c.setFont(font, 9)
        c.drawString(LEFT, y, data.hall_name)
        if self.copy_label:
            c.drawRightString(RIGHT, y, self.copy_label)
        if self.page > 1:
            y -= 6 * mm
            c.setFont(font, 8.5)
            c.drawString(LEFT, y, f"业务受理单 Acceptance slip {data.order_no}")
            c.drawRightString(RIGHT, y, f"续第{self.page}页 continued, page {self.page}")
            y -= 3 * mm
            c.setLineWidth(0.6)
            c.line(LEFT, y, RIGHT, y)
            return float(y - 6 * mm)
        y -= 9 * mm
        c.setFont(font, 16)
        c.drawCentredString(WIDTH / 2, y, "业务受理单")
        y -= 5 * mm
        c.setFont(font, 8)
        c.drawCentredString(WIDTH / 2, y, "Acceptance slip" + ("" if data.order_no else " — PREVIEW 预览"))
        y -= 7 * mm
        c.setFont(font, 8.5)
        c.drawString(LEFT, y, f"受理单号 No.: {data.order_no or '—'}")
        c.drawRightString(RIGHT, y, f"时间 Time: {data.created_at:%Y-%m-%d %H:%M}")
        y -= 4.5 * mm
        counter = f"{data.counter_number}号窗口 counter {data.counter_number}" if data.counter_number else ""
        c.drawString(LEFT, y, f"营业员 Clerk: {data.staff_no} {data.staff_name}")
        c.drawRightString(RIGHT, y, counter)
        y -= 3 * mm
        c.setLineWidth(0.6)
        c.line(LEFT, y, RIGHT, y)
        return float(y - 6 * mm)

    def _signature_and_qr(self) -> None:
        c, data, font = self.c, self.data, self.font
        c.setFont(font, 8.5)
        c.drawString(LEFT, BOTTOM + SIG_H + 3 * mm, "客户签名 Customer's signature")
        c.setLineWidth(0.4)
        c.rect(LEFT, BOTTOM, SIG_W, SIG_H)
        if data.signature_png:
            image = ImageReader(io.BytesIO(data.signature_png))
            iw, ih = image.getSize()
            scale = min((SIG_W - 2 * mm) / iw, (SIG_H - 2 * mm) / ih)
            c.drawImage(image, LEFT + (SIG_W - iw * scale) / 2, BOTTOM + (SIG_H - ih * scale) / 2,
                        width=iw * scale, height=ih * scale, mask="auto")
        if data.qr_text:
            qr.draw_qr(c, data.qr_text, RIGHT - QR_SIZE, BOTTOM, QR_SIZE)
            c.setFont(font, 6.5)
            c.drawCentredString(RIGHT - QR_SIZE / 2, BOTTOM - 3.5 * mm, "扫码核验 Scan to verify")

    def _foot(self) -> None:
        c, data, font = self.c, self.data, self.font
        c.setFont(font, 6.5)
        c.setFillGray(0.4)
        # Left of the QR's caption, wrapped: a long address never runs under it.
        lines = wrap(f"{data.hall_name}  {data.hall_address}", font, 6.5, RIGHT - LEFT - QR_SIZE - 4 * mm)
        for n, line in enumerate(lines[:2]):
            c.drawString(LEFT, 7 * mm + (len(lines[:2]) - 1 - n) * 2.6 * mm, line)
        c.setFillGray(0)
        if data.voided:
            c.saveState()
            c.setFillColorRGB(0.8, 0.1, 0.1, alpha=0.5)
            c.setFont(font, 54)
            c.translate(WIDTH / 2, HEIGHT / 2)
            c.rotate(30)
            c.drawCentredString(0, 0, "作废 VOID")
            c.restoreState()
