"""What the month's report commands share (``report inspections``, ``report training``): their
options (``--month``, ``--out``/``--printer``, ``--lang``, the staff sign-in) and the checks
before anything is read (the month, the --out folder, the hall, a month with data)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.cli.common import add_output_options, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def add_month_report(kinds: Any, common: argparse.ArgumentParser, name: str, help_text: str,
                     func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """``counter-app report NAME --month YYYY-MM`` with the options every month's report takes."""
    p = kinds.add_parser(name, parents=[common], help=help_text)
    p.add_argument("--month", required=True, help="YYYY-MM")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    p.set_defaults(func=func)
    return p


@dataclass
class MonthStart:
    hall: Any  # models.Hall
    session: Any  # services.session.Session, signed in as --staff


def start_month_report(args: argparse.Namespace) -> MonthStart | int:
    """Checks the month and the --out folder, opens the database, refuses a month to come (a
    month before the hall's data prints, saying in words it had none) and signs the staff in.
    An exit status instead when something is wrong (the message is printed)."""
    from counter_app.services.report_period import check_month, parse_month
    from counter_app.services.session import current_hall

    args.month = parse_month(args.month)
    if args.out and not Path(args.out).parent.exists():
        return fail(f"the folder of --out does not exist: {Path(args.out).parent}")
    open_db(args)
    hall = current_hall()
    if hall is None:
        return fail("this database has no hall yet")
    check_month(hall.code, args.month, before_data=True)
    return MonthStart(hall, staff_session(args, lang=args.lang))
