"""Entry point of ``counter-app``, ``python -m counter_app`` and ``python main.py``.

With no command the GUI starts (the terminal's configured mode). Command modules are found
in this package: any module with a ``register(subparsers, common)`` function.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from counter_app import __version__
from counter_app.cli.common import add_db_option
from counter_app.config import MODES
from counter_app.errors import UserError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_db_option(common)
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Front-counter system of a mobile operator's business hall. Without a command, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"counter_app {__version__}")
    add_db_option(parser, top=True)
    add_gui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the GUI (the default)")
    add_gui_options(gui, suppress=True)
    gui.set_defaults(func=cmd_gui)
    import counter_app.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in ("main", "common"):
            continue
        module = importlib.import_module(f"counter_app.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub, common)
    parser.set_defaults(func=cmd_gui)
    return parser


def add_gui_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--demo", action="store_true", default=default if suppress else False,
                        help="build the demo hall first if the database is empty")
    parser.add_argument("--mode", choices=MODES, default=default,
                        help="terminal mode for this start (default: the terminal config's, else counter)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=default,
                        help="user interface language for this start (default: the terminal config's, "
                             "else the system locale)")
    parser.add_argument("--counter", type=int, default=default,
                        help="this terminal's counter number for this start (default: the terminal config's, else 1; "
                             "with --demo, the demo clerk's counter 2)")
    parser.add_argument("--save", action="store_true", default=default if suppress else False,
                        help="remember the --mode, --lang and --counter given in the terminal config")
    parser.add_argument("--training", action="store_true", default=default if suppress else False,
                        help="open the counter in training mode, on the training copy of the database")


def cmd_gui(args: argparse.Namespace) -> int:
    from counter_app.app import run_gui

    return run_gui(args)


DAY_WORDS = {"today": 0, "yesterday": -1}
MONTH_WORDS = {"this": 0, "last": -1}


def relative_dates(args: argparse.Namespace) -> None:
    """``--date today|yesterday`` and ``--month``/``--year this|last`` of any command, as the dates they
    name (the README's examples work on any day's demo hall); anything else is left to the
    command, which reads YYYY-MM-DD and YYYY-MM strictly."""
    import datetime as dt

    from counter_app import clock

    today = clock.today()
    day = getattr(args, "date", None)
    if isinstance(day, str) and day.strip().lower() in DAY_WORDS:
        args.date = (today + dt.timedelta(days=DAY_WORDS[day.strip().lower()])).isoformat()
    month = getattr(args, "month", None)
    if isinstance(month, str) and month.strip().lower() in MONTH_WORDS:
        index = today.year * 12 + today.month - 1 + MONTH_WORDS[month.strip().lower()]
        args.month = f"{index // 12:04d}-{index % 12 + 1:02d}"
    year = getattr(args, "year", None)
    if isinstance(year, str) and year.strip().lower() in MONTH_WORDS:
        args.year = str(today.year + MONTH_WORDS[year.strip().lower()])


def main(argv: Sequence[str] | None = None, default_command: str = "gui") -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None and default_command != "gui":
        parser.print_help()
        return 2
    if args.command not in (None, "gui"):
        from counter_app.logging_setup import setup_logging

        setup_logging(stderr=False)
    from counter_app.cli.language import message
    from counter_app.storage_errors import StorageError, explain

    relative_dates(args)
    try:
        if args.command not in (None, "gui") and isinstance(getattr(args, "url", None), str):
            from counter_app.cli.common import announce_database

            announce_database(args, args.url, "--url")  # hub commands name their database by --url
        return int(args.func(args) or 0)
    except StorageError as exc:  # the disk or the database file: nothing was saved
        log.warning("command failed: %s", exc.text())
        print(f"error: {message(exc)}", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"error: {message(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one clear line for the operator; the details go to the log
        from counter_app.logging_setup import redact

        log.exception("command failed")
        explained = explain(exc)
        if explained is not None:
            print(f"error: {message(explained)}", file=sys.stderr)
            return 1
        print(f"error: {redact(str(exc)) or type(exc).__name__}", file=sys.stderr)
        return 1
