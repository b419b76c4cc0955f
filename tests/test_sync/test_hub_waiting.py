"""An order or a payment waiting on the hub for a line it does not know is listed once it has
waited too long (sync/hub_waiting.py; docs/security.md, "Money the hub holds"): by
``sync --status``, ``sync --check``, ``held`` and the Sync tab, with what the manager can do,
and no longer once the line arrives. On a real PostgreSQL hub."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest

from counter_app.sync import held
from counter_app.sync.hub_waiting import WAITING_DAYS
from counter_app.sync.runner import sync_once, sync_state
from tests.test_sync.support import HALL_A, run_cli, staff_session
from tests.test_sync.test_hub_held import _a_suspend_order, _hub, _insert_order

pytestmark = pytest.mark.postgres


def _wait_for_an_unknown_line(tmp_path, hub):
    """Hall A's order and payment, made on 25 November, for a line the hub does not know."""
    url_a, own, row = _a_suspend_order(tmp_path, hub)
    unknown = uuid.uuid4()
    order = dict(row, id=uuid.uuid4(), order_no=row["order_no"][:-1] + "8", idempotency_key="a-waits-long",
                 account_id=unknown)
    _insert_order(url_a, order)
    payment = {"id": uuid.uuid4(), "hall": HALL_A, "terminal": "T-a", "receipt_no": "R" + HALL_A + "20261125TA0000098",
               "business_date": dt.date(2026, 11, 25), "staff_no": "1001", "account_id": unknown,
               "phone": "13999990003", "kind": "payment", "method": "cash", "amount_fen": 4500,
               "idempotency_key": "a-unknown-long", "created_at": dt.datetime(2026, 11, 25, 10, 5), "hlc": "",
               "reference": "", "reason": ""}
    with psycopg.connect(url_a, autocommit=True) as conn:
        conn.execute(f"INSERT INTO payment ({', '.join(payment)}) VALUES ({', '.join(['%s'] * len(payment))})",
                     list(payment.values()))
    return url_a, own, unknown, order, payment


def test_an_order_and_money_waiting_too_long_for_their_line_are_listed_with_what_to_do(
        qtbot, tmp_path, hub, frozen_clock):
    url_a, own, unknown, order, payment = _wait_for_an_unknown_line(tmp_path, hub)
    manager = staff_session("2001")
    # Made today: the line may well arrive with the next sync of the PC that opened it.
    assert sync_once(url_a).waiting == []
    assert held.waiting_on_hub(manager, url_a) == []

    frozen_clock.advance(days=WAITING_DAYS + 1)
    report = sync_once(url_a)
    assert [(w["what"], w["ref"]) for w in report.waiting] == [("order", order["order_no"]),
                                                                ("payment", payment["receipt_no"])]
    assert "2 waiting on the hub for a line it does not know" in report.summary()
    late = held.waiting_on_hub(manager, url_a)
    assert [(w.what, w.ref, w.business_date, w.amount_fen) for w in late] == [
        ("order", order["order_no"], "2026-11-25", 0), ("payment", payment["receipt_no"], "2026-11-25", 4500)]

    db_file = str(tmp_path / "jinan.db")
    status = run_cli("--db", db_file, "sync", "--status")
    assert f"2 orders or payments waiting on the hub over {WAITING_DAYS} days" in status.stdout
    checked = run_cli("--db", db_file, "sync", "--check", "--hub", url_a, COUNTER_APP_LANG="en", check=False)
    assert f"Waiting on the hub for a line it does not know, over {WAITING_DAYS} days: 2" in checked.stdout
    assert (f"Order {order['order_no']} of 2026-11-25 is not made yet: the hub does not know the line. If it was "
            "opened at this hall, sync the PC that opened it") in checked.stdout
    assert (f"Receipt {payment['receipt_no']} of 2026-11-25, 45.00 yuan for line 13999990003, is credited to no "
            "line") in checked.stdout and "or refund it to the customer" in checked.stdout
    zh = run_cli("--db", db_file, "sync", "--check", "--hub", url_a, COUNTER_APP_LANG="zh_CN", check=False)
    assert "等待中心尚不知道的号码" in zh.stdout and "请在开户的电脑上同步" in zh.stdout
    env = {"COUNTER_APP_PASSWORD": "123456", "COUNTER_APP_LANG": "en"}
    listed = run_cli("--db", db_file, "held", "--staff", "2001", "--hub", url_a, **env)
    assert order["order_no"] in listed.stdout and "credited by itself when the line arrives" in listed.stdout

    # The manager's Sync tab shows the same, in the hall's words.
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.sync_tab import SyncTab

    ctx = AppContext(manager, TerminalConfig(hub=url_a, sync_interval_s=3600), db_file)
    tab = SyncTab(ctx)
    qtbot.addWidget(tab)
    tab.show_state(sync_state())
    assert tab.waiting_label.isVisibleTo(tab)
    text = tab.waiting_label.text()
    assert text.startswith(f"Waiting on the hub for a line it does not know, over {WAITING_DAYS} days: 2")
    assert order["order_no"] in text and payment["receipt_no"] in text

    # The line arrives: both are decided, and nothing waits any more.
    with hub.admin() as conn:
        conn.execute("INSERT INTO account SELECT (jsonb_populate_record(NULL::account, to_jsonb(a) || "
                     "jsonb_build_object('id', %s::text, 'phone', '13999990003', 'status', 'active', "
                     "'balance_fen', 0))).* FROM account a WHERE id = %s", (str(unknown), own.id))
    assert _hub(hub, "SELECT how FROM counter_sync.held_settlement WHERE payment_id = %s", payment["id"]) == [
        ("applied",)]
    assert sync_once(url_a).waiting == []
    tab.show_state(sync_state())
    assert not tab.waiting_label.isVisibleTo(tab)
