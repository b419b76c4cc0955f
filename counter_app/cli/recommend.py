"""``counter-app recommend --phone P [--json]``: the plan specialist's comparison (消费引导) for
a line: what each plan would have cost over its last three months of use, and the cheapest
one with the monthly saving. A customer's use is private: a staff member signs in."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session
from counter_app.money import format_yuan


def register(sub, common) -> None:
    p = sub.add_parser("recommend", parents=[common], help="the cheapest plan for a line's last three months of use")
    p.add_argument("--phone", required=True, help="the mobile number")
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    add_staff_options(p)
    add_json_option(p)
    p.set_defaults(func=cmd_recommend)


def cmd_recommend(args: argparse.Namespace) -> int:
    from counter_app.services.guidance import recommend

    open_db(args)
    rec = recommend(staff_session(args, lang=args.lang), args.phone)
    lines = [f"{rec.phone}  {', '.join(rec.periods) or '-'}"]
    lines += [f"  {'*' if rec.best and c.code == rec.best.code else ' '} {c.code:<8} {format_yuan(c.total_fen):>10}"
              f"{'  (current)' if c.code == rec.current.code else ''}  {c.name}" for c in rec.costs]
    lines.append(rec.reason)
    emit(args, rec.as_dict(), "\n".join(lines))
    return 0
