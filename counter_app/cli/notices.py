"""``counter-app notices list|add|remove``: the hall's own public notices (公示), which the
calling display rotates, the kiosk's 业务指南 shows and ``statement notices`` prints beside
the fee standards. A manager (``--staff`` with their password) adds one with its dates::

    counter-app notices add --staff 2001 --title-zh 国庆营业时间 --body-zh "..." \\
        --title-en "Holiday hours" --body-en "..." --starts 2026-10-01 --ends 2026-10-03
"""

from __future__ import annotations

import argparse
import datetime as dt

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session

DAY_WORDS = {"today": 0, "tomorrow": 1}


def _date(text: str) -> dt.date:
    from counter_app import clock

    if text.strip().lower() in DAY_WORDS:  # a notice for the days ahead, without a calendar
        return clock.today() + dt.timedelta(days=DAY_WORDS[text.strip().lower()])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD, today or tomorrow): {text}") from None


def register(sub, common) -> None:
    parser = sub.add_parser("notices", parents=[common], help="the hall's own public notices (manager)")
    actions = parser.add_subparsers(dest="notices_action", metavar="ACTION", required=True)
    p = actions.add_parser("list", parents=[common], help="every notice of the hall, with its dates")
    add_staff_options(p)
    add_json_option(p)
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("add", parents=[common], help="post a notice from --starts to --ends (both included)")
    add_staff_options(p)
    add_json_option(p)
    p.add_argument("--title-zh", required=True, help="the notice's title in Chinese")
    p.add_argument("--body-zh", required=True, help="the notice's text in Chinese")
    p.add_argument("--title-en", default="", help="the title in English (default: none)")
    p.add_argument("--body-en", default="", help="the text in English (default: none)")
    p.add_argument("--starts", type=_date, required=True, help="YYYY-MM-DD, today or tomorrow")
    p.add_argument("--ends", type=_date, required=True, help="YYYY-MM-DD, today or tomorrow (included)")
    p.set_defaults(func=cmd_add)
    p = actions.add_parser("remove", parents=[common], help="take a notice down")
    add_staff_options(p)
    p.add_argument("notice_id", help="the notice's id, as `notices list` shows it")
    p.set_defaults(func=cmd_remove)


def _row(n) -> dict:
    return {"id": n.id, "title_zh": n.title_zh, "title_en": n.title_en, "starts": n.starts.isoformat(),
            "ends": n.ends.isoformat()}


def cmd_list(args: argparse.Namespace) -> int:
    from counter_app.services.notices import hall_notices

    open_db(args)
    rows = [_row(n) for n in hall_notices(staff_session(args))]
    emit(args, rows, "\n".join(f"{r['id']}  {r['starts']}..{r['ends']}  {r['title_zh']}" for r in rows)
         or "no notices of the hall")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from counter_app.services.notices import add_hall_notice

    open_db(args)
    notice = add_hall_notice(staff_session(args), title_zh=args.title_zh, body_zh=args.body_zh,
                             title_en=args.title_en, body_en=args.body_en, starts=args.starts, ends=args.ends)
    emit(args, _row(notice), f"notice {notice.id} posted {notice.starts}..{notice.ends}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from counter_app.services.notices import remove_hall_notice

    open_db(args)
    remove_hall_notice(staff_session(args), args.notice_id)
    print(f"notice {args.notice_id} removed")
    return 0
