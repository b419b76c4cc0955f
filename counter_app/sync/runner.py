"""One sync run (push, then pull) and the loop that repeats it; the state both leave behind.

Push goes first so the day's payments reach the hub even when a large pull follows. A run
opens its own hub connection and closes it, so a hub restart between runs needs nothing.
The outcome is kept in the local ``sync_state`` table (last success, last error, last
report), where the GUI of any process on this database and ``counter-app sync`` read it.

Runs must not be on the GUI thread: a run may take minutes on a first load.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg
from peewee import SqliteDatabase

from counter_app import clock, training
from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import SyncState, db
from counter_app.models.sync import HLC_KEY, hybrid_clock
from counter_app.services.session import HALL_KEY, local_setting, set_local_setting, terminal_id
from counter_app.sync.hub import HubError, connect, describe_hub, hub_errors, safe_message
from counter_app.sync.hub_rows import one_row
from counter_app.sync.pull import PAGE as PULL_PAGE
from counter_app.sync.pull import PullResult, pull
from counter_app.sync.push import SENT_KEEP_DAYS, PushResult, pending_count, prune_sent, push

log = logging.getLogger(__name__)

LAST_SUCCESS_KEY = "sync_last_success"
LAST_ERROR_KEY = "sync_last_error"
LAST_REPORT_KEY = "sync_last_report"

Progress = Callable[[str, int, int], None]
CONFLICTS_SHOWN = 20  # the newest line changes the hub did not make, kept with the last report


@dataclass
class SyncReport:
    hall: str = ""
    pushed: PushResult = field(default_factory=PushResult)
    pulled: PullResult = field(default_factory=PullResult)
    pending: int = 0
    pruned: int = 0
    seconds: float = 0.0
    recovered: int = 0  # rows brought back from the hub after a restore (sync/recover.py)
    walk_ins: int = 0  # customers of other halls kept here whose money was refreshed (sync/lookup.py)
    # This hall's latest orders whose line change the hub did not make (sync/hub_orders.py).
    line_conflicts: list[dict[str, Any]] = field(default_factory=list)
    # Dates whose day close made here gave way to another PC's close the hub holds (hub_day.py).
    closes_given_way: list[str] = field(default_factory=list)
    # This hall's payments the hub holds, not credited to a line (sync/hub_held.py).
    held: list[dict[str, Any]] = field(default_factory=list)
    # Orders and held payments waiting too long for a line the hub does not know (sync/hub_waiting.py).
    waiting: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pushed"].pop("rejected_ops", None)
        return data

    def summary(self) -> str:
        p, q = self.pushed, self.pulled
        text = (f"pushed {p.sent:,} ops (applied {p.applied:,}, duplicate {p.duplicate:,}, "
                f"rejected {p.rejected:,}); pulled {q.changes:,} changes in {q.pages} pages")
        if q.after_prune:
            text += " (full load: the hub had pruned deletions not yet pulled here)"
        elif q.full:
            text += " (full load)"
        if self.recovered:
            text += f"; brought back {self.recovered:,} rows made after the restored backup"
        if self.walk_ins:
            text += f"; refreshed the ledgers of {self.walk_ins:,} customers of other halls"
        if self.line_conflicts:
            text += f"; {len(self.line_conflicts):,} line changes the hub did not make (sync --check lists them)"
        if self.closes_given_way:
            text += (f"; this PC's day close of {', '.join(self.closes_given_way)} gave way to the close another PC "
                     f"made first (the hub's; the manager's settlement tab shows it)")
        if self.held:
            text += f"; {len(self.held):,} payments held by the hub (sync --check lists them)"
        if self.waiting:
            text += f"; {len(self.waiting):,} waiting on the hub for a line it does not know (sync --check lists them)"
        return text + f"; {self.pending:,} pending; {self.seconds:.1f} s"


def _set_state(key: str, value: str) -> None:
    SyncState.insert(key=key, value=value).on_conflict(
        conflict_target=[SyncState.key], update={SyncState.value: value}).execute()


def _record_error(exc: UserError) -> None:
    # Kept untranslated with its parameters: each screen shows it in its own language.
    _set_state(LAST_ERROR_KEY, json.dumps({"message": exc.message, "params": exc.params}, ensure_ascii=False,
                                          default=str))


def last_error() -> UserError | None:
    raw = _state(LAST_ERROR_KEY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return UserError(data["message"], **data.get("params", {}))
    except (ValueError, KeyError, TypeError):
        return UserError(raw)


def _state(key: str) -> str:
    row = SyncState.get_or_none(SyncState.key == key)
    return row.value if row else ""


def sync_once(hub_url: str, *, full: bool = False, progress: Progress | None = None,
              page: int = PULL_PAGE) -> SyncReport:
    """Push the outbox, then pull reference changes. Raises HubError (recorded as the last
    error) when the hub cannot be reached or refuses; what was done before stays done."""
    if not hub_url:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "No hub is configured for this terminal."))
    if not isinstance(db.obj, SqliteDatabase):
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Sync runs from a terminal's SQLite database."))
    if training.is_active() or SyncState.get_or_none(SyncState.key == training.MARKER_KEY) is not None:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "This is a training copy: nothing of it ever goes to the hub."))
    started = time.perf_counter()
    report = SyncReport()
    try:
        _run(hub_url, report, full, progress, page)
    except UserError as exc:
        _record_error(exc)
        log.warning("sync with %s failed: %s", describe_hub(hub_url), exc.text())
        raise
    except Exception as exc:  # a local fault: recorded without the hub's password, then raised
        error = HubError(QT_TRANSLATE_NOOP("Errors", "Sync failed: {reason}"), reason=safe_message(exc, hub_url))
        _record_error(error)
        log.exception("sync with %s failed", describe_hub(hub_url))
        raise error from None
    report.pending = pending_count()
    report.pruned = prune_sent(clock.now() - dt.timedelta(days=SENT_KEEP_DAYS))
    report.seconds = time.perf_counter() - started
    with db.atomic():
        _set_state(LAST_SUCCESS_KEY, clock.now().isoformat(sep=" ", timespec="seconds"))
        _set_state(LAST_ERROR_KEY, "")
        _set_state(LAST_REPORT_KEY, json.dumps(report.as_dict(), default=str))
    log.info("sync with %s: %s", describe_hub(hub_url), report.summary())
    return report


def _run(hub_url: str, report: SyncReport, full: bool, progress: Progress | None, page: int) -> None:
    local_hall = local_setting(HALL_KEY) or ""
    terminal = terminal_id()
    conn = connect(hub_url)
    try:
        with hub_errors(hub_url):
            conn.autocommit = True
            hub_hall, hub_ms = one_row(conn.execute(
                "SELECT counter_sync.current_hall(), (extract(epoch FROM clock_timestamp()) * 1000)::bigint"))
            conn.autocommit = False
            if hub_hall and local_hall and hub_hall != local_hall:
                raise HubError(QT_TRANSLATE_NOOP("Errors", "This terminal belongs to hall {local}, but its hub "
                                                           "login is for hall {hub}."), local=local_hall, hub=hub_hall)
            hall = local_hall or hub_hall or ""
            if not hall:
                raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub login belongs to no hall; ask the hub "
                                                           "administrator for this hall's login."))
            report.hall = hall
            # A terminal whose clock runs behind stamps its next edits after the hub's time.
            clock_ = hybrid_clock()
            clock_.receive(int(hub_ms))
            report.pushed = push(conn, hall, terminal, progress=progress)
            from counter_app.sync import hub_day

            # What this PC still holds unsent (refused entries too), for a day close at another PC.
            hub_day.report(conn, terminal, clock.now(), hub_day.unsent_count())
            report.pulled = pull(conn, full=full, progress=progress, page=page)
            # A day closed at another PC is closed here; a close of ours the hub refused gives way.
            report.closes_given_way = [d.isoformat() for d in hub_day.pull_closes(conn, hall, clock.today())]
            if report.closes_given_way:  # the refused entry set aside, the audit of it sent: report again
                _add(report.pushed, push(conn, hall, terminal))
                hub_day.report(conn, terminal, clock.now(), hub_day.unsent_count())
            from counter_app.sync.recover import recover

            report.recovered = recover(conn, hall)
            from counter_app.sync.lookup import refresh_visitors, sweep_visitors

            sweep_visitors()  # customers of other halls, kept for a while after they walked in
            report.walk_ins = refresh_visitors(conn)  # their balance as the hub's ledger has it
            from counter_app.sync.hub_orders import conflicts

            with conn.transaction():
                report.line_conflicts = [c.as_dict() for c in conflicts(conn, hall, limit=CONFLICTS_SHOWN)]
            not_credited = _held_money(conn, hall, report)
            from counter_app.services.ledger import HELD_KEY

            with db.atomic():
                _set_state(HLC_KEY, clock_.last())
                _set_state(HELD_KEY, json.dumps(not_credited))
                if not local_hall:
                    set_local_setting(HALL_KEY, hall)  # a new terminal takes its hall from the hub
    finally:
        conn.close()


def _held_money(conn: psycopg.Connection[Any], hall: str, report: SyncReport) -> list[str]:
    """The hall's money the hub holds and what waits too long for its line, on the report;
    returns the ids held or refunded (not credited), which this PC stops counting as the line's."""
    from counter_app.sync.hub_held import held
    from counter_app.sync.hub_waiting import waiting

    with conn.transaction():
        report.held = [h.as_dict() for h in held(conn, hall)]
        not_credited = [h.payment_id for h in held(conn, hall, settled=True, limit=5000) if h.settled != "applied"]
        report.waiting = [w.as_dict() for w in waiting(conn, hall, clock.now(), limit=CONFLICTS_SHOWN)]
    return not_credited


def _add(total: PushResult, more: PushResult) -> None:
    total.applied += more.applied
    total.duplicate += more.duplicate
    total.rejected += more.rejected
    total.batches += more.batches
    total.rejected_ops += more.rejected_ops


def sync_state() -> dict[str, Any]:
    """What the status bar and the manager's sync tab show."""
    from counter_app.models import Outbox
    from counter_app.sync.hub_held import HeldPayment
    from counter_app.sync.hub_orders import LineConflict
    from counter_app.sync.hub_waiting import Waiting

    rejected = Outbox.select().where(Outbox.status == "rejected").count()
    error = last_error()
    try:
        last = json.loads(_state(LAST_REPORT_KEY) or "{}")
    except ValueError:
        last = {}
    conflicts = [LineConflict(**c) for c in last.get("line_conflicts") or []]
    return {"last_success": _state(LAST_SUCCESS_KEY), "last_error": error.text() if error else "",
            "error": error, "pending": pending_count(), "rejected": rejected, "line_conflicts": conflicts,
            "held": [HeldPayment(**h) for h in last.get("held") or []],
            "waiting": [Waiting(**w) for w in last.get("waiting") or []]}


def run_every(hub_url: str, seconds: float, *, on_report: Callable[[SyncReport | None, str], None],
              should_stop: Callable[[], bool] = lambda: False) -> None:
    """The headless loop: a run every ``seconds``; an error is reported and the loop goes on."""
    while not should_stop():
        began = time.monotonic()
        try:
            on_report(sync_once(hub_url), "")
        except UserError as exc:
            on_report(None, exc.text())
        while not should_stop() and time.monotonic() - began < seconds:
            time.sleep(min(0.5, seconds))
