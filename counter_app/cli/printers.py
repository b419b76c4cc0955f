"""``counter-app printers [--check NAME] [--test-ticket NAME]``: the printers this terminal
can use, for setting up a hall PC.

Without options: the printer queues of the computer (the system default marked) and the
printers the terminal config names, each with its state. ``--check NAME`` reads one printer's
state (an ESC/POS printer's paper and cover sensors); ``--test-ticket NAME`` prints a sample
queue ticket on it, as the kiosk would. Exit status 1 when a printer checked cannot print.
"""

from __future__ import annotations

import argparse
import datetime as dt

from counter_app.cli.common import add_json_option, emit
from counter_app.config import TerminalConfig

PROBLEM_WORDS = {"paper_out": "out of paper", "cover_open": "cover open", "offline": "offline",
                 "no_printer": "no such printer", "failed": "failed"}


def register(sub, common) -> None:
    p = sub.add_parser("printers", parents=[common], help="list and check the printers (hall PC setup)")
    p.add_argument("--check", metavar="NAME", default=None, help="the state of one printer queue or escpos: address")
    p.add_argument("--test-ticket", metavar="NAME", default=None,
                   help="print a sample queue ticket on this printer (\"\" for the configured one)")
    add_json_option(p)
    p.set_defaults(func=cmd_printers)


def printer_state(name: str) -> str:
    """"ready", or why the printer cannot print now (see PROBLEM_WORDS)."""
    from counter_app.printers import is_escpos

    if is_escpos(name):
        from counter_app.printers.escpos_device import open_printer, parse_address, status_problem

        address = parse_address(name)
        try:
            device = open_printer(address)
        except Exception:
            return "offline"
        try:
            return (status_problem(device) or "ready") if address.readable else "ready"
        finally:
            device.close()
    from PySide6.QtPrintSupport import QPrinter

    from counter_app.errors import NotFound
    from counter_app.printers import queues

    queues.ensure_application()
    try:
        info = queues.find_queue(name)
    except NotFound:
        return "no_printer"
    return "failed" if info.state() == QPrinter.PrinterState.Error else "ready"


def sample_ticket():
    from counter_app.services.queue_ticket import TicketData

    return TicketData("00000000-0000-7000-8000-000000000000", "打印测试 Printer test", "T001", "测试", "Test",
                      dt.datetime.now().replace(second=0, microsecond=0), 0, 0,
                      qr_payload="PRINTER TEST")  # a code for the test, signed by no hall


def cmd_printers(args: argparse.Namespace) -> int:
    from counter_app.printers import configured_printer

    config = TerminalConfig.load()
    if args.test_ticket is not None:
        from counter_app.printers import is_escpos
        from counter_app.printers.tickets import ticket_printer

        name = args.test_ticket or configured_printer(config, "ticket")
        if not is_escpos(name):
            from counter_app.printers.queues import ensure_application

            ensure_application()
        outcome = ticket_printer(name).print_ticket(sample_ticket())
        word = "printed" if outcome.printed else PROBLEM_WORDS.get(outcome.problem, outcome.problem)
        emit(args, {"printer": outcome.printer or name, "printed": outcome.printed, "problem": outcome.problem},
             f"test ticket on {outcome.printer or name or 'the default printer'}: {word}")
        return 0 if outcome.printed else 1
    if args.check is not None:
        state = printer_state(args.check)
        emit(args, {"printer": args.check, "state": state},
             f"{args.check}: {PROBLEM_WORDS.get(state, state)}")
        return 0 if state == "ready" else 1

    from counter_app.printers import queues

    queues.ensure_application()
    names = queues.queue_names()
    default = queues.default_queue()
    configured = {"printer": configured_printer(config, "a4"), "receipt_printer": configured_printer(config, "roll")}
    states = {key: printer_state(value) if value else "" for key, value in configured.items()}
    lines = ["printer queues on this computer:"] + [
        f"  {n}{'  (system default)' if n == default else ''}" for n in names] + (["  (none)"] if not names else [])
    for key, value in configured.items():
        shown = value or f"the system default ({default or 'none'})"
        state = f" — {PROBLEM_WORDS.get(states[key], states[key])}" if value else ""
        lines.append(f"{key}: {shown}{state}")
    emit(args, {"queues": names, "default": default, "configured": configured, "states": states}, "\n".join(lines))
    return 0
