"""``counter-app backup`` and ``counter-app restore``: the terminal's file, kept safe.

    counter-app backup --out FILE      # a verified copy, taken while the hall keeps working
    counter-app backup --due           # a periodic backup into the backups folder, if one is due
    counter-app backup --list          # the backups folder, newest first, with their age
    counter-app restore FILE           # only with every program on this file closed

See docs/operations.md."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db, output_path
from counter_app.config import TerminalConfig


def register(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help="back up the terminal's database (online, verified)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", default=None, metavar="FILE", type=output_path(documents=False),
                      help="write the backup to FILE")
    what.add_argument("--due", action="store_true",
                      help="a periodic backup into the backups folder if the newest is older than backup_every_h")
    what.add_argument("--list", action="store_true", help="list the backups folder")
    add_json_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="put a backup in place of the database (all programs closed)")
    p.add_argument("file", help="the backup file")
    add_json_option(p)
    p.set_defaults(func=cmd_restore)


def _age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def cmd_backup(args: argparse.Namespace) -> int:
    from counter_app import clock
    from counter_app.services import backups

    open_db(args)
    if args.list:
        config = TerminalConfig.load()
        path = backups.database_path()
        found = backups.backups_of(path, config)
        now = clock.now()
        lines = [f"backups of {path} in {backups.backup_folder(path, config)}:"]
        lines += [f"  {b.path.name}  {b.kind:<8} {b.bytes / 1e6:8.1f} MB  {_age(b.age(now).total_seconds())} ago"
                  for b in found] or ["  (none)"]
        emit(args, [b.as_dict() for b in found], "\n".join(lines))
        return 0
    if args.due:
        info = backups.run_due()
        if info is None:
            emit(args, None, "no backup due")
            return 0
    else:
        info = backups.take_backup(args.out)
    emit(args, info.as_dict(), f"backup {info.path}: {info.bytes:,} bytes, schema {info.schema}, checked, "
                               f"sha256 {info.sha256[:16]}…")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from counter_app.cli.common import announce_database
    from counter_app.db import is_postgres_url
    from counter_app.errors import UserError
    from counter_app.services.backups import NOT_SQLITE
    from counter_app.services.restore import restore

    target, source = TerminalConfig.load().database_source(getattr(args, "db", None))
    announce_database(args, target, source)
    if is_postgres_url(target):
        raise UserError(NOT_SQLITE)
    result = restore(args.file, target)
    text = [f"restored {result.restored} from {result.backup} (schema {result.schema})"]
    if result.replaced:
        text.append(f"the file it replaced is kept as {result.replaced}")
    text.append(f"this terminal continues as {result.terminal} (was {result.previous_terminal}); "
                "the next sync brings back from the hub what the backup lacks")
    emit(args, result.as_dict(), "\n".join(text))
    return 0
