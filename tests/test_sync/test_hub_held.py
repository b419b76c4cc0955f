"""Money the hub holds (docs/security.md, "Money the hub holds"): a payment for a line the hall
may not credit reaches the hub and is kept as money held, never credited silently and never
lost; the manager applies it once the hall may (after the walk-in look-up) or refunds it as a
new row. A walk-in look-up lets a hall serve the customer for its ``visitor_keep_days``,
counted from when the business was made at the counter; an order or payment for a line the
hub does not know yet is decided when the line arrives; the counter's city rule holds on the
hub for a hall's own customers too. All on a real PostgreSQL hub."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid

import psycopg
import pytest

from counter_app.errors import Conflict, ValidationError
from counter_app.models import Account, Customer, Payment, db
from counter_app.services import identify
from counter_app.services.numbering import next_document_no
from counter_app.services.session import open_session
from counter_app.sync import held
from counter_app.sync.runner import sync_once
from tests.service_data import remote_line
from tests.test_sync.support import HALL_A, HALL_B, ROLE_A, ROLE_B, new_terminal, run_cli, staff_session, use

pytestmark = pytest.mark.postgres


def _hub(hub, sql: str, *args):
    with hub.admin() as conn:
        return conn.execute(sql, args).fetchall()


def _jinan_lines(n: int) -> list[Account]:
    lines: dict = {}
    for line in (Account.select().join(Customer).where((Account.home_city == "济南") & (Account.status == "active"))
                 .order_by(Account.phone)):
        lines.setdefault(line.customer_id, line)
        if len(lines) == n:
            break
    return list(lines.values())


def _pay_past_the_counter(line: Account, amount: int, key: str, *, made_at: dt.datetime | None = None) -> Payment:
    """A payment row as a counter writes one (with its outbox entry), for any line."""
    session = open_session()
    with db.atomic():
        day = (made_at or dt.datetime(2026, 11, 25, 10)).date()
        receipt = next_document_no("R", session.hall_code, session.terminal_id, day)
        values = dict(hall=session.hall_code, terminal=session.terminal_id, receipt_no=receipt, business_date=day,
                      staff_no="5001", method="cash", account_id=line.id, phone=line.phone, amount_fen=amount,
                      idempotency_key=key)
        if made_at is not None:
            values["created_at"] = made_at
        return Payment.create(**values)


def _two_halls(tmp_path, hub):
    url_a, url_b = hub.url_for(ROLE_A), hub.url_for(ROLE_B)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(url_a)
    lines = _jinan_lines(3)
    with hub.admin() as conn:  # hall B's manager
        conn.execute("INSERT INTO staff (staff_no, hall_id, name, role, specialties, password_hash, failed_attempts, "
                     "active, may_reverse) VALUES ('5002', %s, '周敏', 'manager', '[]', 'x', 0, true, true) "
                     "ON CONFLICT DO NOTHING", (HALL_B,))
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(url_b)
    return url_b, hall_b, lines


def _balance(hub, line) -> int:
    return _hub(hub, "SELECT balance_fen FROM account WHERE id = %s", line.id)[0][0]


def test_a_payment_for_a_line_the_hall_may_not_credit_is_held_then_applied_after_the_walk_in_look_up(
        tmp_path, hub, frozen_clock):
    url_b, hall_b, (never, _, _) = _two_halls(tmp_path, hub)
    before = _balance(hub, never)
    pay = _pay_past_the_counter(never, 12345, "b-held")
    report = sync_once(url_b)
    # The money reached the hub (the hall's day counts it) but no line has it.
    assert report.pushed.rejected == 0 and report.pushed.applied >= 1
    assert _hub(hub, "SELECT count(*) FROM payment WHERE hall = %s AND id = %s", HALL_B, pay.id) == [(1,)]
    assert _balance(hub, never) == before
    assert _hub(hub, "SELECT count(*) FROM ledger_entry WHERE id = %s", pay.id) == [(0,)]
    assert _hub(hub, "SELECT terminal, staff_no, amount_fen, account_id, receipt_no, reason FROM "
                     "counter_sync.held_payment WHERE hall = %s", HALL_B) == [
        (pay.terminal, "5001", 12345, never.id, pay.receipt_no, "not_served")]
    assert [h["receipt_no"] for h in report.held] == [pay.receipt_no]

    # The manager sees it: sync --status, sync --check (both languages), the held command.
    status = run_cli("--db", str(hall_b), "sync", "--status")
    assert "1 payments held by the hub, 123.45 yuan" in status.stdout
    checked = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, COUNTER_APP_LANG="en")
    assert "Money the hub holds, not credited to any line: 1 payments, 123.45 yuan" in checked.stdout
    assert f"{pay.receipt_no} · 2026-11-25 · {never.phone} · ¥123.45" in checked.stdout
    assert "the line is neither a customer of this hall nor a walk-in it served" in checked.stdout
    zh = run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b, COUNTER_APP_LANG="zh_CN")
    assert "中心暂存" in zh.stdout and pay.receipt_no in zh.stdout

    # The day's settlement counts the money (the cash balances) and lists it as held, on paper too.
    from pypdf import PdfReader

    from counter_app.documents import settlement as sheet
    from counter_app.services import settlement

    figures = settlement.settlement(staff_session("5002", url_b), dt.date(2026, 11, 25))
    assert figures.source == "hub" and figures.takings.amount_fen == 12345
    assert [(h.receipt_no, h.amount_fen, h.settled) for h in figures.held] == [(pay.receipt_no, 12345, "")]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.build(figures, "en"))).pages)
    assert "Held by the hub" in text and pay.receipt_no in text and "123.45" in text
    zh = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.build(figures, "zh_CN"))).pages)
    assert "中心暂存款" in zh and "暂存" in zh

    manager = staff_session("5002")
    # Not yet: the hall has not served this customer; nothing changes.
    with pytest.raises(Conflict) as refused:
        held.apply_held(manager, url_b, pay.receipt_no)
    assert "stays held" in refused.value.text()
    assert _balance(hub, never) == before
    # The customer comes to the counter: the walk-in look-up, then the manager applies it.
    identify.identify(staff_session("5001", url_b), never.phone)
    done = held.apply_held(manager, url_b, pay.receipt_no)
    assert done.amount_fen == 12345
    assert _balance(hub, never) == before + 12345
    assert _hub(hub, "SELECT amount_fen, hall FROM ledger_entry WHERE id = %s", pay.id) == [(12345, HALL_B)]
    assert _hub(hub, "SELECT how, staff_no FROM counter_sync.held_settlement WHERE payment_id = %s", pay.id) == [
        ("applied", "5002")]
    with pytest.raises(Conflict):  # once
        held.apply_held(manager, url_b, pay.receipt_no)
    assert _balance(hub, never) == before + 12345
    assert held.held_payments(manager, url_b) == []
    assert db.execute_sql("SELECT count(*) FROM audit_event WHERE action = 'payment.held_applied'").fetchone() == (1,)
    report = sync_once(url_b)
    assert report.held == []
    assert run_cli("--db", str(hall_b), "sync", "--check", "--hub", url_b).returncode == 0


def test_a_held_payment_refunded_to_the_customer_is_a_new_row_and_credits_nothing(tmp_path, hub, frozen_clock):
    url_b, hall_b, (never, _, _) = _two_halls(tmp_path, hub)
    before = _balance(hub, never)
    pay = _pay_past_the_counter(never, 5000, "b-held-refund")
    sync_once(url_b)
    manager = staff_session("5002")
    with pytest.raises(ValidationError):  # a refund needs its reason
        held.refund_held(manager, url_b, pay.receipt_no, reason=" ")
    refund = held.refund_held(manager, url_b, pay.receipt_no, reason="customer asked for the money back")
    assert (refund.kind, refund.amount_fen, refund.reverses_id, refund.staff_no) == ("reversal", -5000, pay.id, "5002")
    assert Payment.get_by_id(pay.id).amount_fen == 5000  # the payment itself is never changed
    report = sync_once(url_b)
    assert report.pushed.rejected == 0 and report.held == []
    assert _hub(hub, "SELECT how, ref FROM counter_sync.held_settlement WHERE payment_id = %s", pay.id) == [
        ("refunded", refund.receipt_no)]
    assert _balance(hub, never) == before
    assert _hub(hub, "SELECT count(*) FROM ledger_entry WHERE id IN (%s, %s)", pay.id, refund.id) == [(0,)]
    # The till: 50 yuan in, 50 yuan out, and hub init's catch-up posts neither.
    from counter_app.sync.hub import install_hub

    install_hub(hub.admin_url)
    assert _balance(hub, never) == before
    assert _hub(hub, "SELECT sum(amount_fen) FROM payment WHERE hall = %s AND id IN (%s, %s)", HALL_B, pay.id,
                refund.id) == [(0,)]
    with pytest.raises(Conflict):  # settled: it cannot be applied as well
        held.apply_held(manager, url_b, pay.receipt_no)


def test_a_walk_in_look_up_lets_the_hall_serve_the_customer_for_its_keep_days_from_when_the_business_was_made(
        tmp_path, hub, frozen_clock):
    url_b, hall_b, (line, _, _) = _two_halls(tmp_path, hub)
    identify.identify(staff_session("5001", url_b), line.phone)
    looked_up = dt.datetime(2026, 11, 1, 9, 0)
    with hub.admin() as conn:  # the look-up, on the hub's record, was on 1 November
        conn.execute("UPDATE counter_sync.lookup_log SET at = %s WHERE hall = %s AND customer_id = %s",
                     (looked_up, HALL_B, line.customer_id))
    before = _balance(hub, line)
    # Made at the counter on day 29 of the 30 the hall keeps walk-ins, and on day 31; both arrive
    # only now, days later (an offline counter): the first is credited, the second held.
    inside = _pay_past_the_counter(line, 1000, "b-inside", made_at=looked_up + dt.timedelta(days=29))
    outside = _pay_past_the_counter(line, 2000, "b-outside", made_at=looked_up + dt.timedelta(days=31))
    report = sync_once(url_b)
    assert report.pushed.rejected == 0
    assert _balance(hub, line) == before + 1000
    assert [h["receipt_no"] for h in report.held] == [outside.receipt_no]
    assert inside.receipt_no not in {h["receipt_no"] for h in report.held}
    # The hall's own setting moves the limit: with 40 days the later one is within it.
    with hub.admin() as conn:
        conn.execute("INSERT INTO setting (hall, key, value) VALUES (%s, 'visitor_keep_days', '40') "
                     "ON CONFLICT (hall, key) DO UPDATE SET value = EXCLUDED.value", (HALL_B,))
    late = _pay_past_the_counter(line, 3000, "b-late", made_at=looked_up + dt.timedelta(days=39))
    sync_once(url_b)
    assert _balance(hub, line) == before + 4000
    assert late.receipt_no not in {h.receipt_no for h in held.held_payments(staff_session("5002"), url_b)}


def _order_row(hub, hall: str, order_id) -> dict:
    from psycopg.rows import dict_row

    with psycopg.connect(hub.admin_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute("SELECT * FROM service_order WHERE hall = %s AND id = %s", (hall, order_id)).fetchone()


def _insert_order(url: str, row: dict) -> None:
    columns = list(row)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"INSERT INTO service_order ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
                     [row[c] for c in columns])


def _effect(hub, hall, order_id) -> tuple:
    return _hub(hub, "SELECT outcome, part, found FROM counter_sync.order_effect WHERE hall = %s AND order_id = %s "
                     "AND action = 'apply'", hall, order_id)[0]


def _a_suspend_order(tmp_path, hub):
    """Hall A's own 停机 order on the hub, as a template for rows the tests store."""
    from tests.service_data import submit

    url_a = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "jinan.db"))
    sync_once(url_a)
    own = _jinan_lines(1)[0]
    order = submit(staff_session("1001"), "suspend", own, reason="travel")
    sync_once(url_a)
    return url_a, own, _order_row(hub, HALL_A, order.id)


def test_an_order_and_a_payment_for_a_line_the_hub_does_not_know_are_decided_when_the_line_arrives(
        tmp_path, hub, frozen_clock):
    url_a, own, row = _a_suspend_order(tmp_path, hub)
    # Hall B's order for a line the hub does not know yet: stored, waiting.
    unknown_b = uuid.uuid4()
    order_b = dict(row, id=uuid.uuid4(), hall=HALL_B, order_no=row["order_no"].replace(HALL_A, HALL_B)[:-1] + "7",
                   idempotency_key="b-waits", account_id=unknown_b, customer_id=None)
    _insert_order(hub.url_for(ROLE_B), order_b)
    assert _effect(hub, HALL_B, order_b["id"]) == ("waiting", "line", "unknown_line")
    # Hall A's order for its own customer's line, not on the hub yet: waits too.
    unknown_a = uuid.uuid4()
    order_a = dict(row, id=uuid.uuid4(), order_no=row["order_no"][:-1] + "8", idempotency_key="a-waits",
                   account_id=unknown_a)
    _insert_order(url_a, order_a)
    # And a payment of hall A for that line: held for want of the line.
    payment = {"id": uuid.uuid4(), "hall": HALL_A, "terminal": "T-a", "receipt_no": "R" + HALL_A + "20261125TA0000099",
               "business_date": dt.date(2026, 11, 25), "staff_no": "1001", "account_id": unknown_a,
               "phone": "13999990001", "kind": "payment", "method": "cash", "amount_fen": 700,
               "idempotency_key": "a-unknown", "created_at": dt.datetime(2026, 11, 25, 10), "hlc": "",
               "reference": "", "reason": ""}
    with psycopg.connect(url_a, autocommit=True) as conn:
        conn.execute(f"INSERT INTO payment ({', '.join(payment)}) VALUES ({', '.join(['%s'] * len(payment))})",
                     list(payment.values()))
    assert _hub(hub, "SELECT reason FROM counter_sync.held_payment WHERE payment_id = %s", payment["id"]) == [
        ("unknown_line",)]

    # The lines arrive, both as hall A's customers' lines.
    with hub.admin() as conn:
        for line, phone in ((unknown_a, "13999990001"), (unknown_b, "13999990002")):
            conn.execute("INSERT INTO account SELECT (jsonb_populate_record(NULL::account, to_jsonb(a) || "
                         "jsonb_build_object('id', %s::text, 'phone', %s::text, 'status', 'active', 'balance_fen', 0)"
                         ")).* FROM account a WHERE id = %s", (str(line), phone, own.id))
    # A's order and payment are its own customer's: made now. B's is refused and listed.
    assert _effect(hub, HALL_A, order_a["id"])[0] == "applied"
    assert _hub(hub, "SELECT status, balance_fen FROM account WHERE id = %s", unknown_a) == [("suspended", 700)]
    assert _hub(hub, "SELECT how, staff_no FROM counter_sync.held_settlement WHERE payment_id = %s",
                payment["id"]) == [("applied", "hub")]
    assert _effect(hub, HALL_B, order_b["id"]) == ("conflict", "line", "not_served")
    assert _hub(hub, "SELECT status FROM account WHERE id = %s", unknown_b) == [("active",)]
    hall_b = new_terminal(tmp_path / "qingdao.db")
    use(hall_b)
    sync_once(hub.url_for(ROLE_B))
    checked = run_cli("--db", str(hall_b), "sync", "--check", "--hub", hub.url_for(ROLE_B), COUNTER_APP_LANG="en",
                      check=False)
    assert (f"Order {order_b['order_no']} was not made on the hub: the line is neither a customer of this hall nor "
            "a walk-in it served") in checked.stdout


def test_the_hub_applies_the_city_rule_to_a_halls_own_customers_too(tmp_path, hub, frozen_clock):
    url_a, own, row = _a_suspend_order(tmp_path, hub)
    far = remote_line()  # a customer of hall A whose number is of another city
    assert Customer.get_by_id(far.customer_id).hall == HALL_A and far.home_city != "济南"
    change = dict(row, id=uuid.uuid4(), order_no=row["order_no"][:-1] + "6", idempotency_key="a-far-plan",
                  account_id=far.id, customer_id=far.customer_id, business_code="plan_change",
                  effect_data=json.dumps({"to_plan": "SJ128", "effective": "2026-12"}))
    _insert_order(url_a, change)
    assert _effect(hub, HALL_A, change["id"]) == ("conflict", "line", "other_city")
    assert _hub(hub, "SELECT next_plan_id FROM account WHERE id = %s", far.id) == [(None,)]
    stop = dict(row, id=uuid.uuid4(), order_no=row["order_no"][:-1] + "5", idempotency_key="a-far-stop",
                account_id=far.id, customer_id=far.customer_id)  # 停机 may be done for another city's number
    _insert_order(url_a, stop)
    assert _effect(hub, HALL_A, stop["id"])[0] == "applied"
    checked = run_cli("--db", str(tmp_path / "jinan.db"), "sync", "--check", "--hub", url_a, COUNTER_APP_LANG="en",
                      check=False)
    assert (f"Order {change['order_no']} was not made on the hub: for a number of another city this business is "
            "done in a hall of that city.") in checked.stdout


def test_the_held_command_lists_and_refunds_held_money_as_a_signed_in_manager(tmp_path, hub, frozen_clock):
    url_a = hub.url_for(ROLE_A)
    hall_a = new_terminal(tmp_path / "jinan.db")
    use(hall_a)
    sync_once(url_a)
    line = _jinan_lines(1)[0]
    with hub.admin() as conn:  # the customer moved to hall B meanwhile; this PC does not know yet
        conn.execute("UPDATE customer SET hall = %s WHERE id = %s", (HALL_B, line.customer_id))
    pay = _pay_past_the_counter(line, 8800, "a-moved")
    from counter_app.services import ledger

    def counted_here() -> list:  # what this PC counts as the line's money it took, not yet confirmed
        return [e.id for e in ledger.pending(line.id)]

    assert counted_here() == [pay.id]
    sync_once(url_a)
    assert counted_here() == []  # the hub holds it: this PC no longer counts it as the line's
    env = {"COUNTER_APP_PASSWORD": "123456", "COUNTER_APP_LANG": "en"}
    listed = run_cli("--db", str(hall_a), "held", "--staff", "2001", "--hub", url_a, **env)
    assert "Money the hub holds, not credited to any line: 1 payments, 88.00 yuan" in listed.stdout
    assert pay.receipt_no in listed.stdout
    clerk = run_cli("--db", str(hall_a), "held", "--staff", "1001", "--hub", url_a, check=False, **env)
    assert clerk.returncode != 0 and pay.receipt_no not in clerk.stdout  # a clerk does not settle money
    refused = run_cli("--db", str(hall_a), "held", "--apply", pay.receipt_no, "--staff", "2001", "--hub", url_a,
                      check=False, **env)
    assert refused.returncode != 0 and "stays held" in refused.stderr
    done = run_cli("--db", str(hall_a), "held", "--refund", pay.receipt_no, "--reason", "moved to another hall",
                   "--staff", "2001", "--hub", url_a, **env)
    assert f"refunded {pay.receipt_no}: 88.00 yuan paid back" in done.stdout
    sync_once(url_a)
    assert "no money held by the hub" in run_cli("--db", str(hall_a), "held", "--staff", "2001", "--hub", url_a,
                                                 **env).stdout
    assert _hub(hub, "SELECT how FROM counter_sync.held_settlement WHERE payment_id = %s", pay.id) == [("refunded",)]
    assert counted_here() == []  # neither the payment nor its refund is the line's money


def test_hub_init_brings_a_hub_from_before_holds_up_to_date(tmp_path, hub, frozen_clock):
    from counter_app.sync.hub import install_hub

    with hub.admin() as conn:  # a hub of the last stop: payments refused by the insert check, no holds
        conn.execute("DROP TRIGGER counter_sync_hold ON payment")
        conn.execute("DROP TRIGGER counter_sync_line_arrived ON account")
        conn.execute("DROP TABLE counter_sync.held_settlement, counter_sync.held_payment CASCADE")
        conn.execute("DROP FUNCTION counter_sync.oe_served(text, uuid, text, timestamp)")
        conn.execute("CREATE FUNCTION counter_sync.oe_served(order_hall text, acc uuid, biz text) RETURNS text "
                     "LANGUAGE sql AS $$ SELECT NULL::text $$")
    install_hub(hub.admin_url)
    install_hub(hub.admin_url)  # and again: nothing changes the second time
    assert _hub(hub, "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                     "WHERE n.nspname = 'counter_sync' AND p.proname = 'oe_served'") == [
        ("counter_sync.oe_served(text,uuid,text,timestamp without time zone)",)]
    assert _hub(hub, "SELECT relforcerowsecurity FROM pg_class WHERE oid = 'counter_sync.held_payment'::regclass") == [
        (True,)]
    url_b, _hall_b, (never, _, _) = _two_halls(tmp_path, hub)
    pay = _pay_past_the_counter(never, 4200, "b-after-init")
    assert sync_once(url_b).pushed.rejected == 0
    assert _hub(hub, "SELECT reason FROM counter_sync.held_payment WHERE payment_id = %s", pay.id) == [("not_served",)]
    with psycopg.connect(url_b) as conn:  # a hall reads its own holds only
        assert conn.execute("SELECT count(*) FROM counter_sync.held_payment").fetchone() == (1,)
    with psycopg.connect(hub.url_for(ROLE_A)) as conn:
        assert conn.execute("SELECT count(*) FROM counter_sync.held_payment").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO counter_sync.held_settlement (hall, payment_id, how) VALUES (%s, %s, 'applied')",
                         (HALL_B, pay.id))
        conn.rollback()
        # Nor apply another hall's: the hub knows no such hold of hall A.
        assert conn.execute("SELECT counter_sync.apply_held(%s, '2001')", (pay.id,)).fetchone() == ("unknown",)
    assert _hub(hub, "SELECT count(*) FROM counter_sync.held_settlement") == [(0,)]


def test_a_payment_refused_before_holds_existed_is_held_once_the_manager_sends_it_again(tmp_path, hub, frozen_clock):
    from counter_app.sync.status import rejected_ops, retry_rejected

    url_b, _hall_b, (never, _, _) = _two_halls(tmp_path, hub)
    pay = _pay_past_the_counter(never, 6600, "b-refused-before")
    with db.atomic():  # the older hub refused it: the entry waits for the manager in the Sync tab
        db.execute_sql("UPDATE outbox SET status = 'rejected', error = 'payment: the line is neither a customer of "
                       "hall JN002 nor a walk-in it served' WHERE row_id = ?", (pay.id.hex,))
    assert [op.summary for op in rejected_ops()] == [f"{pay.receipt_no} · ¥66.00"]
    assert retry_rejected(staff_session("5002"), [op.op_id for op in rejected_ops()]) == 1
    report = sync_once(url_b)
    assert report.pushed.rejected == 0 and rejected_ops() == []
    assert [h["receipt_no"] for h in report.held] == [pay.receipt_no]
