"""Pruning the hub (``counter-app hub prune``): old tombstones of the change log, with the pruned
horizon raised so a terminal that had not pulled that far reloads in full, and old rows of the
op ledger."""

from __future__ import annotations

import logging

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.sync.hub import connect, describe_hub, hub_errors

log = logging.getLogger(__name__)

MIN_KEEP_DAYS = 1
# The op ledger answers a resent edit "duplicate" and lets ``sync --check`` find every sent
# edit. Terminals drop acknowledged entries 30 days after making them (sync/push.py), so the
# hub keeps ledger rows at least twice that; a resend after that still changes nothing (an
# edit applies only when newer by its clock stamp), it is merely answered "duplicate"
# without its ledger row.
LEDGER_MIN_KEEP_DAYS = 60


def prune_tombstones(url: str, keep_days: int) -> dict[str, object]:
    """Drop the change log's tombstones older than ``keep_days`` and raise the pruned horizon
    to the newest one dropped, in one transaction; drop op-ledger rows older than
    ``keep_days`` or ``LEDGER_MIN_KEEP_DAYS``, whichever is longer.

    A terminal whose watermark is below the horizon may not have applied a deletion that is
    no longer in the log; its next pull sees the horizon in the same snapshot as the log and
    reloads everything instead (``sync/pull.py``). Terminals that sync daily never notice."""
    if keep_days < MIN_KEEP_DAYS:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Keep tombstones at least {days} day(s)."), days=MIN_KEEP_DAYS)
    with connect(url) as conn, hub_errors(url), conn.transaction():
        conn.execute("LOCK TABLE counter_sync.pruned IN SHARE ROW EXCLUSIVE MODE")  # one pruner at a time
        gone = conn.execute(
            "WITH gone AS (DELETE FROM counter_sync.change WHERE deleted "
            "AND changed_at < now() - make_interval(days => %s) RETURNING txid, seq) "
            "SELECT count(*), max(ARRAY[txid::text::numeric, seq]) FROM gone", (keep_days,)).fetchone()
        assert gone is not None  # an aggregate without GROUP BY always returns its row
        count, top = gone
        if count:
            conn.execute(
                "INSERT INTO counter_sync.pruned AS p (one, txid, seq) VALUES (true, %s::xid8, %s) "
                "ON CONFLICT (one) DO UPDATE SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, at = now() "
                "WHERE (p.txid, p.seq) < (EXCLUDED.txid, EXCLUDED.seq)", (str(int(top[0])), int(top[1])))
        row = conn.execute("SELECT txid::text, seq FROM counter_sync.pruned").fetchone()
        ledger_days = max(keep_days, LEDGER_MIN_KEEP_DAYS)
        ledger = conn.execute("DELETE FROM counter_sync.op WHERE received_at < now() - make_interval(days => %s)",
                              (ledger_days,)).rowcount
    horizon = f"{row[0]}:{row[1]}" if row else ""
    log.info("hub %s: %s tombstones older than %s days pruned (horizon %s), %s ledger entries older than %s days",
             describe_hub(url), count, keep_days, horizon or "none", ledger, ledger_days)
    return {"pruned": int(count), "keep_days": keep_days, "horizon": horizon, "ledger_pruned": int(ledger),
            "ledger_keep_days": ledger_days}
