"""The day close (日结) of a hall with two counter PCs, on a real PostgreSQL hub: the close at
one PC counts the whole hall, refuses (naming the PC) while the other may hold unsent payments,
reaches the other PC at its next sync, and a payment taken there for the closed day before it
heard of the close is carried into the hall's next close, once; and the manager does it in the
full manager window, which shows each PC's state (docs/dayclose.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from counter_app import clock
from counter_app.config import TerminalConfig
from counter_app.documents import settlement as settlement_sheet
from counter_app.errors import Conflict
from counter_app.models import Account, DayClose, Payment, Staff
from counter_app.money import format_yuan
from counter_app.services import payments, settlement
from counter_app.services.hall_day import BEHIND, HERE, IN, UNSENT
from counter_app.services.session import open_session, terminal_id
from counter_app.sync import hub_day
from counter_app.sync.hub import connect
from counter_app.sync.lookup import HubLookup
from counter_app.sync.runner import sync_once
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import pdf_text
from tests.test_day_close import answer_next_box
from tests.test_sync.support import ROLE_A, new_terminal, use

pytestmark = pytest.mark.postgres

DAY = dt.date(2027, 1, 12)  # after the demo hub's own days: only these PCs' rows


@pytest.fixture
def hall_clock():
    fixed = clock.FrozenClock(dt.datetime.combine(DAY, dt.time(9, 0)))
    clock.set_clock(fixed)
    yield fixed
    clock.set_clock(None)


@pytest.fixture
def two_pcs(tmp_path, hub, hall_clock):
    url = hub.url_for(ROLE_A)
    pcs = {}
    for name in ("A", "B"):
        path = new_terminal(tmp_path / f"pc{name}.db")
        use(path)
        sync_once(url)
        pcs[name] = (path, terminal_id())
    return url, pcs


def _at(hall_clock, hhmm: str, day: dt.date = DAY) -> None:
    hall_clock.current = dt.datetime.combine(day, dt.time.fromisoformat(hhmm))


def _session(url: str | None, staff: str, counter: int | None):
    session = open_session(counter_number=counter)
    session.staff = Staff.get_by_id(staff)
    session.hub = HubLookup(url) if url else None
    return session


def _pay(url, counter: int, amounts: list[int], key: str) -> list[Payment]:
    clerk = _session(url, "1001", counter)
    line = Account.select().where(Account.status == "active").order_by(Account.phone).first()
    return [payments.take_payment(clerk, account_id=line.id, method="cash", amount_fen=a, tendered_fen=a,
                                  idempotency_key=f"{key}-{i}") for i, a in enumerate(amounts)]


def _manager(url):
    return _session(url, "2001", None)


def test_the_close_counts_both_pcs_and_refuses_while_b_has_not_sent(two_pcs, hub, hall_clock):
    url, pcs = two_pcs
    (a_path, a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "10:00")
    use(a_path)
    _pay(url, 1, [3000, 4000], "a1")
    use(b_path)
    _pay(url, 2, [1000, 2000], "b1")
    sync_once(url)
    _pay(url, 2, [5000], "b2")  # taken after B's last sync: only B has it
    # B reports it holds unsent entries (as after a push the hub refused in part).
    conn = connect(url)
    try:
        from counter_app.sync.push import pending_count

        assert hub_day.report(conn, b_id, clock.now(), pending_count())
        conn.commit()
    finally:
        conn.close()

    _at(hall_clock, "18:30")
    use(a_path)
    _pay(url, 1, [700], "a2")  # A's own payment, not sent: counted from A's file
    boss = _manager(url)
    data = settlement.settlement(boss, DAY)
    assert data.source == "hub"
    assert data.net_fen == 3000 + 4000 + 700 + 1000 + 2000  # B's unsent 5000 is not on the hub yet
    states = {t.terminal: t.state for t in data.terminals}
    assert states == {a_id: HERE, b_id: UNSENT}
    with pytest.raises(Conflict, match=b_id):
        settlement.close_day(boss, DAY, seen=data.mark)
    assert not DayClose.select().exists()

    # B syncs after the hall closed: everything of B is on the hub, B is in.
    use(b_path)
    sync_once(url)
    use(a_path)
    data = settlement.settlement(boss, DAY)
    assert {t.terminal: t.state for t in data.terminals} == {a_id: HERE, b_id: IN}
    assert data.gaps == []
    on_hub = hub.scalar("SELECT sum(amount_fen) FROM payment WHERE hall = 'JN001' AND business_date = %s", (DAY,))
    assert data.net_fen == 3000 + 4000 + 700 + 1000 + 2000 + 5000 == on_hub + 7700  # A has sent nothing yet
    per_terminal = {t.terminal: (t.payments, t.net_fen) for t in data.terminals}
    assert per_terminal == {a_id: (3, 7700), b_id: (3, 8000)}
    assert {c.staff_no: c.net_fen for c in data.clerks} == {"1001": 15700}
    row = settlement.close_day(boss, DAY, seen=data.mark)
    assert row.totals["net_fen"] == 15700 and len(row.totals["payment_ids"]) == 6
    assert row.totals["not_in"] == {}
    sync_once(url)  # A's rows and its close reach the hub

    # The close reaches B at its next sync; from then on B takes nothing for that day.
    use(b_path)
    _pay(url, 2, [300], "b3")  # before it heard: still taken (the next close carries it)
    sync_once(url)
    with pytest.raises(Conflict, match="closed"):
        _pay(url, 2, [900], "b4")


def test_a_payment_taken_at_b_before_it_heard_of_the_close_goes_to_the_next_close(two_pcs, hub, hall_clock):
    url, pcs = two_pcs
    (a_path, a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "11:00")
    use(b_path)
    _pay(url, 2, [2500], "b1")
    _at(hall_clock, "18:10")
    sync_once(url)
    use(a_path)
    _pay(url, 1, [1500], "a1")
    boss = _manager(url)
    first = settlement.close_day(boss, DAY)
    assert first.totals["net_fen"] == 4000
    sync_once(url)  # the close reaches the hub

    # B has not synced since: it still takes a payment for the closed day.
    _at(hall_clock, "18:40")
    use(b_path)
    late = _pay(url, 2, [800], "b2")[0]
    sync_once(url)  # pushes the late payment, pulls the close
    assert DayClose.get(DayClose.business_date == DAY).terminal == a_id
    with pytest.raises(Conflict, match="closed"):
        _pay(url, 2, [900], "b3")
    assert hub.scalar("SELECT count(*) FROM payment WHERE id = %s", (late.id,)) == 1  # on the hub, not refused

    # The closed day's sheet stays what was closed.
    use(a_path)
    assert settlement.settlement(boss, DAY).net_fen == 4000
    # The next day's close carries the late payment, listed apart, once.
    nxt = DAY + dt.timedelta(days=1)
    _at(hall_clock, "10:00", nxt)
    _pay(url, 1, [1000], "a2")
    _at(hall_clock, "18:20", nxt)
    use(b_path)
    sync_once(url)
    use(a_path)
    data = settlement.settlement(boss, nxt)
    assert [(p.id, p.business_date, p.terminal) for p in data.carried] == [(late.id.hex, DAY, b_id)]
    assert data.net_fen == 1000 + 800
    assert {t.terminal: t.state for t in data.terminals} == {a_id: HERE, b_id: IN}
    sheet = pdf_text(settlement_sheet.build(data, "en"))
    assert "Carried: late payments of closed days" in sheet and late.receipt_no in sheet
    assert b_id in sheet and "By PC (the whole hall, from the hub)" in sheet
    second = settlement.close_day(boss, nxt, seen=data.mark)
    assert second.totals["carried_ids"] == [late.id.hex] and second.totals["carried_fen"] == 800
    assert second.totals["net_fen"] == 1800
    sync_once(url)
    # Carried once: the day after has nothing to carry, and both sheets add up to the hub's rows.
    after = nxt + dt.timedelta(days=1)
    _at(hall_clock, "18:30", after)
    assert settlement.settlement(boss, after).carried == []
    assert settlement.settlement(boss, nxt).net_fen == 1800
    total = hub.scalar("SELECT sum(amount_fen) FROM payment WHERE hall = 'JN001' AND business_date >= %s", (DAY,))
    assert total == first.totals["net_fen"] + second.totals["net_fen"]


def test_a_pc_behind_is_named_and_the_manager_may_close_without_it(two_pcs, hub, hall_clock):
    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "15:00")
    use(b_path)
    _pay(url, 2, [1200], "b1")
    sync_once(url)  # B's last word: 15:00, then it is switched off
    _at(hall_clock, "16:00")
    unsent = _pay(url, 2, [600], "b2")[0]
    _at(hall_clock, "18:30")
    use(a_path)
    boss = _manager(url)
    check = settlement.close_check(boss, DAY)
    assert check.gaps == [b_id] and check.warnings
    assert {t.terminal: t.state for t in check.terminals}[b_id] == BEHIND
    with pytest.raises(Conflict, match=b_id):
        settlement.close_day(boss, DAY)
    row = settlement.close_day(boss, DAY, accept=[b_id])
    assert row.totals["not_in"] == {b_id: BEHIND} and row.totals["net_fen"] == 1200
    sync_once(url)
    sheet = pdf_text(settlement_sheet.build(settlement.settlement(boss, DAY), "en"))
    assert f"Closed without waiting for: {b_id}" in " ".join(sheet.split())
    # B's payment comes in the next day: carried into that day's close, not lost.
    nxt = DAY + dt.timedelta(days=1)
    _at(hall_clock, "09:00", nxt)
    use(b_path)
    sync_once(url)
    use(a_path)
    assert [p.id for p in settlement.settlement(boss, nxt).carried] == [unsent.id.hex]


def test_a_second_pc_does_not_close_a_day_the_hub_has_closed(two_pcs, hall_clock, qtbot):
    url, pcs = two_pcs
    (a_path, a_id), (b_path, _b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "18:20")
    use(b_path)
    sync_once(url)
    use(a_path)
    settlement.close_day(_manager(url), DAY)
    sync_once(url)
    use(b_path)  # B has not heard yet; its manager tries to close too
    with pytest.raises(Conflict, match=f"closed at PC {a_id}"):
        settlement.close_day(_manager(url), DAY)
    assert not DayClose.select().exists()
    from counter_app.ui.manager.settlement_tab import SettlementTab

    tab = SettlementTab(AppContext(_manager(url), TerminalConfig(mode="manager"), str(b_path)))
    qtbot.addWidget(tab)
    tab.date.setDate(DAY)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.business_date == DAY, timeout=15_000)
    assert f"Closed at PC {a_id}" in tab.source.text() and not tab.close_button.isEnabled()
    tab.live.timer.stop()
    wait_for_tasks()
    sync_once(url)
    assert DayClose.get().terminal == a_id  # now B knows, by its pull


def test_a_payment_the_hub_refused_keeps_its_pc_out_of_the_close(two_pcs, hub, hall_clock):
    import psycopg

    from counter_app.models.base import to_payload

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "17:00")
    use(b_path)
    refused = _pay(url, 2, [1800], "b1")[0]
    with hub.admin() as conn:  # a stray row holding its receipt number: the hub refuses B's payment
        conn.execute("INSERT INTO payment SELECT (jsonb_populate_record(NULL::payment, %s::jsonb)).*",
                     (psycopg.types.json.Jsonb({**to_payload(refused), "id": "01900000-0000-7000-8000-0000000000d1",
                                                 "idempotency_key": "stray"}),))
    _at(hall_clock, "18:10")
    assert sync_once(url).pushed.rejected == 1
    use(a_path)
    check = settlement.close_check(_manager(url), DAY)
    b = next(t for t in check.terminals if t.terminal == b_id)
    assert (b.state, b.pending) == (UNSENT, 1) and check.gaps == [b_id]


def test_without_an_answer_from_the_hub_the_close_counts_this_pc_only_when_told(two_pcs, hall_clock):
    url, pcs = two_pcs
    use(pcs["A"][0])
    _at(hall_clock, "10:00")
    _pay(None, 1, [4200], "p")
    _at(hall_clock, "18:30")
    boss = _manager("postgresql://nobody@127.0.0.1:1/none")  # no hub answers there
    boss.hub.timeout_s = 1
    data = settlement.settlement(boss, DAY)
    assert data.source == "offline" and data.gaps == ["hub"] and data.net_fen == 4200
    with pytest.raises(Conflict, match="hub does not answer"):
        settlement.close_day(boss, DAY)
    row = settlement.close_day(boss, DAY, accept=["hub"])
    assert row.totals["not_in"] == {"hub": "offline"} and row.totals["net_fen"] == 4200


def test_the_manager_sees_each_pc_and_closes_naming_the_one_not_heard_from(two_pcs, hall_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "11:00")
    use(b_path)
    _pay(url, 2, [1000], "b1")
    _at(hall_clock, "15:00")
    sync_once(url)  # B's last word of the day
    use(a_path)
    _at(hall_clock, "12:00")
    _pay(url, 1, [2000], "a1")
    _at(hall_clock, "18:30")

    window = ManagerWindow(AppContext(_manager(url), TerminalConfig(mode="manager"), str(a_path)))
    qtbot.addWidget(window)
    window.show()
    tab = window.settlement
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.data is not None, timeout=15_000)
    assert tab.summary["net"].text().startswith(format_yuan(3000))  # both PCs' payments
    assert tab.pcs.isVisible() and tab.pcs_model.rowCount() == 2
    states = {tab.pcs_model.index(r, 0).data(): tab.pcs_model.index(r, 3).data() for r in range(2)}
    b_row = next(k for k in states if k.startswith(b_id))
    assert "15:00" in states[b_row] and "before the hall closed" in states[b_row]
    assert "from the hub" in tab.source.text()

    seen: list[str] = []
    answer_next_box(qtbot, QMessageBox.StandardButton.No, seen)
    tab.close_button.click()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=15_000)
    assert b_id in seen[0] and "15:00" in seen[0]
    wait_for_tasks()
    assert not DayClose.select().exists()

    answer_next_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    tab.close_button.click()
    qtbot.waitUntil(lambda: DayClose.select().exists(), timeout=15_000)
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.closed_at is not None, timeout=15_000)
    assert DayClose.get().totals["not_in"] == {b_id: "behind"}
    assert DayClose.get().business_date == DAY
    qtbot.waitUntil(lambda: b_id in tab.source.text())
    window.board.timer.stop()
    wait_for_tasks()


def test_a_round_the_clock_hall_names_a_pc_behind_by_the_end_of_its_day(two_pcs, hub, hall_clock):
    """An airport hall closing at "24:00": a PC is behind when it was last heard from before
    the day's end (midnight) and before a few minutes ago. Reading "24:00" as a time of day
    failed, and so did the close check and the settlement sheet of such a hall with a hub."""
    from counter_app.models import Hall

    url, pcs = two_pcs
    (a_path, _a_id), (b_path, b_id) = pcs["A"], pcs["B"]
    _at(hall_clock, "15:00")
    use(b_path)
    _pay(url, 2, [1200], "b1")
    sync_once(url)
    _at(hall_clock, "23:30")
    use(a_path)
    Hall.update(opens="00:00", closes="24:00").execute()
    boss = _manager(url)
    check = settlement.close_check(boss, DAY)
    assert check.hall_closes == "24:00"  # still open: the manager is warned
    assert {t.terminal: t.state for t in check.terminals}[b_id] == BEHIND
    data = settlement.settlement(boss, DAY)
    assert data.source == "hub" and data.takings.amount_fen == 1200
