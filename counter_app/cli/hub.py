"""``counter-app hub``: set up the central PostgreSQL hub and its per-hall logins."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from counter_app.cli.common import add_json_option, emit, fail


def register(sub, common) -> None:
    parser = sub.add_parser("hub", help="set up the central hub (PostgreSQL)")
    actions = parser.add_subparsers(dest="hub_action", metavar="ACTION", required=True)

    p = actions.add_parser("init", help="create the hub schema, change log and row-level security (idempotent)")
    p.add_argument("--url", required=True, help="postgresql:// URL of the hub, as its administrator")
    add_json_option(p)
    p.set_defaults(func=cmd_init)

    p = actions.add_parser("prune", help="drop change-log tombstones (and op-ledger entries) older than some days; "
                                         "terminals that had not pulled them reload their reference data in full")
    p.add_argument("--url", required=True, help="postgresql:// URL of the hub, as its administrator")
    p.add_argument("--keep-days", type=int, default=90,
                   help="keep tombstones this many days (default 90, at least 1): a terminal that syncs "
                        "within that time never needs a full reload")
    add_json_option(p)
    p.set_defaults(func=cmd_prune)

    p = actions.add_parser("lines-over-limit", help="documents holding more lines than the limit across the "
                                                    "province (一证五号), counting new lines pushed by halls")
    p.add_argument("--url", required=True, help="postgresql:// URL of the hub, as its administrator")
    p.add_argument("--limit", type=int, default=5, help="lines allowed per document (default 5)")
    add_json_option(p)
    p.set_defaults(func=cmd_lines_over_limit)

    p = actions.add_parser("add-hall", help="create a hall's login role (reads and writes its own rows only)")
    p.add_argument("--url", required=True, help="postgresql:// URL of the hub, as its administrator")
    p.add_argument("--hall", required=True, help="hall code, e.g. JN001")
    p.add_argument("--name", default="", help="hall name (creates the hall when the hub lacks it)")
    p.add_argument("--city", default="", help="hall city (with --name)")
    p.add_argument("--role", default="", help="login role name (default hall_<code>)")
    p.add_argument("--password-file", required=True, type=Path,
                   help="file with the role's password; made with a new random password if missing")
    add_json_option(p)
    p.set_defaults(func=cmd_add_hall)

    p = actions.add_parser("end-key", help="end a hall's document-signing key (a lost or stolen PC): codes it "
                                           "signs dated after the day are refused as expired after each sync")
    p.add_argument("--url", required=True, help="postgresql:// URL of the hub, as its administrator")
    p.add_argument("--hall", required=True, help="hall code, e.g. JN001")
    p.add_argument("--key", required=True, help="the key id (counter-app keys lists them)")
    p.add_argument("--on", default="", help="last day the key was valid, YYYY-MM-DD (default: yesterday)")
    add_json_option(p)
    p.set_defaults(func=cmd_end_key)

    from counter_app.cli.billrun import add_bill_run

    add_bill_run(actions)


def cmd_init(args: argparse.Namespace) -> int:
    from counter_app.sync.hub import describe_hub, install_hub

    counts = install_hub(args.url)
    emit(args, counts, f"hub {describe_hub(args.url)} ready: {counts['reference_tables']} reference tables "
                       f"pulled, {counts['pushed_tables']} tables pushed, {counts['halls']} hall logins"
                       + (f"; {counts['orders_decided_late']} orders that came before the order trigger decided"
                          if counts.get("orders_decided_late") else ""))
    return 0


def cmd_end_key(args: argparse.Namespace) -> int:
    import datetime as dt

    from counter_app import clock
    from counter_app.services.settlement import parse_business_date
    from counter_app.sync.hub_halls import end_signing_key

    last = parse_business_date(args.on) if args.on else clock.today() - dt.timedelta(days=1)
    until = end_signing_key(args.url, args.hall, args.key, last)
    emit(args, {"hall": args.hall, "key": args.key, "valid_until": until.isoformat()},
         f"signing key {args.key} of hall {args.hall} valid until {until}")
    return 0


def cmd_lines_over_limit(args: argparse.Namespace) -> int:
    from counter_app.services.validation import mask_id_number
    from counter_app.sync.hub import connect, hub_errors
    from counter_app.sync.lookup import lines_over_limit

    with connect(args.url) as conn, hub_errors(args.url):
        rows = lines_over_limit(conn, args.limit)
    data = [{"id_type": t, "id_number": n, "lines": c} for t, n, c in rows]
    text = "\n".join(f"{t}\t{mask_id_number(n)}\t{c}" for t, n, c in rows) or f"no document holds more than {args.limit} lines"
    emit(args, data, text)
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from counter_app.sync.hub import describe_hub
    from counter_app.sync.hub_prune import prune_tombstones

    result = prune_tombstones(args.url, args.keep_days)
    emit(args, result, f"hub {describe_hub(args.url)}: {result['pruned']} tombstones older than "
                       f"{args.keep_days} days pruned; horizon {result['horizon'] or 'none'}; "
                       f"{result['ledger_pruned']} op-ledger entries older than {result['ledger_keep_days']} days")
    return 0


def cmd_add_hall(args: argparse.Namespace) -> int:
    from counter_app.logging_setup import redact
    from counter_app.sync.hub_halls import add_hall, hall_url, new_password

    path: Path = args.password_file
    if path.exists():
        password = path.read_text(encoding="utf-8").strip()
        if not password:
            return fail(f"{path} is empty")
    else:
        password = new_password()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
    role = add_hall(args.url, args.hall, password, name=args.name, city=args.city, role=args.role)
    terminal_url = redact(hall_url(args.url, role, password))
    emit(args, {"hall": args.hall, "role": role, "url": terminal_url, "password_file": str(path)},
         f"hall {args.hall}: login role {role}; terminals use {terminal_url} "
         f"with the password from {path}")
    return 0
