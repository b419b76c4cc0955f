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
    p.add_argument("--detailed", type=int, default=None,
                   help="lines that get six months of bills and detailed records (default: every line, "
                        "up to 3,000)")
    p.add_argument("--days", type=int, default=30,
                   help="working days of the hall before today, with today up to now (default 30; 0: none; "
                        "a PostgreSQL hub gets none: its halls bring their own)")
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
    if not 0 <= args.days <= 366:
        print("error: --days must be between 0 and 366", file=sys.stderr)
        return 2
    open_db(args, create=True)
    url = TerminalConfig.load().database_url(getattr(args, "db", None))
    days = 0 if is_postgres_url(url) else args.days
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        # The build reports per batch of 20,000 customers and per month of bills: few enough
        # lines to print each one, and a fast machine then shows the same lines as a slow one.
        if not args.json and total > 1:
            print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr)

    result = build_demo_whole(args.customers, detailed=args.detailed, seed=args.seed, days=days, progress=progress)
    if is_postgres_url(url):  # a PostgreSQL database is a hub: make it ready to serve terminals
        from counter_app.sync.hub import install_hub

        install_hub(url)
    seconds = time.perf_counter() - started
    made = result.activity
    text = (f"demo hall {result.hall}: {result.customers:,} customers, {result.accounts:,} accounts, "
            f"{result.bills:,} bills, {result.records:,} detailed records in {seconds:.1f} s")
    if made:
        text += (f"\nlast {days} days and today: {made['tickets']:,} tickets, {made['payments']:,} payments, "
                 f"{made['orders']:,} orders, {made['complaints']:,} complaints")
    if result.showcase:
        text += "\ntry these numbers (service password 123456; staff 1001–1004, manager 2001, password 123456):"
        text += "".join(f"\n  {phone}  {what}" for phone, what in result.showcase)
    emit(args, {**result.__dict__, "seconds": round(seconds, 2)}, text)
    return 0


__all__ = ["register", "add_db_option"]
