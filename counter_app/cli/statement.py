"""``counter-app statement bill|records|fees|notices``: the same PDFs the counter prints, headless.

``--out F.pdf`` writes the PDF, ``--printer [NAME]`` prints it on a printer queue (see
``cli.common.add_output_options``). No bill or no records for the number and month: one
clear line on stderr, exit status 2, no file.
Detailed records are exported only by a staff member signed in with their password
(``--staff`` and ``--password-file`` or ``COUNTER_APP_PASSWORD``) for a verified subscriber
(``--id-number``, the service password, or an agent), as at the counter; the export is an
audit event naming both, and every file written is logged as a print (``services.print_log``).
"""

from __future__ import annotations

import argparse
import sys

from counter_app.cli.common import add_output_options, deliver, open_db
from counter_app.cli.signin import add_staff_options, staff_session
from counter_app.cli.verify_subscriber import add_verification_options, verify
from counter_app.money import format_yuan


def register(sub, common) -> None:
    parser = sub.add_parser("statement", parents=[common], help="print a bill, detailed records, fee standards or the hall's notices")
    kinds = parser.add_subparsers(dest="statement_kind", metavar="KIND", required=True)
    for kind, text in (("bill", "the monthly bill of a number"),
                       ("records", "the detailed records of a number: only with a staff member signed in and the "
                                   "subscriber verified")):
        p = kinds.add_parser(kind, parents=[common], help=text, description=text)
        p.add_argument("--phone", required=True, help="the mobile number")
        p.add_argument("--month", required=True, help="YYYY-MM")
        add_output_options(p)
        p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
        add_staff_options(p)
        if kind == "records":
            add_verification_options(p)
        p.set_defaults(func=cmd_statement, statement_kind=kind)
    p = kinds.add_parser("fees", parents=[common], help="the fee standards and procedures")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    p.set_defaults(func=cmd_statement, statement_kind="fees")
    p = kinds.add_parser("notices", parents=[common], help="the hall's public notices as wall sheets (公示)")
    add_output_options(p)
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the print-out")
    p.set_defaults(func=cmd_statement, statement_kind="notices")


def cmd_statement(args: argparse.Namespace) -> int:
    from counter_app.services.report_period import not_in_future_month
    from counter_app.services.session import open_session
    from counter_app.services.statements import parse_month

    if args.statement_kind in ("bill", "records"):  # a month to come is refused before anyone signs in
        args.month = not_in_future_month(parse_month(args.month))
    open_db(args)
    # The fee standards are posted on the wall; a bill and detailed records are a customer's.
    session = staff_session(args, lang=args.lang) if args.statement_kind not in ("fees", "notices") \
        else open_session(lang=args.lang)
    if args.statement_kind == "records":
        return _records(args, session)
    make = {"bill": _bill, "notices": _notices}.get(args.statement_kind, _fees)
    pdf, summary, ref = make(args, session)
    where = deliver(args, session, pdf, kind=args.statement_kind, ref=ref)
    print(f"{summary} -> {where}", file=sys.stdout)
    return 0


def _bill(args: argparse.Namespace, session) -> tuple[bytes, str, str]:
    """The bill's PDF, its one-line summary and its reference (number and period)."""
    from counter_app.documents import bill
    from counter_app.services.statements import bill_data

    data = bill_data(session, args.phone, args.month)
    summary = (f"bill {data.header.phone} {data.header.period}: total {format_yuan(data.total_fen)}, "
               f"closing balance {format_yuan(data.closing_fen)}, balance now {format_yuan(data.balance_fen)}, "
               f"due {format_yuan(data.due_fen)}")
    return bill.build(data), summary, f"{data.header.phone}-{data.header.period}"


def _notices(args: argparse.Namespace, session) -> tuple[bytes, str, str]:
    from counter_app.documents import notices
    from counter_app.services.notices import notice_board

    board = notice_board(session)
    return notices.build(board), f"hall notices: {len(board.notices)} sheets", session.hall_code


def _fees(args: argparse.Namespace, session) -> tuple[bytes, str, str]:
    from counter_app.documents import fees
    from counter_app.services.fees import fee_standards

    return fees.build(fee_standards(session)), "fee standards", session.hall_code


def _records(args: argparse.Namespace, session) -> int:
    """Detailed records for a verified subscriber, fetched from the hub when the terminal has
    one; the export is audited only with the file written or the pages printed."""
    from counter_app.config import TerminalConfig
    from counter_app.documents import records
    from counter_app.services.identify import by_phone
    from counter_app.services.statements import records_data
    from counter_app.services.validation import normalize_phone

    hub = TerminalConfig.load().hub_url(getattr(args, "hub", None))
    if hub:  # a terminal with a hub keeps no detailed records: they are fetched for this export
        from counter_app.sync.lookup import HubLookup

        session.hub = HubLookup(hub)
    verify(args, session, by_phone(session, args.phone)[0].account_id)
    made: dict = {}

    def pdf():
        made["data"] = records_data(session, args.phone, args.month, purpose="export", channel="cli")
        return records.build(made["data"])

    ref = f"{normalize_phone(args.phone)}-{args.month}"
    where = deliver(args, session, pdf, kind="records", ref=ref)
    data = made["data"]
    print(f"records {data.header.phone} {data.header.period}: {data.count} records, {len(data.days)} days "
          f"-> {where}", file=sys.stdout)
    return 0
