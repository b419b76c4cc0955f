"""Core commands: init (create or migrate), demo (build the demo hall), gui."""

from __future__ import annotations

import argparse
import sys
import time

from counter_app.cli.common import add_db_option, add_json_option, emit, open_db
from counter_app.config import TerminalConfig
from counter_app.db import is_postgres_url


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create or migrate the database (idempotent)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="build the demo hall (seeded, deterministic)")
    p.add_argument("--customers", type=int, default=2000, help="how many customers (default 2000)")
    p.add_argument("--detailed", type=int, default=300,
                   help="accounts that get six months of bills and detailed records (default 300)")
    p.add_argument("--seed", type=int, default=20041001,
                   help="seed of the random choices: the same seed builds the same hall (default 20041001)")
    add_json_option(p)
    p.set_defaults(func=cmd_demo)


def cmd_init(args: argparse.Namespace) -> int:
    from counter_app.db import schema_version
    from counter_app.services.reference import load_reference_data

    database = open_db(args, create=True)
    counts = load_reference_data()
    print(f"database ready (schema version {schema_version(database)}); catalogue: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from counter_app.services.demo_whole import build_demo_whole

    if args.customers < 1 or args.customers > 50_000_000:
        print("error: --customers must be between 1 and 50,000,000", file=sys.stderr)
        return 2
    open_db(args, create=True)
    started = time.perf_counter()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if not args.json and (now - last[0] > 2 or done == total) and total > 1:
            last[0] = now
            print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr)

    result = build_demo_whole(args.customers, detailed=args.detailed, seed=args.seed, progress=progress)
    url = TerminalConfig.load().database_url(getattr(args, "db", None))
    if is_postgres_url(url):  # a PostgreSQL database is a hub: make it ready to serve terminals
        from counter_app.sync.hub import install_hub

        install_hub(url)
    seconds = time.perf_counter() - started
    emit(args, {**result.__dict__, "seconds": round(seconds, 2)},
         f"demo hall {result.hall}: {result.customers:,} customers, {result.accounts:,} accounts, "
         f"{result.bills:,} bills, {result.records:,} detailed records in {seconds:.1f} s")
    return 0


__all__ = ["register", "add_db_option"]
