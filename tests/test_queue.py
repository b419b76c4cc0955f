"""The calling rules of the hall's queue, told as a morning at the demo hall (frozen clock,
10:00). Counter 1 serves payment and general business; counter 2 adds VIP and green channel;
clerk 1001 王芳 is a billing specialist."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import Conflict, NotFound, UserError, ValidationError
from counter_app.models import Account, Customer, DayClose, Hall, Setting, Staff, Ticket, TicketEvent
from counter_app.services import queue, queue_rules


@pytest.fixture
def hall(session, frozen_clock):
    return session


def at_counter(session, number: int, staff_no: str | None = None):
    from counter_app.services.session import open_session

    other = open_session(counter_number=number)
    other.staff = Staff.get_by_id(staff_no) if staff_no else session.staff
    return other


def codes(tickets):
    return [t.code for t in tickets]


def test_numbers_run_per_category_and_restart_the_next_business_day(hall, frozen_clock):
    issued = [queue.take_ticket(hall, c).code for c in ("payment", "payment", "general", "payment")]
    assert issued == ["A001", "A002", "B001", "A003"]
    frozen_clock.advance(days=1)
    assert queue.take_ticket(hall, "payment").code == "A001"


def test_green_channel_and_vip_are_called_before_earlier_normal_tickets(hall, frozen_clock):
    counter2 = at_counter(hall, 2)
    queue.take_ticket(hall, "payment")
    frozen_clock.advance(minutes=1)
    queue.take_ticket(hall, "general")
    frozen_clock.advance(minutes=1)
    queue.take_ticket(hall, "green")
    frozen_clock.advance(minutes=1)
    queue.take_ticket(hall, "payment", vip=True)
    called = [queue.call_next(counter2).code for _ in range(4)]
    assert called == ["G001", "A002", "A001", "B001"]


def test_a_normal_ticket_past_its_wait_target_is_not_overtaken_by_later_vips(hall, frozen_clock):
    counter2 = at_counter(hall, 2)
    queue.take_ticket(hall, "payment")  # target 10 minutes
    frozen_clock.advance(minutes=9)
    queue.take_ticket(hall, "green")
    assert queue.call_next(counter2).code == "G001"  # still within target: priority first
    queue.take_ticket(hall, "green")
    frozen_clock.advance(minutes=2)  # A001 has now waited 11 minutes
    queue.take_ticket(hall, "green")
    # G002 came before A001 went past its target, but not before A001 was issued: A001 is first now
    assert queue.call_next(counter2).code == "A001"
    assert codes(queue.call_next(counter2) for _ in range(2)) == ["G002", "G003"]


def test_the_rule_itself_ranks_by_class_then_time_in_queue():
    now = dt.datetime(2026, 11, 25, 10, 30)
    old_normal = queue_rules.Head("n", "payment", 0, now - dt.timedelta(minutes=12), 1)
    new_vip = queue_rules.Head("v", "vip", 2, now - dt.timedelta(minutes=1), 1)
    fresh_normal = queue_rules.Head("f", "general", 0, now - dt.timedelta(minutes=2), 1)
    targets = {"payment": 10, "general": 15, "vip": 5}
    assert queue_rules.pick_next([fresh_normal, new_vip, old_normal], targets, now).ticket_id == "n"
    assert queue_rules.pick_next([fresh_normal, new_vip], targets, now).ticket_id == "v"
    assert queue_rules.pick_next([], targets, now) is None


def test_a_counter_is_routed_only_the_categories_of_its_setup_and_its_clerks_specialties(hall):
    queue.take_ticket(hall, "plan")
    queue.take_ticket(hall, "payment")
    queue.take_ticket(hall, "general")
    # counter 1 (payment, general) with 王芳 (billing): never the plan ticket
    served = [queue.call_next(hall).code for _ in range(2)]
    assert served == ["A001", "B001"] and queue.call_next(hall) is None
    # 张丽 (plans, calming) at counter 4 (plan, general) gets the plan ticket
    assert queue.call_next(at_counter(hall, 4, "1003")).code == "D001"
    # 张丽 at counter 1: payment needs a billing specialist, so only general business is hers
    zhang = at_counter(hall, 1, "1003")
    queue.take_ticket(hall, "payment")
    queue.take_ticket(hall, "general")
    assert [w.code for w in queue.waiting_list(zhang)] == ["B002"]


def test_a_counter_set_up_for_nothing_its_clerk_can_serve_says_so(hall):
    Staff.create(staff_no="1009", hall=hall.hall_code, name="新人", specialties=["etiquette"], password_hash="-")
    queue.take_ticket(hall, "payment")
    with pytest.raises(UserError, match="serves no queue category"):
        queue.call_next(at_counter(hall, 1, "1009"))
    assert Ticket.get().status == "waiting"


def test_recall_up_to_the_limit_and_the_service_keeps_its_first_call(hall, frozen_clock):
    queue.take_ticket(hall, "payment")
    frozen_clock.advance(minutes=4)
    ticket = queue.call_next(hall)
    frozen_clock.advance(minutes=1)
    queue.recall(hall)
    frozen_clock.advance(minutes=1)
    ticket = queue.recall(hall)
    assert ticket.recalls == 2 and ticket.called_at - ticket.issued_at == dt.timedelta(minutes=4)
    with pytest.raises(Conflict, match="recalled 2 times"):
        queue.recall(hall)
    kinds = [e.kind for e in TicketEvent.select().where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.at)]
    assert kinds == ["issued", "called", "recalled", "recalled"]


def test_a_no_show_goes_to_the_back_once_and_is_dropped_the_second_time(hall, frozen_clock):
    first = queue.take_ticket(hall, "payment")
    queue.take_ticket(hall, "payment")
    queue.call_next(hall)
    frozen_clock.advance(minutes=1)
    assert queue.no_show(hall).status == "waiting"
    assert codes(queue.call_next(hall) for _ in range(2)) == ["A002", "A001"]
    frozen_clock.advance(minutes=1)
    assert queue.no_show(hall).status == "noshow"
    assert queue.call_next(hall) is None
    kinds = [e.kind for e in TicketEvent.select().where(TicketEvent.ticket_id == first.id).order_by(TicketEvent.at)]
    assert kinds == ["issued", "called", "noshow", "requeued", "called", "noshow"]


def test_transfer_to_a_category_keeps_number_and_place_by_issue_time(hall, frozen_clock):
    first = queue.take_ticket(hall, "payment")
    frozen_clock.advance(minutes=2)
    queue.take_ticket(hall, "plan")
    queue.call_next(hall)
    frozen_clock.advance(minutes=3)
    moved = queue.transfer(hall, to_category="plan")
    assert (moved.code, moved.category, moved.status) == ("A001", "plan", "waiting")
    plans = at_counter(hall, 4, "1003")
    assert queue.call_next(plans).id == first.id  # issued before D001, so first
    assert queue.call_next(plans).code == "D001"


def test_transfer_to_a_named_counter_is_called_only_there(hall):
    queue.take_ticket(hall, "payment")
    queue.call_next(hall)
    queue.transfer(hall, to_counter=3)
    assert queue.call_next(at_counter(hall, 2)) is None
    assert queue.call_next(at_counter(hall, 3, "1002")).code == "A001"
    with pytest.raises(NotFound):
        queue.transfer(at_counter(hall, 3, "1002"), to_counter=99)


def test_every_step_is_an_event_with_time_counter_and_clerk_giving_exact_wait_and_service(hall, frozen_clock):
    ticket = queue.take_ticket(hall, "payment")
    frozen_clock.advance(minutes=7)
    queue.call_next(hall)
    frozen_clock.advance(minutes=2, seconds=30)
    queue.transfer(hall, to_category="general")
    frozen_clock.advance(minutes=1)
    queue.call_next(at_counter(hall, 2, "1004"))
    frozen_clock.advance(minutes=4)
    queue.finish(at_counter(hall, 2, "1004"))
    events = list(TicketEvent.select().where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.at))
    assert [(e.kind, e.counter_number, e.staff_no) for e in events] == [
        ("issued", None, "1001"), ("called", 1, "1001"), ("transferred", 1, "1001"),
        ("called", 2, "1004"), ("finished", 2, "1004")]
    # wait = the call that started the service − issue; each service = its end − its call
    calls = [e.at for e in events if e.kind == "called"]
    ends = [e.at for e in events if e.kind in ("transferred", "finished")]
    assert calls[-1] - events[0].at == dt.timedelta(minutes=10, seconds=30)
    assert [end - call for call, end in zip(calls, ends, strict=True)] == [
        dt.timedelta(minutes=2, seconds=30), dt.timedelta(minutes=4)]
    assert Ticket.get_by_id(ticket.id).status == "done"


def test_call_next_finishes_the_ticket_being_served(hall):
    first = queue.take_ticket(hall, "payment")
    queue.take_ticket(hall, "payment")
    queue.call_next(hall)
    queue.call_next(hall)
    assert Ticket.get_by_id(first.id).status == "done"


def test_a_double_press_of_call_next_calls_only_one_ticket(hall):
    for _ in range(3):
        queue.take_ticket(hall, "payment")
    seen = queue.current_ticket(hall, 1)
    first = queue.call_next(hall, expect_current=seen.id if seen else None)
    again = queue.call_next(hall, expect_current=seen.id if seen else None)
    assert first.code == again.code == "A001"
    assert Ticket.select().where(Ticket.status == "waiting").count() == 2


def test_a_paused_counter_calls_nobody_until_resumed(hall):
    queue.take_ticket(hall, "payment")
    queue.pause(hall)
    with pytest.raises(Conflict, match="paused"):
        queue.call_next(hall)
    queue.resume(hall)
    assert queue.call_next(hall).code == "A001"
    with pytest.raises(Conflict, match="before pausing"):
        queue.pause(hall)


def test_people_ahead_and_estimated_wait_come_from_recent_services_and_open_counters(hall, frozen_clock):
    # Before any service: the category default (payment 3 min) over the 3 counters set up for it.
    for _ in range(6):
        queue.take_ticket(hall, "payment")
    seventh = queue.take_ticket(hall, "payment")
    assert (seventh.ahead_at_issue, seventh.est_wait_min) == (6, 6)
    # Counter 1 serves two customers in 5 minutes each; it is the only counter open.
    queue.call_next(hall)
    frozen_clock.advance(minutes=5)
    queue.call_next(hall)
    frozen_clock.advance(minutes=5)
    queue.finish(hall)
    ticket = queue.take_ticket(hall, "payment")
    assert (ticket.ahead_at_issue, ticket.est_wait_min) == (5, 25)


def test_a_phone_number_at_the_kiosk_tells_the_counter_who_is_coming(hall):
    account = Account.select().first()
    ticket = queue.take_ticket(hall, "general", phone=account.phone)
    assert ticket.phone == account.phone and ticket.customer_id == account.customer_id
    assert queue.account_for_ticket(hall, ticket) == account.id
    assert queue.customer_name(hall, ticket) == account.customer.name
    assert queue.ticket_by_id(hall, str(ticket.id)).code == "B001"
    assert queue.ticket_by_id(hall, "not-a-ticket") is None


def test_a_vip_ticket_needs_a_real_member_number(hall):
    member = Customer.select().where(Customer.vip_member_no.is_null(False)).first()
    ticket = queue.take_ticket(hall, "vip", member_no=member.vip_member_no.lower())
    assert ticket.code == "V001" and ticket.vip and ticket.customer_id == member.id and ticket.phone
    with pytest.raises(ValidationError, match="member number"):
        queue.take_ticket(hall, "vip")
    with pytest.raises(NotFound, match="VIP999999"):
        queue.take_ticket(hall, "vip", member_no="VIP999999")
    assert Ticket.select().count() == 1


def test_a_malformed_phone_number_issues_nothing(hall):
    with pytest.raises(ValidationError, match="11 digits"):
        queue.take_ticket(hall, "payment", phone="1381234")
    assert Ticket.select().count() == 0


def test_the_same_kiosk_press_never_gives_two_tickets(hall):
    first = queue.take_ticket(hall, "payment", idempotency_key="kiosk-press-1")
    again = queue.take_ticket(hall, "payment", idempotency_key="kiosk-press-1")
    assert first.id == again.id and Ticket.select().count() == 1


def test_outside_opening_hours_and_after_the_day_close_no_ticket_is_issued(hall, frozen_clock):
    frozen_clock.current = dt.datetime(2026, 11, 25, 7, 59)
    with pytest.raises(Conflict, match="closed"):
        queue.take_ticket(hall, "payment")
    frozen_clock.current = dt.datetime(2026, 11, 25, 10, 0)
    DayClose.create(hall=hall.hall_code, business_date=dt.date(2026, 11, 25), closed_by="2001")
    with pytest.raises(Conflict, match="日结"):
        queue.take_ticket(hall, "payment")
    assert Ticket.select().count() == 0
    hall.hall.opens, hall.hall.closes = "00:00", "24:00"  # an airport hall
    assert queue.hall_is_open(hall.hall, dt.datetime(2026, 11, 25, 23, 59))
    assert Hall.get_by_id(hall.hall_code).closes == "18:00"


def test_the_recall_and_requeue_limits_are_hall_settings(hall):
    Setting.create(hall=hall.hall_code, key="queue_max_recalls", value=0)
    Setting.create(hall=hall.hall_code, key="queue_noshow_requeues", value=0)
    queue.take_ticket(hall, "payment")
    queue.call_next(hall)
    with pytest.raises(Conflict):
        queue.recall(hall)
    assert queue.no_show(hall).status == "noshow"


def test_the_hall_status_shows_codes_and_counters_but_no_customer(hall):
    account = Account.select().first()
    queue.take_ticket(hall, "payment", phone=account.phone)
    queue.take_ticket(hall, "general")
    queue.call_next(hall)
    status = queue.hall_status(hall.hall_code)
    assert status.waiting["general"] == 1 and status.waiting["payment"] == 0
    assert status.counters[0].current_code == "A001"
    assert [c.code for c in status.calls] == ["A001"]
    text = str(status.as_json())
    assert account.phone not in text and account.customer.name not in text
