"""What every command shares: opening the database named by --db, printing results."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from counter_app.config import TerminalConfig
from counter_app.i18n import QT_TRANSLATE_NOOP

# The command line's own sentences (cli/language.py translates them).
_CLI_TEXTS = (QT_TRANSLATE_NOOP("Cli", "the terminal config"), QT_TRANSLATE_NOOP("Cli", "the default"),
              QT_TRANSLATE_NOOP("Cli", "database: {path} (from {source})"))


def add_db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Accepted before and after the command; the sub-parser's default must not hide the top one.
    parser.add_argument("--db", default=None if top else argparse.SUPPRESS,
                        help="SQLite file or postgresql:// URL (default: COUNTER_APP_DB or the terminal config)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def open_db(args: argparse.Namespace, *, migrate: bool = True, create: bool = False, read_only: bool = False):
    """Open the database named by --db (or the config). Only ``init`` and ``demo`` pass
    ``create``: any other command refuses a missing or empty path (startup_check.py).

    The command says which database it used before anything else (:func:`announce_database`)."""
    from counter_app.db import is_postgres_url, open_database, sqlite_path

    url, source = TerminalConfig.load().database_source(getattr(args, "db", None))
    announce_database(args, url, source)
    if not is_postgres_url(url):
        from counter_app.output import check_folder

        for name in ("out", "pdf"):  # the file a command writes is never the database or one beside it
            if getattr(args, name, None):
                check_folder(getattr(args, name), database=sqlite_path(url), documents=False)
    database = open_database(url, migrate=migrate, create=create, read_only=read_only)
    from counter_app.services.training import activate_if_copy

    activate_if_copy()  # a training copy's printouts are marked whoever prints them
    return database


def shown_database(url: str) -> str:
    """A database as a command names it: a file's absolute path, a URL without its password."""
    from counter_app.db import is_postgres_url
    from counter_app.logging_setup import redact

    return redact(url) if is_postgres_url(url) else os.path.abspath(url)


def announce_database(args: argparse.Namespace, url: str, source: str) -> None:
    """The first line a command prints: which database, and why that one (``--db``, the
    environment, the terminal config or the default). With ``--json`` it is the result's
    ``database`` field instead (``emit`` adds it; a result that is a list keeps its shape and
    the database is named on stderr)."""
    shown = shown_database(url)
    args._database = shown
    if getattr(args, "json", False):
        return
    from counter_app.cli.language import translate

    where = {"--db": "--db", "COUNTER_APP_DB": "COUNTER_APP_DB",
             "terminal.json": translate("Cli", "the terminal config"),
             "default": translate("Cli", "the default")}.get(source, source)
    print(translate("Cli", "database: {path} (from {source})").format(path=shown, source=where), flush=True)


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        database = getattr(args, "_database", None)
        if database is not None and isinstance(data, dict):
            data = {"database": database, **data}
        elif database is not None:  # a list or nothing has no field for it: named on stderr
            print(f"database: {database}", file=sys.stderr)
        print(json.dumps(data, ensure_ascii=False, default=str, sort_keys=True))
    else:
        print(text)


def fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


class _PrinterAction(argparse.Action):
    """``--printer [NAME]``, checked while the command line is read, before any work is done:
    NAME must be a printer queue of this computer (or an ESC/POS address, for tickets); without
    NAME, the printer the terminal config names for the document's paper."""

    def __init__(self, *args, paper: str = "a4", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.paper = paper

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from counter_app.errors import UserError

        try:
            setattr(namespace, self.dest, resolve_printer(values or "", self.paper))
        except UserError as exc:
            parser.error(f"argument --printer: {exc.text()}")


def resolve_printer(name: str, paper: str = "a4") -> str:
    """The printer a command prints on: ``name``, else the terminal config's printer for the
    paper ("a4" or "roll"), else the system default queue. Raises a UserError for a queue
    that does not exist, a malformed ESC/POS address, or an ESC/POS printer for A4."""
    from counter_app.errors import ValidationError
    from counter_app.printers import ESCPOS_TICKETS_ONLY, configured_printer, is_escpos

    name = name.strip() or configured_printer(TerminalConfig.load(), paper)
    if is_escpos(name):
        from counter_app.printers.escpos_device import parse_address

        parse_address(name)
        if paper != "roll":
            raise ValidationError(ESCPOS_TICKETS_ONLY, field="printer")
        return name
    from counter_app.printers import queues

    queues.ensure_application()
    return queues.find_queue(name).printerName()


def output_path(*, documents: bool = True) -> Callable[[str], str]:
    """An ``--out`` option's type: the file is checked while the command line is read, so a
    mistyped folder, a folder given as the file, or a database file (``documents``) is
    refused before the command signs in or does anything (``output.check_folder``; the
    terminal's own database and the files beside it are refused again when written)."""
    def check(value: str) -> str:
        from counter_app.cli.language import message
        from counter_app.errors import UserError
        from counter_app.output import check_folder

        try:
            check_folder(value, documents=documents)
        except UserError as exc:
            raise argparse.ArgumentTypeError(message(exc)) from None
        return value

    check.__name__ = "file"  # argparse names the type in its messages
    return check


def add_output_options(parser: argparse.ArgumentParser, *, paper: str = "a4", out: bool = True,
                       required: bool = True) -> None:
    """``--out FILE`` or ``--printer [NAME]`` for a command that makes a document; ``paper``
    ("a4" or "roll") picks the configured printer when NAME is left out. With ``out=False``
    only ``--printer`` is added (and is optional unless ``required``)."""
    group = parser.add_mutually_exclusive_group(required=required)
    if out:
        group.add_argument("--out", default=None, type=output_path(), help="PDF file to write")
    group.add_argument("--printer", nargs="?", const="", default=None, metavar="NAME",
                       action=_PrinterAction, paper=paper,
                       help="print on this printer queue (without NAME: the terminal's configured "
                            f"{'receipt' if paper == 'roll' else 'A4'} printer, else the system default)")


def deliver(args: argparse.Namespace, session, pdf: bytes | Callable[[], bytes], *, kind: str, ref: str) -> str:
    """Write ``--out`` or print on ``--printer``, and log it as a print of ``kind``/``ref``
    (the first is a print, later ones reprints); returns where it went, for the summary line.

    The file and its print event are written together or not at all (counter_app/output.py).
    ``pdf`` may be a function that makes the document when making it is itself audited (a
    records export, a slip's reprint count): it is then called inside the transaction of the
    print event, so those events stand only if the file was written or the pages printed."""
    from counter_app.models import db
    from counter_app.services.print_log import record_print

    if getattr(args, "out", None):
        from counter_app.output import output_file

        with output_file(args.out) as out:
            out.write(pdf() if callable(pdf) else pdf)
            record_print(session, kind=kind, ref=ref, output=f"file:{args.out}")
        return str(args.out)
    from counter_app.printers import is_escpos

    with db.atomic() if callable(pdf) else contextlib.nullcontext():
        data = pdf() if callable(pdf) else pdf
        if is_escpos(args.printer):  # a roll document on a thermal printer without a driver
            from counter_app.printers import raster

            name, pages = raster.print_pdf(data, args.printer)
        else:
            from counter_app.printers import queues

            name, pages = queues.print_pdf(data, args.printer, title=f"{kind} {ref}")
        record_print(session, kind=kind, ref=ref, output=f"printer:{name}", pages=pages)
    return f"printer {name} ({pages} page{'s' if pages != 1 else ''})"
