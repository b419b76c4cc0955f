"""``counter-app training prepare|reset``: the terminal's training copy (培训模式).

``prepare`` makes the copy beside the hall database if there is none and says where it is;
``reset`` makes it afresh from the hall database (the drill results not yet brought into the
hall database are kept). The hall database is only read. ``main.py --training`` opens the
counter on the copy."""

from __future__ import annotations

import argparse

from counter_app.cli.signin import add_staff_options, staff_session
from counter_app.config import TerminalConfig


def register(sub, common) -> None:
    parser = sub.add_parser("training", parents=[common], help="the terminal's training copy (培训模式)")
    actions = parser.add_subparsers(dest="training_action", metavar="ACTION", required=True)
    p = actions.add_parser("prepare", parents=[common], help="make the training copy if there is none")
    p.set_defaults(func=cmd_prepare)
    p = actions.add_parser("reset", parents=[common], help="make the training copy afresh from the hall database")
    add_staff_options(p)
    p.set_defaults(func=cmd_reset)


def _live(args: argparse.Namespace) -> str:
    return TerminalConfig.load().database_url(getattr(args, "db", None))


def cmd_prepare(args: argparse.Namespace) -> int:
    from counter_app.services.training import prepare_copy

    print(prepare_copy(_live(args)))
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from counter_app import training
    from counter_app.db import open_database
    from counter_app.services.training import prepare_copy, require_copy, reset_copy

    live = _live(args)
    copy = prepare_copy(live)
    training.activate()
    open_database(str(copy), create=False)
    require_copy(str(copy))
    session = staff_session(args)
    info = reset_copy(session, live)
    print(f"{copy}: made afresh from {info.get('from', live)} at {info.get('made_at', '')}")
    return 0
