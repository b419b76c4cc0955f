"""Seeing the customer whole: line, plan, status, SP services, bills, orders, complaints,
visits; opening the view is an audit event."""

from __future__ import annotations

from counter_app.models import AuditEvent, Bill, Customer, SpSubscription
from counter_app.services import customers
from tests.service_data import local_line, remote_line, submit


def billed_line():
    return local_line() if Bill.select().where(Bill.account == local_line().id).exists() else (
        Bill.select().first().account)


def test_the_view_shows_the_line_the_plan_the_last_six_bills_and_the_sp_services(session):
    line = billed_line()
    view = customers.open_view(session, line.id)
    customer = Customer.get_by_id(line.customer_id)
    assert (view.name, view.phone, view.status) == (customer.name, line.phone, "active")
    assert view.masked_id == customer.id_number[:6] + "********" + customer.id_number[-4:]
    assert view.plan_code == line.plan_id and view.plan_zh
    assert [b.period for b in view.bills] == sorted((b.period for b in view.bills), reverse=True)
    assert len(view.bills) == 6
    active = SpSubscription.select().where((SpSubscription.account == line.id) & SpSubscription.end_date.is_null())
    assert {s.service_code for s in view.subscriptions} == {s.service_id for s in active}


def test_opening_the_view_is_an_audit_event(session):
    line = local_line()
    customers.open_view(session, line.id)
    event = AuditEvent.get(AuditEvent.action == "customer.view")
    assert (event.staff_no, event.target) == ("1001", line.phone)


def test_another_citys_number_is_flagged(session):
    assert customers.open_view(session, remote_line().id).remote is True
    assert customers.open_view(session, local_line().id).remote is False


def test_a_repair_intake_and_a_plan_change_show_as_open_orders_and_as_a_visit(session):
    line = local_line()
    submit(session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237518", fault="屏幕碎")
    target = "RY88" if line.plan_id != "RY88" else "RY58"
    submit(session, "plan_change", line, plan=target)
    view = customers.open_view(session, line.id)
    assert {o.business_code for o in view.open_orders} == {"repair_intake", "plan_change"}
    assert view.next_plan_from and view.next_plan_zh
    assert view.visits and view.visits[0].what in ("套餐变更", "手机检测维修")
    assert {v.what_en for v in view.visits} <= {"Plan change", "Handset test and repair intake"}


def test_identify_and_the_view_work_on_postgresql_too(pg_url):
    from counter_app.db import close_database, open_database
    from counter_app.services.demo import build_demo
    from counter_app.services.identify import identify

    open_database(pg_url)
    try:
        build_demo(30, detailed=3)
        from tests.manager_day import signed_in_manager

        session = signed_in_manager()
        line = Bill.select().first().account
        found = identify(session, line.phone)
        view = customers.load_view(session, found.single.account_id, "济南")
        assert (view.phone, view.account_id, len(view.bills)) == (line.phone, line.id, 6)
        assert view.name == Customer.get_by_id(line.customer_id).name
        head = view.name[:2]
        by_name = identify(session, head)
        assert by_name.matches and all(m.name.startswith(head) or head in m.name for m in by_name.matches)
        assert line.id in {m.account_id for m in identify(session, view.name).matches}
    finally:
        close_database()


def test_the_queue_tickets_of_the_customer_are_the_recent_visits(session, frozen_clock):
    import datetime as dt

    from counter_app.models import Ticket

    line = local_line()
    for n, day in ((1, dt.date(2026, 11, 20)), (2, dt.date(2026, 11, 25)), (3, dt.date(2025, 1, 5))):
        Ticket.create(hall=session.hall_code, business_date=day, category="general", number=n, code=f"B00{n}",
                      phone=line.phone, issued_at=dt.datetime.combine(day, dt.time(9, n)),
                      queued_at=dt.datetime.combine(day, dt.time(9, n)), counter_number=3)
    view = customers.open_view(session, line.id)
    assert [v.what for v in view.visits] == ["B002", "B001"]  # newest first; last year's is history
