"""What the hub no longer takes on trust from a hall's login (docs/security.md, "Each hall owns
its numbers" and "Whose lines a hall may change"): an order id is the hall's own in the bill
run's record, so another hall's order under the same id neither hides nor stands in for it; a
hall changes and credits only its own customers' lines and those of the walk-ins it served
(异地业务 and 异地缴费 keep working), and what the hub refuses is listed for the manager."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest
from psycopg.rows import dict_row

from counter_app.db import close_database, open_database
from counter_app.models import Account, Customer, Payment, db
from counter_app.services import billrun, identify, payments
from counter_app.services.numbering import next_document_no
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.service_data import local_line, submit
from tests.test_sync.support import HALL_A, HALL_B, ROLE_A, ROLE_B, new_terminal, run_cli, staff_session, use

pytestmark = pytest.mark.postgres


_session = staff_session


def _hub(hub, sql: str, *args):
    with hub.admin() as conn:
        return conn.execute(sql, args).fetchall()


def _order_row(hub, order_id) -> dict:
    with psycopg.connect(hub.admin_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute("SELECT * FROM service_order WHERE hall = %s AND id = %s", (HALL_A, order_id)).fetchone()


def _insert_as_hall_b(hub, row: dict) -> str:
    """Hall B's own login stores ``row`` as one of its orders; the hub's reason when refused."""
    columns = list(row)
    try:
        with psycopg.connect(hub.url_for(ROLE_B), autocommit=True) as conn:
            conn.execute(f"INSERT INTO service_order ({', '.join(columns)}) VALUES "
                         f"({', '.join(['%s'] * len(columns))})", [row[c] for c in columns])
    except psycopg.Error as exc:
        return exc.diag.message_primary or type(exc).__name__
    return "inserted"


def _as_b(row: dict, serial: int = 0, **changes) -> dict:
    """A's order row made over as hall B's: B's hall and an order number carrying B's code
    (``serial`` makes it another number)."""
    number = row["order_no"][0] + HALL_B + row["order_no"][1 + len(HALL_A):]
    out = dict(row, hall=HALL_B, order_no=number[:-5] + f"{(int(number[-5:]) + serial) % 100000:05d}",
               idempotency_key=f"{row['idempotency_key']}-{serial}")
    out.update(changes)
    return out


def _apply_orders_at_the_hub(hub, day: dt.date) -> int:
    close_database()
    open_database(hub.admin_url)
    try:
        return billrun.apply_orders(day)
    finally:
        close_database()


def test_another_halls_order_under_the_same_id_does_not_make_the_bill_run_skip_the_owners(tmp_path, hub,
                                                                                          frozen_clock):
    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "jinan.db")
    use(path)
    sync_once(url)
    line = local_line()
    plan = next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id)
    order = submit(_session("1001"), "plan_change", line, plan=plan)
    with hub.admin() as conn:  # A's order reaches a hub set up before the order trigger
        conn.execute("ALTER TABLE service_order DISABLE TRIGGER counter_sync_order_apply")
    try:
        assert sync_once(url).pushed.rejected == 0
    finally:
        with hub.admin() as conn:
            conn.execute("ALTER TABLE service_order ENABLE TRIGGER counter_sync_order_apply")
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(None,)]

    # Hall B reads A's order id (an order's QR carries it) and stores an order of its own under
    # it, for a line of its own the hub does not know yet: the trigger decides B's order.
    mine = _as_b(_order_row(hub, order.id), account_id=uuid.uuid4(), customer_id=None)
    assert _insert_as_hall_b(hub, mine) == "inserted"
    assert _hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", order.id) == [(HALL_B, "done")]

    # The bill run still applies A's order, once.
    assert _apply_orders_at_the_hub(hub, dt.date(2026, 11, 30)) == 1
    assert _apply_orders_at_the_hub(hub, dt.date(2026, 11, 30)) == 0
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(plan,)]
    assert sorted(_hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", order.id)) == [
        (HALL_A, "done"), (HALL_B, "done")]


def test_hub_init_keys_an_older_hubs_applied_orders_by_the_hall_the_trigger_decided(hub):
    from counter_app.sync.hub import install_hub

    shared = uuid.uuid4()
    with hub.admin() as conn:  # a hub of step 16: applied_order keyed by the order id alone
        conn.execute("DROP TABLE applied_order")
        conn.execute("CREATE TABLE applied_order (order_id uuid PRIMARY KEY, status varchar(16) NOT NULL, "
                     "applied_at timestamp NOT NULL)")
        conn.execute("INSERT INTO applied_order VALUES (%s, 'done', now())", (shared,))
        # The trigger decided hall B's order under that id (hall A's came before the trigger).
        conn.execute("INSERT INTO counter_sync.order_effect (hall, order_id, action, effect, outcome) "
                     "VALUES (%s, %s, 'apply', 'plan_change', 'skipped')", (HALL_B, shared))
        conn.execute("UPDATE sync_state SET value = '16' WHERE key = 'schema_version'")
    install_hub(hub.admin_url)
    assert _hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = %s", shared) == [(HALL_B, "done")]
    assert _hub(hub, "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'applied_order'") == [(True,)]
    assert _hub(hub, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                     "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'applied_order'::regclass AND i.indisprimary "
                     "ORDER BY array_position(i.indkey::int2[], a.attnum)") == [("hall",), ("order_id",)]


def _line_state(hub, account_id) -> str:
    return _hub(hub, "SELECT status FROM account WHERE id = %s", account_id)[0][0]


def _refusal(hub, hall: str, order_id) -> tuple:
    return _hub(hub, "SELECT outcome, part, found FROM counter_sync.order_effect WHERE hall = %s AND order_id = %s "
                     "AND action = 'apply'", hall, order_id)[0]


def test_a_hall_changes_only_its_own_customers_lines_and_the_walk_ins_it_served(tmp_path, hub, frozen_clock):
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    hall_a = new_terminal(tmp_path / "jinan.db")
    use(hall_a)
    sync_once(url_a)
    clerk = _session("1001")
    own, other, far_line = _active_lines()
    stopped = submit(clerk, "suspend", own, reason="travel")  # hall A stops its own customer's line
    assert sync_once(url_a).pushed.rejected == 0
    assert _line_state(hub, own.id) == "suspended"

    # Hall B in Qingdao, with its own login, stops a line of hall A's that never came to its
    # counter: the order is B's record, the line stays as it is, and the refusal is listed.
    row = _order_row(hub, stopped.id)
    forged = _as_b(row, serial=1, id=uuid.uuid4(), account_id=other.id, customer_id=other.customer_id)
    assert _insert_as_hall_b(hub, forged) == "inserted"
    assert _line_state(hub, other.id) == "active"
    assert _refusal(hub, HALL_B, forged["id"]) == ("conflict", "line", "not_served")

    # The customer of far_line walks into hall B: B finds them on the hub and stops the line
    # (异地业务); the hub makes the change.
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    far = _session("5001", url_b)
    assert identify.identify(far, far_line.phone).single.account_id == far_line.id
    served = submit(far, "suspend", Account.get_by_id(far_line.id), reason="travel")
    assert sync_once(url_b).pushed.rejected == 0
    assert _line_state(hub, far_line.id) == "suspended"
    assert _refusal(hub, HALL_B, served.id)[0] == "applied"
    # A plan change is done in a hall of the number's city only (the counter's rule, again on
    # the hub): B's own login sending one for the Jinan walk-in is refused.
    plan = _as_b(row, serial=2, id=uuid.uuid4(), account_id=far_line.id, customer_id=far_line.customer_id,
                 business_code="plan_change", effect_data='{"to_plan": "SJ128", "effective": "2026-12"}')
    assert _insert_as_hall_b(hub, plan) == "inserted"
    assert _refusal(hub, HALL_B, plan["id"]) == ("conflict", "line", "other_city")
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", far_line.id) == [(None,)]

    checked = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, COUNTER_APP_LANG="en")
    assert (f"Order {forged['order_no']} was not made on the hub: the line is neither a customer of this hall nor "
            "a walk-in it served.") in checked.stdout
    assert f"Order {plan['order_no']} was not made on the hub: for a number of another city" in checked.stdout
    zh = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, COUNTER_APP_LANG="zh_CN")
    assert f"受理单 {forged['order_no']}" in zh.stdout and "非本厅客户" in zh.stdout
    status = run_cli("--db", str(hall_b), "sync", "--status", "--json")
    assert forged["order_no"] in status.stdout
    assert "1 line changes the hub did not make" in run_cli("--db", str(hall_b), "sync", "--status").stdout


def _active_lines() -> list[Account]:
    """Three active Jinan lines of three different customers."""
    lines: dict = {}
    for line in (Account.select().join(Customer).where((Account.home_city == "济南") & (Account.status == "active"))
                 .order_by(Account.phone)):
        lines.setdefault(line.customer_id, line)
        if len(lines) == 3:
            break
    return list(lines.values())


def test_a_payment_for_a_line_the_hall_never_served_is_held_and_a_cross_city_payment_arrives(
        tmp_path, hub, frozen_clock):
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(url_a)
    paid, never = _active_lines()[:2]
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    far = _session("5001", url_b)
    identify.identify(far, paid.phone)  # the customer of ``paid`` walks in: 异地缴费
    payments.take_payment(far, account_id=paid.id, method="remote", amount_fen=5000, tendered_fen=5000,
                          idempotency_key="b-pay")
    # A payment row for a line of hall A's that B never served (written past the counter's checks).
    session = open_session()
    with db.atomic():
        receipt = next_document_no("R", session.hall_code, session.terminal_id, dt.date(2026, 11, 25))
        forged = Payment.create(hall=session.hall_code, terminal=session.terminal_id, receipt_no=receipt,
                                business_date=dt.date(2026, 11, 25), staff_no="5001", method="remote",
                                account_id=never.id, phone=never.phone, amount_fen=100000, idempotency_key="b-forged")
    before = _hub(hub, "SELECT balance_fen FROM account WHERE id = %s", never.id)
    paid_before = _hub(hub, "SELECT balance_fen FROM account WHERE id = %s", paid.id)[0][0]
    report = sync_once(url_b)
    # The money is on the hub (the hall's day counts it), held: the line is not credited
    # (tests/test_sync/test_hub_held.py follows it to its apply or refund).
    assert report.pushed.rejected == 0
    assert _hub(hub, "SELECT balance_fen FROM account WHERE id = %s", never.id) == before
    assert _hub(hub, "SELECT count(*) FROM payment WHERE receipt_no = %s", receipt) == [(1,)]
    assert _hub(hub, "SELECT reason FROM counter_sync.held_payment WHERE payment_id = %s", forged.id) == [
        ("not_served",)]
    # The cross-city payment of the walk-in arrives and is credited.
    assert _hub(hub, "SELECT count(*) FROM payment WHERE hall = %s AND account_id = %s", HALL_B, paid.id) == [(1,)]
    assert _hub(hub, "SELECT balance_fen FROM account WHERE id = %s", paid.id)[0][0] == paid_before + 5000
    checked = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, COUNTER_APP_LANG="en", check=False)
    assert f"{receipt} · 2026-11-25 · {never.phone} · ¥1000.00" in checked.stdout
    # B's own login cannot move its accepted payment onto another line either.
    with pytest.raises(psycopg.errors.CheckViolation), psycopg.connect(url_b, autocommit=True) as conn:
        conn.execute("UPDATE payment SET account_id = %s WHERE hall = %s AND account_id = %s",
                     (never.id, HALL_B, paid.id))


def test_a_refused_transfer_names_the_people_masked_not_their_record_ids(tmp_path, hub, frozen_clock):
    from counter_app.services.validation import mask_id_number, mask_name
    from counter_app.sync.hub import install_hub

    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "jinan.db")
    use(path)
    sync_once(url)
    line, elsewhere = _active_lines()[:2]
    owner, other = Customer.get_by_id(line.customer_id), Customer.get_by_id(elsewhere.customer_id)
    order = submit(_session("2001"), "transfer", line, owner_id_number=owner.id_number, new_name="孙丽",
                   new_id_number="370102197501010017", new_address="济南市历下区", service_password="112233",
                   id_checked=True)
    with hub.admin() as conn:  # meanwhile the line was transferred to another customer elsewhere
        conn.execute("UPDATE account SET customer_id = %s WHERE id = %s", (other.id, line.id))
    sync_once(url)
    assert _refusal(hub, HALL_A, order.id)[:2] == ("conflict", "owner")

    def says(lang: str) -> str:
        return run_cli("--db", str(path), "sync", "--check", "--hub", url, COUNTER_APP_LANG=lang, check=False).stdout

    expected = f"{mask_name(owner.name)} {mask_id_number(owner.id_number)}"
    found = f"{mask_name(other.name)} {mask_id_number(other.id_number)}"
    assert (f"Order {order.order_no} did not transfer the line on the hub: the order found it registered to "
            f"{expected}, the hub has it registered to {found}; the hub's line stands.") in says("en")
    zh = says("zh_CN")
    assert f"受理单 {order.order_no} 未在中心办理过户" in zh and expected in zh and found in zh
    for text in (says("en"), zh):
        assert owner.id.hex not in text.replace("-", "") and str(other.id) not in text
        assert owner.id_number not in text and other.name not in text

    # A refusal recorded before refusals named people: hub init names them.
    with hub.admin() as conn:
        conn.execute("UPDATE counter_sync.order_effect SET expected = %s, found = %s WHERE hall = %s AND order_id = %s",
                     (str(owner.id), str(other.id), HALL_A, order.id))
    install_hub(hub.admin_url)
    assert _hub(hub, "SELECT expected, found FROM counter_sync.order_effect WHERE hall = %s AND order_id = %s",
                HALL_A, order.id) == [(expected, found)]


def test_sync_check_compares_the_walk_ins_sim_cards_with_the_hubs(tmp_path, hub, frozen_clock):
    from counter_app.models import SimCard
    from counter_app.sync.verify import compare_with_hub

    url_b = hub.url_for(ROLE_B)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(hub.url_for(ROLE_A))
    line = _active_lines()[0]
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    identify.identify(_session("5001", url_b), line.phone)  # a walk-in: B keeps the line and its cards
    sync_once(url_b)
    name = "SIM cards of customers of other halls kept here"
    outcome = compare_with_hub(url_b)
    assert outcome["checks"][name] and outcome["detail"]["walk_in_sims"]["cards"] >= 1
    card = SimCard.get((SimCard.account == line.id) & (SimCard.status == "active"))
    db.execute_sql("UPDATE sim_card SET status = 'retired' WHERE id = ?", (card.id.hex,))  # a copy gone astray
    outcome = compare_with_hub(url_b)
    assert not outcome["checks"][name]
    assert outcome["detail"]["walk_in_sims"]["first_difference"] == (
        f"SIM card {card.serial}: retired here, active on the hub")
    failed = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, check=False)
    assert failed.returncode == 1 and f"{name}: DIFFERENT" in failed.stdout
    assert "ledgers of customers of other halls kept here: ok" in failed.stdout
    sync_once(url_b)  # the next sync brings the hub's cards back
    assert run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b).returncode == 0


def test_hub_init_decides_once_the_plan_and_sp_orders_that_came_before_the_trigger(tmp_path, hub, frozen_clock):
    from counter_app.ids import as_uuid
    from counter_app.models import SpService, SpSubscription
    from counter_app.sync.hub import install_hub

    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(url)
    line, stopped = _active_lines()[:2]
    plan = next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id)
    taken = SpSubscription.select(SpSubscription.service).where(SpSubscription.account == line.id)
    service = SpService.select().where((SpService.monthly_fee_fen > 0) & SpService.code.not_in(taken)).first()
    clerk = _session("1001")
    change = submit(clerk, "plan_change", line, plan=plan)
    subscribe = submit(clerk, "sp_subscribe", Account.get_by_id(line.id), service=service.code)
    stop = submit(clerk, "suspend", stopped, reason="travel")
    with hub.admin() as conn:  # a hub whose order trigger came after these orders
        conn.execute("ALTER TABLE service_order DISABLE TRIGGER counter_sync_order_apply")
    try:
        assert sync_once(url).pushed.rejected == 0
    finally:
        with hub.admin() as conn:
            conn.execute("ALTER TABLE service_order ENABLE TRIGGER counter_sync_order_apply")
    sub_id = as_uuid(subscribe.effect_data["subscription_id"])
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", line.id) == [(None,)]

    assert install_hub(hub.admin_url)["orders_decided_late"] == 2
    assert _hub(hub, "SELECT next_plan_id, next_plan_from FROM account WHERE id = %s", line.id) == [(plan, "2026-12")]
    assert _hub(hub, "SELECT service_id, end_date FROM sp_subscription WHERE id = %s", sub_id) == [(service.code, None)]
    assert _refusal(hub, HALL_A, change.id)[0] == "applied" and _refusal(hub, HALL_A, subscribe.id)[0] == "applied"
    # A line's state moved on since an order that old: it is left as it is (docs/lifecycle.md).
    assert _line_state(hub, stopped.id) == "active"
    assert _hub(hub, "SELECT count(*) FROM counter_sync.order_effect WHERE order_id = %s", stop.id) == [(0,)]
    # Once: neither the next hub init nor the bill run applies them again.
    assert install_hub(hub.admin_url)["orders_decided_late"] == 0
    assert _apply_orders_at_the_hub(hub, dt.date(2026, 11, 30)) == 0
    assert sorted(_hub(hub, "SELECT hall, status FROM applied_order WHERE order_id = ANY(%s)",
                       [change.id, subscribe.id])) == [(HALL_A, "done"), (HALL_A, "done")]
    out = run_cli("hub", "init", "--url", hub.admin_url)
    assert "orders that came before" not in out.stdout


def test_the_sync_tab_lists_money_the_hub_holds_and_the_manager_refunds_it(qtbot, tmp_path, hub, frozen_clock):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.held_panel import COL_AMOUNT, COL_REASON
    from counter_app.ui.manager.sync_tab import SyncTab
    from counter_app.ui.sync_runner import SyncRunner

    url_b = hub.url_for(ROLE_B)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(hub.url_for(ROLE_A))
    never = _active_lines()[1]
    with hub.admin() as conn:  # hall B's manager
        conn.execute("INSERT INTO staff (staff_no, hall_id, name, role, specialties, password_hash, failed_attempts, "
                     "active, may_reverse) VALUES ('5002', %s, '周敏', 'manager', '[]', 'x', 0, true, true)", (HALL_B,))
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    session = _session("5002")
    with db.atomic():
        receipt = next_document_no("R", session.hall_code, session.terminal_id, dt.date(2026, 11, 25))
        Payment.create(hall=session.hall_code, terminal=session.terminal_id, receipt_no=receipt,
                       business_date=dt.date(2026, 11, 25), staff_no="5001", method="cash", account_id=never.id,
                       phone=never.phone, amount_fen=100000, idempotency_key="b-forged")
    ctx = AppContext(session, TerminalConfig(hub=url_b, sync_interval_s=3600), str(hall_b))
    ctx.sync_runner = SyncRunner(ctx, parent=ctx)
    tab = SyncTab(ctx)
    qtbot.addWidget(tab)
    from counter_app.ui.widgets.status_bar import HallStatusBar

    bar = HallStatusBar(ctx)  # every staff window's: the clerk knows to call the manager
    qtbot.addWidget(bar)
    tab.run_button.click()
    held = tab.held
    qtbot.waitUntil(lambda: held.model.rowCount() == 1, timeout=20_000)
    assert "1 payments held by the hub (manager: Sync tab)" in bar.sync_label.text()
    assert tab.model.rowCount() == 0  # not refused: held
    assert held.model.index(0, COL_AMOUNT).data() == "1000.00"
    assert held.model.index(0, COL_REASON).data() == (
        "the line is neither a customer of this hall nor a walk-in it served")
    assert "1 payments, 1000.00 yuan" in held.title.text()
    qtbot.waitUntil(lambda: not ctx.sync_runner.running, timeout=10_000)
    held.table.selectRow(0)
    held.reason_edit.setText("the customer took the money back")
    messages: list[str] = []
    ctx.statusMessage.connect(messages.append)
    held.refund_button.click()
    qtbot.waitUntil(lambda: any("paid back" in m for m in messages), timeout=20_000)
    qtbot.waitUntil(lambda: held.model.rowCount() == 0 and not ctx.sync_runner.running, timeout=20_000)
    assert not held.isVisibleTo(tab)
    assert "held by the hub" not in bar.sync_label.text()
    assert _hub(hub, "SELECT how FROM counter_sync.held_settlement WHERE hall = %s", HALL_B) == [("refunded",)]
