"""The published fee standards (收费项目及标准): on screen and on paper, the same lines."""

from __future__ import annotations

from counter_app.documents import fees as fees_doc
from counter_app.models import FeeStandard, SpService
from counter_app.services import fees
from tests.helpers import embedded_fonts, pdf_text


def test_every_fee_procedure_and_sp_price_is_on_the_printed_notice(session, tmp_path):
    data = fees.fee_standards(session, lang="zh_CN")
    assert len(data.fees) + len(data.procedures) == FeeStandard.select().count()
    assert len(data.sp_services) == SpService.select().count()
    sim = next(f for f in data.fees if f.code == "F_SIM")
    assert sim.price == "20.00 元/张"
    assert next(f for f in data.fees if f.code == "F_PHONEBOOK").price == "免费"
    pdf = fees_doc.build(data)
    text = pdf_text(pdf)
    assert "收费项目及标准" in text
    for line in (*data.fees, *data.sp_services):
        assert line.name in text and line.price.split()[0] in text
    assert "12300" in text  # where to appeal, from the complaint procedure
    assert all(embedded for _n, embedded in embedded_fonts(pdf, tmp_path))


def test_the_english_notice_speaks_english(session):
    data = fees.fee_standards(session, lang="en")
    assert next(f for f in data.fees if f.code == "F_SIM").price == "20.00 yuan per card"
    assert "Fee standards" in pdf_text(fees_doc.build(data))
