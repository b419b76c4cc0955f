"""The customer's printed acknowledgment of a complaint (投诉受理回执): the complaint number,
the reply deadline, where to appeal (the province's appeal centre, 12300) on either ground
(no answer within 15 days, or not satisfied with it), any advance compensation paid, and a
verification QR. Plain data in (see services.complaints.acknowledgment), PDF bytes out."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app import theme
from counter_app.documents import qr
from counter_app.documents.complaint_style import Styles, label, when, yuan

L = {
    "title": ("投诉受理回执", "Complaint acknowledgment"),
    "no": ("投诉编号", "Complaint no."),
    "opened": ("受理时间", "Received"),
    "deadline": ("答复时限", "Reply by"),
    "category": ("投诉类别", "Category"),
    "customer": ("客户", "Customer"),
    "phone": ("手机号码", "Phone number"),
    "description": ("投诉内容", "Complaint"),
    "wish": ("客户诉求", "Customer wants"),
    "staff": ("受理营业员", "Received by"),
    "refund": ("先行赔付", "Advance compensation"),
    "refund_text": ("已退 {amount} 元，记入您的话费账户（单号 {receipt}）。", "{amount} yuan credited to your "
                    "account (receipt {receipt})."),
    "appeal": ("我们将在 {deadline} 前答复您。如您对答复不满意，或自受理之日起 15 日内（{legal} 前）未获答复，"
               "可向{body}申诉（电话 {phone}），申诉时请提供本回执的投诉编号。",
               "We will reply by {deadline}. If you are not satisfied with our answer, or have no answer within "
               "15 days of this complaint (by {legal}), you may appeal to the {body} (phone {phone}); quote the "
               "complaint number above."),
    "closed": ("结案", "Closed"),
    "closed_unsatisfied": ("您对答复不满意：可向{body}申诉（电话 {phone}）。",
                           "You were not satisfied with our answer: you may appeal to the {body} (phone {phone})."),
    "verify": ("扫码核验", "Scan to verify"),
    "keep": ("请妥善保管本回执。", "Please keep this acknowledgment."),
}


class _QrBox(Flowable):  # type: ignore[misc]  # reportlab has no type hints: Flowable is Any
    def __init__(self, data: str, size: float, caption: str, font: str) -> None:
        super().__init__()
        self.data, self.size, self.caption, self.font = data, size, caption, font
        self.width, self.height = size, size + 10

    def draw(self) -> None:
        qr.draw_qr(self.canv, self.data, 0, 10, self.size)
        self.canv.setFont(self.font, 7)
        self.canv.drawCentredString(self.size / 2, 1, self.caption)


def render_ack(data: dict[str, Any]) -> bytes:
    """``data`` as made by services.complaints.acknowledgment."""
    lang = data.get("lang", "zh_CN")
    s = Styles(9)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A5, initialFontName=s.font, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=10 * mm,
                            bottomMargin=10 * mm, title=f"{label(L, 'title', lang)} {data['complaint_no']}",
                            author=data.get("hall_name", ""))
    width = A5[0] - 24 * mm
    story: list[Flowable] = [s.p(data.get("hall_name", ""), s.subtitle), s.p(label(L, "title", lang), s.title)]
    rows = [
        ("no", data["complaint_no"]),
        ("opened", when(data["opened_at"])),
        ("deadline", when(data["deadline_at"])),
        ("category", data["category"]),
        ("customer", data.get("customer") or "—"),
        ("phone", data.get("phone") or "—"),
        ("description", data["description"]),
    ]
    if data.get("wish"):
        rows.append(("wish", data["wish"]))
    rows.append(("staff", data.get("staff", "")))
    if data.get("status") == "closed" and data.get("customer_view") == "unsatisfied":
        rows.append(("closed", label(L, "closed_unsatisfied", lang).format(body=data["appeal_body"],
                                                                           phone=data["appeal_phone"])))
    if data.get("refund_fen"):
        rows.append(("refund", label(L, "refund_text", lang).format(amount=yuan(data["refund_fen"]),
                                                                     receipt=data.get("refund_receipt", ""))))
    table = Table([[s.p(label(L, key, lang)), s.p(value)] for key, value in rows],
                  colWidths=[26 * mm, width - 26 * mm])
    style = s.grid(header_rows=0)
    style.add("BACKGROUND", (0, 0), (0, -1), theme.pdf_colour("total_bg"))
    deadline_row = [k for k, _ in rows].index("deadline")
    style.add("BACKGROUND", (1, deadline_row), (1, deadline_row), theme.pdf_colour("highlight_bg"))
    table.setStyle(style)
    story += [table, Spacer(1, 5 * mm)]

    appeal = s.p(label(L, "appeal", lang).format(deadline=when(data["deadline_at"]), legal=when(data["legal_deadline_at"]),
                                                 body=data["appeal_body"], phone=data["appeal_phone"]), s.body)
    qr_size = 26 * mm
    box = Table([[appeal, _QrBox(data["qr"], qr_size, label(L, "verify", lang), s.font)]],
                colWidths=[width - qr_size - 6 * mm, qr_size + 6 * mm])
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), s.font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("BOX", (0, 0), (0, 0), 0.8, theme.pdf_colour("danger")),
                             ("LEFTPADDING", (0, 0), (0, 0), 6), ("RIGHTPADDING", (0, 0), (0, 0), 6),
                             ("TOPPADDING", (0, 0), (0, 0), 5), ("BOTTOMPADDING", (0, 0), (0, 0), 5)]))
    story += [box, Spacer(1, 3 * mm), s.p(label(L, "keep", lang), s.small)]
    doc.build(story)
    return buffer.getvalue()
