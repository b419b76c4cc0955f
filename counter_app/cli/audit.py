"""``counter-app audit verify [--hub URL]``: is the audit trail whole?

Walks every terminal's hash chain in this database (and, with a hub, the hub's copy of
them, event by event). Exit status 0 when whole, 1 naming the first broken link of each
chain (docs/safety.md)."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.config import TerminalConfig


def register(sub, common) -> None:
    parser = sub.add_parser("audit", parents=[common], help="check the audit trail's hash chain")
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    p = actions.add_parser("verify", parents=[common], help="walk the chain; exit 1 at the first broken link")
    p.add_argument("--hub", nargs="?", const="", default=None, metavar="URL",
                   help="also compare with the hub's copy (URL default: COUNTER_APP_HUB or the terminal config)")
    add_json_option(p)
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from counter_app.db import end_read_only

    database = open_db(args, read_only=True)  # an inspection never changes what it inspects
    try:
        return _verify(args)
    finally:
        end_read_only(database)


def _verify(args: argparse.Namespace) -> int:
    from counter_app.cli.language import translate
    from counter_app.services import audit_chain

    if args.hub is None:
        report = audit_chain.verify_local()
    else:
        from counter_app.sync.audit_hub import verify_with_hub
        from counter_app.sync.hub import HubError

        url = TerminalConfig.load().hub_url(args.hub or None)
        if not url:
            raise HubError(audit_chain.NO_HUB)
        report = verify_with_hub(url)
    lines = []
    for terminal, chain in sorted(report.chains.items()):
        hub = report.on_hub.get(terminal)
        state = "ok" if chain.first_break is None else "BROKEN"
        lines.append(f"terminal {terminal}: {chain.events:,} events, no. 1 to {chain.last_seq:,}"
                     + (f", hub holds up to no. {hub:,}" if report.hub_checked else "") + f": {state}")
    if report.unchained:
        lines.append(f"{report.unchained:,} events from before the chain began (not chained)")
    for b in report.breaks:
        lines.append("  " + b.text(translate))
    lines.append("audit trail whole" if report.ok else "audit trail BROKEN")
    emit(args, report.as_dict(), "\n".join(lines))
    return 0 if report.ok else 1
