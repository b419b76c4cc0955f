"""Consumption guidance (消费引导) for one line at 1,000,000 customers: the time of
``services.guidance.recommend`` (read the line, its last three months of usage, rate them under
every plan), for lines that have detailed usage.

    counter-app --db /tmp/hall_1m.db demo --customers 1000000   # once, a few minutes
    python benchmarks/bench_guidance.py /tmp/hall_1m.db [--samples 500]

Target: p99 under 20 ms a line.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()

    from counter_app.db import open_database
    from counter_app.models import Account, Staff, UsageRecord
    from counter_app.services import guidance
    from counter_app.services.session import open_session

    database = open_database(args.db)
    session = open_session()
    session.staff = Staff.select().where(Staff.role == "clerk").first()
    customers = Account.select().count()
    with_usage = [row[0] for row in database.execute_sql(
        f"SELECT DISTINCT a.phone FROM {UsageRecord._meta.table_name} u JOIN account a ON a.id = u.account_id")]
    if not with_usage:
        print("no line has detailed usage in this database", file=sys.stderr)
        return 2
    phones = [random.choice(with_usage) for _ in range(args.samples)]
    for phone in phones[:20]:  # warm the cache
        guidance.recommend(session, phone)
    times = []
    records = 0
    for phone in phones:
        start = time.perf_counter()
        rec = guidance.recommend(session, phone)
        times.append((time.perf_counter() - start) * 1000)
        records += sum(u.local_min >= 0 for u in rec.usage)
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"{customers:,} lines ({len(with_usage):,} with usage), {len(phones)} samples: "
          f"mean {statistics.mean(times):.2f} ms, p50 {times[len(times) // 2]:.2f} ms, p99 {p99:.2f} ms "
          f"(target p99 < 20 ms)")
    return 0 if p99 < 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
