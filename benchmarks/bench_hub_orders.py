"""What the hub's row triggers cost per order and per payment a hall pushes.

    python benchmarks/bench_hub_orders.py [--customers 400] [--rows 150] [--runs 3]

Seeds a throwaway hub with the demo hall JN001 and a second hall JN002 (Qingdao), then inserts
``--rows`` rows in one statement, as a push does, and rolls back; each case ``--runs`` times,
median per row:

* 停机 orders of hall A for its own customers' lines (the order trigger decides each: whose line,
  the rule, the line's UPDATE and its change log, the order's record);
* the same orders from hall B for walk-ins it fetched (the walk-in log is read), and for lines
  it never served (refused: the order is kept, the line untouched);
* the same orders with the order trigger disabled (the baseline: the row and its indexes);
* cash payments of hall A for its lines (the line check and the ledger posting), beside the
  same payments with the line check disabled, and hall B's payments for lines it never served
  (held by the hub, not credited: docs/security.md "Money the hub holds").
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

ORDER_DEFAULTS = {"business_date": "'2026-11-25'", "staff_no": "'1001'", "fields": "'{}'", "fee_fen": "0",
                  "fee_method": "''", "id_checked": "false", "status": "'done'", "voided_by": "''",
                  "void_reason": "''", "prints": "0", "terminal": "'T-bench'", "created_at": "localtimestamp",
                  "hlc": "''", "business_code": "'suspend'"}
PAYMENT_DEFAULTS = {"business_date": "'2026-11-25'", "staff_no": "'1001'", "kind": "'payment'", "method": "'cash'",
                    "amount_fen": "100", "reference": "''", "reason": "''", "terminal": "'T-bench'",
                    "created_at": "localtimestamp", "hlc": "''", "tendered_fen": "100", "change_fen": "0"}


def _columns(conn, table: str) -> list[str]:
    """The NOT NULL columns without a default that an insert must name."""
    return [c for (c,) in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s "
        "AND is_nullable = 'NO' AND column_default IS NULL ORDER BY ordinal_position", (table,))]


def _orders_sql(conn, hall: str, lines: str, tag: str) -> str:
    values = dict(ORDER_DEFAULTS, id="gen_random_uuid()", hall=f"'{hall}'",
                  order_no=f"'S{hall}20261125{tag}' || lpad(l.n::text, 5, '0')",
                  idempotency_key=f"'bench-{tag}-' || l.n",
                  effect_data="'{\"previous_status\": \"active\", \"status\": \"suspended\"}'")
    cols = [c for c in _columns(conn, "service_order") if c in values] + ["account_id", "customer_id"]
    values.update(account_id="l.id", customer_id="l.customer_id")
    return (f"INSERT INTO service_order ({', '.join(cols)}) SELECT {', '.join(values[c] for c in cols)} "
            f"FROM ({lines}) l")


def _payments_sql(conn, hall: str, lines: str, tag: str) -> str:
    values = dict(PAYMENT_DEFAULTS, id="gen_random_uuid()", hall=f"'{hall}'", phone="l.phone",
                  receipt_no=f"'R{hall}20261125{tag}' || lpad(l.n::text, 5, '0')",
                  idempotency_key=f"'bench-{tag}-' || l.n")
    cols = [c for c in _columns(conn, "payment") if c in values] + ["account_id"]
    values.update(account_id="l.id")
    return f"INSERT INTO payment ({', '.join(cols)}) SELECT {', '.join(values[c] for c in cols)} FROM ({lines}) l"


def _lines(rows: int, offset: int = 0) -> str:
    return (f"SELECT a.id, a.customer_id, a.phone, row_number() OVER (ORDER BY a.phone) AS n FROM account a "
            f"JOIN customer c ON c.id = a.customer_id WHERE a.status = 'active' AND c.hall = 'JN001' "
            f"ORDER BY a.phone LIMIT {rows} OFFSET {offset}")


def _timed(url: str, setup: list[str], statement: str, runs: int) -> tuple[float, int]:
    """Median seconds of ``statement`` after ``setup`` in one transaction, rolled back."""
    import psycopg

    times, count = [], 0
    for _ in range(runs):
        with psycopg.connect(url) as conn:
            for s in setup:
                conn.execute(s)
            started = time.perf_counter()
            count = conn.execute(statement).rowcount
            times.append(time.perf_counter() - started)
            conn.rollback()
    return statistics.median(times), count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=400)
    parser.add_argument("--rows", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import psycopg

    from tests.pg import PgServer

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), COUNTER_APP_CONFIG_DIR=str(Path(tmp) / "cfg"),
                   COUNTER_APP_LOG_DIR=str(Path(tmp) / "log"))
        os.environ.update(COUNTER_APP_CONFIG_DIR=env["COUNTER_APP_CONFIG_DIR"],
                          COUNTER_APP_LOG_DIR=env["COUNTER_APP_LOG_DIR"])
        server = PgServer()
        try:
            url = server.url(server.create_database("province"))
            subprocess.run([sys.executable, "-m", "counter_app", "--db", url, "demo", "--customers",
                            str(args.customers), "--detailed", "0"], cwd=ROOT, env=env, check=True,
                           capture_output=True)
            from counter_app.sync.hub import install_hub
            from counter_app.sync.hub_halls import add_hall

            install_hub(url)
            add_hall(url, "JN002", "bench-b", name="青岛香港中路营业厅", city="青岛")
            with psycopg.connect(url, autocommit=True) as conn:
                n = args.rows
                own, served, never = _lines(n), _lines(n, n), _lines(n, 2 * n)
                has_served = conn.execute("SELECT to_regproc('counter_sync.oe_served') IS NOT NULL").fetchone()[0]
                # Where a payment's line is checked: the hold trigger (money held, not credited),
                # before it the insert refusal.
                check = conn.execute("SELECT coalesce((SELECT tgname FROM pg_trigger WHERE tgname = "
                                     "'counter_sync_hold' LIMIT 1), 'counter_sync_payment_line')").fetchone()[0]
                walk_ins = (f"INSERT INTO counter_sync.lookup_log (hall, what, query, customer_id) "
                            f"SELECT 'JN002', 'walk_in', l.phone, l.customer_id FROM ({served}) l")
                cases = {
                    "orders, trigger disabled": ([
                        "ALTER TABLE service_order DISABLE TRIGGER counter_sync_order_apply"],
                        _orders_sql(conn, "JN001", own, "BNCH")),
                    "orders of hall A, own customers": ([], _orders_sql(conn, "JN001", own, "BNCH")),
                    "orders of hall B, walk-ins it served": ([walk_ins], _orders_sql(conn, "JN002", served, "BNCH")),
                    "orders of hall B, lines it never served": ([], _orders_sql(conn, "JN002", never, "BNCH")),
                    "payments, line check disabled" if has_served else "payments": (
                        [f"ALTER TABLE payment DISABLE TRIGGER {check}"] if has_served else [],
                        _payments_sql(conn, "JN001", own, "BNCH")),
                }
                if has_served:
                    cases["payments of hall A, own customers"] = ([], _payments_sql(conn, "JN001", own, "BNCH"))
                    cases["payments of hall B, lines it never served"] = (
                        [], _payments_sql(conn, "JN002", never, "BNCH"))
            results = {}
            for name, (setup, statement) in cases.items():
                seconds, count = _timed(url, setup, statement, args.runs)
                results[name] = {"rows": count, "ms_per_row": round(seconds * 1000 / max(count, 1), 3)}
                print(f"{name:45s} {count:5d} rows  {seconds * 1000 / max(count, 1):7.3f} ms a row", flush=True)
            load = os.getloadavg()[0]
            print(json.dumps({"load": round(load, 1), "results": results}, ensure_ascii=False))
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
