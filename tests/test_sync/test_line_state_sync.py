"""A line's state changed at a hall reaches the hub's line, once, and nothing the hub does
later (a payment moving the balance, the bill run) brings the old state back: a line reported
lost stays lost after it is paid for at another hall, 解挂 brings it back everywhere, a SIM
replacement's new card is the same card on the hub and at the hall's other counter, a void
undoes it on the hub, and a line the hub moved meanwhile is decided by the lifecycle's rules,
the hall told what was not applied (sync/hub_orders.py, docs/lifecycle.md "At the hub")."""

from __future__ import annotations

import pytest

from counter_app.models import Account, Outbox, ServiceOrder, SimCard, Staff
from counter_app.services import identify, ledger, orders, payments
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from counter_app.sync.runner import sync_once
from tests.service_data import submit
from tests.test_sync.support import ROLE_A, ROLE_B, assert_agrees_with_hub, new_terminal, run_cli, use

pytestmark = pytest.mark.postgres

NEW_SIM = "89860199887766554433"


def _session(staff_no: str, hub_url: str | None = None):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    session.hub = HubLookup(hub_url) if hub_url else None
    return session


def _hall_a(tmp_path, hub, name: str = "jinan.db"):
    path = new_terminal(tmp_path / name)
    use(path)
    sync_once(hub.url_for(ROLE_A))
    return path


def _working_line(*, owing: bool | None = None) -> Account:
    """An active line of a Jinan customer with one working SIM card."""
    query = (Account.select().join(SimCard, on=(SimCard.account == Account.id))
             .where((Account.status == "active") & (Account.home_city == "济南") & (SimCard.status == "active")
                    & Account.next_plan.is_null())
             .order_by(Account.phone))
    if owing is not None:
        query = query.where(Account.balance_fen < 0 if owing else Account.balance_fen >= 0)
    return query.first()


def _hub_line(hub, account_id) -> tuple[str, int]:
    with hub.admin() as conn:
        return conn.execute("SELECT status, balance_fen FROM account WHERE id = %s", (account_id,)).fetchone()


def _hub_sims(hub, account_id) -> list[tuple]:
    with hub.admin() as conn:
        return [(r[0], r[1], r[2]) for r in conn.execute(
            "SELECT serial, status, puk FROM sim_card WHERE account_id = %s ORDER BY serial", (account_id,))]


def _local_sims(account_id) -> list[tuple]:
    return [(s.serial, s.status, s.puk) for s in SimCard.select().where(SimCard.account == account_id)
            .order_by(SimCard.serial)]


def test_a_line_reported_lost_stays_lost_when_paid_for_at_another_hall_and_comes_back_everywhere(
        tmp_path, hub, frozen_clock):
    hall_a = _hall_a(tmp_path, hub)
    line = _working_line()
    balance = ledger.balance(line.id)
    clerk = _session("1001")
    submit(clerk, "loss_report", line, id_checked=True)
    assert sync_once(hub.url_for(ROLE_A)).pushed.rejected == 0
    assert _hub_line(hub, line.id) == ("lost", balance)

    # Hall B in Qingdao: the customer walks in and pays (异地缴费); the hub's balance moves.
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(hub.url_for(ROLE_B))
    far = _session("5001", hub.url_for(ROLE_B))
    assert identify.identify(far, line.phone).single.account_id == line.id
    assert Account.get_by_id(line.id).status == "lost"
    payments.take_payment(far, account_id=line.id, method="remote", amount_fen=5000, tendered_fen=5000,
                          idempotency_key="b-pay")
    assert sync_once(hub.url_for(ROLE_B)).pushed.rejected == 0
    assert _hub_line(hub, line.id) == ("lost", balance + 5000)
    assert Account.get_by_id(line.id).status == "lost" and ledger.balance(line.id) == balance + 5000

    # Hall A pulls the line the payment changed: still lost, with B's payment in its balance.
    use(hall_a)
    assert sync_once(hub.url_for(ROLE_A)).pulled.upserted.get("account", 0) >= 1
    assert Account.get_by_id(line.id).status == "lost"
    assert ledger.balance(line.id) == balance + 5000
    assert_agrees_with_hub(hub.url_for(ROLE_A))

    # The customer found the card: 解挂 at hall A brings the line back at the hub and at B.
    submit(clerk, "loss_cancel", line, id_checked=True)
    sync_once(hub.url_for(ROLE_A))
    assert _hub_line(hub, line.id) == ("active", balance + 5000)
    use(hall_b)
    sync_once(hub.url_for(ROLE_B))  # a walk-in kept here: its line as the hub has it now
    assert Account.get_by_id(line.id).status == "active"
    assert_agrees_with_hub(hub.url_for(ROLE_B))


def test_a_sim_replacement_is_the_same_card_on_the_hub_and_at_the_other_counter_and_a_void_undoes_it(
        tmp_path, hub, frozen_clock):
    counter1 = _hall_a(tmp_path, hub, "counter1.db")
    line = _working_line()
    old = _local_sims(line.id)
    qingdao = new_terminal(tmp_path / "qingdao.db")  # hall B, where the customer walked in yesterday
    use(qingdao)
    sync_once(hub.url_for(ROLE_B))
    identify.identify(_session("5001", hub.url_for(ROLE_B)), line.phone)
    assert _local_sims(line.id) == old
    use(counter1)
    clerk, manager = _session("1001"), _session("2001")
    order = submit(clerk, "sim_replace", line, sim_serial=NEW_SIM, reason="damaged", id_checked=True)
    card = SimCard.get(SimCard.serial == NEW_SIM)
    assert len(card.puk) == 8
    sync_once(hub.url_for(ROLE_A))
    on_hub = _hub_sims(hub, line.id)
    assert (NEW_SIM, "active", card.puk) in on_hub
    assert [s for s in on_hub if s[1] == "active"] == [(NEW_SIM, "active", card.puk)]
    assert on_hub == _local_sims(line.id)

    counter2 = _hall_a(tmp_path, hub, "counter2.db")  # the hall's other counter PC
    assert _local_sims(line.id) == on_hub
    with_puk = SimCard.get(SimCard.serial == NEW_SIM)
    assert (with_puk.id, with_puk.puk, with_puk.issued_at) == (card.id, card.puk, card.issued_at)
    use(qingdao)
    sync_once(hub.url_for(ROLE_B))  # the walk-in's line as the hub has it now
    assert _local_sims(line.id) == on_hub

    use(counter1)
    orders.void(manager, order.id, reason="填错卡号")
    assert _local_sims(line.id) == old
    sync_once(hub.url_for(ROLE_A))
    assert _hub_sims(hub, line.id) == old
    use(counter2)
    sync_once(hub.url_for(ROLE_A))
    assert _local_sims(line.id) == old
    assert_agrees_with_hub(hub.url_for(ROLE_A))
    use(qingdao)
    sync_once(hub.url_for(ROLE_B))
    assert _local_sims(line.id) == old  # the voided card is gone there too


def test_an_order_sent_twice_changes_the_hub_once(tmp_path, hub, frozen_clock):
    _hall_a(tmp_path, hub)
    line = _working_line()
    submit(_session("1001"), "suspend", line, reason="travel")
    sync_once(hub.url_for(ROLE_A))
    assert _hub_line(hub, line.id)[0] == "suspended"
    with hub.admin() as conn:  # meanwhile the line was resumed elsewhere
        conn.execute("UPDATE account SET status = 'active' WHERE id = %s", (line.id,))
    Outbox.update(status="pending").where(Outbox.table == "service_order").execute()
    report = sync_once(hub.url_for(ROLE_A))
    assert report.pushed.duplicate >= 1 and report.pushed.applied == 0
    assert _hub_line(hub, line.id)[0] == "active"  # not suspended a second time
    assert Account.get_by_id(line.id).status == "active"
    with hub.admin() as conn:
        assert conn.execute("SELECT count(*) FROM counter_sync.order_effect WHERE account_id = %s",
                            (line.id,)).fetchone()[0] == 1


def test_a_line_the_hub_moved_meanwhile_is_decided_by_the_lifecycle_and_the_refusal_reported(
        tmp_path, hub, frozen_clock):
    hall_a = _hall_a(tmp_path, hub)
    suspended, lost = _working_line(owing=True), None
    clerk = _session("1001")
    submit(clerk, "suspend", suspended, reason="travel")
    lost = (Account.select().join(SimCard, on=(SimCard.account == Account.id))
            .where((Account.status == "active") & (Account.home_city == "济南") & (Account.balance_fen < 0)
                   & (Account.id != suspended.id)).order_by(Account.phone).first())
    submit(clerk, "loss_report", lost, id_checked=True)
    order = ServiceOrder.get(ServiceOrder.account_id == suspended.id)
    with hub.admin() as conn:  # the bill run suspended both lines for arrears before the hall synced
        conn.execute("UPDATE account SET status = 'arrears' WHERE id = ANY(%s)", ([suspended.id, lost.id],))
    sync_once(hub.url_for(ROLE_A))
    # 停机 takes an active line only: the hub's arrears stands, and the hall has it back.
    assert _hub_line(hub, suspended.id)[0] == "arrears"
    assert Account.get_by_id(suspended.id).status == "arrears"
    # 挂失 takes a line in arrears too: the card is stopped wherever the line was.
    assert _hub_line(hub, lost.id)[0] == "lost"
    assert Account.get_by_id(lost.id).status == "lost"
    checked = run_cli("--db", str(hall_a), "sync", "--check", "--hub", hub.url_for(ROLE_A), COUNTER_APP_LANG="en")
    assert "Line changes the hub did not make: 1" in checked.stdout
    assert f"Order {order.order_no} did not change the line's state on the hub" in checked.stdout
    assert "the order expected active, the hub had suspended for arrears" in checked.stdout
    assert checked.returncode == 0  # the hall has the hub's line back: nothing differs
    zh = run_cli("--db", str(hall_a), "sync", "--check", "--hub", hub.url_for(ROLE_A), COUNTER_APP_LANG="zh_CN")
    assert f"受理单 {order.order_no} 未在中心变更号码的状态" in zh.stdout and "“欠费停机”" in zh.stdout

    # 解挂 returns the line to the state the hub's loss report found there: arrears, still owing.
    use(hall_a)
    submit(clerk, "loss_cancel", Account.get_by_id(lost.id), id_checked=True)
    assert Account.get_by_id(lost.id).status == "active"  # the hall's record: active when reported lost
    sync_once(hub.url_for(ROLE_A))
    assert _hub_line(hub, lost.id)[0] == "arrears"
    assert Account.get_by_id(lost.id).status == "arrears"


def test_the_sync_tab_tells_the_manager_which_line_change_the_hub_did_not_make(qtbot, tmp_path, hub, frozen_clock):
    from counter_app.ui.manager.sync_tab import SyncTab
    from tests.test_sync.test_ui import _manager_ctx

    path = _hall_a(tmp_path, hub)
    line = _working_line()
    order = submit(_session("1001"), "suspend", line, reason="travel")
    with hub.admin() as conn:  # the bill run suspended the line for arrears meanwhile
        conn.execute("UPDATE account SET status = 'arrears' WHERE id = %s", (line.id,))
    tab = SyncTab(_manager_ctx(path, hub.url_for(ROLE_A)))
    qtbot.addWidget(tab)
    assert tab.conflicts_label.isHidden()
    tab.run_button.click()
    qtbot.waitUntil(lambda: order.order_no in tab.conflicts_label.text(), timeout=20_000)
    assert not tab.conflicts_label.isHidden()
    assert tab.conflicts_label.text().startswith("Line changes the hub did not make: 1")
    # The states in the clerk's language (the session's: Chinese), never the stored English word.
    assert "正常" in tab.conflicts_label.text() and "欠费停机" in tab.conflicts_label.text()
    assert "arrears" not in tab.conflicts_label.text()


def _hub_row(hub, query: str, *params):
    with hub.admin() as conn:
        return conn.execute(query, params).fetchone()


def test_a_line_opened_at_the_hall_is_made_on_the_hub_as_the_hall_wrote_it_and_a_void_removes_it(
        tmp_path, hub, frozen_clock):
    from counter_app.models import Customer

    counter1 = _hall_a(tmp_path, hub, "counter1.db")
    manager = _session("2001")
    values = dict(name="周晓明", id_number="11010519491231002X", address="济南市历下区泉城路1号",
                  new_phone="18699990001", plan="RY58", sim_serial="89860199887766550001", service_password="246810",
                  id_checked=True)
    order = submit(manager, "new_subscription", None, **values)
    line, card = Account.get_by_id(order.account_id), SimCard.get(SimCard.serial == values["sim_serial"])
    payments.take_payment(manager, account_id=line.id, method="cash", amount_fen=3000, idempotency_key="first-topup")
    assert sync_once(hub.url_for(ROLE_A)).pushed.rejected == 0
    assert _hub_row(hub, "SELECT phone, plan_id, status, balance_fen, service_password_hash FROM account WHERE id = %s",
                    line.id) == ("18699990001", "RY58", "active", 3000, line.service_password_hash)
    assert _hub_row(hub, "SELECT serial, puk FROM sim_card WHERE id = %s", card.id) == (card.serial, card.puk)
    assert _hub_row(hub, "SELECT name, hall FROM customer WHERE id = %s", line.customer_id) == ("周晓明", "JN001")
    assert Account.get_by_id(line.id).balance_fen == 3000  # the hub's row came back, the payment in it
    _hall_a(tmp_path, hub, "counter2.db")  # the hall's other counter has the new line
    assert Account.get_by_id(line.id).phone == "18699990001"
    assert SimCard.get(SimCard.serial == values["sim_serial"]).puk == card.puk
    use(counter1)
    assert_agrees_with_hub(hub.url_for(ROLE_A))

    # A second line typed wrong and voided the same day: gone on the hub too.
    wrong = submit(manager, "new_subscription", None, **{**values, "new_phone": "18699990002",
                                                         "sim_serial": "89860199887766550002"})
    sync_once(hub.url_for(ROLE_A))
    assert _hub_row(hub, "SELECT count(*) FROM account WHERE id = %s", wrong.account_id) == (1,)
    orders.void(manager, wrong.id, reason="号码选错")
    sync_once(hub.url_for(ROLE_A))
    assert _hub_row(hub, "SELECT count(*) FROM account WHERE id = %s", wrong.account_id) == (0,)
    assert _hub_row(hub, "SELECT count(*) FROM sim_card WHERE serial = '89860199887766550002'") == (0,)
    assert Customer.get_by_id(line.customer_id).name == "周晓明"  # the customer keeps the first line
    assert_agrees_with_hub(hub.url_for(ROLE_A))

    # A number the province gave meanwhile to a customer of another hall: not made twice.
    taken = submit(manager, "new_subscription", None, **{**values, "new_phone": "18699990003",
                                                         "sim_serial": "89860199887766550003"})
    with hub.admin() as conn:
        conn.execute("INSERT INTO customer (id, name, id_number, phone, address, vip_tier, home_city, created_at, seq, "
                     "id_type, hall) VALUES (gen_random_uuid(), '王青', '370202198001010011', '', '', '', '青岛', "
                     "now(), 0, 'resident', 'JN002')")
        conn.execute("INSERT INTO account (id, customer_id, phone, plan_id, next_plan_from, status, balance_fen, "
                     "service_password_hash, home_city, opened_at, seq) SELECT gen_random_uuid(), id, '18699990003', "
                     "'RY58', '', 'active', 0, '', '青岛', '2026-11-01', 0 FROM customer WHERE id_number = "
                     "'370202198001010011'")
    sync_once(hub.url_for(ROLE_A))
    assert _hub_row(hub, "SELECT count(*) FROM account WHERE id = %s", taken.account_id) == (0,)
    checked = run_cli("--db", str(counter1), "sync", "--check", "--hub", hub.url_for(ROLE_A), check=False,
                      COUNTER_APP_LANG="en")
    assert f"Order {taken.order_no} was not made on the hub: it holds 18699990003 under another record" \
        in checked.stdout


def test_a_transfer_moves_the_line_to_its_new_owner_on_the_hub_and_a_payment_does_not_move_it_back(
        tmp_path, hub, frozen_clock):
    from counter_app.models import Customer
    from counter_app.services.passwords import verify_password

    _hall_a(tmp_path, hub)
    line = _working_line()
    owner = Customer.get_by_id(line.customer_id)
    manager = _session("2001")
    order = submit(manager, "transfer", line, owner_id_number=owner.id_number, new_name="孙丽",
                   new_id_number="370102197501010017", new_address="济南市历下区", service_password="112233",
                   id_checked=True)
    new_owner = Customer.get(Customer.id_number == "370102197501010017")
    sync_once(hub.url_for(ROLE_A))
    customer_id, password_hash = _hub_row(hub, "SELECT customer_id, service_password_hash FROM account WHERE id = %s",
                                          line.id)
    assert customer_id == new_owner.id and verify_password(password_hash, "112233")
    assert _hub_row(hub, "SELECT name, hall FROM customer WHERE id = %s", new_owner.id) == ("孙丽", "JN001")
    payments.take_payment(manager, account_id=line.id, method="cash", amount_fen=1000, idempotency_key="after-move")
    sync_once(hub.url_for(ROLE_A))
    assert Account.get_by_id(line.id).customer_id == new_owner.id
    assert_agrees_with_hub(hub.url_for(ROLE_A))
    # The transfer is voided the same day (a payment since is no business on the owner).
    orders.void(manager, order.id, reason="材料不全")
    sync_once(hub.url_for(ROLE_A))
    assert _hub_row(hub, "SELECT customer_id FROM account WHERE id = %s", line.id) == (owner.id,)
    assert _hub_row(hub, "SELECT count(*) FROM customer WHERE id = %s", new_owner.id) == (0,)
    assert Account.get_by_id(line.id).customer_id == owner.id
    assert_agrees_with_hub(hub.url_for(ROLE_A))


def test_a_hall_reads_only_its_own_order_record_and_cannot_call_the_hub_s_line_writers(tmp_path, hub, frozen_clock):
    import psycopg

    _hall_a(tmp_path, hub)
    line = _working_line()
    submit(_session("1001"), "suspend", line, reason="travel")
    sync_once(hub.url_for(ROLE_A))
    with psycopg.connect(hub.url_for(ROLE_A), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM counter_sync.order_effect").fetchone()[0] == 1
    with psycopg.connect(hub.url_for(ROLE_B), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM counter_sync.order_effect").fetchone()[0] == 0
        for call in ("SELECT counter_sync.oe_touch('account', %s)",
                     "SELECT counter_sync.oe_status(%s, 'resume', 'resume', 'suspended', 'active')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(call, (line.id,))
    assert _hub_line(hub, line.id)[0] == "suspended"


def test_an_order_whose_change_the_hub_cannot_read_is_still_stored_and_the_failure_recorded(tmp_path, hub):
    import json
    import uuid

    with hub.admin() as conn:
        account_id = conn.execute("SELECT id FROM account WHERE status = 'active' ORDER BY phone LIMIT 1").fetchone()[0]
        order_id = uuid.uuid4()
        cards = [r[0].hex for r in conn.execute("SELECT id FROM sim_card WHERE account_id = %s AND status = 'active'",
                                                 (account_id,))]
        broken = json.dumps({"new_sim": {"id": str(uuid.uuid4()), "serial": "89860100000000000099",
                                         "issued_at": "soon"}, "retired_ids": cards, "previous_status": "active",
                             "status": "active"})
        conn.execute("INSERT INTO service_order (id, hall, terminal, created_at, hlc, order_no, business_date, "
                     "business_code, staff_no, account_id, fields, effect_data, fee_fen, fee_method, id_checked, "
                     "status, idempotency_key, voided_by, void_reason, prints) VALUES (%s, 'JN001', 'T', now(), '', "
                     "'SJN00120261125AB0000001', '2026-11-25', 'sim_replace', '1001', %s, '{}', %s, 0, '', true, "
                     "'done', 'broken-order', '', '', 0)", (order_id, account_id, broken))
        assert conn.execute("SELECT count(*) FROM service_order WHERE id = %s", (order_id,)).fetchone()[0] == 1
        outcome, part, found = conn.execute("SELECT outcome, part, found FROM counter_sync.order_effect "
                                            "WHERE order_id = %s", (order_id,)).fetchone()
        assert (outcome, part) == ("conflict", "error") and "soon" in found
        assert conn.execute("SELECT count(*) FROM sim_card WHERE serial = '89860100000000000099'").fetchone()[0] == 0
        # Nothing of the change stays: the cards it would have retired still work.
        assert conn.execute("SELECT count(*) FROM sim_card WHERE account_id = %s AND status = 'active'",
                            (account_id,)).fetchone()[0] == len(cards)
