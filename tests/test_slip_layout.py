"""Every slip of the catalogue, read back from the PDF: no run of text overprints another,
none leaves the page's margins or runs into the signature box or the QR, and the English
label sits beside its value, not on it. Widths are measured with the embedded font's own
metrics at the size the PDF gives each run."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from counter_app.documents import slip
from counter_app.documents.fonts import register_fonts
from counter_app.services import orders
from tests.slip_cases import LONG, catalogue_orders


@dataclass(frozen=True)
class Run:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    page: int


def runs(pdf: bytes) -> list[Run]:
    """Every horizontal run of text with its box (baseline − descent to baseline + ascent)."""
    from pypdf import PdfReader

    font = register_fonts()
    out: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        def visit(text, cm, tm, font_dict, size, number=number):
            text = text.rstrip("\n")
            if not text.strip() or abs(tm[1]) > 1e-6:  # the rotated VOID stamp overprints on purpose
                return
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            width = stringWidth(text, font, size)
            out.append(Run(text, x, x + width, y - 0.2 * size, y + 0.8 * size, number))
        page.extract_text(visitor_text=visit)
    return out


def overlaps(a: Run, b: Run) -> bool:
    return (a.page == b.page and min(a.x1, b.x1) - max(a.x0, b.x0) > 0.3
            and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.3)


def inside(run: Run, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return min(run.x1, x1) - max(run.x0, x0) > 0.3 and min(run.y1, y1) - max(run.y0, y0) > 0.3


def check_layout(pdf: bytes) -> list[Run]:
    found = runs(pdf)
    assert found
    last_page = max(r.page for r in found)
    for n, run in enumerate(found):
        assert run.x0 >= slip.LEFT - 0.5 and run.x1 <= slip.RIGHT + 0.5, f"“{run.text}” leaves the page's margins"
        for other in found[n + 1:]:
            assert not overlaps(run, other), f"“{run.text}” overprints “{other.text}”"
        if run.page == last_page and not run.text.startswith(("扫码核验", "客户签名")):
            assert not inside(run, slip.SIGNATURE_BOX), f"“{run.text}” runs into the signature box"
            assert not inside(run, slip.QR_BOX), f"“{run.text}” runs into the QR code"
    return found


def _codes() -> list[str]:
    import json

    from counter_app.paths import resource

    return [b["code"] for b in json.loads(resource("catalogue", "business_types.json").read_text(encoding="utf-8"))
            if b["effect"] != "payment"]


@pytest.mark.parametrize("code", _codes())
def test_no_label_overprints_its_value_on_any_slip_of_the_catalogue(manager_session, code, tmp_path):
    for order in catalogue_orders(manager_session, code):
        data = orders.slip_data(manager_session, order)
        found = check_layout(slip.build(data, copies=slip.COPIES))
        text = " ".join(r.text for r in found)
        for field in data.fields:  # every field's label is printed whole, in both languages
            assert field.label_zh.replace(" ", "")[:4] in text.replace(" ", "")


def test_the_value_card_label_no_longer_runs_over_the_serials(manager_session):
    order = next(iter(catalogue_orders(manager_session, "value_card")))
    found = check_layout(slip.build(orders.slip_data(manager_session, order)))
    label = next(r for r in found if r.text.startswith("卡序列号"))
    serials = next(r for r in found if r.text.startswith("VC"))
    assert label.x1 < serials.x0


def test_a_long_complaint_continues_on_a_second_page_with_the_signature_and_qr_on_the_last(manager_session):
    order = next(iter(catalogue_orders(manager_session, "complaint", description=LONG)))
    pdf = slip.build(orders.slip_data(manager_session, order))
    found = check_layout(pdf)
    pages = max(r.page for r in found)
    assert pages >= 2
    assert [r.page for r in found if r.text.startswith("客户签名")] == [pages]
    assert any(r.text.startswith("续第2页") for r in found)


def test_a_preview_slip_is_laid_out_the_same_way(manager_session):
    from counter_app.models import Account

    line = Account.select().where(Account.status == "active").order_by(Account.phone).first()
    data = orders.preview_data(manager_session, code="complaint", account_id=line.id,
                               values={"category": "network", "description": LONG[:300], "wish": "尽快处理"})
    check_layout(slip.build(data))


@pytest.mark.parametrize("code", _codes())
def test_no_slip_prints_a_field_twice(manager_session, code):
    for order in catalogue_orders(manager_session, code):
        found = runs(slip.build(orders.slip_data(manager_session, order)))
        values = [r.text for r in found if abs(r.x0 - slip.LEFT) > 1 and r.y0 > slip.BLOCK_TOP]
        repeated = {v for v in values if values.count(v) > 1 and v not in ("—", "******")}
        assert not repeated, f"printed twice: {repeated}"
        if code == "new_subscription":
            assert values.count("欧阳明月") == 1 and sum("********0017" in v for v in values) == 1
