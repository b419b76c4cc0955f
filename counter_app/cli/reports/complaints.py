"""``counter-app report complaints --month YYYY-MM --out F.pdf`` (月度投诉分析) and
``counter-app report sp-claims --month YYYY-MM [--sp CODE] --out F.pdf`` (the claims list
for settlement with the SPs). ``--printer [NAME]`` prints instead of writing a file."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_output_options, deliver, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(kinds, common) -> None:
    p = kinds.add_parser("complaints", parents=[common], help="monthly complaint analysis (月度投诉分析)")
    _options(p)
    p.set_defaults(func=cmd_complaints)
    p = kinds.add_parser("sp-claims", parents=[common], help="SP advance-compensation claims of a month, per SP")
    _options(p)
    p.add_argument("--sp", default="", help="only this SP (its code, e.g. SP_KL)")
    p.set_defaults(func=cmd_claims)


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--month", required=True, help="YYYY-MM")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)


def _checked(args: argparse.Namespace) -> str | None:
    from counter_app.services.report_period import parse_month

    args.month = parse_month(args.month)  # the --out file was checked with the command line
    return None


def _hall():
    from counter_app.services.session import current_hall

    return current_hall()


def _write(session, args: argparse.Namespace, data: bytes, kind: str, ref: str) -> str:
    """Write the PDF (never half-written under its name) or print it, and log it as a print."""
    return deliver(args, session, data, kind=kind, ref=ref)


def cmd_complaints(args: argparse.Namespace) -> int:
    problem = _checked(args)
    if problem:
        return fail(problem)
    open_db(args)
    hall = _hall()
    if hall is None:
        return fail("this database has no hall yet")
    from counter_app.services.report_period import check_month

    check_month(hall.code, args.month)
    from counter_app.documents.complaint_report import render_monthly
    from counter_app.services.complaint_report import monthly_analysis

    session = staff_session(args, lang=args.lang)
    data = monthly_analysis(session, args.month, lang=args.lang)
    where = _write(session, args, render_monthly(data), "complaint_analysis", args.month)
    rate = "—" if data.on_time_rate is None else f"{data.on_time_rate * 100:.1f}%"
    print(f"{where}: {data.total} complaints in {args.month}, on time {rate}, "
          f"{len(data.overdue)} overdue, {data.refunds} refunds")
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    problem = _checked(args)
    if problem:
        return fail(problem)
    open_db(args)
    hall = _hall()
    if hall is None:
        return fail("this database has no hall yet")
    from counter_app.services.report_period import check_month

    check_month(hall.code, args.month)
    from counter_app.documents.complaint_claims import render_claims
    from counter_app.money import format_yuan
    from counter_app.services.complaint_refunds import claims_for_month

    session = staff_session(args, lang=args.lang)
    rows = claims_for_month(session, args.month, sp_code=args.sp)
    where = _write(session, args, render_claims(hall.name, args.month, rows, lang=args.lang), "sp_claims",
           f"{args.month}{'-' + args.sp if args.sp else ''}")
    print(f"{where}: {len(rows)} claims, {format_yuan(sum(r.amount_fen for r in rows))} yuan")
    return 0
