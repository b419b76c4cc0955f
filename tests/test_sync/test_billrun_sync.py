"""The monthly bill run at the hub: a plan change, an SP cancellation and an SP dispute that
stopped a service, done at a hall's counter, reach the hub as orders, applied on arrival; after ``hub bill-run``
the next month's bill shows the new plan and no charge for the cancelled or disputed service,
at the counter, at the kiosk and on paper, and every figure is the hub's ledger."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.db import close_database, open_database
from counter_app.documents import bill as bill_doc
from counter_app.models import Account, Bill, SpService, SpSubscription, Staff, TariffPlan
from counter_app.services import billrun, ledger, statements
from counter_app.services.ledger import shift_month
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.helpers import pdf_text
from tests.service_data import submit
from tests.test_sync.support import ROLE_A, assert_agrees_with_hub, new_terminal, run_cli, use

pytestmark = pytest.mark.postgres


def _at(day: str) -> None:
    moment = dt.datetime.fromisoformat(f"{day} 09:00:00")
    clock.set_clock(lambda: moment)


def _run_at_the_hub(hub, month: str) -> billrun.BillRunResult:
    close_database()
    open_database(hub.admin_url)
    try:
        return billrun.run_month(month)
    finally:
        close_database()


def test_after_the_hub_bill_run_the_next_bill_shows_the_new_plan_and_no_cancelled_service(tmp_path, hub):
    url = hub.url_for(ROLE_A)
    terminal = new_terminal(tmp_path / "counter.db")
    use(terminal)
    sync_once(url)
    subs = list(SpSubscription.select().join(SpService).switch(SpSubscription).join(Account)
                .where((SpService.monthly_fee_fen > 0) & SpSubscription.end_date.is_null()
                       & (Account.home_city == "济南") & (Account.status == "active"))
                .order_by(Account.phone))
    sub = subs[0]
    disputed = next(s for s in subs if s.account_id != sub.account_id)  # another line's service, disputed
    account, service = Account.get_by_id(sub.account_id), SpService.get_by_id(sub.service_id)
    other, other_service = Account.get_by_id(disputed.account_id), SpService.get_by_id(disputed.service_id)
    old_plan = TariffPlan.get_by_id(account.plan_id)
    new_plan = TariffPlan.get_by_id("SJ128" if old_plan.code != "SJ128" else "RY58")
    latest = Bill.select(Bill.period).order_by(Bill.period.desc()).first().period
    month, after = shift_month(latest, 1), shift_month(latest, 2)
    try:
        _at(f"{month}-12")
        clerk = open_session(counter_number=1)
        clerk.staff = Staff.get_by_id("1001")
        submit(clerk, "plan_change", account, plan=new_plan.code)
        submit(clerk, "sp_cancel", account, subscription=sub.id.hex)
        # The customer never ordered it: the dispute stops the service now, refund after review.
        submit(clerk, "sp_dispute", other, subscription=disputed.id.hex, description="从未订购", action="cancel")
        assert sync_once(url).pushed.rejected == 0
        # The hub applied the orders as they arrived (sync/hub_orders_plans.py): the bill run
        # finds nothing left to apply and applies none a second time.
        with hub.admin() as conn:
            assert conn.execute("SELECT next_plan_id FROM account WHERE id = %s",
                                (account.id,)).fetchone()[0] == new_plan.code
            assert conn.execute("SELECT end_date FROM sp_subscription WHERE id = ANY(%s) ORDER BY id",
                                ([sub.id, disputed.id],)).fetchall() == [(dt.date.fromisoformat(f"{month}-12"),)] * 2

        _at(f"{after}-01")
        done = _run_at_the_hub(hub, month)
        assert done.orders_applied == 0 and done.billed >= 80
        _at(f"{shift_month(after, 1)}-01")
        assert _run_at_the_hub(hub, after).billed == done.billed + done.already
        use(terminal)
        sync_once(url)  # the terminal pulls the bills, the line and the ledger

        line = Account.get_by_id(account.id)
        assert (line.plan_id, line.next_plan_id) == (new_plan.code, None)
        assert SpSubscription.get_by_id(sub.id).end_date == dt.date.fromisoformat(f"{month}-12")
        last_month = statements.bill_data(clerk, account.phone, month)
        assert last_month.header.plan_name == old_plan.name_zh
        assert service.code in [x.service_code for g in last_month.groups for x in g.lines]
        counter = statements.bill_data(clerk, account.phone, after)
        kiosk = statements.kiosk_bill(clerk, account.phone, "123456")
        assert kiosk.header.period == after and (kiosk.groups, kiosk.due_fen) == (counter.groups, counter.due_fen)
        assert counter.header.plan_name == new_plan.name_zh
        assert counter.groups[0].lines[0].amount_fen == new_plan.monthly_fee_fen
        assert service.code not in [x.service_code for g in counter.groups for x in g.lines]
        paper = pdf_text(bill_doc.build(counter))
        assert new_plan.name_zh in paper and service.name_zh not in paper
        # The disputed service: charged for the month it was stopped in, not after.
        assert SpSubscription.get_by_id(disputed.id).end_date == dt.date.fromisoformat(f"{month}-12")
        stopped = statements.bill_data(clerk, other.phone, month)
        assert other_service.code in [x.service_code for g in stopped.groups for x in g.lines]
        at_counter = statements.bill_data(clerk, other.phone, after)
        at_kiosk = statements.kiosk_bill(clerk, other.phone, "123456")
        assert at_kiosk.header.period == after
        assert (at_kiosk.groups, at_kiosk.due_fen) == (at_counter.groups, at_counter.due_fen)
        assert other_service.code not in [x.service_code for g in at_counter.groups for x in g.lines]
        assert other_service.name_zh not in pdf_text(bill_doc.build(at_kiosk))
        # The figures are the hub's ledger: the same balance here and there, check passes.
        with hub.admin() as conn:
            hub_balance = conn.execute("SELECT balance_fen FROM account WHERE id = %s", (account.id,)).fetchone()[0]
        assert ledger.balance(account.id) == hub_balance == counter.balance_fen
        sync_once(url)  # the terminal's signing key, made by its first printed bill, reaches the hub
        assert_agrees_with_hub(url)
        assert ledger.check().ok
    finally:
        clock.set_clock(None)
    result = run_cli("--db", hub.admin_url, "check", "ledger")
    assert "ledger agrees" in result.stdout
    # The command itself, as the hub's operator runs it (a month long over: nobody billed yet).
    import json

    early = shift_month(ledger.month_of(dt.date.today()), -9)
    ran = json.loads(run_cli("hub", "bill-run", "--url", hub.admin_url, "--month", early, "--json").stdout)
    assert ran["month"] == early and ran["billed"] >= 80 and ran["source"] == "rated"
    assert "ledger agrees" in run_cli("--db", hub.admin_url, "check", "ledger").stdout
