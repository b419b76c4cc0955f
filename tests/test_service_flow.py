"""The form-free flow through the real widgets: a clerk at the keyboard identifies the
customer, does the business, the customer signs, the slip prints; every business of the
catalogue end to end."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Customer, Job, Rating, ServiceOrder, SpSubscription, Staff
from counter_app.services import slipqr
from counter_app.ui.context import AppContext
from counter_app.ui.counter.service_flow import PAGE_DONE, PAGE_FORM, PAGE_PREVIEW, ServiceFlowPanel
from counter_app.ui.i18n import install_translations
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import decode_qr, ops_done, rasterize
from tests.service_data import local_line, verify

STROKES = [[(0.1, 0.7), (0.2, 0.3), (0.3, 0.75), (0.45, 0.25), (0.6, 0.7), (0.75, 0.35), (0.9, 0.6)],
           [(0.15, 0.5), (0.85, 0.45)]]


def settle(qtbot) -> None:
    """Let every started task finish and report, and close the print previews they opened
    (a commit starts the print from its own callback, so repeat until nothing runs)."""
    from PySide6.QtCore import QThreadPool
    from shiboken6 import isValid

    from counter_app.ui.printing import open_previews

    quiet = 0
    for _ in range(40):
        wait_for_tasks()
        qtbot.wait(20)
        for dialog in open_previews():
            if isValid(dialog):
                dialog.done(0)
        # Twice in a row: a callback may have started a task that finished but not yet reported.
        quiet = quiet + 1 if QThreadPool.globalInstance().activeThreadCount() == 0 and not open_previews() else 0
        if quiet == 2:
            break


@pytest.fixture(autouse=True)
def close_print_previews(qtbot):
    """No test leaves a print preview behind for the next."""
    yield
    settle(qtbot)


@pytest.fixture
def ctx(session, db_path):
    install_translations(QApplication.instance(), "en")
    session.lang = "en"
    return AppContext(session, TerminalConfig(mode="counter", lang="en"), str(db_path))


class Keys:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        self.qtbot.keyClick(target, key, modifier)
        self.count += 1
        ops_done(self.qtbot)  # a clerk's next key comes after what this one started has shown

    def type(self, text: str) -> None:
        for ch in text:
            if ch.isascii():
                self.press(ch)
            else:  # Chinese arrives through the input method, committed as text
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(QApplication.focusWidget(), event)


@pytest.fixture
def window(ctx, qtbot):
    from counter_app.ui.counter.window import CounterWindow

    # Not qtbot.addWidget: pytest-qt would delete the window before the tasks it started
    # have reported; this fixture settles them first.
    win = CounterWindow(ctx)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.identify.query)
    yield win
    settle(qtbot)
    win.close()
    win.deleteLater()
    qtbot.wait(10)


def type_text(qtbot, editor, text: str) -> None:
    """Latin keys as key presses, Chinese as the input method commits it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(editor, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(editor, event)


def sign(qtbot, pad) -> None:
    """The customer signs with the mouse."""
    w, h = pad.width(), pad.height()
    stroke = STROKES[0]
    points = [QPoint(int((x0 + (x1 - x0) * t / 4) * w), int((y0 + (y1 - y0) * t / 4) * h))
              for (x0, y0), (x1, y1) in zip(stroke, stroke[1:], strict=False) for t in range(4)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(pad, p)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def identify(qtbot, window, text: str) -> None:
    keys = Keys(qtbot)
    keys.type(text)
    keys.press(Qt.Key.Key_Return)
    if window.identify.results.isVisible():  # a customer with two lines: Enter takes the first
        keys.press(Qt.Key.Key_Return)
    view = window.customer_view
    qtbot.waitUntil(lambda: view.view is not None)


def test_a_clerk_identifies_by_id_number_changes_the_plan_in_four_keys_and_prints_a_verifiable_slip(
        window, qtbot, tmp_path):
    line = local_line()
    customer = Customer.get_by_id(line.customer_id)
    identify(qtbot, window, customer.id_number)
    qtbot.waitUntil(lambda: window.customer_view.fields["name"].text() == customer.name)
    assert window.tabs.currentWidget() is window.customer_page
    assert AuditEvent.select().where(AuditEvent.action == "customer.view").count() == 1

    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F9)          # the business list
    keys.press("3")                    # 3 = plan change
    keys.press(Qt.Key.Key_Down)        # the first other plan
    keys.press(Qt.Key.Key_Return)      # slip preview
    flow = window.service_flow
    assert flow.stack.currentIndex() == PAGE_PREVIEW, flow.form_message.text()
    assert keys.count <= 5
    assert "Plan change" in flow.slip_view.text() and customer.name in flow.slip_view.text()

    sign(qtbot, flow.signature)
    assert flow.confirm_button.isEnabled()
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # an impatient second confirm
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == PAGE_DONE and flow.slip_path is not None, timeout=10000)
    order = ServiceOrder.get()
    assert ServiceOrder.select().count() == 1
    assert order.business_code == "plan_change" and Account.get_by_id(line.id).next_plan_id
    from PIL import Image

    signature = Image.open(io.BytesIO(order.signature_png)).convert("L")
    assert signature.getextrema()[0] < 80  # the strokes the customer drew are on the slip's image
    assert order.order_no in flow.done_label.text()
    codes = decode_qr(rasterize(flow.slip_path.read_bytes(), tmp_path, dpi=200)[0])
    assert [slipqr.parse(c).order_id for c in codes] == [order.id]
    from counter_app.ui.printing import open_previews

    qtbot.waitUntil(lambda: len(open_previews()) == 1)  # the slip waits in the print preview
    keys.press(Qt.Key.Key_Escape)  # printed (or not): back to the counter
    qtbot.waitUntil(lambda: not open_previews() and QApplication.focusWidget() is flow.done_page)
    keys.press("5")
    assert Rating.get(Rating.order_id == order.id).score == 5
    qtbot.waitUntil(lambda: "Plan change" in " ".join(str(r) for r in window.customer_view.orders.rows))


def test_a_puk_unlock_takes_three_keys_to_the_preview(window, qtbot):
    line = local_line()
    identify(qtbot, window, line.phone)
    verify(window.ctx.session, line)  # the verification dialog's own keys: tests/regulatory
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F9)
    keys.press("8")
    keys.press(Qt.Key.Key_Return)
    assert window.service_flow.stack.currentIndex() == PAGE_PREVIEW
    assert keys.count == 3


def test_a_wrong_id_number_says_what_is_wrong_in_the_bar(window, qtbot):
    keys = Keys(qtbot)
    keys.type("110105194912310021")
    keys.press(Qt.Key.Key_Return)
    assert "check digit" in window.identify.message.text()
    assert window.customer_view.view is None


def test_namesakes_are_listed_with_masked_ids_and_enter_picks_one(window, qtbot, qtmodeltester):
    from peewee import fn

    head = fn.SUBSTR(Customer.name, 1, 2)
    surname = Customer.select(head.alias("h")).group_by(head).order_by(fn.COUNT(Customer.id).desc()).scalar()
    keys = Keys(qtbot)
    keys.type(surname)
    keys.press(Qt.Key.Key_Return)
    results = window.identify.results
    qtbot.waitUntil(results.isVisible)
    qtmodeltester.check(window.identify.results_model)
    assert "********" in results.model().index(0, 0).data()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.customer_view.view is not None)
    assert window.customer_view.view.name.startswith(surname)


def test_the_customer_views_tables_are_sound_models(window, qtbot, qtmodeltester):
    identify(qtbot, window, local_line().phone)
    view = window.customer_view
    for model in (view.bills, view.services, view.orders, view.complaints, view.visits):
        qtmodeltester.check(model)
    qtmodeltester.check(window.service_flow.model)


def test_pay_bill_hands_over_to_the_payment_panel(window, qtbot):
    identify(qtbot, window, local_line().phone)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F9)
    keys.press("1")
    assert window.tabs.currentWidget() is window.payment_panel


def test_a_clerk_without_the_specialty_sees_new_subscription_refused(ctx, qtbot):
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    ops_done(qtbot)
    biz_row = next(n for n, (b, _) in enumerate(panel.model.items) if b.code == "new_subscription")
    assert "specialty" in panel.model.index(biz_row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not panel.model.flags(panel.model.index(biz_row, 0)) & Qt.ItemFlag.ItemIsEnabled


# -- every business of the catalogue ---------------------------------------------------------

def _first_sub(line) -> str:
    return SpSubscription.get((SpSubscription.account == line.id) & SpSubscription.end_date.is_null()).id.hex


CASES = {
    # code: (what the clerk types or picks: field -> text, or a combo index; check afterwards)
    "new_subscription": ({"name": "周晓明", "id_number": "11010519491231002X", "address": "济南市泉城路1号",
                          "new_phone": "18612345678", "plan": 1, "sim_serial": "89860112345678901234",
                          "service_password": "246810"}, lambda o: Account.get(Account.phone == "18612345678")),
    "plan_change": ({"plan": 0}, lambda o: Account.get_by_id(o.account_id).next_plan_id),
    "sim_replace": ({"sim_serial": "89860112345678901235", "reason": 1}, lambda o: o.fee_fen == 2000),
    "suspend": ({"reason": 0}, lambda o: Account.get_by_id(o.account_id).status == "suspended"),
    "loss_report": ({"lost_at": "公交车"}, lambda o: Account.get_by_id(o.account_id).status == "lost"),
    "puk_unlock": ({}, lambda o: o.effect_data["sim_serial"]),
    "sp_subscribe": ({"service": 0}, lambda o: o.effect_data["subscription_id"]),
    "sp_cancel": ({"subscription": 0}, lambda o: SpSubscription.get_by_id(o.effect_data["subscription_id"]).end_date),
    "phonebook": ({"handset": "摩托罗拉 V3", "entries": "120"}, lambda o: Job.get(Job.order_id == o.id)),
    "repair_intake": ({"handset": "诺基亚", "imei": "490154203237518", "fault": "不开机"},
                      lambda o: Job.get(Job.order_id == o.id).status == "open"),
    "value_card": ({"face_value": 0, "serials": "VC0000001"}, lambda o: o.fee_fen == 5000),
    "invoice": ({}, lambda o: o.fields["values"]["month"]),
    "statement_print": ({}, lambda o: o.fields["values"]["month"]),
    "complaint": ({"category": 2, "description": "信号差"}, lambda o: o.effect_data["complaint_no"]),
    "sp_dispute": ({"subscription": 0, "description": "未订购被扣费"}, lambda o: o.effect_data["complaint_no"]),
}


def sp_line():
    return (Account.select().join(SpSubscription).where((Account.home_city == "济南") & SpSubscription.end_date.is_null()
                                                        & (Account.status == "active")).order_by(Account.phone).first())


@pytest.mark.parametrize("code", [*CASES, "resume"])
def test_every_business_end_to_end_through_the_widgets(ctx, qtbot, code):
    if code == "new_subscription":
        ctx.session.staff = Staff.get_by_id("1002")
    line = sp_line()
    if code == "resume":  # a suspended line comes back
        Account.update(status="suspended").where(Account.id == line.id).execute()
    values, check = CASES.get(code, ({}, lambda o: Account.get_by_id(o.account_id).status == "active"))
    panel = ServiceFlowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    if code not in ("new_subscription", "value_card"):
        ctx.select_customer(line.id)
    ops_done(qtbot)
    if code in ("sim_replace", "loss_report", "puk_unlock", "sp_subscribe", "statement_print"):
        verify(ctx.session, line)  # the subscriber showed their ID card (dialog: tests/regulatory)
    if code == "invoice":  # a request covers what the customer paid this month
        from counter_app.services import payments

        payments.take_payment(ctx.session, account_id=line.id, method="cash", amount_fen=5000, idempotency_key="inv")
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
    order = ServiceOrder.get(ServiceOrder.business_code == code)
    assert check(order)
    assert panel.slip_path.read_bytes().startswith(b"%PDF")
    settle(qtbot)  # while the panel, the preview's parent, still lives


def test_from_the_customer_view_a_clerk_reprints_and_a_manager_voids_todays_order(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from tests.service_data import submit

    line = local_line()
    order = submit(window.ctx.session, "suspend", line, reason="travel")
    identify(qtbot, window, line.phone)
    view = window.customer_view
    qtbot.waitUntil(lambda: len(view.orders.rows) == 1)
    view.reprint_button.click()
    qtbot.waitUntil(lambda: ServiceOrder.get_by_id(order.id).prints == 1)

    refused = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("客户改主意", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: refused.append(args[2]))
    view.void_button.click()  # a clerk may not
    ops_done(qtbot)
    assert refused and "manager" in refused[0]
    window.ctx.session.staff = Staff.get_by_id("2001")
    view.void_button.click()
    ops_done(qtbot)
    assert ServiceOrder.get_by_id(order.id).status == "voided"
    assert Account.get_by_id(line.id).status == "active"
    qtbot.waitUntil(lambda: view.orders.rows and view.orders.rows[0][3] == "voided")


def test_the_customer_can_sign_with_a_finger_and_start_again(qtbot):
    from PySide6.QtTest import QTest

    from counter_app.ui.widgets.signature import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(20, 100), pad).commit()
    for x in range(30, 380, 20):
        QTest.touchEvent(pad, finger).move(0, QPoint(x, 100 - (x % 60)), pad).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(380, 60), pad).commit()
    assert not pad.is_empty()
    pad.clear()
    assert pad.is_empty()
