"""Who a headless command acts as.

A command that serves customers or shows the hall's figures acts as a named staff member,
signed in like at a terminal (``auth.login``: the password checked, throttled and audited).
The password is read from, in this order: the file named by ``--password-file``, the
environment variable ``COUNTER_APP_PASSWORD``, or a prompt when the command runs at a
terminal. Scheduled work (the escalation check) may instead act as the limited ``system``
identity, which the audit names as such.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP

PASSWORD_ENV = "COUNTER_APP_PASSWORD"


def add_staff_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--staff", required=required, default="",
                        help="staff number the command acts as; its password is read from --password-file, "
                             f"else ${PASSWORD_ENV}, else asked for")
    parser.add_argument("--password-file", type=Path, default=None,
                        help="file whose first line is the staff member's password (keep it readable by you only)")


def read_password(args: argparse.Namespace) -> str:
    path = getattr(args, "password_file", None)
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "Cannot read the password file {path}: {reason}"),
                            path=str(path), reason=exc.strerror or type(exc).__name__) from None
        return lines[0] if lines else ""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if sys.stdin.isatty():
        return getpass.getpass(f"password of staff {args.staff}: ")
    raise UserError(QT_TRANSLATE_NOOP("Errors", "Give the password of staff {staff} with --password-file or the "
                                                "COUNTER_APP_PASSWORD environment variable."), staff=args.staff)


def staff_session(args: argparse.Namespace, *, counter: int | None = None, lang: str = "zh_CN", hall=None):
    """A session of the terminal (or of ``hall``) with ``--staff`` signed in; the database
    must be open. With ``counter`` the clerk sits down at that counter (``--move`` confirms
    leaving a customer's counter elsewhere); what that changed is told on stderr."""
    from counter_app.services import auth, seat
    from counter_app.services.session import open_session

    session = open_session(counter_number=counter, lang=lang)
    if hall is not None:
        session.hall = hall
    if counter is None:
        auth.login(session, args.staff, read_password(args))
        return session
    # At a counter: one clerk at one counter, as at a counter terminal (services/seat.py).
    _staff, moved = auth.sign_in_at_counter(session, args.staff, read_password(args),
                                            move=bool(getattr(args, "move", False)))
    told = seat.notice(moved, counter)
    if told is not None:
        print(told[0].format(**told[1]), file=sys.stderr)
    return session


def system_session(*, lang: str = "zh_CN"):
    """A session acting as the limited ``system`` identity (scheduled work)."""
    from counter_app.services.permissions import system_staff
    from counter_app.services.session import open_session

    session = open_session(lang=lang)
    session.staff = system_staff(session.hall_code)
    return session
