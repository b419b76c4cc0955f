"""``counter-app hub bill-run``: the monthly bill run (``services.billrun``), at the hub or on a
single-PC hall's own file."""

from __future__ import annotations

import argparse
import sys
import time

from counter_app.cli.common import add_json_option, emit
from counter_app.money import format_yuan


def add_bill_run(actions) -> None:
    p = actions.add_parser("bill-run", help="bill every line for a month that is over (plan changes, SP services, "
                                            "usage rated under the plan in force); terminals pull the bills")
    p.add_argument("--month", required=True, help="YYYY-MM, or last: a month that is over")
    p.add_argument("--url", default=None, help="postgresql:// URL of the hub, as its administrator "
                                               "(default: --db, e.g. a single-PC hall's file)")
    p.add_argument("--db", default=argparse.SUPPRESS, help="SQLite file or postgresql:// URL (instead of --url)")
    p.add_argument("--import", dest="import_file", default=None, metavar="FILE",
                   help="take the bills from the operator's billing system file (CSV or JSON, see docs/billing.md) "
                        "instead of rating here")
    add_json_option(p)
    p.set_defaults(func=cmd_bill_run)


def cmd_bill_run(args: argparse.Namespace) -> int:
    from counter_app.cli.common import open_db
    from counter_app.db import open_database
    from counter_app.services.billrun import run_month

    if args.url:  # named on the first line already (cli/main.py)
        open_database(args.url)
    else:
        open_db(args)
    started = time.perf_counter()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if not args.json and (now - last[0] > 2 or done == total) and total > 1:
            last[0] = now
            print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr)

    result = run_month(args.month, import_file=args.import_file, progress=progress)
    seconds = time.perf_counter() - started
    emit(args, {**result.__dict__, "seconds": round(seconds, 2)},
         f"bill run {result.month} ({result.source}): {result.billed:,} bills, {format_yuan(result.total_fen)} yuan "
         f"charged; {result.already:,} lines billed already; {result.orders_applied:,} orders applied, "
         f"{result.plans_changed:,} plan changes in force; {result.suspended:,} lines suspended for arrears; "
         f"{result.records_rated:,} records rated in {seconds:.1f} s")
    return 0
