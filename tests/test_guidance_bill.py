"""The plan specialist's advice (消费引导) and the club's privileges (俱乐部会员权益) where the
customer reads their bill: the printed bill (read back with pypdf), the kiosk's bill after the
service password, and Ctrl+G at the counter, which opens the plan change form with the cheaper
plan already chosen."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.documents import bill as bill_pdf
from counter_app.models import Account, Customer, Staff
from counter_app.services import statements
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from tests.helpers import ops_done
from tests.test_guidance import give_usage, on_plan


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def light_user(demo_db):
    """A line on the 88 plan that uses 60 local minutes and 10 messages a month: the 18 card
    would save it 58.20 yuan a month (tests/test_guidance.py computes it by hand)."""
    from counter_app.models import Bill

    billed = Account.select().join(Bill, on=(Bill.account == Account.id)).where(Account.status == "active") \
        .order_by(Account.phone).first()
    line = on_plan(billed, "RY88")
    Customer.update(vip_tier="", vip_member_no=None).where(Customer.id == line.customer_id).execute()
    give_usage(line, out_local_min=60, sms=10)
    return line


def latest_month(session, line: Account) -> str:
    return statements.available_months(session, line.phone)[0]


def test_the_printed_bill_offers_the_cheaper_plan_and_says_nothing_when_the_plan_is_cheapest(session, light_user):
    month = latest_month(session, light_user)
    data = statements.bill_data(session, light_user.phone, month, lang="zh_CN")
    assert data.advice is not None and data.advice.plan_code == "SQ18" and data.advice.saving_month_fen == 5820
    text = pdf_text(bill_pdf.build(data))
    assert "套餐建议" in text and "神奇卡18元月租" in text and "58.20" in text
    assert "俱乐部会员权益" not in text  # not a club member

    english = pdf_text(bill_pdf.build(statements.bill_data(session, light_user.phone, month, lang="en")))
    assert "A cheaper plan for you" in english and "58.20" in english

    on_plan(light_user, "SQ18")  # now on the cheapest plan for that use
    cheapest = statements.bill_data(session, light_user.phone, month, lang="zh_CN")
    assert cheapest.advice is None
    assert "套餐建议" not in pdf_text(bill_pdf.build(cheapest))


def test_a_members_bill_lists_the_clubs_privileges_and_partner_discounts(session, light_user):
    Customer.update(vip_tier="gold", vip_member_no="VIP880001").where(Customer.id == light_user.customer_id).execute()
    data = statements.bill_data(session, light_user.phone, latest_month(session, light_user), lang="zh_CN")
    text = pdf_text(bill_pdf.build(data))
    assert "俱乐部会员权益" in text and "金卡会员" in text and "VIP880001" in text
    assert "手机维修期间免费借用备用机" in text and "齐鲁书城" in text and "图书9折" in text
    assert "舜耕山庄" not in text  # the diamond tier's partner


def test_the_kiosk_bill_shows_the_cheaper_plan_and_the_members_privileges(demo_db, db_path, light_user, qtbot,
                                                                           frozen_clock):
    from counter_app.ui.kiosk.bill_view import PAGE_BILL, KioskBillView

    Customer.update(vip_tier="diamond", vip_member_no="VIP880002").where(Customer.id == light_user.customer_id) \
        .execute()
    install_translations(QApplication.instance(), "zh_CN")
    try:
        ctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN"), str(db_path))
        view = KioskBillView(ctx)
        qtbot.addWidget(view)
        view.show()
        view.phone.setText(light_user.phone)
        view.password.setText("123456")
        view.show_button.click()
        qtbot.waitUntil(lambda: view.pages.currentIndex() == PAGE_BILL)
        ops_done(qtbot)
        text = view.bill_view.toPlainText()
        assert "神奇卡18元月租" in text and "58.20" in text
        assert "钻石卡会员" in text and "机场、火车站绿色通道" in text and "舜耕山庄" in text
        view.finish()
        assert "神奇卡18元月租" not in view.bill_view.toPlainText()  # the next customer sees nothing of it
    finally:
        install_translations(QApplication.instance(), "en")


@pytest.fixture
def counter(session, db_path, qtbot, frozen_clock):
    from counter_app.ui.counter.window import CounterWindow

    session.staff = Staff.get_by_id("1003")  # 张丽, a plan specialist
    win = CounterWindow(AppContext(session, TerminalConfig(), str(db_path)))
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    ops_done(qtbot)
    yield win
    ops_done(qtbot)
    win._leaving = True
    win.close()


def press_ctrl_g(qtbot, window) -> None:
    from PySide6.QtCore import Qt

    window.identify.query.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.identify.query)
    qtbot.keyClick(window.identify.query, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    ops_done(qtbot)


def test_ctrl_g_opens_the_plan_change_form_with_the_recommended_plan(counter, light_user, qtbot):
    from counter_app.ui.counter.service_flow import PAGE_FORM

    counter.ctx.select_customer(light_user.id)
    ops_done(qtbot)
    assert counter.customer_view.guidance_flag.isVisible()
    press_ctrl_g(qtbot, counter)
    flow = counter.service_flow
    assert counter.tabs.currentWidget() is flow and flow.stack.currentIndex() == PAGE_FORM
    assert flow.biz.code == "plan_change" and flow.form.values()["plan"] == "SQ18"


def test_ctrl_g_without_a_cheaper_plan_says_so_and_opens_nothing(counter, light_user, qtbot):
    from counter_app.ui.counter.service_flow import PAGE_PICK

    cheapest = on_plan(light_user, "SQ18")
    counter.ctx.select_customer(cheapest.id)
    ops_done(qtbot)
    messages: list[str] = []
    counter.ctx.statusMessage.connect(messages.append)
    press_ctrl_g(qtbot, counter)
    assert messages == ["No cheaper plan to offer this customer."]
    assert counter.service_flow.stack.currentIndex() == PAGE_PICK and counter.service_flow.form is None
