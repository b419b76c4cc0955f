"""``counter-app report grade --year YYYY --out F.pdf``: the yearly standard-hall evaluation
(营业厅等级评定: measured service, the checklist, the spot checks; what the next level needs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.cli.common import add_output_options, deliver, fail, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(kinds, common) -> None:
    p = kinds.add_parser("grade", parents=[common], help="the year's standard-hall evaluation (营业厅等级评定)")
    p.add_argument("--year", required=True, help="YYYY, or this / last")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    p.set_defaults(func=cmd_grade)


def cmd_grade(args: argparse.Namespace) -> int:
    if not (args.year.isdigit() and len(args.year) == 4):
        return fail(f"give the year as four digits, e.g. 2026: {args.year!r}")
    from counter_app.services.hall_evaluation import check_year

    check_year(args.year)  # a year to come is refused before anyone signs in
    if args.out and not Path(args.out).parent.exists():
        return fail(f"the folder of --out does not exist: {Path(args.out).parent}")
    open_db(args)
    from counter_app.services.session import current_hall

    if current_hall() is None:
        return fail("this database has no hall yet")
    from counter_app.documents.evaluation import render_evaluation
    from counter_app.services.hall_evaluation import evaluate_year

    session = staff_session(args, lang=args.lang)
    ev = evaluate_year(session, int(args.year))
    where = deliver(args, session, render_evaluation(ev), kind="hall_evaluation", ref=args.year)
    needs = ", ".join(c.key for c in ev.next_needs) or "-"
    print(f"{where}: {args.year} {ev.grade or 'below standard'}; next level {ev.next_level or '-'} needs: {needs}")
    return 0
