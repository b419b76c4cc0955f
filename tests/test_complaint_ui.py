"""Complaints through the real widgets: the clerk's panel (intake, 先行赔付, acknowledgment)
and the manager's tab (escalations, the monthly analysis, the limits)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from counter_app.config import TerminalConfig
from counter_app.models import Account, AuditEvent, Complaint, Payment, SpSubscription
from counter_app.money import format_yuan
from counter_app.services import complaints, customers, ledger
from counter_app.ui.context import AppContext
from counter_app.ui.counter.complaints_panel import ComplaintsPanel
from counter_app.ui.manager.complaints_tab import ComplaintsTab
from counter_app.ui.widgets.complaint_models import COL_FLAG
from counter_app.ui.worker import wait_for_tasks
from tests.complaint_data import line_with_sp_charges
from tests.helpers import ops_done, pdf_text


@pytest.fixture
def clerk_ctx(session, db_path):
    return AppContext(session, TerminalConfig(), str(db_path))


@pytest.fixture
def manager_ctx(manager_session, db_path):
    return AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path))


def identify(ctx, account) -> None:
    ctx.extra_summary = customers.find_by_phone(ctx.session, account.phone)
    ctx.select_customer(account.id)


def press(qtbot, panel, name: str, keys: str) -> None:
    from counter_app.ui.counter.keys import shown_key

    assert shown_key({"new": "complaint"}.get(name, name)) == keys  # the counter window's key for it
    panel.actions[name].trigger()  # what the key does
    ops_done(qtbot)


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_a_clerk_records_an_sp_complaint_refunds_it_and_prints_the_acknowledgment(
        clerk_ctx, qtbot, qtmodeltester, frozen_clock, tmp_path):
    account, items = line_with_sp_charges(min_recent=1)
    service = items[0].service_code
    balance = ledger.balance(account.id)
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    identify(clerk_ctx, account)
    ops_done(qtbot)
    panel.table.setFocus()

    press(qtbot, panel, "new", "Ctrl+N")
    intake = panel.dialog
    assert intake is not None and intake.isVisible()
    intake.category.setCurrentIndex(intake.category.findData("sp_charge"))
    intake.description.setPlainText("没有订购却每月扣费")
    for row in range(intake.subscriptions.count()):
        item = intake.subscriptions.item(row)
        if item.data(Qt.ItemDataRole.UserRole)[1] == service:
            item.setCheckState(Qt.CheckState.Checked)
    intake.submit()  # Ctrl+Enter
    intake.submit()  # ... pressed twice
    ops_done(qtbot)
    assert Complaint.select().count() == 1
    complaint = Complaint.get()
    assert complaint.deadline_at == frozen_clock.current + dt.timedelta(hours=24)
    assert panel.model.rows[0].complaint_no == complaint.complaint_no
    qtmodeltester.check(panel.model)

    press(qtbot, panel, "refund", "Ctrl+Shift+R")
    refund = panel.dialog
    qtmodeltester.check(refund.model)
    picked = refund.model.ticked_rows()
    assert picked and {i.service_code for i in picked} == {service}  # the complaint's service, pre-ticked
    total = sum(i.amount_fen for i in picked)
    assert format_yuan(total) in refund.total.text() and not refund.approval.isVisibleTo(refund)
    refund.cancel_sub.setChecked(True)
    refund.pay_button.click()
    refund.pay_button.click()  # a double click
    ops_done(qtbot)
    assert Payment.select().where(Payment.kind == "compensation").count() == 1
    assert ledger.balance(account.id) == balance + total
    assert SpSubscription.get((SpSubscription.account == account.id)
                              & (SpSubscription.service == service)).end_date == frozen_clock.current.date()
    assert panel.model.rows[0].status == "replied"

    press(qtbot, panel, "print", "Ctrl+P")
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=15_000)
    text = pdf_text(panel.preview.pdf_bytes)
    assert complaint.complaint_no in text and "12300" in text and format_yuan(total) in text
    panel.preview.save_to(tmp_path / "ack.pdf")  # what the preview's Save does: logged as a print
    ops_done(qtbot)
    assert AuditEvent.get(AuditEvent.action == "print").target == f"complaint_ack:{complaint.complaint_no}"
    panel.preview.reject()


def test_the_clerk_handles_a_complaint_step_by_step_in_the_panel(clerk_ctx, qtbot, frozen_clock):
    account = Account.select().order_by(Account.phone).first()
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    identify(clerk_ctx, account)
    complaint = complaints.open_complaint(clerk_ctx.session, account_id=account.id, category="attitude",
                                          description="营业员态度差")
    clerk_ctx.dataChanged.emit("complaints")
    ops_done(qtbot)
    panel.table.selectRow(0)
    ops_done(qtbot)
    box = panel.handling
    assert complaint.complaint_no in box.details.text()
    box.satisfied_button.click()
    ops_done(qtbot)
    assert "Reply to the customer" in box.message.text()  # nothing closed before a reply
    frozen_clock.advance(minutes=20)
    box.text.setPlainText("已致歉")
    box.reply_button.click()
    ops_done(qtbot)
    frozen_clock.advance(minutes=5)
    box.satisfied_button.click()
    ops_done(qtbot)
    stored = Complaint.get_by_id(complaint.id)
    assert (stored.status, stored.customer_view) == ("closed", "satisfied")
    history = box.history.toPlainText().splitlines()
    assert len(history) == 3 and "+0:20" in history[1] and "已致歉" in history[1] and "+0:25" in history[2]


def test_an_sp_refund_above_the_limit_waits_for_the_managers_password(clerk_ctx, manager_session, qtbot,
                                                                     frozen_clock):
    from counter_app.services import complaint_refunds as refunds

    account, items = line_with_sp_charges(min_recent=1)
    refunds.set_refund_limits(manager_session, months_back=3, amount_fen=1)
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    identify(clerk_ctx, account)
    complaints.open_complaint(clerk_ctx.session, account_id=account.id, category="sp_charge", description="误扣费",
                              linked=[{"kind": "sp_subscription", "service_code": items[0].service_code}])
    clerk_ctx.dataChanged.emit("complaints")
    ops_done(qtbot)
    panel.table.selectRow(0)
    panel.refund()
    ops_done(qtbot)
    dialog = panel.dialog
    assert dialog.approval.isVisibleTo(dialog) and "manager approves" in dialog.total.text()
    dialog.pay_button.click()
    ops_done(qtbot)
    assert "a manager must approve" in dialog.message.text()
    dialog.approver.setText("2001")
    dialog.password.setText("nope")
    dialog.pay_button.click()
    ops_done(qtbot)
    assert "refused" in dialog.message.text() and Payment.select().count() == 0
    dialog.password.setText("123456")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert Payment.select().where(Payment.kind == "compensation").count() == 1
    assert not dialog.isVisible()


def test_a_complaint_left_open_past_its_deadline_appears_escalated_on_the_managers_screen(
        session, clerk_ctx, manager_ctx, qtbot, qtmodeltester, frozen_clock):
    account = Account.select().order_by(Account.phone).first()
    late = complaints.open_complaint(session, account_id=account.id, category="sp_charge", description="扣费不明")
    complaints.open_complaint(session, account_id=account.id, category="network", description="没信号")
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    ops_done(qtbot)
    assert not panel.banner.isVisible()

    frozen_clock.advance(hours=20)  # 4 of 24 hours left
    panel.refresh()
    ops_done(qtbot)
    assert panel.banner.isVisible() and "1 near the deadline" in panel.banner.text()

    frozen_clock.advance(hours=5)  # past the deadline; nobody answered
    tabs = QTabWidget()
    tab = ComplaintsTab(manager_ctx)
    tabs.addTab(QTabWidget(), "Today")
    tabs.addTab(tab, "Complaints")
    shown(qtbot, tabs)
    qtbot.waitUntil(lambda: any(r.escalated for r in tab.model.rows), timeout=15_000)
    wait_for_tasks()
    qtmodeltester.check(tab.model)
    tab.refresh()
    ops_done(qtbot)
    first = tab.model.index(0, COL_FLAG).data()
    assert tab.model.rows[0].complaint_no == late.complaint_no and "Escalated" in first and "Overdue" in first
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "1 escalated to the manager" in tab.banner.text()
    assert tabs.tabBar().tabTextColor(1).name() == "#b00020"
    tab.filter.setCurrentIndex(tab.filter.findData("escalated"))
    ops_done(qtbot)
    assert [r.complaint_no for r in tab.model.rows] == [late.complaint_no]
    # the clerk's screen shows it too, and the timer's next run escalates nothing twice
    panel.escalation.check()
    ops_done(qtbot)
    assert "1 overdue" in panel.banner.text()
    assert Complaint.get_by_id(late.id).escalated_at == frozen_clock.current
    assert len([s for s in complaints.steps(session, late.id) if s.kind == "escalated"]) == 1


def test_the_manager_prints_the_monthly_analysis_and_sets_the_limits(manager_ctx, clerk_ctx, qtbot, frozen_clock):
    account = Account.select().order_by(Account.phone).first()
    complaints.open_complaint(manager_ctx.session, account_id=account.id, category="billing", description="多收费")
    tab = shown(qtbot, ComplaintsTab(manager_ctx))
    qtbot.waitUntil(lambda: "1 complaints" in tab.analysis_summary.text(), timeout=15_000)  # this month at a glance
    tab.analysis_month.setText("2026-11")
    tab.analysis_button.click()
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=15_000)
    assert "月度投诉分析" in pdf_text(tab.preview.pdf_bytes)
    tab.preview.reject()
    tab.preview = None
    tab.claims_button.click()
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=15_000)
    assert "SP先行赔付索赔清单" in pdf_text(tab.preview.pdf_bytes)
    tab.preview.reject()

    assert tab.save_limits.isEnabled()  # the stored values arrived with the list
    tab.hours["sp_charge"].setValue(12)
    tab.limit_yuan.setValue(30.5)
    tab.save_limits.click()
    ops_done(qtbot)
    assert complaints.deadline_hours("JN001")["sp_charge"] == 12
    from counter_app.services.complaint_refunds import refund_limits

    assert refund_limits("JN001").amount_fen == 3050
    clerk_tab = shown(qtbot, ComplaintsTab(clerk_ctx))  # a clerk opening it cannot change the limits
    ops_done(qtbot)
    clerk_tab.hours["billing"].setValue(5)
    clerk_tab.save_limits.click()
    ops_done(qtbot)
    assert "manager" in clerk_tab.limits_message.text()
    assert complaints.deadline_hours("JN001")["billing"] == 72
    wait_for_tasks()


def test_closing_the_managers_window_while_the_escalation_check_runs_is_harmless(manager_ctx, qtbot, frozen_clock):
    from PySide6.QtWidgets import QApplication

    complaints.open_complaint(manager_ctx.session, account_id=Account.select().first().id, category="sp_charge",
                              description="扣费不明")
    frozen_clock.advance(days=2)
    import shiboken6

    tab = ComplaintsTab(manager_ctx)
    tab.escalation.check()  # the timer fires: the check runs in a worker
    shiboken6.delete(tab)  # the window closes before the check reports
    wait_for_tasks()
    QApplication.processEvents()  # the worker's report arrives for a screen that is gone
    assert Complaint.get().escalated_at == frozen_clock.current


def test_a_complaint_names_the_bill_items_it_is_about_and_the_refund_ticks_just_those(clerk_ctx, qtbot,
                                                                                     frozen_clock):
    account, items = line_with_sp_charges(min_recent=2)
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    identify(clerk_ctx, account)
    ops_done(qtbot)
    panel.actions["new"].trigger()
    ops_done(qtbot)
    intake = panel.dialog
    intake.category.setCurrentIndex(intake.category.findData("sp_charge"))
    intake.description.setPlainText("十月的彩铃费不对")
    rows = [intake.bill_items.item(r) for r in range(intake.bill_items.count())]
    latest_period = rows[0].data(Qt.ItemDataRole.UserRole).period
    target = next(r for r in rows if r.data(Qt.ItemDataRole.UserRole).service_code == items[0].service_code
                  and r.data(Qt.ItemDataRole.UserRole).period == items[0].bill.period)
    assert items[0].bill.period <= latest_period
    target.setCheckState(Qt.CheckState.Checked)
    intake.submit()
    ops_done(qtbot)
    linked = Complaint.get().linked
    assert [(x["kind"], x["id"]) for x in linked] == [("bill_item", items[0].id)]
    panel.table.selectRow(0)
    panel.actions["refund"].trigger()
    ops_done(qtbot)
    assert [i.bill_item_id for i in panel.dialog.model.ticked_rows()] == [items[0].id]
    panel.dialog.reject()


def test_a_returning_customer_s_acknowledgment_opens_their_complaint(clerk_ctx, qtbot, frozen_clock):
    from counter_app.services import signing

    first, second = Account.select().order_by(Account.phone).limit(2)
    wanted = complaints.open_complaint(clerk_ctx.session, account_id=first.id, category="network", description="没信号")
    panel = shown(qtbot, ComplaintsPanel(clerk_ctx))
    identify(clerk_ctx, second)  # the clerk was serving someone else
    qtbot.keyClicks(panel.lookup, signing.payload(wanted.hall, "complaint", wanted.id.hex))  # what the scanner types
    qtbot.keyClick(panel.lookup, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert clerk_ctx.current_account == first.id
    assert panel.handling.complaint_id == wanted.id and wanted.complaint_no in panel.handling.details.text()
    messages = []
    clerk_ctx.statusMessage.connect(messages.append)
    qtbot.keyClicks(panel.lookup, "C-NOPE")
    qtbot.keyClick(panel.lookup, Qt.Key.Key_Return)
    ops_done(qtbot)
    assert messages == ["No complaint has the number C-NOPE."]


def test_a_month_to_come_is_refused_before_anything_is_counted_or_printed(manager_ctx, qtbot, frozen_clock):
    tab = shown(qtbot, ComplaintsTab(manager_ctx))
    ops_done(qtbot)
    messages: list[str] = []
    manager_ctx.statusMessage.connect(messages.append)
    tab.preview = None
    for month_edit, button in ((tab.analysis_month, tab.analysis_button), (tab.claims_month, tab.claims_button)):
        month_edit.setText("2026-12")
        button.click()
        ops_done(qtbot)
        assert messages and "2026-12" in messages[-1] and "2026-11" in messages[-1], messages
        assert tab.preview is None  # nothing built, nothing printed
        messages.clear()
    summary = tab.analysis_summary.text()
    tab.analysis_month.setText("2026-12")
    tab.show_summary()  # what leaving the field does
    ops_done(qtbot)
    assert tab.analysis_summary.text() == summary and "2026-12" in messages[-1]
    wait_for_tasks()
