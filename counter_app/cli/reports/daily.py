"""``counter-app report daily --date YYYY-MM-DD --out F.pdf | --printer [NAME]``: the hall's daily summary."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_output_options, deliver, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(kinds, common) -> None:
    p = kinds.add_parser("daily", parents=[common], help="the daily summary (营业日报) of one business day")
    p.add_argument("--date", default=None, help="business day YYYY-MM-DD (default: today)")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    p.add_argument("--hall", default=None, help="hall code (default: this terminal's hall)")
    add_staff_options(p)
    p.set_defaults(func=cmd_daily)


def cmd_daily(args: argparse.Namespace) -> int:
    from counter_app import clock
    from counter_app.documents.daily import build_daily_pdf
    from counter_app.models import Hall
    from counter_app.services.report_period import check_day, not_in_future_day, parse_day
    from counter_app.services.reports import daily_summary
    from counter_app.services.session import current_hall

    day = not_in_future_day(parse_day(args.date)) if args.date else None  # before anyone signs in
    open_db(args)
    hall = Hall.get_or_none(Hall.code == args.hall) if args.hall else current_hall()
    if hall is None:
        return fail(f"no hall {args.hall!r} in this database" if args.hall else "this database has no hall yet")
    session = staff_session(args, lang=args.lang, hall=hall)
    summary = daily_summary(session, check_day(hall.code, day or clock.today()))
    where = deliver(args, session, build_daily_pdf(summary, args.lang), kind="daily",
                    ref=f"{hall.code}-{summary.day.isoformat()}")
    print(f"daily summary of {hall.code} for {summary.day.isoformat()}: {summary.total.issued} tickets, "
          f"{sum(b.count for b in summary.businesses)} orders, {summary.settlement.count} payments "
          f"-> {where}")
    return 0
