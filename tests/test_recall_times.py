"""F2 (recall) keeps the service's start: the counter's timer, the board, the kiosk's average
service minutes and the reports read the first call, so a customer who came at the second
call does not shorten the service or make the clerk look idle between the calls."""

from __future__ import annotations

import datetime as dt

from counter_app.models import Ticket, TicketEvent
from counter_app.services import queue, report_times

T0 = dt.datetime(2026, 11, 25, 9, 0)


def test_a_recall_moves_neither_the_wait_nor_the_service_nor_the_clerks_busy_time():
    events = [report_times.Event("called", T0 + dt.timedelta(minutes=8), 1, "1001"),
              report_times.Event("recalled", T0 + dt.timedelta(minutes=10), 1, "1001", "1"),
              report_times.Event("finished", T0 + dt.timedelta(minutes=13), 1, "1001")]
    life = report_times.replay("t", "payment", T0, events)
    (service,) = life.services
    assert (service.wait_s, service.service_s) == (8 * 60, 5 * 60)
    assert life.busy == [("1001", T0 + dt.timedelta(minutes=8), T0 + dt.timedelta(minutes=13))]


def test_the_stored_call_time_and_the_kiosks_average_service_read_the_first_call(session, frozen_clock):
    queue.take_ticket(session, "payment")
    frozen_clock.advance(minutes=2)
    called = queue.call_next(session)
    frozen_clock.advance(minutes=2)
    recalled = queue.recall(session)
    assert recalled.called_at == called.called_at
    frozen_clock.advance(minutes=2)
    queue.finish(session)
    assert Ticket.get_by_id(called.id).called_at == called.called_at
    assert queue.average_service_min(session.hall_code, "payment") == 4.0
    kinds = [e.kind for e in TicketEvent.select().where(TicketEvent.ticket_id == called.id).order_by(TicketEvent.at)]
    assert kinds == ["issued", "called", "recalled", "finished"]
