"""One number, two halls, one hub: a payment taken anywhere reaches the number's ledger on the
hub once, and after their next pull both halls show the balance and amount due the hub's
ledger adds up to (the seed's promise: every channel, any hall, the same figures)."""

from __future__ import annotations

import pytest

from counter_app.models import Account, Bill, Staff
from counter_app.services import ledger, payments, statements
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.test_sync.support import ROLE_A, ROLE_B, assert_agrees_with_hub, new_terminal, use

pytestmark = pytest.mark.postgres


def _session(staff_no: str):
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id(staff_no)
    return session


def _hub_figures(hub, account_id) -> tuple[int, int, int]:
    """The hub's cached balance, the sum of its ledger entries, and how many entries."""
    with hub.admin() as conn:
        cached = conn.execute("SELECT balance_fen FROM account WHERE id = %s", (account_id,)).fetchone()[0]
        total, count = conn.execute("SELECT COALESCE(SUM(amount_fen), 0), count(*) FROM ledger_entry "
                                    "WHERE account_id = %s", (account_id,)).fetchone()
    return cached, int(total), count


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

    # Hall B in Qingdao: the same number pays 50.00 as a cross-city payment (异地缴费).
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    assert ledger.balance(account.id) == before + 2000  # A's payments came with the hub's ledger
    far = _session("5001")
    with pytest.raises(Exception, match="cross-city"):
        payments.take_payment(far, account_id=account.id, method="cash", amount_fen=5000, idempotency_key="b-0")
    payments.take_payment(far, account_id=account.id, method="remote", amount_fen=5000, tendered_fen=10000,
                          idempotency_key="b-1")
    assert ledger.balance(account.id) == before + 7000
    assert sync_once(url_b).pushed.rejected == 0
    expected = before + 7000
    assert _hub_figures(hub, account.id)[:2] == (expected, expected)
    sync_once(url_b)
    assert ledger.position(account.id) == ledger.Position(expected, 0)
    assert_agrees_with_hub(url_b)

    # Back at hall A after its next pull: the same balance and amount due, B's payment listed.
    use(hall_a)
    sync_once(url_a)
    assert ledger.position(account.id) == ledger.Position(expected, 0)
    assert ledger.amount_due(account.id) == max(0, -expected)
    assert_agrees_with_hub(url_a)
    paid_at_b = [e for e in ledger.entries(account.id) if e.hall == "JN002"]
    assert [(e.kind, e.method, e.amount_fen) for e in paid_at_b] == [("payment", "remote", 5000)]
    latest = statements.available_months(_session("1001"), account.phone)[0]
    bill = statements.bill_data(clerk, account.phone, latest)
    assert (bill.balance_fen, bill.due_fen) == (expected, max(0, -expected))
    assert ledger.check().ok

    # Sending everything again changes nothing on the hub: each payment is applied once.
    from counter_app.models import Outbox

    Outbox.update(status="pending").where(Outbox.table == "payment").execute()
    report = sync_once(url_a)
    assert report.pushed.duplicate >= 3 and report.pushed.applied == 0
    assert _hub_figures(hub, account.id)[:2] == (expected, expected)


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
