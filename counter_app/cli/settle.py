"""``counter-app settle --date YYYY-MM-DD --out F.pdf | --printer [NAME]``: the settlement sheet of a day.

Printing it changes nothing (closing the day is the manager's act in the GUI). A day with
no payment and no handover: one clear line, exit status 2, no file.
"""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_output_options, deliver, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(sub, common) -> None:
    p = sub.add_parser("settle", parents=[common], help="print the settlement sheet (日结单) of a day")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    p.set_defaults(func=cmd_settle)


def cmd_settle(args: argparse.Namespace) -> int:
    from counter_app.documents import settlement as sheet
    from counter_app.errors import NotFound
    from counter_app.money import format_yuan
    from counter_app.services import settlement
    from counter_app.services.report_period import check_day, not_in_future_day, parse_day

    day = not_in_future_day(parse_day(args.date))  # before anyone signs in: a day to come changes nothing
    open_db(args)
    session = staff_session(args, lang=args.lang)
    check_day(session.hall_code, day)
    if not settlement.has_activity(session, day):
        raise NotFound(settlement.NO_PAYMENTS, date=day.isoformat())
    data = settlement.settlement(session, day)
    where = deliver(args, session, sheet.build(data, args.lang), kind="settlement", ref=day.isoformat())
    state = "closed" if data.closed_at else "not closed"
    print(f"settlement {day} ({state}): net {format_yuan(data.net_fen)}, cash {format_yuan(data.expected_cash_fen)}, "
          f"{data.count} rows -> {where}")
    return 0
