"""The monthly bill run on a demo hall, beside bare sqlite3 writing the same rows.

    python benchmarks/bench_billrun.py [--customers 20000] [--detailed 2000]

Builds a demo hall (its six months already go through the run), then bills one earlier month
for every line: the run reads lines, plans, subscriptions and that month's records, rates them
and writes each bill, its items and its ledger charge. The baseline inserts the same number of
bills, items and ledger entries with ``executemany`` into a copy of the file, in one
transaction: the floor of what writing them costs.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--detailed", type=int, default=2_000)
    args = parser.parse_args()

    from counter_app import clock
    from counter_app.db import close_database, open_database
    from counter_app.models import Account, Bill, BillItem, db
    from counter_app.services import billrun, ledger
    from counter_app.services.demo import build_demo

    work = Path(tempfile.mkdtemp(prefix="bench-billrun-"))
    path = work / "hall.db"
    open_database(str(path))
    started = time.perf_counter()
    with db.atomic():
        build_demo(args.customers, detailed=args.detailed)
    built = time.perf_counter() - started
    lines = Account.select().count()
    month = ledger.shift_month(ledger.month_of(clock.today()), -9)
    close_database()
    baseline_path = work / "baseline.db"
    shutil.copy(path, baseline_path)

    open_database(str(path))
    started = time.perf_counter()
    result = billrun.run_month(month)
    run = time.perf_counter() - started
    items = BillItem.select().join(Bill).where(Bill.period == month).count()
    assert ledger.check().ok
    close_database()

    conn = sqlite3.connect(baseline_path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=FULL")
    ids = [r[0] for r in conn.execute("SELECT id FROM account")]
    started = time.perf_counter()
    with conn:
        bills = [(uuid.uuid4().hex, a, month, "RY58", 0, 0, 5800, 0, "2026-01-01 00:00:00", 0) for a in ids]
        conn.executemany("INSERT INTO bill (id, account_id, period, plan_code, previous_balance_fen, payments_fen, "
                         "total_fen, due_fen, issued_at, seq) VALUES (?,?,?,?,?,?,?,?,?,?)", bills)
        per_bill = items // max(1, len(bills))
        conn.executemany('INSERT INTO bill_item (bill_id, "group", code, name_zh, name_en, explanation_zh, '
                         "explanation_en, amount_fen, sp_code, service_code, sort) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         [(b[0], "plan", "PLAN", "套餐及固定费", "Plan", "说明", "note", 100, "", "", n)
                          for b in bills for n in range(per_bill)])
        conn.executemany("INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, "
                         "posted_at) VALUES (?,?,?,?,?,?,?,?,?)",
                         [(uuid.uuid4().hex, b[1], month, "charge", -5800, "", b[0], "", b[8]) for b in bills])
        conn.executemany("UPDATE account SET balance_fen = balance_fen - 5800 WHERE id = ?", [(a,) for a in ids])
    bare = time.perf_counter() - started
    conn.close()
    shutil.rmtree(work, ignore_errors=True)

    print(f"demo hall: {args.customers:,} customers, {lines:,} lines, built in {built:.1f} s")
    print(f"bill run {month}: {result.billed:,} bills, {items:,} items, {result.records_rated:,} records rated "
          f"in {run:.2f} s ({result.billed / run:,.0f} bills/s)")
    print(f"bare sqlite3, same rows: {bare:.2f} s ({len(ids) / bare:,.0f} bills/s); ratio {bare / run:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
