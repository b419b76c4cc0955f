"""How long the daily summary of a busy day takes, beside a raw sqlite3 baseline.

    python benchmarks/bench_daily.py [--tickets 3000 --orders 2500 --payments 4000] [--pdf out.pdf]
                                     [--month-days 20]

Fills one business day of the demo hall (bulk inserts: the set-up is not what is measured),
then times ``services.reports.daily_summary`` (queries, replay of every ticket's events,
per-clerk idle time) and the PDF built from it. Target: summary + PDF under 2 s. The baseline
runs the same aggregates as bare SQL over ``sqlite3`` (waits from the last call per ticket,
services, orders by type, payments by method), which is the floor any Python layer sits on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = [("payment", "A", 0.45), ("general", "B", 0.25), ("new_data", "C", 0.1), ("plan", "D", 0.08),
              ("complaint", "E", 0.05), ("vip", "V", 0.05), ("green", "G", 0.02)]
CLERKS = ["1001", "1002", "1003", "1004", "2001"]
METHODS = ["cash", "cash", "cash", "pos", "pos", "card", "remote"]


def fill_busy_day(hall: str, day: dt.date, tickets: int, orders: int, payments: int, seed: int = 7) -> None:
    """Write a plausible busy day into the bound database with bulk inserts."""
    from counter_app.models import BusinessType, Payment, Rating, ServiceOrder, Ticket, TicketEvent, db

    rng = random.Random(seed)
    codes = [c for (c,) in BusinessType.select(BusinessType.code).tuples()]
    opens = dt.datetime.combine(day, dt.time(8, 30))
    span = 9 * 3600
    ticket_rows, event_rows, rating_rows = [], [], []
    numbers: dict[str, int] = {}
    counter_free = {n: opens for n in range(1, 21)}  # a big hall: 20 counters
    issue_times = sorted(opens + dt.timedelta(seconds=rng.betavariate(2, 2.4) * span) for _ in range(tickets))
    for issued in issue_times:
        code, prefix, _ = rng.choices(CATEGORIES, weights=[w for *_, w in CATEGORIES])[0]
        numbers[code] = numbers.get(code, 0) + 1
        tid = uuid.uuid4()
        counter = min(counter_free, key=counter_free.get)
        staff = CLERKS[counter % len(CLERKS)]
        called = max(issued, counter_free[counter]) + dt.timedelta(seconds=rng.randint(5, 60))
        roll = rng.random()
        events = [("issued", issued, None), ("called", called, counter)]
        status, finished = "done", None
        if roll < 0.05:
            events.append(("noshow", called + dt.timedelta(seconds=60), counter))
            status, end = "noshow", called + dt.timedelta(seconds=60)
        else:
            if roll < 0.12:
                called = called + dt.timedelta(seconds=45)
                events.append(("recalled", called, counter))
            end = called + dt.timedelta(seconds=rng.randint(60, 300))
            events.append(("finished", end, counter))
            finished = end
            if rng.random() < 0.3:
                rating_rows.append(dict(id=uuid.uuid4(), hall=hall, created_at=end, ticket_id=tid, staff_no=staff,
                                        score=rng.choices([5, 4, 3, 2, 1], weights=[60, 25, 8, 4, 3])[0]))
        counter_free[counter] = end
        ticket_rows.append(dict(id=tid, hall=hall, created_at=issued, business_date=day, category=code,
                                number=numbers[code], code=f"{prefix}{numbers[code]:03d}", status=status,
                                issued_at=issued, queued_at=issued, called_at=called, finished_at=finished,
                                counter_number=counter, staff_no=staff))
        event_rows += [dict(id=uuid.uuid4(), hall=hall, created_at=at, ticket_id=tid, kind=kind, at=at,
                            counter_number=c, staff_no=staff if c else "") for kind, at, c in events]
    order_rows = [dict(id=uuid.uuid4(), hall=hall, order_no=f"O{day:%Y%m%d}{i:06d}", business_date=day,
                       business_code=rng.choice(codes), staff_no=rng.choice(CLERKS), fee_fen=rng.choice([0, 0, 500, 1000]),
                       status="voided" if rng.random() < 0.02 else "done", idempotency_key=f"bench-o-{day}-{i}")
                  for i in range(orders)]
    payment_rows = []
    for i in range(payments):
        kind = "reversal" if rng.random() < 0.02 else "payment"
        amount = rng.choice([3000, 5000, 10000, 2880, 12800]) * (-1 if kind == "reversal" else 1)
        payment_rows.append(dict(id=uuid.uuid4(), hall=hall, receipt_no=f"R{day:%Y%m%d}{i:06d}", business_date=day,
                                 staff_no=rng.choice(CLERKS), kind=kind, method=rng.choice(METHODS),
                                 amount_fen=amount, idempotency_key=f"bench-p-{day}-{i}"))
    with db.atomic():
        for model, rows in ((Ticket, ticket_rows), (TicketEvent, event_rows), (ServiceOrder, order_rows),
                            (Payment, payment_rows), (Rating, rating_rows)):
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start:start + 500]).execute()


def raw_baseline(path: Path, hall: str, day: dt.date) -> float:
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    conn.execute("""
        SELECT t.category, COUNT(*), AVG(w), SUM(w <= 600)
        FROM ticket t JOIN (
            SELECT e.ticket_id, (julianday(MAX(CASE WHEN e.kind IN ('called','recalled') THEN e.at END))
                                 - julianday(t2.issued_at)) * 86400 AS w
            FROM ticket_event e JOIN ticket t2 ON t2.id = e.ticket_id
            WHERE e.hall = ? AND t2.business_date = ? GROUP BY e.ticket_id) x ON x.ticket_id = t.id
        GROUP BY t.category""", (hall, day.isoformat())).fetchall()
    conn.execute("""SELECT e.staff_no, COUNT(*) FROM ticket_event e WHERE e.hall = ? AND e.kind = 'finished'
                    AND e.at >= ? GROUP BY e.staff_no""", (hall, day.isoformat())).fetchall()
    conn.execute("""SELECT business_code, status, COUNT(*), SUM(fee_fen) FROM service_order
                    WHERE hall = ? AND business_date = ? GROUP BY 1, 2""", (hall, day.isoformat())).fetchall()
    conn.execute("""SELECT method, kind, COUNT(*), SUM(amount_fen) FROM payment
                    WHERE hall = ? AND business_date = ? GROUP BY 1, 2""", (hall, day.isoformat())).fetchall()
    conn.execute("""SELECT score, COUNT(*) FROM rating WHERE hall = ? AND created_at >= ? GROUP BY 1""",
                 (hall, day.isoformat())).fetchall()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--orders", type=int, default=2500)
    parser.add_argument("--payments", type=int, default=4000)
    parser.add_argument("--pdf", default=None, help="also keep the PDF here")
    parser.add_argument("--month-days", type=int, default=0,
                        help="also fill this many more busy days of that month and time its hall grade")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COUNTER_APP_CONFIG_DIR"] = str(Path(tmp) / "cfg")
        from counter_app import clock
        from counter_app.db import close_database, open_database
        from counter_app.documents.daily import build_daily_pdf
        from counter_app.services.demo import build_demo
        from counter_app.services.reports import daily_summary

        path = Path(tmp) / "hall.db"
        open_database(str(path))
        build_demo(50, detailed=0)
        day = dt.date(2026, 11, 24)
        clock.set_clock(lambda: dt.datetime(2026, 11, 25, 9, 0))
        fill_busy_day("JN001", day, args.tickets, args.orders, args.payments)
        from counter_app.models import Staff
        from counter_app.services.session import open_session

        manager = open_session()
        manager.staff = Staff.get_by_id("2001")  # the hall's reports are the manager's
        started = time.perf_counter()
        summary = daily_summary(manager, day)
        summary_s = time.perf_counter() - started
        pdf = build_daily_pdf(summary)
        total_s = time.perf_counter() - started
        if args.pdf:
            Path(args.pdf).write_bytes(pdf)
        from counter_app.services.board import snapshot

        clock.set_clock(lambda: dt.datetime.combine(day, dt.time(17, 0)))  # the board during that day
        started = time.perf_counter()
        snapshot(manager)
        board_s = time.perf_counter() - started
        raw_s = raw_baseline(path, "JN001", day)  # before the month fill, on the same data as the summary
        grade_s = None
        if args.month_days:
            from counter_app.services.grading import grade_month

            for i in range(1, args.month_days + 1):
                fill_busy_day("JN001", day - dt.timedelta(days=i), args.tickets, 0, 0, seed=i)
            clock.set_clock(lambda: dt.datetime(2026, 12, 1, 9, 0))
            started = time.perf_counter()
            grade_month(manager, f"{day:%Y-%m}")
            grade_s = time.perf_counter() - started
        clock.set_clock(None)
        close_database()
    print(f"busy day ({args.tickets:,} tickets, {args.orders:,} orders, {args.payments:,} payments): "
          f"summary {summary_s:.2f} s, summary + PDF {total_s:.2f} s "
          f"({'PASS' if total_s < 2 else 'FAIL'} target < 2 s); {summary.total.served} services, "
          f"{len(pdf) / 1024:.0f} KB")
    print(f"live board refresh at 17:00 of that day: {board_s:.2f} s (runs in a worker every 5 s)")
    if grade_s is not None:
        print(f"hall grade of the month with {args.month_days + 1} busy days "
              f"({(args.month_days + 1) * args.tickets:,} tickets): {grade_s:.2f} s (in a worker)")
    print(f"baseline: the same aggregates as bare SQL in sqlite3: {raw_s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
