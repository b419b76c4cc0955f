"""The payment receipt (缴费收据) on an 80 mm receipt roll: one page as long as it needs.

Takes a ``services.payments.ReceiptData``; reversals and credits print the same way with
their own title, and the amount of a reversal is negative. The verification QR carries the
signed code it is given (``data.qr_payload``, made by ``services/signing.py``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from counter_app.documents.fonts import register_fonts
from counter_app.documents.layout import draw_qr_vector, label, yuan

if TYPE_CHECKING:
    from counter_app.services.payments import ReceiptData

WIDTH = 80 * mm
SIDE = 5 * mm
LINE = 4.6 * mm


def titles(lang: str) -> dict[str, str]:
    return {
        "payment": label(lang, "缴费收据", "Payment receipt"),
        "fee": label(lang, "业务收费收据", "Business fee receipt"),
        "reversal": label(lang, "冲正凭证", "Reversal slip"),
        "refund": label(lang, "退款凭证", "Refund slip"),
        "compensation": label(lang, "先行赔付凭证", "Advance compensation slip"),
    }


def method_names(lang: str) -> dict[str, str]:
    return {
        "cash": label(lang, "现金", "Cash"),
        "pos": label(lang, "银行卡(POS)", "Bank card (POS)"),
        "card": label(lang, "缴费卡", "Payment card"),
        "remote": label(lang, "异地缴费(现金)", "Cross-city payment (cash)"),
        "credit": label(lang, "记入账户", "Credited to the account"),
    }


def build(data: ReceiptData, lang: str = "zh_CN") -> bytes:
    font = register_fonts()
    rows, money = detail_rows(data, lang), money_rows(data, lang)
    qr_size = 26 * mm
    height = 26 * mm + LINE * (len(rows) + len(money) * 1.4 + 2.5) + qr_size
    out = io.BytesIO()
    c = rl_canvas.Canvas(out, pagesize=(WIDTH, height), initialFontName=font)  # no stray Helvetica
    c.setTitle(f"{titles(lang).get(data.kind, data.kind)} {data.receipt_no}")
    c.setAuthor(data.hall_name)
    y = _draw_title(c, font, data, lang, height - 9 * mm)
    y = _draw_rows(c, font, rows, money, y)
    y -= qr_size
    if data.qr_payload:
        draw_qr_vector(c, data.qr_payload, (WIDTH - qr_size) / 2, y, qr_size)
    _draw_foot(c, font, data, lang, y - LINE)
    c.showPage()
    c.save()
    return out.getvalue()


def detail_rows(data: ReceiptData, lang: str) -> list[tuple[str, str]]:
    """Receipt number, time, clerk, then what applies: counter, number, customer, method, the
    POS reference or card serial, the receipt reversed, the reason."""
    rows: list[tuple[str, str]] = [
        (label(lang, "收据号", "Receipt no."), data.receipt_no),
        (label(lang, "时间", "Time"), data.paid_at.strftime("%Y-%m-%d %H:%M:%S")),
        (label(lang, "营业员", "Clerk"), f"{data.staff_no} {data.staff_name}".strip()),
    ]
    if data.counter_number:
        rows.append((label(lang, "窗口", "Counter"), str(data.counter_number)))
    if data.phone:
        rows.append((label(lang, "号码", "Number"), data.phone))
    if data.customer_name:
        rows.append((label(lang, "客户", "Customer"), data.customer_name))
    rows.append((label(lang, "方式", "Method"), method_names(lang).get(data.method, data.method)))
    if data.reference and data.method in ("pos", "card"):
        rows.append((label(lang, "参考号" if data.method == "pos" else "卡序列号",
                           "POS reference" if data.method == "pos" else "Card serial"), data.reference))
    if data.reverses_receipt:
        rows.append((label(lang, "原收据号", "Reverses"), data.reverses_receipt))
    if data.reason:
        rows.append((label(lang, "原因", "Reason"), data.reason))
    return rows


def money_rows(data: ReceiptData, lang: str) -> list[tuple[str, str]]:
    """The amount, and for cash handed over the amount tendered and the change."""
    money: list[tuple[str, str]] = [(label(lang, "金额(元)", "Amount (yuan)"), yuan(data.amount_fen))]
    if data.tendered_fen is not None:
        money.append((label(lang, "实收(元)", "Tendered (yuan)"), yuan(data.tendered_fen)))
        money.append((label(lang, "找零(元)", "Change (yuan)"), yuan(data.change_fen or 0)))
    return money


def _draw_title(c: rl_canvas.Canvas, font: str, data: ReceiptData, lang: str, y: float) -> float:
    """The hall's name and the receipt's title, centred, ruled off; returns the next line's y."""
    c.setFont(font, 11)
    c.drawCentredString(WIDTH / 2, y, data.hall_name)
    y -= 6 * mm
    c.setFont(font, 13)
    c.drawCentredString(WIDTH / 2, y, titles(lang).get(data.kind, data.kind))
    y -= 4 * mm
    c.setDash(2, 2)
    c.line(SIDE, y, WIDTH - SIDE, y)
    return float(y - LINE)


def _draw_rows(c: rl_canvas.Canvas, font: str, rows: list[tuple[str, str]], money: list[tuple[str, str]],
               y: float) -> float:
    """The details, one a line, then the money in larger type, each block ruled off."""
    c.setFont(font, 8.5)
    for name, value in rows:
        c.drawString(SIDE, y, name)
        c.drawRightString(WIDTH - SIDE, y, value[:40])
        y -= LINE
    c.line(SIDE, y + LINE * 0.4, WIDTH - SIDE, y + LINE * 0.4)
    y -= LINE * 0.9
    for i, (name, value) in enumerate(money):
        c.setFont(font, 12 if i == 0 else 10)
        c.drawString(SIDE, y, name)
        c.drawRightString(WIDTH - SIDE, y, value)
        y -= LINE * 1.4
    c.line(SIDE, y + LINE * 0.6, WIDTH - SIDE, y + LINE * 0.6)
    c.setDash()
    return y


def _draw_foot(c: rl_canvas.Canvas, font: str, data: ReceiptData, lang: str, y: float) -> None:
    """When it was printed, to keep it, and the hall's address."""
    c.setFont(font, 7)
    c.drawCentredString(WIDTH / 2, y, label(lang, f"打印时间 {data.printed_at:%Y-%m-%d %H:%M}  请妥善保管",
                                            f"Printed {data.printed_at:%Y-%m-%d %H:%M} · please keep it"))
    if data.hall_address:
        c.drawCentredString(WIDTH / 2, y - 3.5 * mm, data.hall_address[:36])
