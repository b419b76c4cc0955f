"""How long the demo hall takes to build at scale, beside a raw sqlite3 baseline.

    python benchmarks/bench_demo.py [--customers 1000000]

Prints the build time of ``counter-app demo --customers N`` (target: 1,000,000 customers in
under 3 minutes on a 2-core machine) and, for scale, how long bare ``sqlite3.executemany``
takes to insert the same number of customer-shaped rows into a table with the same indexes.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def raw_baseline(n: int, folder: Path) -> float:
    path = folder / "raw.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE customer (id TEXT PRIMARY KEY, name TEXT, id_number TEXT UNIQUE, phone TEXT, "
                 "address TEXT, vip_tier TEXT, vip_member_no TEXT UNIQUE, home_city TEXT, created_at TEXT, seq INT)")
    conn.execute("CREATE INDEX customer_name ON customer(name)")
    conn.execute("CREATE INDEX customer_phone ON customer(phone)")
    started = time.perf_counter()
    rows = ((uuid.uuid4().hex, f"客户{i}", f"{370102000000000000 + i}", f"130{i:08d}", "济南市", "", None, "济南",
             "2026-01-01 00:00:00", 0) for i in range(n))
    with conn:
        conn.executemany("INSERT INTO customer VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_CONFIG_DIR": str(folder / "cfg")}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "counter_app", "--db", str(folder / "demo.db"), "demo",
                        "--customers", str(args.customers)], check=True, env=env, cwd=ROOT)
        demo_s = time.perf_counter() - started
        raw_s = raw_baseline(args.customers, folder)
        size_mb = (folder / "demo.db").stat().st_size / 1e6
    print(f"demo hall, {args.customers:,} customers (+ accounts, SIM cards, subscriptions, bills): {demo_s:.1f} s "
          f"({'PASS' if demo_s < 180 else 'FAIL'} target < 180 s), {size_mb:.0f} MB")
    print(f"baseline: bare sqlite3.executemany of {args.customers:,} customer rows only: {raw_s:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
