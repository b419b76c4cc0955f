"""``counter-app held --staff MANAGER [--apply RECEIPT | --refund RECEIPT --reason TEXT]``: the
payments the hub holds for this hall, not credited to any line (docs/security.md, "Money the
hub holds"), and the manager's two ways to settle one."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session
from counter_app.config import TerminalConfig


def register(sub, common) -> None:
    p = sub.add_parser("held", parents=[common], help="payments the hub holds, not credited to a line; apply or "
                                                       "refund one")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--apply", metavar="RECEIPT", help="credit the held payment to its line (once the hall may: "
                                                        "find the customer at the counter first)")
    act.add_argument("--refund", metavar="RECEIPT", help="give the held payment back to the customer from today's "
                                                         "till (a reversal row)")
    p.add_argument("--reason", default="", help="why the money is given back (with --refund)")
    p.add_argument("--hub", default=None, help="postgresql:// URL (default: COUNTER_APP_HUB or the terminal config)")
    add_staff_options(p)
    add_json_option(p)
    p.set_defaults(func=cmd_held)


def cmd_held(args: argparse.Namespace) -> int:
    from counter_app.cli.language import translate
    from counter_app.money import format_yuan
    from counter_app.sync import held
    from counter_app.sync.hub import require_hub
    from counter_app.sync.hub_held import held_lines
    from counter_app.sync.hub_waiting import waiting_lines

    hub = require_hub(TerminalConfig.load().hub_url(args.hub))
    open_db(args)
    session = staff_session(args)
    if args.apply:
        done = held.apply_held(session, hub, args.apply)
        emit(args, done.as_dict(), f"applied {done.receipt_no}: {format_yuan(done.amount_fen)} yuan credited to "
                                   f"{done.phone}")
        return 0
    if args.refund:
        row = held.refund_held(session, hub, args.refund, reason=args.reason)
        emit(args, {"receipt_no": row.receipt_no, "refunds": args.refund.upper(), "amount_fen": row.amount_fen},
             f"refunded {args.refund.upper()}: {format_yuan(-row.amount_fen)} yuan paid back, receipt {row.receipt_no}")
        return 0
    rows = held.held_payments(session, hub)
    late = held.waiting_on_hub(session, hub)
    text = "\n".join(held_lines(rows, translate) + waiting_lines(late, translate))
    emit(args, {"held": [h.as_dict() for h in rows], "waiting": [w.as_dict() for w in late]},
         text or "no money held by the hub")
    return 0
