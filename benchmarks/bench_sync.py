"""Sync throughput beside bare baselines measured in the same run.

    python benchmarks/bench_sync.py [--ops 100000] [--rows 1000000] [--hub-admin postgresql://…]

Each figure is the best of ``--rounds`` runs (default 3), ours and the baseline taking turns,
so a machine busy with other work slows both alike.

* push: ``--ops`` outbox payments from a terminal's SQLite file to the hub, as the hall's
  login (row-level security on), through the op ledger, marked sent locally;
  baseline: bare ``COPY`` into a temporary table + ``INSERT … ON CONFLICT DO NOTHING`` of the
  same rows into the same table (same keys, hall first), in batches of the same size, as the administrator.
  Target: push ≥ ½ the baseline rate.
* pull: ``--rows`` customers from the hub's change log into an empty terminal (first load,
  in pages, each page one local transaction with the watermark);
  baseline: bare ``sqlite3.executemany`` of the same rows into the same empty table, one
  transaction. Target: pull ≥ ½ the baseline rate.

Without ``--hub-admin`` a throwaway PostgreSQL server is started from the machine's binaries
(as the tests do: fsync off, which favours both sides alike).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

HALL = "JN001"


def make_hub(admin_url: str) -> str:
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_halls import add_hall

    install_hub(admin_url)
    return add_hall(admin_url, HALL, "bench-password", name="济南泉城路营业厅", city="济南")


def receipt_no(i: int, day: dt.date) -> str:
    """The ``i``-th receipt number of the bench, shaped as ``services/numbering.py`` makes them
    (letter, hall, date, a 4-character terminal id, a 5-digit sequence): the hub refuses any
    other shape (``sync/hub_keys.py``), and a refused batch is re-sent op by op."""
    return f"R{HALL}{day:%Y%m%d}B{i // 100_000:03d}{i % 100_000:05d}"


def fill_outbox(n: int) -> None:
    """``n`` payment ops exactly as capture writes them (payload, stamp), written in bulk."""
    from counter_app.ids import uuid7
    from counter_app.models import Outbox, OutboxPayload, Payment, db
    from counter_app.models.base import to_payload
    from counter_app.models.sync import column_order, copy_line, hybrid_clock, shape_of

    columns = column_order(Payment)
    shape = shape_of(columns)
    cache: dict = {}

    def payload_of(p):
        if cache.get("id") != p.id:
            cache.update(id=p.id, payload=to_payload(p))
        return cache["payload"]

    clock = hybrid_clock()
    day = dt.date(2026, 11, 25)
    now = dt.datetime(2026, 11, 25, 10, 0)
    rows = []
    for i in range(n):
        p = Payment(id=uuid7(), hall=HALL, terminal="T-bench", created_at=now, hlc=clock.now(),
                    receipt_no=receipt_no(i, day), business_date=day, staff_no="1001",
                    phone=f"130{i:08d}", kind="payment", method="cash", amount_fen=5000 + i % 100,
                    tendered_fen=10000, change_fen=5000 - i % 100, reference="", reason="",
                    idempotency_key=f"bench-{i}")
        rows.append(({"seq": i + 1, "op_id": uuid7(), "table": "payment", "row_id": p.id, "op": "insert",
                      "kind": "fact", "hlc": p.hlc, "created_at": now, "status": "pending"},
                     {"seq": i + 1, "payload": payload_of(p), "wire": copy_line(payload_of(p), columns),
                      "shape": shape}))
        if len(rows) == 20_000 or i == n - 1:
            with db.atomic():
                Outbox.insert_many([r[0] for r in rows]).execute()
                OutboxPayload.insert_many([r[1] for r in rows]).execute()
            rows = []


def bench_push(hall_url: str, admin_url: str, folder: Path, n: int, rounds: int) -> tuple[float, float]:
    """Best of ``rounds`` for each side, the two sides taking turns (a busy machine slows
    both alike). Between rounds the hub's tables are emptied and the outbox set pending."""
    import json

    from counter_app.db import close_database, open_database
    from counter_app.models import db
    from counter_app.services.session import HALL_KEY, set_local_setting
    from counter_app.sync.push import BATCH, push

    open_database(str(folder / "push.db"))
    set_local_setting(HALL_KEY, HALL)
    fill_outbox(n)
    payloads = [r[0] for r in db.execute_sql("SELECT payload FROM outbox_payload ORDER BY seq")]
    admin = psycopg.connect(admin_url, autocommit=True)
    admin.execute("CREATE TABLE payment_bare (LIKE payment INCLUDING ALL)")
    cols = [c for (c,) in admin.execute("SELECT column_name FROM information_schema.columns WHERE "
                                        "table_name = 'payment' ORDER BY ordinal_position")]
    tuples = [tuple(json.loads(p).get(c) for c in cols) for p in payloads]
    ours, bare = [], []
    for _ in range(rounds):
        admin.execute("TRUNCATE payment, counter_sync.op, payment_bare")
        db.execute_sql("UPDATE outbox SET status = 'pending'")
        with psycopg.connect(hall_url) as conn:
            started = time.perf_counter()
            result = push(conn, HALL, "T-bench")
            ours.append(time.perf_counter() - started)
        assert result.applied == n, result

        # Baseline: the same rows, bare COPY + INSERT … ON CONFLICT into an empty copy of the table.
        with psycopg.connect(admin_url) as conn:
            started = time.perf_counter()
            for i in range(0, n, BATCH):
                with conn.transaction():
                    conn.execute("SET LOCAL synchronous_commit = on")  # as durable as the push
                    conn.execute("CREATE TEMP TABLE IF NOT EXISTS bare_in (LIKE payment) ON COMMIT DELETE ROWS")
                    with conn.cursor().copy(f"COPY bare_in ({', '.join(cols)}) FROM STDIN") as copy:
                        for row in tuples[i:i + BATCH]:
                            copy.write_row(row)
                    conn.execute("INSERT INTO payment_bare SELECT * FROM bare_in ON CONFLICT (hall, id) DO NOTHING")
            bare.append(time.perf_counter() - started)
        assert admin.execute("SELECT count(*) FROM payment_bare").fetchone()[0] == n
    admin.close()
    close_database()
    return min(ours), min(bare)


def seed_customers(admin_url: str, n: int) -> None:
    from counter_app.ids import uuid7

    # The hall's own customers: a hall pulls only the customers that belong to it.
    columns = "id, name, id_number, phone, address, vip_tier, vip_member_no, home_city, created_at, seq, hall"
    with psycopg.connect(admin_url) as conn, conn.cursor().copy(f"COPY customer ({columns}) FROM STDIN") as copy:
        for i in range(n):
            copy.write_row((str(uuid7()), f"客户{i}", f"{370102000000000000 + i}", f"130{i:08d}",
                            "济南市历下区泉城路", "", None, "济南", "2026-01-01 00:00:00", 0, HALL))
    # A live hub's autovacuum does this after a bulk load; without it every index scan of the
    # fresh change log visits the heap, which measures the load, not the sync.
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def bench_pull(hall_url: str, folder: Path, n: int, rounds: int) -> tuple[float, float, int]:
    """Best of ``rounds`` first loads into a new file, and as many bare loads, taking turns."""
    from counter_app.db import close_database, open_database
    from counter_app.models import Customer
    from counter_app.sync.pull import pull
    from counter_app.sync.tables import REFERENCE_BY_NAME

    table = REFERENCE_BY_NAME["customer"]
    with psycopg.connect(hall_url) as conn:
        rows = conn.execute(f"SELECT {table.select_sql('t')} FROM customer t").fetchall()
    marks = ", ".join("?" * len(table.columns))
    ours, bare, pages = [], [], 0
    for r in range(rounds):
        open_database(str(folder / f"pull{r}.db"))
        with psycopg.connect(hall_url) as conn:
            started = time.perf_counter()
            result = pull(conn)
            ours.append(time.perf_counter() - started)
        pages = result.pages
        assert Customer.select().count() == n, result
        close_database()
        (folder / f"pull{r}.db").unlink()

        # Baseline: the same rows into the same empty table (made by the same models), bare.
        bare_path = folder / f"bare{r}.db"
        open_database(str(bare_path))
        close_database()
        conn = sqlite3.connect(bare_path)
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("PRAGMA synchronous=FULL")
        started = time.perf_counter()
        with conn:
            conn.executemany(f"INSERT INTO customer ({', '.join(table.columns)}) VALUES ({marks})", rows)
        bare.append(time.perf_counter() - started)
        conn.close()
        bare_path.unlink()
    return min(ours), min(bare), pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs of each side")
    parser.add_argument("--hub-admin", default="", help="administrator URL of an empty PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("COUNTER_APP_CONFIG_DIR", str(folder / "cfg"))
        os.environ.setdefault("COUNTER_APP_LOG_DIR", str(folder / "log"))
        server = None
        if args.hub_admin:
            admin = args.hub_admin
        else:
            from tests.pg import PgServer

            server = PgServer()
            admin = server.url(server.create_database("bench"))
        try:
            from counter_app.sync.hub_halls import hall_url as make_hall_url

            role = make_hub(admin)
            hall_url = make_hall_url(admin, role, "bench-password")
            push_s, push_bare_s = bench_push(hall_url, admin, folder, args.ops, args.rounds)
            seed_customers(admin, args.rows)
            pull_s, pull_bare_s, pages = bench_pull(hall_url, folder, args.rows, args.rounds)
        finally:
            if server is not None:
                server.close()
    push_rate, push_bare = args.ops / push_s, args.ops / push_bare_s
    pull_rate, pull_bare = args.rows / pull_s, args.rows / pull_bare_s
    print(f"push {args.ops:,} outbox ops: {push_s:.2f} s = {push_rate:,.0f} ops/s; bare COPY + INSERT … ON CONFLICT: "
          f"{push_bare_s:.2f} s = {push_bare:,.0f} rows/s; ratio {push_rate / push_bare:.2f} "
          f"({'PASS' if push_rate >= push_bare / 2 else 'FAIL'} target ≥ 0.5)")
    print(f"pull {args.rows:,} reference rows ({pages} pages): {pull_s:.2f} s = {pull_rate:,.0f} rows/s; bare sqlite3 "
          f"executemany: {pull_bare_s:.2f} s = {pull_bare:,.0f} rows/s; ratio {pull_rate / pull_bare:.2f} "
          f"({'PASS' if pull_rate >= pull_bare / 2 else 'FAIL'} target ≥ 0.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
