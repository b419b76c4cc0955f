"""A plan change and an SP subscription done at a hall reach the hub's line when the order
arrives (sync/hub_orders_plans.py), so the hub's later change of the line (a payment taken at
another hall) no longer takes the pending plan or the subscription away from the counter; the
bill run then bills the new plan and the service once, applying no order a second time; a void
undoes each on the hub, and a hall keeping the customer as a walk-in shows them after its sync
(docs/lifecycle.md "At the hub")."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.db import close_database, open_database
from counter_app.ids import as_uuid
from counter_app.models import Account, Bill, SimCard, SpService, SpSubscription, Staff, TariffPlan
from counter_app.services import billrun, customers, identify, orders, payments, statements
from counter_app.services.ledger import shift_month
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from counter_app.sync.runner import sync_once
from tests.service_data import submit
from tests.test_sync.support import ROLE_A, ROLE_B, assert_agrees_with_hub, new_terminal, run_cli, use

pytestmark = pytest.mark.postgres


def _at(day: str) -> None:
    moment = dt.datetime.fromisoformat(f"{day} 09:00:00")
    clock.set_clock(lambda: moment)


def _session(staff_no: str, hub_url: str | None = None):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    session.hub = HubLookup(hub_url) if hub_url else None
    return session


def _line_and_service() -> tuple[Account, SpService]:
    """An active Jinan line with a working card and no pending plan change, and a monthly SP
    service it does not have."""
    line = (Account.select().join(SimCard, on=(SimCard.account == Account.id))
            .where((Account.status == "active") & (Account.home_city == "济南") & (SimCard.status == "active")
                   & Account.next_plan.is_null() & (Account.balance_fen >= 0))
            .order_by(Account.phone).first())
    taken = SpSubscription.select(SpSubscription.service).where(SpSubscription.account == line.id)
    service = (SpService.select().where((SpService.monthly_fee_fen > 0) & SpService.code.not_in(taken))
               .order_by(SpService.code).first())
    return line, service


def _hub(hub, sql: str, *args):
    with hub.admin() as conn:
        return conn.execute(sql, args).fetchall()


def _bill_run_at_the_hub(hub, month: str) -> billrun.BillRunResult:
    close_database()
    open_database(hub.admin_url)
    try:
        return billrun.run_month(month)
    finally:
        close_database()


def _items(bill, code: str) -> list:
    return [x for g in bill.groups for x in g.lines if code in (x.service_code, x.code)]


def test_a_plan_change_and_a_subscription_survive_a_payment_at_another_hall_and_are_billed_once(tmp_path, hub):
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    hall_a = new_terminal(tmp_path / "jinan.db")
    use(hall_a)
    sync_once(url_a)
    line, service = _line_and_service()
    new_plan = TariffPlan.get_by_id(next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id))
    latest = Bill.select(Bill.period).order_by(Bill.period.desc()).first().period
    month, after = shift_month(latest, 1), shift_month(latest, 2)
    try:
        _at(f"{month}-12")
        # Hall B in Qingdao keeps the customer as a walk-in from an earlier visit.
        hall_b = new_terminal(tmp_path / "qingdao.db")
        use(hall_b)
        sync_once(url_b)
        far = _session("5001", url_b)
        assert identify.identify(far, line.phone).single.account_id == line.id

        use(hall_a)
        clerk = _session("1001")
        submit(clerk, "plan_change", line, plan=new_plan.code)
        sub_order = submit(clerk, "sp_subscribe", line, service=service.code)
        sub_id = as_uuid(sub_order.effect_data["subscription_id"])
        assert sync_once(url_a).pushed.rejected == 0
        assert _hub(hub, "SELECT next_plan_id, next_plan_from FROM account WHERE id = %s", line.id) == [
            (new_plan.code, after)]
        assert _hub(hub, "SELECT service_id, start_date, end_date FROM sp_subscription WHERE id = %s", sub_id) == [
            (service.code, dt.date.fromisoformat(f"{month}-12"), None)]

        # At hall B the customer pays (异地缴费); the hub's line moves. B's refresh of its
        # walk-ins shows the plan change and the service hall A made.
        use(hall_b)
        payments.take_payment(far, account_id=line.id, method="remote", amount_fen=5000, tendered_fen=5000,
                              idempotency_key="b-pay")
        assert sync_once(url_b).pushed.rejected == 0
        seen_at_b = customers.open_view(far, line.id)
        assert (seen_at_b.next_plan_zh, seen_at_b.next_plan_from) == (new_plan.name_zh, after)
        assert service.code in [s.service_code for s in seen_at_b.subscriptions]

        # Hall A pulls the line the payment changed: the counter still shows the pending plan
        # and the new service.
        use(hall_a)
        assert sync_once(url_a).pulled.upserted.get("account", 0) >= 1
        view = customers.open_view(clerk, line.id)
        assert (view.next_plan_zh, view.next_plan_from) == (new_plan.name_zh, after)
        assert service.code in [s.service_code for s in view.subscriptions]
        assert view.balance_fen == line.balance_fen + 5000
        assert_agrees_with_hub(url_a)

        # The bill runs: the orders were applied on arrival, none is applied a second time.
        _at(f"{after}-01")
        done = _bill_run_at_the_hub(hub, month)
        assert done.orders_applied == 0
        _at(f"{shift_month(after, 1)}-01")
        assert _bill_run_at_the_hub(hub, after).orders_applied == 0
        use(hall_a)
        sync_once(url_a)
        assert (Account.get_by_id(line.id).plan_id, Account.get_by_id(line.id).next_plan_id) == (new_plan.code, None)
        first = statements.bill_data(clerk, line.phone, month)
        assert len(_items(first, service.code)) == 1  # subscribed on the 12th: charged in that month, once
        bill = statements.bill_data(clerk, line.phone, after)
        assert bill.header.plan_name == new_plan.name_zh
        assert [x.amount_fen for x in _items(bill, "PLAN")] == [new_plan.monthly_fee_fen]
        assert len(_items(bill, service.code)) == 1
        sync_once(url_a)
        assert_agrees_with_hub(url_a)
    finally:
        clock.set_clock(None)


def test_voids_of_a_plan_change_a_subscription_and_a_cancellation_undo_them_on_the_hub(tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "jinan.db")
    use(path)
    sync_once(url)
    line, service = _line_and_service()
    clerk, manager = _session("1001"), _session("2001")
    plan = next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id)
    change = submit(clerk, "plan_change", line, plan=plan)
    subscribe = submit(clerk, "sp_subscribe", line, service=service.code)
    sub_id = as_uuid(subscribe.effect_data["subscription_id"])
    kept = SpSubscription.get((SpSubscription.account != line.id) & SpSubscription.end_date.is_null())
    cancel = submit(clerk, "sp_cancel", Account.get_by_id(kept.account_id), subscription=kept.id.hex)
    sync_once(url)
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(plan,)]
    assert _hub(hub, "SELECT end_date FROM sp_subscription WHERE id = %s", kept.id) == [(dt.date(2026, 11, 25),)]

    for order in (change, subscribe, cancel):
        orders.void(manager, order.id, reason="误操作")
    sync_once(url)
    assert _hub(hub, "SELECT next_plan_id, next_plan_from FROM account WHERE id = %s", line.id) == [(None, "")]
    assert _hub(hub, "SELECT count(*) FROM sp_subscription WHERE id = %s", sub_id) == [(0,)]
    assert _hub(hub, "SELECT end_date FROM sp_subscription WHERE id = %s", kept.id) == [(None,)]
    # Decided on the hub, voids included: the bill run's safety net finds nothing to apply.
    assert sorted(_hub(hub, "SELECT status FROM applied_order WHERE order_id = ANY(%s)",
                       [change.id, subscribe.id, cancel.id])) == [("voided",)] * 3
    close_database()
    open_database(hub.admin_url)
    try:
        assert billrun.apply_orders(dt.date(2026, 11, 30)) == 0
    finally:
        close_database()
    use(path)
    sync_once(url)
    fresh = Account.get_by_id(line.id)
    assert (fresh.next_plan_id, fresh.next_plan_from) == (None, "")
    assert not SpSubscription.select().where(SpSubscription.id == sub_id).exists()
    assert SpSubscription.get_by_id(kept.id).end_date is None
    assert_agrees_with_hub(url)


def test_a_subscription_the_line_has_already_on_the_hub_is_refused_and_reported(tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "jinan.db")
    use(path)
    sync_once(url)
    line, service = _line_and_service()
    order = submit(_session("1001"), "sp_subscribe", line, service=service.code)
    sub_id = as_uuid(order.effect_data["subscription_id"])
    with hub.admin() as conn:  # subscribed meanwhile at another hall
        conn.execute("INSERT INTO sp_subscription (id, account_id, service_id, start_date) "
                     "VALUES (gen_random_uuid(), %s, %s, '2026-11-20')", (line.id, service.code))
    sync_once(url)
    assert _hub(hub, "SELECT count(*) FROM sp_subscription WHERE id = %s", sub_id) == [(0,)]
    assert not SpSubscription.select().where(SpSubscription.id == sub_id).exists()  # the hub's row stands
    assert SpSubscription.select().where((SpSubscription.account == line.id)
                                         & (SpSubscription.service == service.code)).count() == 1
    checked = run_cli("--db", str(path), "sync", "--check", "--hub", url, COUNTER_APP_LANG="en")
    assert f"Order {order.order_no} did not change the line's SP subscription on the hub" in checked.stdout
    zh = run_cli("--db", str(path), "sync", "--check", "--hub", url, COUNTER_APP_LANG="zh_CN")
    assert f"受理单 {order.order_no} 未在中心变更号码的SP 业务订购" in zh.stdout


def test_a_plan_change_ordered_later_at_another_counter_stands_and_the_earlier_one_is_reported(
        tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    counter1 = new_terminal(tmp_path / "counter1.db")
    use(counter1)
    sync_once(url)
    line, _ = _line_and_service()
    first, second = [c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id][:2]
    early = submit(_session("1001"), "plan_change", line, plan=first)  # not sent yet: this PC's link is down

    frozen_clock.advance(minutes=20)  # the customer thinks again, at the hall's other counter PC
    use(new_terminal(tmp_path / "counter2.db"))
    sync_once(url)
    submit(_session("1002"), "plan_change", Account.get_by_id(line.id), plan=second)
    assert sync_once(url).pushed.rejected == 0

    use(counter1)
    sync_once(url)  # the earlier order arrives last: the later change stands everywhere
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(second,)]
    assert Account.get_by_id(line.id).next_plan_id == second
    checked = run_cli("--db", str(counter1), "sync", "--check", "--hub", url, COUNTER_APP_LANG="en")
    assert f"Order {early.order_no} did not change the line's pending plan change on the hub" in checked.stdout
    assert f"the hub had {second}" in checked.stdout
    zh = run_cli("--db", str(counter1), "sync", "--check", "--hub", url, COUNTER_APP_LANG="zh_CN")
    assert f"受理单 {early.order_no} 未在中心变更号码的待生效的套餐变更" in zh.stdout


def test_the_bill_run_applies_once_an_order_the_hub_never_decided(tmp_path, hub, frozen_clock):
    """A hub set up before the trigger: its plan changes wait for the bill run's safety net."""
    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(url)
    line, _ = _line_and_service()
    plan = next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id)
    order = submit(_session("1001"), "plan_change", line, plan=plan)
    with hub.admin() as conn:
        conn.execute("ALTER TABLE service_order DISABLE TRIGGER counter_sync_order_apply")
    try:
        sync_once(url)
    finally:
        with hub.admin() as conn:
            conn.execute("ALTER TABLE service_order ENABLE TRIGGER counter_sync_order_apply")
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(None,)]
    close_database()
    open_database(hub.admin_url)
    try:
        assert billrun.apply_orders(dt.date(2026, 11, 30)) == 1
        assert billrun.apply_orders(dt.date(2026, 11, 30)) == 0
    finally:
        close_database()
    assert _hub(hub, "SELECT next_plan_id, next_plan_from FROM account WHERE id = %s", line.id) == [
        (plan, "2026-12")]
    assert _hub(hub, "SELECT status FROM applied_order WHERE order_id = %s", order.id) == [("done",)]
