"""``counter-app sync``: sync this terminal with the hub once or on a schedule (headless)."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.config import TerminalConfig


def register(sub, common) -> None:
    p = sub.add_parser("sync", parents=[common], help="push the outbox to the hub and pull reference data")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--once", action="store_true", help="one run, then exit")
    when.add_argument("--every", type=float, metavar="S", help="a run every S seconds until stopped")
    when.add_argument("--status", action="store_true", help="print the sync state and exit")
    when.add_argument("--check", action="store_true",
                      help="compare reference checksums, payment totals and the audit chain with the hub")
    p.add_argument("--hub", default=None, help="postgresql:// URL (default: COUNTER_APP_HUB or the terminal config)")
    p.add_argument("--save", action="store_true",
                   help="keep --hub (and --db) in the terminal config for later commands and the GUI, "
                        "once this run has reached the hub")
    p.add_argument("--full", action="store_true", help="reload all reference data from the hub")
    add_json_option(p)
    p.set_defaults(func=cmd_sync)


def _progress(args):
    last = [0.0]

    def report(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if not args.json and (now - last[0] > 2 or done == total) and total > 1:
            last[0] = now
            print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr)

    return report


def cmd_sync(args: argparse.Namespace) -> int:
    from counter_app.sync.hub import require_hub
    from counter_app.sync.runner import run_every, sync_once, sync_state

    open_db(args)
    hub = TerminalConfig.load().hub_url(args.hub)
    if args.save and not args.hub:
        print("error: --save keeps the hub given with --hub URL", file=sys.stderr)
        return 2
    if not args.status:
        require_hub(hub)
    if args.status:
        return _status(args, sync_state())
    if args.check:
        return _check(args, hub)
    if args.once:
        report = sync_once(hub, full=args.full, progress=_progress(args))
        if args.save:
            _save(args, hub)
        emit(args, report.as_dict(), report.summary())
        for op_id, reason in report.pushed.rejected_ops[:20]:
            print(f"  rejected {op_id}: {reason}", file=sys.stderr)
        return 0

    if args.save:  # reached the hub or not, the schedule keeps trying: keep what was asked for
        _save(args, hub)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))

    def on_report(report, error: str) -> None:
        if report is None:
            print(f"error: {error}", file=sys.stderr, flush=True)
        else:
            emit(args, report.as_dict(), report.summary())
            sys.stdout.flush()

    try:
        run_every(hub, max(args.every, 1.0), on_report=on_report, should_stop=lambda: stop["now"])
    except KeyboardInterrupt:
        pass
    return 0


def _status(args: argparse.Namespace, state: dict) -> int:
    """``--status``: the last sync's record, without asking the hub."""
    from counter_app.sync.hub_waiting import WAITING_DAYS

    state.pop("error")
    state["line_conflicts"] = [c.as_dict() for c in state["line_conflicts"]]
    refused_lines = (f"; {len(state['line_conflicts']):,} line changes the hub did not make (sync --check "
                     f"lists them)" if state["line_conflicts"] else "")
    state["held"] = [h.as_dict() for h in state["held"]]
    if state["held"]:
        from counter_app.money import format_yuan

        refused_lines += (f"; {len(state['held']):,} payments held by the hub, "
                          f"{format_yuan(sum(h['amount_fen'] for h in state['held']))} yuan (held --staff "
                          f"MANAGER lists them)")
    state["waiting"] = [w.as_dict() for w in state["waiting"]]
    if state["waiting"]:
        refused_lines += (f"; {len(state['waiting']):,} orders or payments waiting on the hub over "
                          f"{WAITING_DAYS} days for a line it does not know (held --staff MANAGER lists them)")
    emit(args, state, f"last success: {state['last_success'] or 'never'}; pending {state['pending']:,}; "
                      f"rejected {state['rejected']:,}{refused_lines}; last error: {state['last_error'] or '—'}")
    return 0


def _check(args: argparse.Namespace, hub: str) -> int:
    """``--check``: each comparison with the hub, ok or DIFFERENT; the audit chain's first
    broken links; this hall's orders whose line change the hub did not make."""
    from counter_app.cli.language import cli_language, translate
    from counter_app.sync.verify import compare_with_hub

    outcome = compare_with_hub(hub)
    chain = outcome.pop("audit")
    lines = [f"{name}: {'ok' if ok else 'DIFFERENT'}" for name, ok in outcome["checks"].items()]
    lines += [f"  {b.text(translate)}" for b in chain.breaks]  # the first broken link of each chain
    conflicts = outcome["detail"].pop("line_conflicts")
    if conflicts:
        from counter_app.sync.hub_orders import HEADING

        lines.append(translate("LineConflict", HEADING).format(count=len(conflicts)))
        lines += [f"  {c.text(translate, cli_language())}" for c in conflicts]
    from counter_app.sync.hub_served import refused_lines

    lines += refused_lines(translate)  # a payment for a line the hall never served, and other refusals
    from counter_app.sync.hub_held import held_lines

    held = outcome["detail"].pop("held")
    lines += held_lines(held, translate)  # money the hub stored but credited to no line
    outcome["detail"]["held"] = [h.as_dict() for h in held]
    from counter_app.sync.hub_waiting import waiting_lines

    waiting = outcome["detail"].pop("waiting")
    lines += waiting_lines(waiting, translate)  # orders and money waiting too long for their line
    outcome["detail"]["waiting"] = [w.as_dict() for w in waiting]
    outcome["detail"]["line_conflicts"] = [
        {"order": c.order_no, "business": c.business_code, "action": c.action, "part": c.part,
         "expected": c.expected, "found": c.found, "text": c.text(translate, cli_language())}
        for c in conflicts]
    emit(args, outcome, "\n".join(lines))
    return 0 if outcome["ok"] else 1


def _save(args: argparse.Namespace, hub: str) -> None:
    from counter_app.cli.common import shown_database
    from counter_app.db import is_postgres_url

    values = {"hub": hub}
    if getattr(args, "db", None):
        db = args.db
        values["db"] = db if is_postgres_url(db) else shown_database(db)  # absolute: any folder finds it
    TerminalConfig.remember(**values)
    print(f"saved in {TerminalConfig.path()}: " + ", ".join(sorted(values)), file=sys.stderr)
