"""``counter-app verify 'QR TEXT'``: is a printed document's verification code genuine?

Checks the code's signature against the public keys of the halls this terminal knows (every
hall of the hub after a sync) and says what the document is, which hall issued it, and
whether the signature holds. Exit status: 0 valid; 1 forged, altered, unsigned or not one of
ours; 3 signed with a key this terminal does not know; 4 dated outside its key's validity.

``counter-app keys`` lists those keys; ``keys --rotate`` gives this terminal a new signing
key (a manager's act, signed in with ``--staff``) and ends the validity of its old one today.
"""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session

EXIT = {"valid": 0, "forged": 1, "unsigned": 1, "not_ours": 1, "training": 1, "unknown_key": 3, "expired": 4}


def register(sub, common) -> None:
    p = sub.add_parser("verify", parents=[common], help="check a printed document's verification QR "
                                                        "(exit 0 valid, 1 forged, 3 unknown key, 4 expired key)")
    p.add_argument("code", help="the QR's text, as a scanner types it (quote it: it holds '|')")
    add_json_option(p)
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("keys", parents=[common], help="the halls' document-signing keys this terminal knows")
    p.add_argument("--rotate", action="store_true",
                   help="give this terminal a new signing key; the old one signs nothing after today (needs --staff)")
    add_staff_options(p, required=False)
    add_json_option(p)
    p.set_defaults(func=cmd_keys)


def cmd_verify(args: argparse.Namespace) -> int:
    from counter_app.cli.language import translate
    from counter_app.services import signing

    open_db(args)
    check = signing.verify(args.code)
    emit(args, {"status": check.status.value, "kind": check.kind, "reference": signing.reference(check),
                "hall": check.hall, "issued": check.issued.isoformat() if check.issued else None,
                "key": check.key_id}, signing.verdict(check, translate))
    return EXIT[check.status.value]


def cmd_keys(args: argparse.Namespace) -> int:
    from counter_app.services import signing
    from counter_app.services.session import terminal_id

    open_db(args)
    if args.rotate:
        if not args.staff:
            from counter_app.errors import UserError
            from counter_app.i18n import QT_TRANSLATE_NOOP

            raise UserError(QT_TRANSLATE_NOOP("Errors", "Rotating the signing key is a manager's act: give --staff."))
        row = signing.rotate(staff_session(args))
        print(f"new signing key {row.key_id} of hall {row.hall}, valid from {row.valid_from}")
        return 0
    here = terminal_id()
    rows = signing.keys()
    lines = [f"{r.hall}  {r.key_id}  {r.valid_from} .. {r.valid_until or ''}  {r.terminal}"
             + ("  (this terminal)" if r.terminal == here else "") for r in rows]
    emit(args, [{"hall": r.hall, "key": r.key_id, "valid_from": str(r.valid_from),
                 "valid_until": str(r.valid_until) if r.valid_until else None, "terminal": r.terminal,
                 "public_key": r.public_key} for r in rows], "\n".join(lines) or "no keys")
    return 0
