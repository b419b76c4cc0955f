"""``counter-app queue …``: the hall's queue from the command line (operators, scripts, tests).

    counter-app queue take CATEGORY [--vip|--green] [--phone P] [--member M] [--pdf FILE] [--printer [NAME]]
    counter-app queue next --counter N --staff NO [--password-file F] [--move]
    counter-app queue recall|noshow|finish|pause|resume --counter N --staff NO
    counter-app queue transfer --counter N --staff NO (--to-category C | --to-counter M)
    counter-app queue status

Taking a ticket and the status are what the kiosk and the wall display show: nobody signs in.
A counter's actions are the clerk's: ``--staff`` with the password (``cli/signin.py``), who
sits down at ``--counter`` as at a counter terminal (``services/seat.py``): refused while they
serve a customer at another counter, unless ``--move``.
Every command takes ``--db`` and ``--json``.
"""

from __future__ import annotations

import argparse
import sys

from counter_app.cli.common import add_json_option, add_output_options, emit, open_db, output_path
from counter_app.cli.signin import add_staff_options, staff_session


def register(sub, common) -> None:
    parser = sub.add_parser("queue", parents=[common], help="take, call and serve queue tickets")
    actions = parser.add_subparsers(dest="queue_action", metavar="ACTION", required=True)

    p = actions.add_parser("take", parents=[common], help="issue a ticket of a category")
    p.add_argument("category", help="category code: payment, general, new_data, plan, complaint, vip, green")
    flag = p.add_mutually_exclusive_group()
    flag.add_argument("--vip", action="store_true", help="VIP priority")
    flag.add_argument("--green", action="store_true", help="green-channel priority")
    p.add_argument("--phone", default="", help="the customer's mobile number, so the counter knows who is coming")
    p.add_argument("--member", default="", help="VIP club member number")
    p.add_argument("--key", default=None, help="idempotency key: the same key gives back the same ticket")
    p.add_argument("--pdf", type=output_path(), default=None, help="also write the printed ticket to this PDF file")
    add_output_options(p, paper="roll", out=False, required=False)
    add_json_option(p)
    p.set_defaults(func=cmd_take)

    for name, text in (("next", "finish the current ticket and call the next"),
                       ("recall", "call the current ticket again"),
                       ("noshow", "the customer did not come: requeue once, then drop"),
                       ("finish", "the service is done"),
                       ("transfer", "send the customer to another category or counter"),
                       ("pause", "stop calling at this counter"),
                       ("resume", "start calling again")):
        p = actions.add_parser(name, parents=[common], help=text)
        p.add_argument("--counter", type=int, required=True, help="counter number")
        add_staff_options(p)
        p.add_argument("--move", action="store_true",
                       help="the clerk is serving a customer at another counter: close that counter and call "
                            "the customer here (without it the command is refused)")
        if name == "transfer":
            target = p.add_mutually_exclusive_group(required=True)
            target.add_argument("--to-category", default=None, help="category code")
            target.add_argument("--to-counter", type=int, default=None, help="counter number")
        add_json_option(p)
        p.set_defaults(func=cmd_counter, action=name)

    p = actions.add_parser("status", parents=[common], help="waiting per category, each counter, latest calls")
    add_json_option(p)
    p.set_defaults(func=cmd_status)


def ticket_json(ticket) -> dict | None:
    if ticket is None:
        return None
    return {
        "id": str(ticket.id), "code": ticket.code, "number": ticket.number, "category": ticket.category,
        "status": ticket.status, "priority": ticket.priority > 0, "counter": ticket.counter_number,
        "target_counter": ticket.target_counter, "issued_at": ticket.issued_at.isoformat(),
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "ahead": ticket.ahead_at_issue, "est_wait_min": ticket.est_wait_min,
        "known_customer": ticket.customer_id is not None or bool(ticket.phone),
    }


def _session(args: argparse.Namespace, counter: int | None = None):
    """The kiosk's view (take, status) needs nobody signed in; a counter's actions need the
    clerk at it, signed in with a password."""
    from counter_app.services.session import open_session

    if getattr(args, "staff", ""):
        return staff_session(args, counter=counter)
    return open_session(counter_number=counter)


def cmd_take(args: argparse.Namespace) -> int:
    from counter_app.services import queue

    open_db(args)
    session = _session(args)

    def take():
        return queue.take_ticket(session, args.category, vip=args.vip, green=args.green, phone=args.phone,
                                 member_no=args.member, idempotency_key=args.key)

    if args.pdf is None:
        ticket = take()
    else:
        # A ticket nobody can hold is not issued: if its PDF cannot be written, the ticket
        # is rolled back with it and its number is given back (docs/queue.md).
        from counter_app.documents.ticket import render_ticket
        from counter_app.output import output_file

        with output_file(args.pdf) as out:
            ticket = take()
            out.write(render_ticket(queue.ticket_data(ticket)))
    printed = print_ticket(args, queue.ticket_data(ticket))
    emit(args, {"ticket": ticket_json(ticket), **printed},
         f"{ticket.code}  ({ticket.category}) — {ticket.ahead_at_issue} ahead, "
         + (f"about {ticket.est_wait_min} min" if ticket.est_wait_min >= 0 else "no counter serves it now"))
    if printed.get("printed") is False:
        print(f"warning: the ticket was not printed ({printed['problem']}); kept as {printed['kept']}",
              file=sys.stderr)
        return 1
    return 0


def print_ticket(args: argparse.Namespace, data) -> dict:
    """``--printer``: the ticket on a printer queue or an ESC/POS printer, as the kiosk prints it."""
    if args.printer is None:
        return {}
    from counter_app.printers import is_escpos
    from counter_app.printers.tickets import ticket_printer

    if not is_escpos(args.printer):
        from counter_app.printers.queues import ensure_application

        ensure_application()
    outcome = ticket_printer(args.printer).print_ticket(data)
    return {"printed": outcome.printed, "printer": outcome.printer, "problem": outcome.problem,
            "kept": str(outcome.kept) if outcome.kept else None}


def cmd_counter(args: argparse.Namespace) -> int:
    from counter_app.services import queue

    open_db(args)
    session = _session(args, args.counter)
    action = args.action
    if action == "next":
        ticket = queue.call_next(session, args.counter)
        text = f"counter {args.counter}: {ticket.code}" if ticket else f"counter {args.counter}: nobody is waiting"
    elif action in ("pause", "resume"):
        getattr(queue, action)(session, args.counter)
        emit(args, {"counter": args.counter, "status": queue.counter_status(session.hall_code, args.counter)},
             f"counter {args.counter}: {queue.counter_status(session.hall_code, args.counter)}")
        return 0
    elif action == "transfer":
        ticket = queue.transfer(session, args.counter, to_category=args.to_category, to_counter=args.to_counter)
        where = f"category {args.to_category}" if args.to_category else f"counter {args.to_counter}"
        text = f"{ticket.code} transferred to {where}"
    else:
        ticket = {"recall": queue.recall, "noshow": queue.no_show, "finish": queue.finish}[action](session, args.counter)
        text = f"{ticket.code}: {ticket.status}" + (f" (recall {ticket.recalls})" if action == "recall" else "")
    emit(args, {"ticket": ticket_json(ticket)}, text)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from counter_app.services import queue

    open_db(args)
    session = _session(args)
    status = queue.hall_status(session.hall_code)
    lines = [f"queue of {session.hall.name} on {status.business_date}"]
    lines += [f"  {code:<10} {count:>4} waiting" for code, count in status.waiting.items()]
    for c in status.counters:
        lines.append(f"  counter {c.number}: {c.status:<7} {c.current_code or '-'}")
    emit(args, status.as_json(), "\n".join(lines))
    return 0
