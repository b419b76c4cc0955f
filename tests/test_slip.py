"""The printed acceptance slip: Chinese text intact, fonts embedded, the QR names the order."""

from __future__ import annotations

from counter_app.documents import slip
from counter_app.services import orders, slipqr
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize
from tests.service_data import local_line, submit, verify


def test_the_slip_of_a_plan_change_reads_back_in_chinese_and_its_qr_names_the_order(session, tmp_path):
    line = local_line()
    target = "RY88" if line.plan_id != "RY88" else "RY58"
    order = submit(session, "plan_change", line, plan=target)
    data = orders.slip_data(session, order, copy_label="客户联")
    pdf = slip.build(data)
    text = pdf_text(pdf)
    for expected in ("业务受理单", "套餐变更", data.customer_name, data.masked_id, order.order_no, "济南泉城路营业厅",
                     "1001", "新套餐自次月1日起生效", "客户联"):
        assert expected in text, expected
    assert line.customer.id_number not in text  # only the masked ID is printed
    assert all(embedded for _, embedded in embedded_fonts(pdf, tmp_path))
    codes = decode_qr(rasterize(pdf, tmp_path, dpi=200)[0])
    assert [slipqr.parse(c).order_id for c in codes] == [order.id]


def test_a_slip_with_a_fee_names_the_fee_and_its_receipt(session):
    order = submit(session, "sim_replace", local_line(), sim_serial="89860112345678901234", reason="damaged",
                   id_checked=True, fee_method="cash")
    text = pdf_text(slip.build(orders.slip_data(session, order)))
    assert "¥20.00" in text and "现金" in text and "已核验身份证" in text


def test_a_voided_order_reprints_with_a_void_stamp(session, manager_session):
    order = submit(session, "puk_unlock", local_line())
    orders.void(manager_session, order.id, reason="误操作")
    order = type(order).get_by_id(order.id)
    assert "作废" in pdf_text(slip.build(orders.slip_data(session, order)))


def test_the_preview_has_no_number_and_no_qr_yet(session, tmp_path):
    line = local_line()
    verify(session, line)
    data = orders.preview_data(session, code="puk_unlock", account_id=line.id, values={})
    pdf = slip.build(data)
    assert "PREVIEW" in pdf_text(pdf)
    assert decode_qr(rasterize(pdf, tmp_path)[0]) == []


def test_a_slip_is_reprinted_headless_by_its_number_and_the_reprint_is_logged(session, db_path, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from counter_app.db import close_database
    from counter_app.models import AuditEvent

    order = submit(session, "puk_unlock", local_line())
    orders.record_print(session, order.id)
    close_database()
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "again.pdf"
    result = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "slip", order.order_no,
                             "--out", str(out), "--staff", "1001"], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(root), "COUNTER_APP_PASSWORD": "123456"})
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert order.order_no in text and "营业厅联" in text and "客户联" in text
    from counter_app.db import open_database

    open_database(str(db_path))
    assert AuditEvent.select().where((AuditEvent.action == "order.reprint") & (AuditEvent.target == order.order_no)).count() == 1
