"""What every command shares: opening the database named by --db, printing results."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from counter_app.config import TerminalConfig


def add_db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Accepted before and after the command; the sub-parser's default must not hide the top one.
    parser.add_argument("--db", default=None if top else argparse.SUPPRESS,
                        help="SQLite file or postgresql:// URL (default: COUNTER_APP_DB or the terminal config)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def open_db(args: argparse.Namespace, *, migrate: bool = True):
    from counter_app.db import open_database

    url = TerminalConfig.load().database_url(getattr(args, "db", None))
    return open_database(url, migrate=migrate)


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, default=str, sort_keys=True))
    else:
        print(text)


def fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
