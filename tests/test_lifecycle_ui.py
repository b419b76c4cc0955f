"""A line's state at the counter: the business list greys out what the line's state refuses
(and says why, in the clerk's language), the form refuses before the customer signs, and
解挂, 过户, repair close and pickup run end to end through the widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from counter_app.models import Account, Customer, Job, ServiceOrder, Staff
from counter_app.services import orders
from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_FORM, PAGE_PREVIEW, ServiceFlowPanel
from counter_app.ui.i18n import install_translations
from tests.helpers import ops_done
from tests.service_data import local_line, submit, verify
from tests.test_service_flow import STROKES, close_print_previews, settle, type_text  # noqa: F401


@pytest.fixture
def ctx(session, db_path):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext

    install_translations(QApplication.instance(), "en")
    session.lang = "en"
    return AppContext(session, TerminalConfig(mode="counter", lang="en"), str(db_path))


def row_of(panel: ServiceFlowPanel, code: str) -> int:
    return next(n for n, (b, _) in enumerate(panel.model.items) if b.code == code)


def refusal(panel: ServiceFlowPanel, code: str) -> str | None:
    index = panel.model.index(row_of(panel, code), 0)
    if panel.model.flags(index) & Qt.ItemFlag.ItemIsEnabled:
        return None
    return index.data(Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def zh_ctx(ctx):
    install_translations(QApplication.instance(), "zh_CN")
    ctx.session.lang = "zh_CN"
    yield ctx
    install_translations(QApplication.instance(), "en")


def test_a_lost_line_greys_out_what_it_refuses_with_the_state_in_chinese(zh_ctx, qtbot):
    line = local_line()
    submit(zh_ctx.session, "loss_report", line, id_checked=True)
    panel = ServiceFlowPanel(zh_ctx)
    qtbot.addWidget(panel)
    zh_ctx.select_customer(line.id)
    ops_done(qtbot)
    for code in ("puk_unlock", "plan_change", "sp_subscribe", "resume"):
        reason = refusal(panel, code)
        assert reason and "已挂失" in reason and "active" not in reason and "lost" not in reason, reason
    assert refusal(panel, "loss_cancel") is None and refusal(panel, "sim_replace") is None
    assert "号码" in refusal(panel, "puk_unlock")  # the whole sentence is translated, not only the names


def test_after_a_suspension_the_list_offers_resume_and_no_second_suspension(ctx, qtbot):
    line = local_line()
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    ctx.select_customer(line.id)
    ops_done(qtbot)
    assert refusal(panel, "resume") and refusal(panel, "suspend") is None
    commit(panel, qtbot, "suspend", {"reason": 0})
    ops_done(qtbot)
    assert refusal(panel, "suspend") and refusal(panel, "resume") is None
    assert panel.who.text().endswith("· suspended")
    settle(qtbot)


def test_the_form_refuses_a_business_the_line_lost_meanwhile_before_the_customer_signs(ctx, qtbot):
    line = local_line()
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    ctx.select_customer(line.id)
    verify(ctx.session, line)  # the subscriber showed their ID card (the dialog: tests/regulatory)
    panel.open_business("puk_unlock")
    ops_done(qtbot)
    submit(ctx.session, "loss_report", line, id_checked=True)  # another counter, meanwhile
    panel.preview_button.click()
    ops_done(qtbot)
    assert panel.stack.currentIndex() == PAGE_FORM
    assert "reported lost" in panel.form_message.text()


def commit(panel: ServiceFlowPanel, qtbot, code: str, values: dict, reopen: bool = True) -> ServiceOrder:
    if reopen:
        panel.open_business(code)
    ops_done(qtbot)
    assert panel.stack.currentIndex() == PAGE_FORM
    for name, value in values.items():
        editor = panel.form.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(value)
        elif isinstance(editor, (QLineEdit, QPlainTextEdit)):
            type_text(qtbot, editor, value)
        else:
            assert isinstance(editor, QLabel)
    if panel.form.id_checked is not None:
        qtbot.keyClick(panel.form.id_checked, Qt.Key.Key_Space)
    panel.preview_button.click()
    ops_done(qtbot)
    assert panel.stack.currentIndex() == PAGE_PREVIEW, panel.form_message.text()
    panel.signature.set_strokes(STROKES)
    panel.confirm_button.click()
    qtbot.waitUntil(lambda: panel.stack.currentIndex() == PAGE_DONE and panel.slip_path is not None, timeout=10000)
    assert panel.slip_path.read_bytes().startswith(b"%PDF")
    return ServiceOrder.select().where(ServiceOrder.business_code == code).order_by(ServiceOrder.created_at.desc(),
                                                                                     ServiceOrder.id.desc()).first()


def test_loss_cancel_transfer_repair_close_and_pickup_through_the_widgets(ctx, qtbot):
    ctx.session.staff = Staff.get_by_id("2001")
    line = local_line()
    owner = Customer.get_by_id(line.customer_id)
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    ctx.select_customer(line.id)

    submit(ctx.session, "loss_report", line, id_checked=True)
    panel.set_customer(line.id)
    ops_done(qtbot)
    commit(panel, qtbot, "loss_cancel", {})
    assert Account.get_by_id(line.id).status == "active"
    settle(qtbot)

    verify(ctx.session, line)  # the owner showed their ID card (过户 needs it)
    panel.open_business("transfer")
    ops_done(qtbot)
    assert panel.form.id_checked.text() == "Both ID cards checked (real-name rule)"
    commit(panel, qtbot, "transfer", {"owner_id_number": owner.id_number, "new_name": "孙丽",
                                       "new_id_number": "370102197501010017", "service_password": "112233"})
    assert Account.get_by_id(line.id).customer.name == "孙丽"
    settle(qtbot)

    intake = submit(ctx.session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237518", fault="不开机")
    panel.set_customer(line.id)
    ops_done(qtbot)
    commit(panel, qtbot, "repair_close", {"job": 0, "result": 0, "charge": "35"})
    assert Job.get(Job.order_id == intake.id).status == "ready"
    settle(qtbot)
    claim = orders.slip_data(ctx.session, intake).qr_text
    pickup = commit(panel, qtbot, "repair_pickup", {"claim": claim})
    assert pickup.fee_fen == 3500 and Job.get(Job.order_id == intake.id).status == "picked_up"
    settle(qtbot)
