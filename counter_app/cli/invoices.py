"""``counter-app invoices export``: the hall's invoice requests (开票申请) for the operator's
e-invoice system, as the CSV file documented in docs/invoices.md. A manager signs in with
their password; the requests written are marked exported (``--all`` writes the exported ones
of the month again)."""

from __future__ import annotations

import argparse
import sys

from counter_app.cli.common import open_db, output_path
from counter_app.cli.signin import add_staff_options, staff_session


def register(sub, common) -> None:
    parser = sub.add_parser("invoices", parents=[common], help="invoice requests for the e-invoice system")
    actions = parser.add_subparsers(dest="invoices_action", metavar="ACTION", required=True)
    p = actions.add_parser("export", parents=[common], help="write the requests not yet exported as CSV "
                                                          "(docs/invoices.md) and mark them exported")
    p.add_argument("--month", default=None, help="only the requests for payments of this month (YYYY-MM)")
    p.add_argument("--all", action="store_true", help="with --month: also the requests exported before")
    p.add_argument("--out", required=True, type=output_path(), help="CSV file to write")
    add_staff_options(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from counter_app.output import output_file
    from counter_app.services import invoices
    from counter_app.services.report_period import not_in_future_month
    from counter_app.services.statements import parse_month

    period = not_in_future_month(parse_month(args.month)) if args.month else None  # before anyone signs in
    open_db(args)
    session = staff_session(args)
    # The file (written whole under a temporary name) gets its name just before the
    # transaction that marks the requests exported commits: a file that was not written
    # exports nothing, and an export the database refused leaves no file (output.py).
    with output_file(args.out) as out:
        count = invoices.export(session, lambda text: out.write(text.encode("utf-8")), period=period,
                                include_exported=bool(args.all and period))
    print(f"{count} invoice request(s) -> {args.out}", file=sys.stdout)
    return 0
