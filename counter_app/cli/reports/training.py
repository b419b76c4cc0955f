"""``counter-app report training --month YYYY-MM --out F.pdf``: the month's training and
assessment report (培训考核报告): each clerk's drills, the assessments running in the month with
every clerk's score and pass or fail, six months of averages; charts as in the daily summary.
The drill results of this terminal's training copy are brought in first."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.cli.common import add_output_options, deliver, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(kinds, common) -> None:
    p = kinds.add_parser("training", parents=[common], help="the month's drills and assessments (培训考核报告)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    p.set_defaults(func=cmd_training)


def cmd_training(args: argparse.Namespace) -> int:
    from counter_app.services.report_period import parse_month

    args.month = parse_month(args.month)
    if args.out and not Path(args.out).parent.exists():
        return fail(f"the folder of --out does not exist: {Path(args.out).parent}")
    open_db(args)
    from counter_app.services.session import current_hall

    hall = current_hall()
    if hall is None:
        return fail("this database has no hall yet")
    from counter_app.services.report_period import check_month

    # A month to come prints no empty report; one before the hall's data says in words it had none.
    check_month(hall.code, args.month, before_data=True)
    from counter_app.documents.training import render_report
    from counter_app.services.assessments import month_report
    from counter_app.services.training import collect_results

    session = staff_session(args, lang=args.lang)
    collected = collect_results(session)
    report = month_report(session, args.month)
    where = deliver(args, session, render_report(report), kind="training_report", ref=args.month)
    print(f"{where}: {report.attempts} drills in {args.month}, average {report.average_text}, "
          f"{len(report.assessments)} assessments ({collected} new results from the training copy)")
    return 0
