"""Every key of the counter window, pressed in the full window as a clerk would: from the
customer field, from the amount field and from the tabs themselves, with and without a
customer's ticket in service. No key is bound twice, and README.md lists the same map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import Account, CounterState, Payment, Staff, Ticket
from counter_app.services import ledger, queue
from counter_app.ui.context import AppContext
from counter_app.ui.counter import keys
from counter_app.ui.counter.service_flow import PAGE_PICK
from counter_app.ui.printing import close_previews, open_previews
from tests.helpers import ops_done
from tests.service_data import verify

ROOT = Path(__file__).resolve().parent.parent
FOCUS = ("customer field", "amount field", "tab")


def press(qtbot, window, sequence: str) -> None:
    """The key goes to whatever has the focus, as it would at the counter."""
    combo = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    ops_done(qtbot)


def owing_line() -> Account:
    """A line that owes money and has bills (its records can be shown)."""
    from counter_app.models import Bill

    billed = Account.select().join(Bill, on=(Bill.account == Account.id)).where(Account.home_city == "济南") \
        .distinct().order_by(Account.phone)
    return next(a for a in billed if ledger.amount_due(a.id) > 0)


@pytest.fixture
def window(session, db_path, qtbot, frozen_clock):
    from counter_app.ui.counter.window import CounterWindow

    session.staff = Staff.get_by_id("1004")  # 刘洋: may reverse, serves every category
    for _ in range(12):
        queue.take_ticket(session, "payment")
    win = CounterWindow(AppContext(session, TerminalConfig(), str(db_path)))
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    ops_done(qtbot)
    yield win
    close_previews()
    ops_done(qtbot)
    win._leaving = True  # the test leaves the customer in service on purpose
    win.close()


def dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
            and w.objectName() != "printPreview"]


def close_dialogs() -> None:
    for dialog in dialogs():
        dialog.reject()
    close_previews()


def put_focus(qtbot, window, where: str, tab: QWidget | None) -> None:
    """The clerk's cursor in the customer field, in the amount field, or on a tab."""
    close_dialogs()
    window.activateWindow()
    if where == "customer field":
        window.identify.query.setFocus()
        target = window.identify.query
    elif where == "amount field":
        window.tabs.setCurrentWidget(window.payment_panel)
        window.payment_panel.amount.setFocus()
        target = window.payment_panel.amount
    else:
        window.tabs.setCurrentWidget(tab or window.customer_page)
        window.tabs.tabBar().setFocus()
        target = window.tabs.tabBar()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)


def serving(window) -> Ticket | None:
    return queue.current_ticket(window.ctx.session, window.queue_panel.number)


@pytest.mark.parametrize("where", FOCUS)
@pytest.mark.parametrize("in_service", [False, True], ids=["no ticket", "ticket in service"])
def test_every_key_works_from_anywhere_in_the_window(window, qtbot, monkeypatch, where, in_service):
    from counter_app.ui.counter.queue_panel import TransferDialog

    ctx, panel, pay = window.ctx, window.queue_panel, window.payment_panel
    line = owing_line()
    transfers = []
    monkeypatch.setattr(TransferDialog, "exec", lambda dialog: transfers.append(dialog) or QDialog.DialogCode.Rejected)

    def setup() -> None:
        """Before each key: a ticket in service or none, the customer chosen, no dialog."""
        close_dialogs()
        if in_service and serving(window) is None:
            window.queue_panel.actions["next"].trigger()
            ops_done(qtbot)
        if not in_service and serving(window) is not None:
            window.queue_panel.actions["finish"].trigger()
            ops_done(qtbot)
        if ctx.current_account != line.id:
            ctx.select_customer(line.id)
            ops_done(qtbot)
        panel.message.clear()

    checks = {}

    def check(name, tab=None):
        def register(fn):
            checks[name] = (fn, tab)
            return fn
        return register

    @check("next")
    def _next():
        before = serving(window)
        press(qtbot, window, "F1")
        now = serving(window)
        assert now is not None and (before is None or now.id != before.id)
        assert panel.code.text() == now.code

    @check("recall")
    def _recall():
        before = serving(window)
        press(qtbot, window, "F2")
        if in_service:
            assert serving(window).recalls == before.recalls + 1
        else:
            assert serving(window) is None and panel.message.text() == ""  # nothing to recall: nothing happens

    @check("transfer")
    def _transfer():
        press(qtbot, window, "F3")
        assert len(transfers) == (1 if in_service else 0)
        transfers.clear()

    @check("noshow")
    def _noshow():
        before = serving(window)
        press(qtbot, window, "F4")
        if in_service:
            assert Ticket.get_by_id(before.id).status in ("waiting", "noshow") and serving(window) is None
        else:
            assert serving(window) is None

    @check("finish")
    def _finish():
        before = serving(window)
        press(qtbot, window, "F5")
        if in_service:
            assert Ticket.get_by_id(before.id).status == "done"
        assert serving(window) is None

    @check("pause")
    def _pause():
        press(qtbot, window, "F6")
        state = CounterState.get(CounterState.counter_number == panel.number)
        if in_service:
            assert state.status != "paused" and panel.message.text()  # refused while serving, and said why
        else:
            assert state.status == "paused"
            press(qtbot, window, "F6")
            assert CounterState.get(CounterState.counter_number == panel.number).status != "paused"

    @check("find")
    def _find():
        press(qtbot, window, "Ctrl+F")
        assert QApplication.focusWidget() is window.identify.query

    @check("business")
    def _business():
        press(qtbot, window, "F9")
        assert window.tabs.currentWidget() is window.service_flow
        assert window.service_flow.stack.currentIndex() == PAGE_PICK
        assert QApplication.focusWidget() is window.service_flow.list

    status: list[str] = []
    ctx.statusMessage.connect(status.append)

    @check("plan")
    def _plan():
        from counter_app.services import guidance
        from counter_app.ui.counter.service_flow import PAGE_FORM

        best = guidance.recommend(ctx.session, line.phone).best
        status.clear()
        press(qtbot, window, "Ctrl+G")
        if best is not None:  # the plan change form, the cheaper plan chosen
            flow = window.service_flow
            assert window.tabs.currentWidget() is flow and flow.stack.currentIndex() == PAGE_FORM
            assert flow.biz.code == "plan_change" and flow.form.values()["plan"] == best.code
        else:
            assert status == ["No cheaper plan to offer this customer."]

    @check("verify")
    def _verify():
        press(qtbot, window, "Ctrl+I")  # the customer's tab comes forward with the verification dialog
        assert window.tabs.currentWidget() is window.customer_page
        opened = [d for d in dialogs() if d.objectName() == "verifyDialog"]
        assert len(opened) == 1 and line.phone in opened[0].windowTitle()

    for name, shortcut in (("cash", "Alt+1"), ("pos", "Alt+2"), ("card", "Alt+3"), ("remote", "Alt+4")):
        def _method(name=name, shortcut=shortcut):
            press(qtbot, window, shortcut)
            assert window.tabs.currentWidget() is pay and pay.method == name
            assert QApplication.focusWidget() is pay.amount
        check(name, pay)(_method)

    @check("due", pay)
    def _due():
        press(qtbot, window, "Ctrl+D")
        assert window.tabs.currentWidget() is pay
        qtbot.waitUntil(lambda: pay.amount.text() != "")
        from counter_app.money import parse_yuan

        assert parse_yuan(pay.amount.text()) == ledger.amount_due(line.id)
        pay.amount.clear()

    @check("confirm", pay)
    def _confirm():
        window.tabs.setCurrentWidget(pay)
        put_focus(qtbot, window, where, pay)
        pay.message.clear()
        press(qtbot, window, "Ctrl+Return")  # an empty amount: the panel says so, nothing is stored
        assert pay.message.text() != "" and Payment.select().count() == 0

    @check("reverse", pay)
    def _reverse():
        press(qtbot, window, "Ctrl+R")
        assert window.tabs.currentWidget() is pay
        assert pay.dialog is not None and pay.dialog.objectName() == "reversalDialog" and pay.dialog.isVisible()

    @check("handover", pay)
    def _handover():
        press(qtbot, window, "Ctrl+H")
        assert pay.dialog is not None and pay.dialog.isVisible() and pay.dialog.windowTitle() == "Shift handover"

    bills = window.statement_panel
    for name, shortcut, page in (("bill", "Ctrl+1", 0), ("records", "Ctrl+2", 1), ("fees", "Ctrl+3", 2)):
        def _statement(shortcut=shortcut, page=page):
            if shortcut == "Ctrl+2":  # detailed records are the subscriber's: their ID card was checked
                verify(ctx.session, line)
            press(qtbot, window, shortcut)
            ops_done(qtbot)  # whether the subscriber was verified is read on a worker
            assert window.tabs.currentWidget() is bills and bills.pages.currentIndex() == page
        check(name, bills)(_statement)

    @check("print", bills)
    def _print():
        window.tabs.setCurrentWidget(bills)
        bills.show_fees()
        ops_done(qtbot)
        put_focus(qtbot, window, where, bills)
        if where == "amount field":  # the Payment tab is in front: Ctrl+P prints the chosen receipt
            pay.message.clear()
            press(qtbot, window, "Ctrl+P")
            assert "Select a payment" in pay.message.text()
        else:
            press(qtbot, window, "Ctrl+P")
            qtbot.waitUntil(lambda: any(d.kind == "fees" for d in open_previews()))
        close_previews()

    complaints = window.complaints_panel

    @check("complaint", complaints)
    def _complaint():
        press(qtbot, window, "Ctrl+N")
        assert window.tabs.currentWidget() is complaints
        qtbot.waitUntil(lambda: complaints.dialog is not None and complaints.dialog.isVisible())
        complaints.dialog.reject()
        complaints.dialog = None

    @check("refund", complaints)
    def _refund():
        press(qtbot, window, "Ctrl+Shift+R")  # no SP complaint chosen: the tab comes, nothing opens
        assert window.tabs.currentWidget() is complaints and dialogs() == []

    signed_out = []
    window.signedOut.connect(lambda: signed_out.append(1))

    @check("sign_out")
    def _sign_out():
        press(qtbot, window, "Ctrl+Shift+L")
        if in_service:  # a customer at the counter: asked first, "Stay" is the default
            question = window.findChild(QWidget, "leaveQuestion")
            assert question is not None and question.isVisible() and "still being served" in question.text()
            qtbot.keyClick(question, Qt.Key.Key_Return)
            assert signed_out == []
        else:
            assert signed_out == [1]
        signed_out.clear()

    assert set(checks) == {k.name for k in keys.KEYS}  # every key of the map is pressed here
    for fn, tab in checks.values():
        setup()
        put_focus(qtbot, window, where, tab)
        fn()
    assert shiboken6.isValid(window)


def test_no_two_actions_of_the_counter_window_share_a_key(window):
    seen: dict[str, str] = {}
    for obj in window.findChildren(QAction) + window.findChildren(QShortcut):
        sequences = obj.shortcuts() if isinstance(obj, QAction) else [obj.key()]
        context = obj.shortcutContext() if isinstance(obj, QAction) else obj.context()
        if context == Qt.ShortcutContext.WidgetShortcut:
            continue  # only where its own widget has the focus (Esc on a flow page, 1–5 on the last one)
        for sequence in sequences:
            text = sequence.toString()
            if not text:
                continue
            if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
                text = f"{text} in {obj.parent().objectName() or type(obj.parent()).__name__}"
            assert text not in seen, f"{text} is bound to {seen[text]} and to {obj.objectName() or obj}"
            seen[text] = obj.objectName() or str(obj)
    assert {"F1", "F5", "F6", "Alt+1", "Alt+2", "Ctrl+R", "Ctrl+P", "Ctrl+H"} <= set(seen)


def test_the_readme_lists_the_counter_keys_as_the_window_binds_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Counter window keys", 1)[1].split("\n## ", 1)[0]
    listed = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|$", section, re.MULTILINE))
    assert set(listed) == {keys.shown_key(k.name) for k in keys.KEYS}


def test_a_digit_typed_in_the_customer_field_is_a_digit_even_on_the_rating_page(window, qtbot):
    """The rating keys 1–5 belong to the last page of a business, not to the window."""
    from counter_app.models import Rating
    from counter_app.ui.counter.service_flow import PAGE_DONE
    from tests.service_data import local_line, submit

    flow = window.service_flow
    window.tabs.setCurrentWidget(flow)
    flow.order = submit(window.ctx.session, "puk_unlock", local_line())
    flow.stack.setCurrentIndex(PAGE_DONE)
    window.identify.query.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.identify.query)
    qtbot.keyClicks(window.identify.query, "135")
    ops_done(qtbot)
    assert window.identify.query.text() == "135" and Rating.select().count() == 0
    flow.done_page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.done_page)
    press(qtbot, window, "4")
    assert Rating.get().score == 4
