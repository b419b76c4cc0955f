"""Consumption guidance (消费引导) for one line in a hall of ``--customers`` lines (default
1,000,000): the time of ``services.guidance.recommend`` (find the line by its number, read its
last three months of usage, rate them under every plan), against a baseline measured in the
same run on the same lines: the same rows read with plain ``sqlite3`` and nothing done with
them. What recommend costs beyond the baseline is the query layer and the rating.

    python benchmarks/bench_guidance.py [--customers 1000000] [--samples 500] [--db FILE]

The demo file is built once (``counter-app demo --customers N --days 0``, about half an hour
for a million on a busy 2-core machine) into the temporary folder
(``counter_app_bench/guidance_N.db``) and reused by later runs; ``--db FILE`` names another
file, built there when it does not exist and used as it is when it does. Target: p99 under 20 ms a line.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 20.0


def build_once(path: Path, customers: int, given: bool) -> None:
    """The demo hall of ``customers`` lines at ``path``, unless a finished one is there. A file
    named with ``--db`` that exists is used as it is, never rebuilt (it may be a hall's own)."""
    if path.exists() and (given or path.with_suffix(".done").exists()):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    print(f"building the {customers:,}-customer demo file {path} (once)…", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "counter_app", "--db", str(path), "demo", "--customers", str(customers),
                    "--days", "0"], check=True, cwd=ROOT)
    path.with_suffix(".done").write_text(f"{time.perf_counter() - started:.0f} s\n")


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p99 = times[max(int(len(times) * 0.99) - 1, 0)]
    return f"mean {statistics.mean(times):.2f} ms, p50 {times[len(times) // 2]:.2f} ms, p99 {p99:.2f} ms"


def p99(times: list[float]) -> float:
    times = sorted(times)
    return times[max(int(len(times) * 0.99) - 1, 0)]


def baseline(path: Path, phones: list[str], months: int) -> list[float]:
    """The rows recommend reads, read with plain sqlite3 (prepared statements, no rating)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    times = []
    for phone in phones:
        start = time.perf_counter()
        account_id, _phone, plan = con.execute("SELECT id, phone, plan_id FROM account WHERE phone = ?",
                                               (phone,)).fetchone()
        periods = [r[0] for r in con.execute("SELECT DISTINCT period FROM usage_record WHERE account_id = ? "
                                             "ORDER BY period DESC LIMIT ?", (account_id, months))]
        rows = con.execute("SELECT id, kind, subtype, direction, duration_s, volume_kb, period FROM usage_record "
                           "WHERE account_id = ? AND period >= ? AND period <= ?",
                           (account_id, min(periods), max(periods))).fetchall()
        con.execute("SELECT * FROM tariff_plan").fetchall()
        times.append((time.perf_counter() - start) * 1000)
        assert rows and plan
    con.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--db", type=Path, help="the demo file to build once and reuse")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / "counter_app_bench" / f"guidance_{args.customers}.db"
    build_once(path, args.customers, given=args.db is not None)

    from counter_app.db import open_database
    from counter_app.models import Staff
    from counter_app.services import guidance
    from counter_app.services.session import open_session

    database = open_database(str(path))
    session = open_session()
    session.staff = Staff.select().where(Staff.role == "clerk").first()
    customers = database.execute_sql("SELECT count(*) FROM account").fetchone()[0]
    with_usage = [row[0] for row in database.execute_sql(
        "SELECT a.phone FROM account a WHERE EXISTS (SELECT 1 FROM usage_record u WHERE u.account_id = a.id)")]
    if not with_usage:
        print("no line has detailed usage in this database", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    phones = [rng.choice(with_usage) for _ in range(args.samples)]
    for phone in phones[:20]:  # warm the page cache for both
        guidance.recommend(session, phone)
    base = baseline(path, phones, guidance.MONTHS)
    times, cpu, offered = [], [], 0
    for phone in phones:
        start, start_cpu = time.perf_counter(), time.thread_time()
        rec = guidance.recommend(session, phone)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)  # this thread's own work, without waiting for a core
        offered += rec.best is not None
    records = database.execute_sql("SELECT count(*) FROM usage_record").fetchone()[0]
    print(f"{customers:,} lines ({len(with_usage):,} with usage, {records:,} usage records), "
          f"{len(phones)} samples, {offered} offered a cheaper plan")
    print(f"  baseline, the same rows with plain sqlite3: {percentiles(base)}")
    print(f"  recommend (read + rate every plan):        {percentiles(times)}   target p99 < {TARGET_MS:.0f} ms")
    print(f"  recommend, CPU time of its thread:         {percentiles(cpu)}")
    return 0 if p99(times) < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
