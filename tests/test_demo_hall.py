"""The living demo hall: what a newcomer sees on the first look at mid-morning is a working
hall (customers waiting, counters serving, yesterday closed, a month of figures), and every
figure adds up as the services count it."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.db import close_database, open_database
from counter_app.models import (
    BusinessType,
    Complaint,
    CounterState,
    DayClose,
    Payment,
    ServiceOrder,
    SpClaim,
    Staff,
    Ticket,
)

MORNING = dt.datetime(2026, 11, 30, 10, 40)  # a Monday


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    from counter_app.services.demo_whole import build_demo_whole

    clock.set_clock(lambda: MORNING)
    path = tmp_path_factory.mktemp("living") / "hall.db"
    open_database(str(path), create=True)
    result = build_demo_whole(400, days=30)
    yield result
    close_database()
    clock.set_clock(None)


def manager():
    from counter_app.services.session import open_session

    session = open_session()
    session.staff = Staff.get_by_id("2001")
    return session


def test_this_morning_customers_wait_and_counters_serve(hall):
    today = MORNING.date()
    in_hall = Ticket.select().where((Ticket.business_date == today) & Ticket.status.in_(("waiting", "called")))
    assert in_hall.count() > 0 and Ticket.select().where(Ticket.business_date == today).count() > 20
    assert Ticket.select().where((Ticket.business_date == today) & (Ticket.issued_at > MORNING)).count() == 0
    serving = CounterState.select().where(CounterState.current_ticket.is_null(False)).count()
    assert serving > 0 and not DayClose.select().where(DayClose.business_date == today).exists()
    assert not Payment.select().where(Payment.created_at > MORNING).exists()  # nothing after now


def test_the_past_days_are_closed_and_their_figures_add_up(hall):
    from counter_app.services.reports import daily_summary
    from counter_app.services.settlement import settlement

    yesterday = MORNING.date() - dt.timedelta(days=1)
    closed = DayClose.get(DayClose.business_date == yesterday)
    figures = settlement(manager(), yesterday)
    assert closed.totals == figures.totals_json() and figures.takings.count > 0
    assert all(c.counted_cash_fen is not None for c in figures.clerks if c.takings.count)  # every drawer handed over
    summary = daily_summary(manager(), yesterday)
    assert summary.total.served > 50 and not summary.empty
    assert DayClose.select().count() == 30


def test_every_business_of_the_catalogue_and_every_payment_method_occur(hall):
    done = {code for (code,) in ServiceOrder.select(ServiceOrder.business_code).distinct().tuples()}
    wanted = {code for (code,) in BusinessType.select(BusinessType.code).tuples()} - {"pay_bill"}
    assert wanted - done == set()
    methods = {m for (m,) in Payment.select(Payment.method).distinct().tuples()}
    assert {"cash", "pos", "card", "remote", "credit"} <= methods
    assert Payment.select().where(Payment.kind == "reversal").count() >= 3
    assert ServiceOrder.select().where(ServiceOrder.status == "voided").exists()


def test_complaints_are_answered_late_escalated_and_compensated(hall):
    assert Complaint.select().where(Complaint.escalated_at.is_null(False)).exists()
    assert Complaint.select().where(Complaint.replied_at > Complaint.deadline_at).exists()
    assert Complaint.select().where(Complaint.status == "closed").exists()
    assert SpClaim.select().exists()


def test_the_month_has_a_grade_and_the_books_agree(hall):
    from counter_app.services import audit_chain, grading, ledger

    grade = grading.grade_month(manager(), "2026-11")
    assert grade.measures.customers > 1000 and grade.grade in ("standard", "excellent")
    assert ledger.check().ok
    assert audit_chain.verify_local().ok
    phones = [phone for phone, _what in hall.showcase]
    assert phones[0] == "13012345678"


def test_the_demo_offers_cheaper_plans_and_greets_club_members(hall):
    """消费明明白白 from the first start: the showcase names a line another plan would save
    money on and a club member; the member's bill lists the club's privileges, the line's bill
    the cheaper plan; the hall's own notice is up."""
    from counter_app.models import Account, Customer
    from counter_app.services import guidance, notices, statements

    session = manager()
    what = {phone: text for phone, text in hall.showcase}
    cheaper = next(phone for phone, text in what.items() if text.startswith("a cheaper plan fits"))
    rec = guidance.recommend(session, cheaper)
    assert rec.best is not None and rec.best.code in what[cheaper] and rec.saving_month_fen >= guidance.MIN_SAVING_FEN
    month = statements.available_months(session, cheaper)[0]
    assert statements.bill_data(session, cheaper, month).advice.plan_code == rec.best.code

    member_phone = next(phone for phone, text in what.items() if text.startswith("VIP club member"))
    member = Customer.get_by_id(Account.get(Account.phone == member_phone).customer_id)
    assert member.vip_tier in ("silver", "gold", "diamond") and member.vip_member_no in what[member_phone]
    tiers = {c.vip_tier for c in Customer.select(Customer.vip_tier).where(Customer.vip_tier != "")}
    assert tiers == {"silver", "gold", "diamond"}
    billed = Account.select().join(Customer, on=(Account.customer == Customer.id)) \
        .where(Customer.vip_tier != "").order_by(Account.phone)
    line = next(a for a in billed if statements.available_months(session, a.phone))
    data = statements.bill_data(session, line.phone, statements.available_months(session, line.phone)[0])
    assert data.club is not None and data.club.privileges

    board = notices.notice_board(session, lang="zh_CN")
    assert any(n.hall_notice for n in board.notices)


def _hall_setup():
    from counter_app.models import Counter, QueueCategory

    counters = {c.number: set(c.categories) for c in Counter.select().where(Counter.active)}
    skills = {s.staff_no: list(s.specialties or []) for s in Staff.select()}
    needs = {c.code: list(c.specialties or []) for c in QueueCategory.select()}
    return counters, skills, needs


def test_every_queue_of_the_kiosk_is_served_at_every_open_minute_of_the_demo_days(hall):
    """A real hall always has someone for each queue while it is open: on each clerk's day off
    and over every lunch break too (a counter serves what its setup and its clerk's
    specialties allow, as the live queue decides)."""
    from counter_app.models import Hall
    from counter_app.services.demo_rota import duty
    from counter_app.services.queue_rules import served_categories

    counters, skills, needs = _hall_setup()
    info = Hall.get_by_id(hall.hall)
    opens, closes = (int(t[:2]) * 60 + int(t[3:5]) for t in (info.opens or "08:30", info.closes or "18:00"))
    assert set(needs) == {"payment", "general", "new_data", "plan", "complaint", "vip", "green"}
    today = MORNING.date()
    for n in range(31):
        day = today - dt.timedelta(days=30 - n)
        on_duty = duty(day, opens, closes, counters, skills, needs)
        for minute in range(opens, closes):
            served = set()
            for staff, categories, away in on_duty.values():
                if not any(a <= minute < b for a, b in away):
                    served.update(served_categories(categories, needs, skills[staff]))
            assert served == set(needs), f"{day:%a %Y-%m-%d} {minute // 60:02d}:{minute % 60:02d}: no one for " \
                                         f"{sorted(set(needs) - served)}"


def test_each_ticket_is_called_by_a_clerk_who_may_serve_its_queue_and_the_kiosk_serves_every_queue_now(hall):
    """The days the demo built follow the rota: no ticket waits for a queue no one serves. This
    morning is 1001's day off (a Monday): payments are served all the same."""
    from counter_app.models import TicketEvent
    from counter_app.services.queue_rules import served_categories
    from counter_app.services.queue_store import open_counters_for

    counters, skills, needs = _hall_setup()
    calls = (TicketEvent.select(Ticket.issued_category, TicketEvent.counter_number, TicketEvent.staff_no)
             .join(Ticket, on=(Ticket.id == TicketEvent.ticket_id))
             .where((TicketEvent.kind == "called") & (Ticket.category == Ticket.issued_category)).tuples())
    checked = 0
    for category, counter, staff in calls:
        assert category in served_categories(counters[counter], needs, skills[staff]), (category, counter, staff)
        checked += 1
    assert checked > 1000
    assert MORNING.weekday() == 0
    for category in needs:
        assert open_counters_for(hall.hall, category) > 0, category
