"""One terminal's business day, run as its own process on its own database file:
``python -m tools.sim.worker DB --date D --seed S --name A1 --visits N --staff NO --manager NO``.

The day is drawn from a random stream seeded by (seed, terminal, date) with the demo's arrival
curves, so a worker killed half way and started again replays the same day: every step goes
through the services the windows use with the same idempotency keys, so what was done before
the kill is found, not done twice. A line ``FACT kind id`` is printed after each commit, so the
simulation knows what the terminal did at the moment it was killed. ``--stall-at K`` stops
inside the K-th payment's transaction (after its receipt number is taken) and prints
``IN-FLIGHT``: the simulation kills it there. ``--clock-offset M`` runs the terminal's clock
M minutes ahead of the hall's (behind when negative)."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from counter_app import clock
from counter_app.db import open_database
from counter_app.errors import Conflict, PermissionDenied
from counter_app.models import Account, Bill, BillItem, Customer, Payment, ShiftHandover, Staff
from counter_app.services import (
    complaint_refunds,
    complaints,
    orders,
    payments,
    queue,
    settlement,
    verification,
)
from counter_app.services.demo_arrivals import WEEKDAY_SLOTS, WEEKEND_SLOTS
from counter_app.services.demo_payments import METHODS_LOCAL
from counter_app.services.demo_rows import _pick
from counter_app.services.session import open_session

OPENS = dt.time(8, 30)
BUSINESS = (("pay", 66), ("pay_reverse", 8), ("order", 12), ("complaint", 8), ("pay_order", 6), ("remote_pay", 5))
# The SIM businesses: a new card for a damaged or lost one, a PUK told to a verified subscriber.
ORDER_CODES = (("statement_print", 70), ("sim_replace", 15), ("puk_unlock", 15))
SIM_REASONS = ("lost", "damaged", "upgrade")
COMPLAINT_CATEGORIES = (("billing", 30), ("sp_charge", 50), ("network", 20))


def fact(kind: str, row_id, extra: str = "") -> None:
    print("FACT", kind, getattr(row_id, "hex", row_id), extra, flush=True)


def arrivals(rng: random.Random, day: dt.date, visits: int) -> list[dt.datetime]:
    """Arrival times by the demo's half-hour curve (weekends busiest at midday)."""
    slots = WEEKEND_SLOTS if day.weekday() >= 5 else WEEKDAY_SLOTS
    start = dt.datetime.combine(day, OPENS)
    out = []
    for _ in range(visits):
        slot = int(_pick(rng, [(str(i), w) for i, w in enumerate(slots)]))
        out.append(start + dt.timedelta(minutes=30 * slot + rng.random() * 29.5))
    return sorted(out)


def stall_payments(at: int) -> None:
    """Stop inside the ``at``-th payment's transaction, right after its receipt number."""
    real = payments.next_document_no
    calls = [0]

    def numbered(*args):
        number = real(*args)
        calls[0] += 1
        if calls[0] == at:
            print("IN-FLIGHT", number, flush=True)
            time.sleep(3600)
        return number

    payments.next_document_no = numbered


def sp_charged_lines(city: str) -> list[Account]:
    return list(Account.select().join(Bill).join(BillItem)
                .where((Account.home_city == city) & (Account.status == "active") & (BillItem.group == "sp")
                       & (BillItem.amount_fen > 0))
                .distinct().order_by(Account.phone))


def compensate(session, complaint_id, key: str) -> None:
    """先行赔付 of the newest SP charge on the line not refunded yet, within the hall's limits
    (no manager's approval needed). A replay finds the refund under its key: the charges it
    would pick now are not the ones picked before the kill."""
    done = Payment.get_or_none(Payment.idempotency_key == key)
    if done is None:
        limits = complaint_refunds.refund_limits(session.hall_code)
        items = [i for i in complaint_refunds.refundable_items(session, complaint_id) if not i.claimed
                 and i.amount_fen <= limits.amount_fen and 0 <= i.months_back <= limits.months_back]
        if not items:
            return
        try:
            paid = complaint_refunds.compensate(session, complaint_id, bill_item_ids=[items[0].bill_item_id],
                                                idempotency_key=key)
        except Conflict as exc:  # refunded at the hall's other PC or another hall, or the hub away
            print("REFUSED", "compensation", items[0].bill_item_id, exc.message, flush=True)
            away = "cannot be reached" in exc.message
            fact("refund-hub-away" if away else "held-elsewhere", key, str(items[0].bill_item_id))
            return
        done = Payment.get_by_id(paid.payment_id)
    fact("payment", done.id, done.receipt_no)


def remote_payment(session, phone: str, amount: int, key: str) -> None:
    """异地缴费: a customer of the other hall's city pays here. The counter finds the number on
    the hub (services.identify fetches the walk-in), then takes cash as a cross-city payment.
    With the hub out of reach the customer is not found and goes away; a replay finds the
    payment made before a kill by its key."""
    from counter_app.errors import NotFound
    from counter_app.services import identify

    done = Payment.get_or_none(Payment.idempotency_key == key)
    if done is None:
        try:
            found = identify.identify(session, phone)
        except NotFound:
            print("REMOTE-UNREACHED", phone, flush=True)
            return
        done = payments.take_payment(session, account_id=found.single.account_id, method="remote", amount_fen=amount,
                                     idempotency_key=key)
    fact("payment", done.id, done.receipt_no)
    fact("remote", done.id, phone)


def order_values(code: str, day: dt.date, serial: str, reason: str) -> dict:
    if code == "statement_print":
        return {"month": f"{(day.replace(day=1) - dt.timedelta(days=1)):%Y-%m}"}
    if code == "sim_replace":
        return {"sim_serial": serial, "reason": reason}
    return {}


def signature_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 150), "white")
    ImageDraw.Draw(image).line([(20, 110), (80, 30), (140, 120), (200, 40), (260, 115), (380, 60)],
                               fill="black", width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools.sim.worker")
    p.add_argument("db")
    p.add_argument("--date", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--visits", type=int, default=12)
    p.add_argument("--staff", required=True)
    p.add_argument("--manager", required=True)
    p.add_argument("--counter", type=int, default=1)
    p.add_argument("--queue", action="store_true", help="customers take tickets at this terminal's kiosk")
    p.add_argument("--stall-at", type=int, default=0)
    p.add_argument("--clock-offset", type=float, default=0.0,
                   help="minutes this terminal's clock is ahead (negative: behind) of the hall's")
    p.add_argument("--hub", default="", help="the hub as this terminal reaches it (walk-ins, SP charge holds)")
    p.add_argument("--visitors", default="", help="a file of numbers of the other city (cross-city payments)")
    args = p.parse_args(argv)

    day = dt.date.fromisoformat(args.date)
    open_database(args.db)
    frozen = clock.FrozenClock(dt.datetime.combine(day, OPENS))
    skew = dt.timedelta(minutes=args.clock_offset)
    # The scripted day runs on the hall's time; the app reads this terminal's (skewed) clock.
    clock.set_clock(lambda: frozen.current + skew)
    if args.stall_at:
        stall_payments(args.stall_at)
    session = open_session(counter_number=args.counter)
    session.staff = Staff.get_by_id(args.staff)
    if args.hub:
        from counter_app.sync.lookup import HubLookup

        session.hub = HubLookup(args.hub)
    visitors = Path(args.visitors).read_text(encoding="utf-8").split() if args.visitors else []
    manager = Staff.get_by_id(args.manager)
    city = session.hall.city
    lines = list(Account.select().where((Account.home_city == city) & (Account.status == "active"))
                 .order_by(Account.phone))
    if not lines:
        print(f"no active line of {city} at {args.name}", file=sys.stderr)
        return 2
    rng = random.Random(f"{args.seed}:{args.name}:{day.isoformat()}")
    signature = signature_png()
    prefix = f"s{args.seed}{args.name}{day:%m%d}"
    for i, at in enumerate(arrivals(rng, day, args.visits)):
        # Every draw is made before anything is looked up, so a replay draws the same day.
        line = lines[rng.randrange(len(lines))]
        business = _pick(rng, BUSINESS)
        method = _pick(rng, METHODS_LOCAL)
        amount = rng.randrange(10, 300) * 100 + rng.choice((0, 0, 50))
        reference = f"{rng.randrange(10**9, 10**10)}"
        order_code = _pick(rng, ORDER_CODES)
        category = _pick(rng, COMPLAINT_CATEGORIES)
        charged = rng.randrange(10**6)  # which line with SP charges an SP complaint is about
        serial = f"8986{rng.randrange(10**15):015d}"  # a new SIM card's ICCID
        reason = rng.choice(SIM_REASONS)
        visitor = visitors[rng.randrange(len(visitors))] if visitors else ""
        if business == "remote_pay" and not visitor:
            business = "pay"
        if day.day == 1 and i == 0 and args.queue:
            # The month's bills are out: the first customer at the hall's queue PC disputes an SP charge.
            business, category = "complaint", "sp_charge"
        key = f"{prefix}-{i}"
        frozen.current = at
        ticket = None
        if args.queue:
            ticket = queue.take_ticket(session, "payment" if business.startswith("pay") else "general",
                                       phone=line.phone, idempotency_key=f"{key}t")
            fact("ticket", ticket.id, ticket.code)
            if ticket.status == "done":
                continue
            frozen.current = at + dt.timedelta(minutes=1)
            if ticket.status == "waiting":
                called = queue.call_next(session, args.counter)
                if called is None or called.id != ticket.id:
                    print(f"called {called and called.code} instead of {ticket.code}", file=sys.stderr)
                    return 3
        frozen.current = at + dt.timedelta(minutes=2)
        if business == "remote_pay":
            remote_payment(session, visitor, amount, f"{key}p")
        elif business.startswith("pay"):
            paid = payments.take_payment(session, phone=line.phone, method=method, amount_fen=amount,
                                         reference="" if method == "cash" else reference,
                                         idempotency_key=f"{key}p")
            fact("payment", paid.id, paid.receipt_no)
            if business == "pay_reverse":
                back = payments.reverse_payment(session, paid.id, reason="金额输错，客户当场发现",
                                                idempotency_key=f"{key}r", authoriser=manager)
                fact("payment", back.id, back.receipt_no)
        if business in ("order", "pay_order"):
            customer = Customer.get_by_id(line.customer_id)
            if verification.current(session, line.id) is None:
                verification.by_id_document(session, line.id, id_number=customer.id_number)
            try:
                order = orders.submit(session, code=order_code, account_id=line.id,
                                      values=order_values(order_code, day, serial, reason), idempotency_key=f"{key}o",
                                      signature_png=signature, id_checked=True)
            except (Conflict, PermissionDenied) as exc:  # a line without a working SIM, a business of
                # another specialty: the customer is told (the same on a replay)
                print("REFUSED", order_code, line.phone, exc.message, flush=True)
            else:
                fact("order", order.id, order.order_no)
                if order_code == "sim_replace":
                    fact("sim", order.effect_data["new_sim_id"], line.phone)
        if business == "complaint":
            if category == "sp_charge":
                # Customers complain of SP charges they have: a line whose bills carry some.
                with_sp = sp_charged_lines(city)
                line = with_sp[charged % len(with_sp)] if with_sp else line
            complaint = complaints.open_complaint(session, account_id=line.id, category=category,
                                                  description="上月话费比平时高出许多，怀疑计费有误",
                                                  idempotency_key=f"{key}c")
            fact("complaint", complaint.id)
            if category == "sp_charge":
                compensate(session, complaint.id, f"{key}d")
        if ticket is not None:
            frozen.current = at + dt.timedelta(minutes=4)
            if queue.current_ticket(session, args.counter) is not None:
                queue.finish(session, args.counter)
    frozen.current = dt.datetime.combine(day, dt.time(18, 5))
    done = ShiftHandover.get_or_none(ShiftHandover.idempotency_key == f"{prefix}-h")
    drawer = done.counted_cash_fen if done else settlement.drawer_cash_since_last_handover(session, args.staff, day)
    handover = settlement.hand_over(session, counted_cash_fen=drawer, idempotency_key=f"{prefix}-h")
    fact("handover", handover.id)
    print("DAY-DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
