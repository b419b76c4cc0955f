"""Identify by phone + assemble the whole customer view, at 1,000,000 customers, beside raw
sqlite3 running the very same SQL statements in the same run.

    counter-app --db /tmp/hall_1m.db demo --customers 1000000   # once, ~2 minutes
    python benchmarks/bench_identify.py /tmp/hall_1m.db [--samples 2000]

The app path is ``services.identify.by_phone`` then ``services.customers.load_view``, i.e.
what the counter runs when the clerk presses Enter (less the audit event, measured apart
because it is a durable write: ``synchronous=FULL`` makes it cost an fsync). The raw path
replays the statements peewee sent for each phone, captured in a warm-up pass, on a plain
``sqlite3`` connection, fetching every row. Targets: p99 ≤ 5 ms and ≤ 10× raw.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[tuple[str, tuple]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            self.statements.append((sql, tuple(params or ())))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", help="a demo database (counter-app demo --customers 1000000)")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    if not Path(args.db).is_file():  # say what to do, and leave no empty file behind
        print(f"bench_identify: there is no database at {args.db}; build it first (about 3 minutes):\n"
              f"  .venv/bin/counter-app --db {args.db} demo --customers 1000000 --days 0", file=sys.stderr)
        return 2
    from counter_app.db import open_database
    from counter_app.models import Account
    from counter_app.services import customers, identify
    from counter_app.services.session import open_session

    database = open_database(args.db, create=False)
    session = open_session()
    from counter_app.models import Staff

    session.staff = Staff.get_by_id("1001")  # the clerk at the counter
    city = session.hall.city
    total = Account.select().count()
    rng = random.Random(args.seed)
    # Random lines across the whole table, so the page cache is not one hot corner of it.
    rowids = rng.sample(range(1, total + 1), min(args.samples, total))
    phones = [r[0] for r in database.execute_sql(
        f"SELECT phone FROM account WHERE rowid IN ({','.join(map(str, rowids))})").fetchall()]
    rng.shuffle(phones)

    def app_path(phone: str):
        match = identify.by_phone(session, phone)[0]
        return customers.load_view(session, match.account_id, city)

    # Warm-up pass, capturing each phone's statements for the raw replay.
    log = logging.getLogger("peewee")
    capture = _Capture()
    log.addHandler(capture)
    log.setLevel(logging.DEBUG)
    replays: list[list[tuple[str, tuple]]] = []
    for phone in phones:
        capture.statements = []
        app_path(phone)
        replays.append(capture.statements)
    log.removeHandler(capture)
    log.setLevel(logging.WARNING)

    # Interleaved, phone by phone, so both paths meet the same machine load.
    raw = sqlite3.connect(args.db)
    app_ms: list[float] = []
    raw_ms: list[float] = []
    for phone, statements in zip(phones, replays, strict=True):
        started = time.perf_counter()
        app_path(phone)
        app_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        raw_ms.append((time.perf_counter() - started) * 1000)
    raw.close()

    # The audit event of opening the view: one durable write.
    audit_ms: list[float] = []
    for phone in phones[:50]:
        account_id = identify.by_phone(session, phone)[0].account_id
        started = time.perf_counter()
        customers.open_view(session, account_id)
        audit_ms.append((time.perf_counter() - started) * 1000)

    queries = statistics.mean(len(r) for r in replays)
    p99_app, p99_raw = percentile(app_ms, 0.99), percentile(raw_ms, 0.99)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"identify by phone + customer view, {total:,} lines, {len(phones)} random phones, "
          f"{queries:.1f} queries each (machine load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"  app (peewee):   p50 {percentile(app_ms, 0.5):.2f} ms   p99 {p99_app:.2f} ms")
    print(f"  raw sqlite3:    p50 {percentile(raw_ms, 0.5):.2f} ms   p99 {p99_raw:.2f} ms")
    print(f"  ratio p99 app/raw: {p99_app / p99_raw:.1f}×")
    print(f"  with the audit event (open_view, durable write): p50 {percentile(audit_ms, 0.5):.2f} ms   "
          f"p99 {percentile(audit_ms, 0.99):.2f} ms")
    ok = p99_app <= 5.0 and p99_app <= 10 * p99_raw
    print(f"  target p99 ≤ 5 ms and ≤ 10× raw: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
