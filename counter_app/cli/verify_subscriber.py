"""What a headless command needs before it may show a subscriber's private data, after its
staff member signed in (``cli.signin``): the subscriber verified as at the counter.

Passwords never go on the command line (other users of the PC could read it in the process
list): the subscriber's service password comes from ``--service-password-file``, else
``COUNTER_APP_SERVICE_PASSWORD``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.services.id_documents import DOC_TYPES, RESIDENT

SERVICE_PASSWORD_ENV = "COUNTER_APP_SERVICE_PASSWORD"


def add_verification_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "subscriber verification", "one of: the owner's ID document (--id-number), the service password "
        f"(--service-password-file or ${SERVICE_PASSWORD_ENV}), or an agent (--id-number of the owner plus --agent-*)")
    types = ", ".join(DOC_TYPES)
    group.add_argument("--id-number", help="the subscriber's ID document number, as shown by the customer")
    group.add_argument("--id-type", default=RESIDENT, choices=sorted(DOC_TYPES), metavar="TYPE",
                       help=f"its type ({types}; default {RESIDENT})")
    group.add_argument("--service-password-file", metavar="FILE", help="file holding the line's service password")
    group.add_argument("--agent-name", help="an agent acting for the subscriber (代办): the agent's name")
    group.add_argument("--agent-id-number", help="the agent's own ID document number")
    group.add_argument("--agent-id-type", default=RESIDENT, choices=sorted(DOC_TYPES), metavar="TYPE",
                       help="the agent's document type")
    group.add_argument("--authorisation", help="the subscriber's written authorisation (its number or what it says)")


def _read_secret(path: str | None, env: str, prompt: str | None) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    if os.environ.get(env):
        return os.environ[env]
    if prompt and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return ""


def verify(args: argparse.Namespace, session, account_id) -> None:
    """Verify the subscriber of ``account_id`` by the method the options name."""
    from counter_app.services import verification

    if args.agent_name or args.agent_id_number:
        verification.by_agent(session, account_id, owner_id_number=args.id_number or "", owner_id_type=args.id_type,
                              agent_name=args.agent_name or "", agent_id_number=args.agent_id_number or "",
                              agent_id_type=args.agent_id_type, authorisation=args.authorisation or "")
        return
    if args.id_number:
        verification.by_id_document(session, account_id, id_number=args.id_number, id_type=args.id_type)
        return
    password = _read_secret(args.service_password_file, SERVICE_PASSWORD_ENV, None)
    if password:
        verification.by_service_password(session, account_id, password=password)
        return
    raise UserError(QT_TRANSLATE_NOOP("Errors", "Verify the subscriber first: their ID document, the service "
                                                "password, or an agent with the owner's written authorisation."))
