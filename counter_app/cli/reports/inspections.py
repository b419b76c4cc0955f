"""``counter-app report inspections --month YYYY-MM --out F.pdf``: the month's service-quality
bulletin (服务质量抽查通报); ``--printer [NAME]`` prints instead. Run by an inspector (every hall
the database holds) or a manager (the own hall)."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.cli.common import add_output_options, deliver, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(kinds, common) -> None:
    p = kinds.add_parser("inspections", parents=[common],
                         help="the month's spot checks and mystery-shopper visits (服务质量抽查通报)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    p.set_defaults(func=cmd_inspections)


def cmd_inspections(args: argparse.Namespace) -> int:
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

    # A month to come prints no empty bulletin; one before the hall's data says in words it had none.
    check_month(hall.code, args.month, before_data=True)
    from counter_app.documents.supervision import render_bulletin
    from counter_app.services.supervision import monthly_bulletin

    session = staff_session(args, lang=args.lang)
    bulletin = monthly_bulletin(session, args.month)
    where = deliver(args, session, render_bulletin(bulletin, hall.name), kind="inspection_bulletin", ref=args.month)
    average = "—" if bulletin.average is None else f"{bulletin.average * 100:.1f}%"
    print(f"{where}: {len(bulletin.checks)} checks in {args.month}, average {average}, "
          f"{len(bulletin.repeated)} repeated failures, {len(bulletin.follow_ups)} follow-ups")
    return 0
