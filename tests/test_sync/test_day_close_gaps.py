"""The day close of a hall with two PCs, its loose ends (docs/dayclose.md), on a real
PostgreSQL hub: a close made while the hub did not answer says it counts this PC only, and the
next close with the hub carries the other PCs' payments of that day, once."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app import clock
from counter_app.documents import settlement as settlement_sheet
from counter_app.services import settlement
from counter_app.sync.runner import sync_once
from tests.helpers import pdf_text
from tests.test_sync import test_hall_day_close as base
from tests.test_sync.support import use

DAY = base.DAY
hall_clock, two_pcs = base.hall_clock, base.two_pcs  # the two PCs of one hall and their clock
at, manager, pay = base._at, base._manager, base._pay

pytestmark = pytest.mark.postgres

NO_HUB = "postgresql://nobody@127.0.0.1:1/none"  # nothing answers there


def _offline_manager():
    boss = manager(NO_HUB)
    boss.hub.timeout_s = 1
    return boss


def test_a_close_without_the_hub_says_so_and_the_next_close_with_it_carries_the_rest_once(two_pcs, hub, hall_clock,
                                                                                          qapp):
    from counter_app.ui.manager.settlement_pcs import source_text

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    at(hall_clock, "10:00")
    use(b_path)
    b_paid = pay(url, 2, [2500], "b1")[0]
    sync_once(url)  # B's payment is on the hub
    use(a_path)
    pay(url, 1, [1500], "a1")
    at(hall_clock, "18:30")
    first = settlement.close_day(_offline_manager(), DAY, accept=["hub"])
    assert first.totals["net_fen"] == 1500 and first.totals["not_in"] == {"hub": "offline"}

    # The sheet and the tab say the figures are this PC's only, why, and where the rest goes.
    data = settlement.settlement(_offline_manager(), DAY)
    sheet = " ".join(pdf_text(settlement_sheet.build(data, "en")).split())
    assert "The hub did not answer: this PC's payments only; the other PCs' payments of this day go to the " \
           "hall's next close made with the hub" in sheet
    assert "By PC (this PC only: the hub did not answer)" in sheet
    assert "Closed while the hub did not answer: these figures are this PC's payments only" in source_text(data)
    sync_once(url)  # the close reaches the hub
    # Read again with the hub answering, the closed day is still what was closed, and says so.
    data = settlement.settlement(manager(url), DAY)
    assert data.net_fen == 1500 and "this PC's payments only" in source_text(data)
    assert "whole hall" not in source_text(data)
    assert "By PC (the whole hall" not in " ".join(pdf_text(settlement_sheet.build(data, "en")).split())

    # The next close with the hub carries B's payment of the closed day, once.
    nxt = DAY + dt.timedelta(days=1)
    at(hall_clock, "10:00", nxt)
    pay(url, 1, [1000], "a2")
    at(hall_clock, "18:20", nxt)
    use(b_path)
    sync_once(url)
    use(a_path)
    boss = manager(url)
    data = settlement.settlement(boss, nxt)
    assert [(p.id, p.business_date, p.terminal) for p in data.carried] == [(b_paid.id.hex, DAY, b_id)]
    second = settlement.close_day(boss, nxt, seen=data.mark)
    assert second.totals["carried_ids"] == [b_paid.id.hex] and second.totals["net_fen"] == 1000 + 2500
    sync_once(url)
    after = nxt + dt.timedelta(days=1)
    at(hall_clock, "18:30", after)
    assert settlement.settlement(boss, after).carried == []
    total = hub.scalar("SELECT sum(amount_fen) FROM payment WHERE hall = 'JN001' AND business_date >= %s", (DAY,))
    assert total == first.totals["net_fen"] + second.totals["net_fen"] == 5000


def test_two_pcs_closing_the_same_minute_the_loser_learns_it_and_gives_way_on_record(two_pcs, hub, hall_clock, qtbot):
    from counter_app.models import AuditEvent, DayClose, Outbox
    from counter_app.services.dayclose import SUPERSEDED
    from counter_app.services.hall_day import IN
    from counter_app.sync.status import rejected_ops
    from counter_app.ui.manager.settlement_pcs import source_text

    url, pcs = two_pcs
    (a_path, a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    at(hall_clock, "11:00")
    use(a_path)
    pay(url, 1, [3000], "a1")
    use(b_path)
    pay(url, 2, [2000], "b1")
    at(hall_clock, "18:10")
    sync_once(url)  # B's last word: all sent, after the hall closed
    at(hall_clock, "18:20")
    b_late = pay(url, 2, [700], "b2")[0]  # B's, not sent when A closes
    use(a_path)
    sync_once(url)
    # 18:30: both managers close, each with the hub answering, before either close reached it.
    at(hall_clock, "18:30")
    won = settlement.close_day(manager(url), DAY)
    use(b_path)
    lost = settlement.close_day(manager(url), DAY)
    assert won.totals["net_fen"] == 5000 and lost.totals["net_fen"] == 5700
    use(a_path)
    sync_once(url)  # A's close reaches the hub first

    use(b_path)
    at(hall_clock, "18:31")
    report = sync_once(url)  # B's close is refused at its push ... and B learns it lost, at the pull after
    assert report.pushed.rejected == 1 and report.closes_given_way == [DAY.isoformat()]
    assert "gave way" in report.summary()
    here = DayClose.get(DayClose.business_date == DAY)
    assert (here.id, here.terminal, here.totals["net_fen"]) == (won.id, a_id, 5000)  # the hub's close, here too
    # Not a silent delete: the lost close is kept whole in the audit trail, its entry set aside with the reason.
    event = AuditEvent.get(AuditEvent.action == SUPERSEDED)
    assert event.target == DAY.isoformat() and event.detail["lost"]["id"] == lost.id.hex
    assert event.detail["lost"]["totals"]["payment_ids"] == lost.totals["payment_ids"]
    assert event.detail["counts"] == {"id": won.id.hex, "terminal": a_id, "closed_by": "2001",
                                      "at": won.created_at.isoformat(sep=" ", timespec="seconds"), "net_fen": 5000}
    entry = Outbox.get((Outbox.table == "day_close") & (Outbox.row_id == lost.id))
    assert entry.status == "dismissed" and f"made at PC {a_id}" in entry.error
    assert rejected_ops() == []  # nothing left waiting on the Sync tab
    assert hub.scalar("SELECT count(*) FROM audit_event WHERE action = %s", (SUPERSEDED,)) == 1

    # B's manager is told which close counts and shown its figures and sheet.
    data = settlement.settlement(manager(url), DAY)
    assert data.net_fen == 5000 and data.closed_terminal == a_id
    text = source_text(data)
    assert f"gave way to the close made at PC {a_id}" in text and "57.00" in text
    sheet = " ".join(pdf_text(settlement_sheet.build(data, "en")).split())
    assert f"gave way to this close, made at PC {a_id}, which reached the hub first: this sheet counts" in sheet
    assert "Closed by 2001" in sheet and "50.00" in sheet
    _settlement_tab_shows(qtbot, url, b_path, f"gave way to the close made at PC {a_id}", "50.00")

    # B counts as in for the next close (its refused entry is dealt with), which carries B's 7 yuan once.
    nxt = DAY + dt.timedelta(days=1)
    at(hall_clock, "18:20", nxt)
    sync_once(url)
    use(a_path)
    data = settlement.settlement(manager(url), nxt)
    assert {t.terminal: t.state for t in data.terminals}[b_id] == IN and data.gaps == []
    assert [p.id for p in data.carried] == [b_late.id.hex]
    second = settlement.close_day(manager(url), nxt, seen=data.mark)
    total = hub.scalar("SELECT sum(amount_fen) FROM payment WHERE hall = 'JN001' AND business_date >= %s", (DAY,))
    assert total == won.totals["net_fen"] + second.totals["net_fen"] == 5700


def _hand_over(url, counter: int, key: str):
    clerk = manager(url)
    clerk.staff = base.Staff.get_by_id("1001")
    clerk.counter_number = counter
    drawer = settlement.drawer_cash_since_last_handover(clerk, "1001", clock.today())
    return settlement.hand_over(clerk, counted_cash_fen=drawer, idempotency_key=key)


def test_a_handover_made_at_b_before_it_heard_of_the_close_is_carried_into_the_next_close_once(two_pcs, hub,
                                                                                               hall_clock, qapp):
    from counter_app.ui.manager.settlement_pcs import source_text

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    at(hall_clock, "11:00")
    use(b_path)
    pay(url, 2, [2500], "b1")
    at(hall_clock, "18:05")
    _hand_over(url, 2, "bh1")  # B's drawer of the day: 25 yuan, before the close
    sync_once(url)
    use(a_path)
    at(hall_clock, "18:30")
    first = settlement.close_day(manager(url), DAY)
    assert first.totals["net_fen"] == 2500 and len(first.totals["handover_ids"]) == 1
    sync_once(url)

    # B has not heard: the clerk takes 8 yuan for the closed day and hands the drawer over.
    use(b_path)
    at(hall_clock, "18:40")
    pay(url, 2, [800], "b2")
    at(hall_clock, "18:45")
    late = _hand_over(url, 2, "bh2")
    assert (late.expected_cash_fen, late.counted_cash_fen) == (800, 800)
    sync_once(url)

    # The closed day's sheet stays what was closed: the late handover is not on it.
    use(a_path)
    closed = settlement.settlement(manager(url), DAY)
    assert [h.at for h in closed.handovers] == [dt.datetime.combine(DAY, dt.time(18, 5))]
    assert closed.carried_handovers == [] and {c.staff_no: c.counted_cash_fen for c in closed.clerks} == {"1001": 2500}

    # The next close carries it with the late payment: the clerk's drawer balances.
    nxt = DAY + dt.timedelta(days=1)
    at(hall_clock, "10:00", nxt)
    pay(url, 1, [1000], "a2")
    at(hall_clock, "18:10", nxt)
    _hand_over(url, 1, "ah2")
    at(hall_clock, "18:20", nxt)
    use(b_path)
    sync_once(url)
    use(a_path)
    data = settlement.settlement(manager(url), nxt)
    assert [(h.id, h.business_date, h.terminal) for h in data.carried_handovers] == [(late.id.hex, DAY, b_id)]
    clerk = next(c for c in data.clerks if c.staff_no == "1001")
    assert (clerk.expected_cash_fen, clerk.counted_cash_fen, clerk.difference_fen) == (1800, 1800, 0)
    assert "1 late handover(s)" in source_text(data)
    sheet = " ".join(pdf_text(settlement_sheet.build(data, "en")).split())
    assert "Carried: late handovers of closed days" in sheet and b_id in sheet
    second = settlement.close_day(manager(url), nxt, seen=data.mark)
    assert second.totals["carried_handover_ids"] == [late.id.hex] and len(second.totals["handover_ids"]) == 1
    sync_once(url)

    # Carried once: the day after carries nothing, and re-read the closed days are as closed.
    after = nxt + dt.timedelta(days=1)
    at(hall_clock, "18:30", after)
    assert settlement.settlement(manager(url), after).carried_handovers == []
    again = settlement.settlement(manager(url), nxt)
    assert [h.id for h in again.carried_handovers] == [late.id.hex] and len(again.handovers) == 1
    counted = sum(c.counted_cash_fen or 0 for d in (DAY, nxt) for c in settlement.settlement(manager(url), d).clerks)
    on_hub = hub.scalar("SELECT sum(counted_cash_fen) FROM shift_handover WHERE hall = 'JN001' AND business_date >= %s",
                        (DAY,))
    assert counted == on_hub == 2500 + 800 + 1000


def _settlement_tab_shows(qtbot, url, path, said: str, net: str) -> None:
    """The manager's settlement tab at that PC, on DAY: what it says and the net it shows."""
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.settlement_tab import SettlementTab
    from counter_app.ui.worker import wait_for_tasks

    tab = SettlementTab(AppContext(manager(url), TerminalConfig(mode="manager"), str(path)))
    qtbot.addWidget(tab)
    tab.date.setDate(DAY)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.business_date == DAY, timeout=15_000)
    assert said in tab.source.text() and tab.summary["net"].text().startswith(net)
    assert not tab.close_button.isEnabled()
    tab.live.timer.stop()
    wait_for_tasks()
