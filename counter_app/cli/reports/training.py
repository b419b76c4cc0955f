"""``counter-app report training --month YYYY-MM --out F.pdf``: the month's training and
assessment report (培训考核报告): each clerk's drills, the assessments running in the month with
every clerk's score and pass or fail, six months of averages; charts as in the daily summary.
The drill results of this terminal's training copy are brought in first."""

from __future__ import annotations

import argparse

from counter_app.cli.common import deliver
from counter_app.cli.reports.month import add_month_report, start_month_report


def register(kinds, common) -> None:
    add_month_report(kinds, common, "training", "the month's drills and assessments (培训考核报告)", cmd_training)


def cmd_training(args: argparse.Namespace) -> int:
    start = start_month_report(args)
    if isinstance(start, int):
        return start
    from counter_app.documents.training import render_report
    from counter_app.services.assessments import month_report
    from counter_app.services.training import collect_results

    collected = collect_results(start.session)
    report = month_report(start.session, args.month)
    where = deliver(args, start.session, render_report(report), kind="training_report", ref=args.month)
    print(f"{where}: {report.attempts} drills in {args.month}, average {report.average_text}, "
          f"{len(report.assessments)} assessments ({collected} new results from the training copy)")
    return 0
