"""``counter-app slip ORDER --out slip.pdf | --printer [NAME] --staff NO``: reprint an acceptance slip headless.

ORDER is the order number printed on the slip or the text of its QR code. The reprint is
counted and logged (``order.reprint``) under the staff member signed in with ``--staff``
(and their password), like one at the counter.
"""

from __future__ import annotations

import argparse
import sys

from counter_app.cli.common import add_output_options, deliver, open_db
from counter_app.cli.signin import add_staff_options, staff_session


def register(sub, common) -> None:
    parser = sub.add_parser("slip", parents=[common], help="reprint the acceptance slip of an order")
    parser.add_argument("order", help="order number (S…) or the slip's QR text")
    add_output_options(parser)
    add_staff_options(parser)
    parser.set_defaults(func=cmd_slip)


def cmd_slip(args: argparse.Namespace) -> int:
    from counter_app.documents import slip
    from counter_app.services import orders

    open_db(args)
    session = staff_session(args)
    order = orders.find_order(session, args.order)
    made: dict = {}

    def pdf():  # the reprint is counted only with the file written or the pages printed
        made["order"] = orders.record_print(session, order.id)
        return slip.build(orders.slip_data(session, made["order"]), copies=slip.COPIES)

    where = deliver(args, session, pdf, kind="slip", ref=order.order_no)
    order = made["order"]
    print(f"slip {order.order_no} ({order.business_code}, copy {order.prints}) -> {where}", file=sys.stdout)
    return 0
