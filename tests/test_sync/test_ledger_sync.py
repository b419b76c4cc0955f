"""One number, two halls, one hub: a payment taken anywhere reaches the number's ledger on the
hub once, and after their next sync both halls show the balance and amount due the hub's
ledger adds up to (the seed's promise: every channel, any hall, the same figures): the
number's own hall through its pull, another hall it walked into through the refresh of its
walk-ins' money."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from counter_app.models import Account, Bill
from counter_app.services import customers, identify, ledger, payments, statements
from counter_app.sync.runner import sync_once
from counter_app.sync.verify import compare_with_hub
from tests.test_sync.support import (
    ROLE_A,
    ROLE_B,
    assert_agrees_with_hub,
    new_terminal,
    run_cli,
    staff_session,
    use,
)

pytestmark = pytest.mark.postgres


_session = staff_session


def _hub_figures(hub, account_id) -> tuple[int, int, int]:
    """The hub's cached balance, the sum of its ledger entries, and how many entries."""
    with hub.admin() as conn:
        cached = conn.execute("SELECT balance_fen FROM account WHERE id = %s", (account_id,)).fetchone()[0]
        total, count = conn.execute("SELECT COALESCE(SUM(amount_fen), 0), count(*) FROM ledger_entry "
                                    "WHERE account_id = %s", (account_id,)).fetchone()
    return cached, int(total), count


def _counter_shows(session, account) -> tuple[int, int]:
    """(balance, amount due) as the customer view and the payment panel show them; both the same."""
    view = customers.load_view(session, account.id, session.hall.city)
    payee = payments.payee(session, account.id)
    assert (view.balance_fen, view.due_fen) == (payee.balance_fen, payee.due_fen)
    return view.balance_fen, view.due_fen


def test_pay_at_a_reverse_at_a_pay_cross_city_at_b_every_terminal_agrees_with_the_hub(tmp_path, hub, frozen_clock):
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    hall_a = new_terminal(tmp_path / "jinan.db")
    use(hall_a)
    sync_once(url_a)
    account = (Account.select().join(Bill, on=(Bill.account == Account.id)).where(Account.home_city == "济南")
               .order_by(Account.phone).first())  # a line of Jinan with bills
    before = ledger.balance(account.id)
    cached, total, entries = _hub_figures(hub, account.id)
    assert before == cached == total  # the hub's ledger, pulled

    # Hall A: 100.00 in cash, reversed by the manager, then 20.00 by bank card.
    clerk, manager = _session("1001"), _session("2001")
    first = payments.take_payment(clerk, account_id=account.id, method="cash", amount_fen=10000,
                                  idempotency_key="a-1")
    payments.reverse_payment(manager, first.id, reason="收错号码", idempotency_key="a-2")
    payments.take_payment(clerk, account_id=account.id, method="pos", amount_fen=2000, reference="20261125001",
                          idempotency_key="a-3")
    assert ledger.position(account.id).pending_fen == 2000  # counted here before the hub has it
    assert sync_once(url_a).pushed.rejected == 0
    assert _hub_figures(hub, account.id) == (before + 2000, before + 2000, entries + 3)

    # Hall B in Qingdao keeps only its own customers: the number walks in and is fetched.
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    assert not Account.select().where(Account.id == account.id).exists()
    far = _session("5001", url_b)
    assert identify.identify(far, account.phone).single.account_id == account.id
    assert _counter_shows(far, account) == (before + 2000, max(0, -(before + 2000)))  # A's payments
    # It pays 50.00 there as a cross-city payment (异地缴费); cash is for the hall's own lines.
    with pytest.raises(Exception, match="cross-city"):
        payments.take_payment(far, account_id=account.id, method="cash", amount_fen=5000, idempotency_key="b-0")
    payments.take_payment(far, account_id=account.id, method="remote", amount_fen=5000, tendered_fen=10000,
                          idempotency_key="b-1")
    expected = before + 7000
    assert ledger.position(account.id) == ledger.Position(expected, 5000)
    assert sync_once(url_b).pushed.rejected == 0
    assert _hub_figures(hub, account.id)[:2] == (expected, expected)
    assert ledger.position(account.id) == ledger.Position(expected, 0)  # the hub's entry came back
    assert assert_agrees_with_hub(url_b)["detail"]["walk_ins"] == 1

    # Back at hall A after its next pull: the same balance and amount due, B's payment listed.
    use(hall_a)
    sync_once(url_a)
    assert _counter_shows(clerk, account) == (expected, max(0, -expected))
    assert ledger.position(account.id) == ledger.Position(expected, 0)
    assert_agrees_with_hub(url_a)
    paid_at_b = [e for e in ledger.entries(account.id) if e.hall == "JN002"]
    assert [(e.kind, e.method, e.amount_fen) for e in paid_at_b] == [("payment", "remote", 5000)]
    latest = statements.available_months(clerk, account.phone)[0]
    bill = statements.bill_data(clerk, account.phone, latest)
    assert (bill.balance_fen, bill.due_fen) == (expected, max(0, -expected))
    assert ledger.check().ok

    # Hall A takes 30.00 more; hall B's counter shows it after B's next sync, and agrees.
    payments.take_payment(clerk, account_id=account.id, method="cash", amount_fen=3000, idempotency_key="a-4")
    sync_once(url_a)
    second = uuid.uuid4()  # meanwhile the customer opened a second line, billed 38.00 already
    with hub.admin() as conn:
        conn.execute("INSERT INTO account (id, customer_id, phone, plan_id, next_plan_from, status, balance_fen, "
                     "service_password_hash, home_city, opened_at, seq) VALUES (%s, %s, '13299990000', 'RY58', '', "
                     "'active', -3800, '', '济南', '2026-10-01', 0)", (second, account.customer_id))
        conn.execute("INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, posted_at) "
                     "VALUES (gen_random_uuid(), %s, '2026-10', 'charge', -3800, '', '', '', now())", (second,))
    use(hall_b)
    assert _counter_shows(far, account)[0] == expected  # not synced yet
    assert sync_once(url_b).walk_ins == 1
    later = expected + 3000
    assert _counter_shows(far, account) == (later, max(0, -later))
    assert ledger.position(second) == ledger.Position(-3800, 0)
    assert ledger.check().ok
    checked = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b)
    assert "ledgers of customers of other halls kept here: ok" in checked.stdout
    # A copy that no longer adds up is reported, and the next sync puts it right.
    Account.update(balance_fen=Account.balance_fen + 1).where(Account.id == account.id).execute()
    assert not compare_with_hub(url_b)["checks"]["ledgers of customers of other halls kept here"]
    failed = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, check=False)
    assert failed.returncode == 1 and "ledgers of customers of other halls kept here: DIFFERENT" in failed.stdout
    sync_once(url_b)
    assert_agrees_with_hub(url_b)
    with hub.admin() as conn:
        hub_balance, hub_sum = conn.execute(
            "SELECT balance_fen, (SELECT sum(amount_fen) FROM ledger_entry WHERE account_id = a.id) FROM account a "
            "WHERE id = %s", (account.id,)).fetchone()
    assert ledger.balance(account.id) == hub_balance == hub_sum == later

    # Sending everything again changes nothing on the hub: each payment is applied once.
    from counter_app.models import Outbox

    use(hall_a)
    Outbox.update(status="pending").where(Outbox.table == "payment").execute()
    report = sync_once(url_a)
    assert report.pushed.duplicate >= 4 and report.pushed.applied == 0
    assert _hub_figures(hub, account.id)[:2] == (later, later)


def test_the_hub_gives_a_hall_the_money_of_its_own_walk_ins_only(tmp_path, hub, frozen_clock):
    """``counter_sync.visitor_money`` answers for customers the hall fetched lately, nobody else."""
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    use(new_terminal(tmp_path / "qingdao.db"))
    sync_once(url_b)
    with hub.admin() as conn:
        fetched, other = [row[0] for row in conn.execute(
            "SELECT c.id FROM customer c WHERE c.hall = 'JN001' AND EXISTS (SELECT 1 FROM account a "
            "WHERE a.customer_id = c.id) ORDER BY c.id LIMIT 2")]
        phone = conn.execute("SELECT phone FROM account WHERE customer_id = %s LIMIT 1", (fetched,)).fetchone()[0]
    identify.identify(_session("5001", url_b), phone)
    with psycopg.connect(url_b, autocommit=True) as conn:
        got = conn.execute("SELECT counter_sync.visitor_money(%s::uuid[])", ([fetched, other],)).fetchone()[0]
        assert {row[1] for row in got["account"]} == {fetched.hex}
        assert conn.execute("SELECT counter_sync.visitor_money(%s::uuid[])", ([other],)).fetchone()[0] is None
    with psycopg.connect(url_a, autocommit=True) as conn:  # hall A looked nobody up
        assert conn.execute("SELECT counter_sync.visitor_money(%s::uuid[])", ([fetched],)).fetchone()[0] is None
    with hub.admin() as conn:  # past the hall's keep days, the look-up no longer counts
        conn.execute("UPDATE counter_sync.lookup_log SET at = now() - interval '31 days'")
    with psycopg.connect(url_b, autocommit=True) as conn:
        assert conn.execute("SELECT counter_sync.visitor_money(%s::uuid[])", ([fetched],)).fetchone()[0] is None


def test_the_hub_posts_what_the_ledger_rule_says_for_every_kind_of_payment(tmp_path, hub, frozen_clock):
    """The hub's trigger and ``services.ledger.payment_effect`` are the same rule."""
    url = hub.url_for(ROLE_A)
    path = new_terminal(tmp_path / "t.db")
    use(path)
    sync_once(url)
    account = Account.select().where(Account.home_city == "济南").order_by(Account.phone).first()
    clerk, manager = _session("1001"), _session("2001")
    from counter_app.models import db

    made = []
    with db.atomic():
        made.append(payments.take_payment(clerk, account_id=account.id, method="cash", amount_fen=1234,
                                          idempotency_key="k1"))
        fee = payments.record_fee(clerk, account_id=account.id, amount_fen=2000, method="cash", order_id=None,
                                  idempotency_key="k2")
    made.append(fee)
    made.append(payments.reverse_payment(manager, fee.id, reason="作废业务", idempotency_key="k3"))
    made.append(payments.reverse_payment(manager, made[0].id, reason="收错", idempotency_key="k4"))
    made.append(payments.record_credit(clerk, account_id=account.id, amount_fen=345, reason="先行赔付",
                                       idempotency_key="k5"))
    expected = {}
    for p in made:
        original = next((o.kind for o in made if o.id == p.reverses_id), None)
        expected[p.id] = ledger.payment_effect(p.kind, p.amount_fen, original)
    sync_once(url)
    with hub.admin() as conn:
        posted = dict(conn.execute("SELECT id, amount_fen FROM ledger_entry WHERE id = ANY(%s)",
                                   ([p.id for p in made],)).fetchall())
    assert posted == {pid: amount for pid, amount in expected.items() if amount}
    assert sorted(expected.values()) == [-1234, 0, 0, 345, 1234]


def test_payments_that_reached_a_hub_without_the_trigger_are_posted_once_by_hub_init(tmp_path, hub, frozen_clock):
    from counter_app.sync.hub import install_hub

    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "t.db"))
    sync_once(url)
    account = Account.select().where(Account.home_city == "济南").order_by(Account.phone).first()
    with hub.admin() as conn:  # a hub set up before payments were posted
        conn.execute("DROP TRIGGER counter_sync_ledger ON payment")
    before = _hub_figures(hub, account.id)
    payments.take_payment(_session("1001"), account_id=account.id, method="cash", amount_fen=1234,
                          idempotency_key="old-hub")
    sync_once(url)
    assert _hub_figures(hub, account.id) == before
    install_hub(hub.admin_url)
    install_hub(hub.admin_url)
    assert _hub_figures(hub, account.id) == (before[0] + 1234, before[1] + 1234, before[2] + 1)
    sync_once(url)
    assert ledger.position(account.id) == ledger.Position(before[0] + 1234, 0)


def test_a_line_suspended_for_arrears_works_again_everywhere_once_paid(tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "t.db"))
    sync_once(url)
    account = Account.select().where(Account.home_city == "济南").order_by(Account.phone).first()
    with hub.admin() as conn:  # the bill run found it owing 300.00, past the limit
        conn.execute("INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, posted_at) "
                     "VALUES (gen_random_uuid(), %s, '2026-10', 'adjustment', %s, '', '', '', now())",
                     (account.id, -ledger.balance(account.id) - 30000))
        conn.execute("UPDATE account SET balance_fen = -30000, status = 'arrears' WHERE id = %s", (account.id,))
    sync_once(url)
    assert Account.get_by_id(account.id).status == "arrears" and ledger.amount_due(account.id) == 30000
    payments.take_payment(_session("1001"), account_id=account.id, method="cash", amount_fen=30000,
                          idempotency_key="arrears-paid")
    assert Account.get_by_id(account.id).status == "active"  # at once, at the counter
    sync_once(url)
    with hub.admin() as conn:
        assert conn.execute("SELECT status, balance_fen FROM account WHERE id = %s",
                            (account.id,)).fetchone() == ("active", 0)
    assert Account.get_by_id(account.id).status == "active" and ledger.check().ok
