"""A business fee paid by bank card (POS) or payment card keeps its reference, as a bill
payment does, so the bank's reconciliation can match it: asked on the form, refused before
the customer signs when missing, printed on the slip and kept on the fee's payment row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.errors import ValidationError
from counter_app.models import Payment
from counter_app.services import orders
from counter_app.ui.counter.service_flow import PAGE_FORM, PAGE_PREVIEW, ServiceFlowPanel
from tests.helpers import ops_done, pdf_text
from tests.service_data import local_line, submit, verify
from tests.test_lifecycle_ui import commit, ctx  # noqa: F401
from tests.test_service_flow import close_print_previews, settle, type_text  # noqa: F401


def test_a_card_fee_without_its_reference_is_refused_and_nothing_is_written(session):
    with pytest.raises(ValidationError, match="payment card's serial"):
        submit(session, "sim_replace", local_line(), sim_serial="89860112345678901299", reason="damaged",
               id_checked=True, fee_method="card")
    assert not Payment.select().where(Payment.kind == "fee").exists()


def test_the_clerk_types_the_pos_reference_and_it_reaches_the_payment_and_the_slip(ctx, qtbot):  # noqa: F811
    from counter_app.documents import slip

    line = local_line()
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    ctx.select_customer(line.id)
    verify(ctx.session, line)  # the subscriber showed their ID card (a SIM replacement needs it)
    panel.open_business("sim_replace")
    ops_done(qtbot)
    form = panel.form
    assert not form.fee_reference.isVisible()
    form.fee_method.setCurrentIndex(form.fee_method.findData("pos"))
    assert form.fee_reference.isVisible()
    type_text(qtbot, form.editors["sim_serial"], "89860112345678901298")
    form.editors["reason"].setCurrentIndex(1)
    qtbot.keyClick(form.id_checked, Qt.Key.Key_Space)
    panel.preview_button.click()
    ops_done(qtbot)
    assert panel.stack.currentIndex() == PAGE_FORM
    assert "POS slip" in panel.form_message.text()
    type_text(qtbot, form.fee_reference, "000123456789")
    panel.preview_button.click()
    ops_done(qtbot)
    assert panel.stack.currentIndex() == PAGE_PREVIEW, panel.form_message.text()
    assert "000123456789" in panel.slip_view.text()
    settle(qtbot)
    panel.open_business("sim_replace")  # a fresh form for the commit helper
    ops_done(qtbot)
    panel.form.fee_method.setCurrentIndex(panel.form.fee_method.findData("pos"))
    type_text(qtbot, panel.form.fee_reference, "000123456789")
    order = commit(panel, qtbot, "sim_replace", {"sim_serial": "89860112345678901297", "reason": 1}, reopen=False)
    fee = Payment.get((Payment.order_id == order.id) & (Payment.kind == "fee"))
    assert (fee.method, fee.reference) == ("pos", "000123456789")
    text = pdf_text(slip.build(orders.slip_data(ctx.session, order)))
    assert "参考号 Ref. 000123456789" in text
    settle(qtbot)
