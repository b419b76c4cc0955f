"""Call-next latency with 8 counters calling at once and 10,000 tickets waiting, on SQLite
and on PostgreSQL, beside the bare SQL claim statement measured in the same run.

    python benchmarks/bench_queue.py [--calls 150] [--think-ms 50] [--no-postgres]

Each of 8 processes is one counter (serving every category). It calls ``queue.call_next``
(which also finishes the ticket it was serving, writes the events, the counter state and
the sync outbox) ``--calls`` times and records each call's wall time, waits included.

Two loads: **paced**, each counter calling about every ``--think-ms`` (random 0.5–1.5x):
eight counters then call ~30 times a second, some hundred times a busy hall's rate; and
**flat out**, no pause at all, every call queuing behind the others' write locks.

Baseline: the same 8 processes run the bare claim statement, no application code: on SQLite
``BEGIN IMMEDIATE; UPDATE ticket SET status='called' WHERE id = (SELECT … ORDER BY
queued_at LIMIT 1); COMMIT``; on PostgreSQL the same with ``FOR UPDATE SKIP LOCKED``.
Target: p99 of call-next under 20 ms on SQLite (paced).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTERS = range(11, 19)
WAITING = 10_000


def prepare(url: str, extra: int) -> None:
    from counter_app.db import close_database, open_database
    from tests.test_queue_concurrency import all_day_hall, waiting_tickets

    database = open_database(url)
    all_day_hall()
    waiting_tickets(WAITING + extra)
    if url.startswith("postgres"):
        # A hub that has been taking tickets has planner statistics (autovacuum analyzes a
        # table within a minute of its first 50 changes); straight after a bulk load it has
        # none, and PostgreSQL then reads the heads through the wrong index and sorts.
        database.execute_sql("ANALYZE ticket")
    close_database()


WORKER = r"""
import json, random, sys, time
from counter_app.db import open_database
from counter_app.models import db
from counter_app.services import queue
from counter_app.services.session import open_session
url, counter, calls, think_ms, start, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
open_database(url, migrate=False)
session = open_session(counter_number=counter)
from counter_app.models import Staff
from counter_app.models.staff import SPECIALTIES
# A clerk signed in at every counter, skilled for everything: routing by the counter alone.
session.staff = Staff(staff_no="1001", hall=session.hall_code, name="bench", role="clerk", active=True,
                      specialties=list(SPECIALTIES), may_reverse=False, password_hash="")
postgres = not url.endswith(".db")
if mode == "bare":
    if postgres:
        sql = ("UPDATE ticket SET status = 'called', counter_number = %s WHERE id = (SELECT id FROM ticket "
               "WHERE hall = 'JN001' AND status = 'waiting' ORDER BY queued_at LIMIT 1 "
               "FOR UPDATE SKIP LOCKED) RETURNING id")
    else:
        sql = ("UPDATE ticket SET status = 'called', counter_number = ? WHERE id = (SELECT id FROM ticket "
               "WHERE hall = 'JN001' AND status = 'waiting' ORDER BY queued_at LIMIT 1) RETURNING id")
    conn = db.connection()
    def one():
        cursor = conn.cursor()
        cursor.execute("BEGIN IMMEDIATE" if not postgres else "BEGIN")
        cursor.execute(sql, (counter,))
        cursor.fetchall()
        cursor.execute("COMMIT")
else:
    def one():
        queue.call_next(session, counter)
one()  # warm caches and connections before the clock starts
time.sleep(max(0.0, start - time.time()))
rng = random.Random(counter)
latencies = []
for _ in range(calls):
    if think_ms:
        time.sleep(think_ms * rng.uniform(0.5, 1.5) / 1000)
    t0 = time.perf_counter()
    one()
    latencies.append((time.perf_counter() - t0) * 1000)
print(json.dumps(latencies))
"""


def run(url: str, mode: str, calls: int, think_ms: float, counters=COUNTERS) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if not url.startswith("postgres"):
        env["COUNTER_APP_DB"] = url
    start = time.time() + 3
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(n), str(calls), str(think_ms), str(start),
                               mode], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in counters]
    out: list[float] = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=900)
        if proc.returncode != 0:
            raise SystemExit(stderr[-2000:])
        out += json.loads(stdout.strip().splitlines()[-1])
    return out


def figures(values: list[float]) -> str:
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"p50 {statistics.median(values):6.2f} ms   p99 {p99:6.2f} ms   (n={len(values)})"


def bench(name: str, url_for, calls: int, think_ms: float, target: float | None) -> None:
    print(f"\n{name}: 8 counters, {WAITING:,} tickets waiting")
    url = url_for()
    prepare(url, 4 * (calls + 1))
    alone = run(url, "app", calls, 0.0, counters=[COUNTERS[0]])
    bare_alone = run(url, "bare", calls, 0.0, counters=[COUNTERS[0]])
    print(f"  1 counter call_next      {figures(alone)}   (no contention: the cost of one call)")
    print(f"  1 counter bare SQL claim {figures(bare_alone)}")
    for label, pause in (("paced", think_ms), ("flat out", 0.0)):
        url = url_for()
        prepare(url, 4 * len(COUNTERS) * (calls + 1))
        bare = run(url, "bare", calls, pause)
        app = run(url, "app", calls, pause)
        verdict = ""
        if target is not None and label == "paced":
            p99 = sorted(app)[min(len(app) - 1, int(len(app) * 0.99))]
            verdict = f"   {'PASS' if p99 < target else 'FAIL'} target p99 < {target:.0f} ms"
        print(f"  {label:<8} call_next      {figures(app)}{verdict}")
        print(f"  {label:<8} bare SQL claim {figures(bare)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=150, help="calls per counter and load (default 150)")
    parser.add_argument("--think-ms", type=float, default=250, help="mean pause between a counter's calls (paced)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(f"load average before the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (other work on the machine shows in every figure)")
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    os.environ["COUNTER_APP_CONFIG_DIR"] = str(folder / "cfg")
    count = iter(range(100))
    bench("SQLite (WAL, synchronous=FULL)", lambda: str(folder / f"hall{next(count)}.db"), args.calls,
          args.think_ms, 20.0)
    if not args.no_postgres:
        from tests.pg import PgServer

        server = PgServer()
        try:
            bench("PostgreSQL 15 (local server)", lambda: server.url(server.create_database()), args.calls,
                  args.think_ms, None)
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
