"""``counter-app report inspections --month YYYY-MM --out F.pdf``: the month's service-quality
bulletin (服务质量抽查通报); ``--printer [NAME]`` prints instead. Run by an inspector (every hall
the database holds) or a manager (the own hall)."""

from __future__ import annotations

import argparse

from counter_app.cli.common import deliver
from counter_app.cli.reports.month import add_month_report, start_month_report


def register(kinds, common) -> None:
    add_month_report(kinds, common, "inspections",
                     "the month's spot checks and mystery-shopper visits (服务质量抽查通报)", cmd_inspections)


def cmd_inspections(args: argparse.Namespace) -> int:
    start = start_month_report(args)
    if isinstance(start, int):
        return start
    from counter_app.documents.supervision import render_bulletin
    from counter_app.services.supervision import monthly_bulletin

    bulletin = monthly_bulletin(start.session, args.month)
    where = deliver(args, start.session, render_bulletin(bulletin, start.hall.name), kind="inspection_bulletin",
                    ref=args.month)
    average = "—" if bulletin.average is None else f"{bulletin.average * 100:.1f}%"
    print(f"{where}: {len(bulletin.checks)} checks in {args.month}, average {average}, "
          f"{len(bulletin.repeated)} repeated failures, {len(bulletin.follow_ups)} follow-ups")
    return 0
