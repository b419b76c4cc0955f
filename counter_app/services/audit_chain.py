"""The audit trail as a hash chain, one chain per terminal.

Every event written through :func:`counter_app.services.audit.record` gets the next number
of its terminal's chain (``seq``), the hash of the event before it (``prev_hash``) and the
SHA-256 of its own canonical content (``hash``), which covers that previous hash. So:

- an event edited in place no longer matches its hash;
- an event deleted leaves a gap in the numbers and a ``prev_hash`` that names nothing;
- an event inserted or moved breaks the numbering or the links around it;
- the newest events deleted (the tail, which nothing links to yet) no longer reach the
  chain's head, which is kept apart in ``sync_state`` (``audit_head:<terminal>``) and
  updated in the same transaction as each event.

Events travel to the hub with sync like any fact. The hub recomputes each hash, keeps each
terminal's head (``counter_sync.audit_head``) and refuses an event that does not extend it
(``sync/audit_hub.py``). Once pushed, an event can no longer be rewritten unnoticed even by
someone who recomputes the whole local chain: :func:`compare_with_hub` walks the hub's copy
too. Events not yet pushed are protected by the file alone (see docs/safety.md).

Canonical content: the fields below, each as UTF-8 prefixed by its length in bytes and a
colon. Simple enough for PostgreSQL to compute the same bytes in SQL.

Events written before the chain existed (a file upgraded to schema 6) keep ``seq`` NULL:
they are counted, not chained; their number is fixed at the upgrade
(``audit_unchained`` in ``sync_state``) and any change to it is reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from peewee import SqliteDatabase

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import AuditEvent, SyncState, db
from counter_app.models.base import JSONField

CANONICAL_VERSION = "audit-v1"
HEAD_KEY = "audit_head:"  # + terminal id → "seq:hash"
UNCHAINED_KEY = "audit_unchained"  # events from before the chain: their number at the upgrade

_DETAIL = JSONField()

# Why a chain is broken, for the CLI and the manager's audit tab (translated there).
CHANGED = QT_TRANSLATE_NOOP("AuditChain", "Event no. {seq} of terminal {terminal} ({action}, {at}) was changed "
                                          "after it was written.")
MISSING = QT_TRANSLATE_NOOP("AuditChain", "Events no. {first} to {last} of terminal {terminal} are missing.")
MISSING_ONE = QT_TRANSLATE_NOOP("AuditChain", "Event no. {first} of terminal {terminal} is missing.")
UNLINKED = QT_TRANSLATE_NOOP("AuditChain", "Event no. {seq} of terminal {terminal} ({action}, {at}) does not follow "
                                           "the event before it: an event was removed, inserted or replaced there.")
MISORDERED = QT_TRANSLATE_NOOP("AuditChain", "Event no. {seq} of terminal {terminal} appears twice or out of order.")
TAIL_MISSING = QT_TRANSLATE_NOOP("AuditChain", "The newest events of terminal {terminal} are missing: the chain "
                                               "ends at no. {last}, its recorded head is no. {head}.")
TAIL_EXTRA = QT_TRANSLATE_NOOP("AuditChain", "Events after no. {head} of terminal {terminal} were added outside "
                                             "the application (the chain ends at no. {last}).")
HEAD_REPLACED = QT_TRANSLATE_NOOP("AuditChain", "Event no. {seq} of terminal {terminal} is not the event recorded as "
                                                "the chain's head.")
HEAD_MISSING = QT_TRANSLATE_NOOP("AuditChain", "The head of the chain of terminal {terminal} is not recorded.")
UNCHAINED_CHANGED = QT_TRANSLATE_NOOP("AuditChain", "{found} events outside the chain, where the upgrade left "
                                                    "{expected}: events were added or removed outside it.")
HUB_DIFFERS = QT_TRANSLATE_NOOP("AuditChain", "Event no. {seq} of terminal {terminal} differs from the hub's copy.")
HUB_ONLY = QT_TRANSLATE_NOOP("AuditChain", "The hub holds events no. {first} to {last} of terminal {terminal} that "
                                           "this file lacks.")
HUB_ONLY_ONE = QT_TRANSLATE_NOOP("AuditChain", "The hub holds event no. {first} of terminal {terminal}, which this "
                                               "file lacks.")
HUB_BROKEN = QT_TRANSLATE_NOOP("AuditChain", "On the hub: {problem}")
NO_HUB = QT_TRANSLATE_NOOP("Errors", "No hub is configured: give --hub URL or set the hub in the terminal config.")


@dataclass(frozen=True)
class ChainEvent:
    """One event as the chain sees it (plain values, from SQLite or PostgreSQL)."""

    id: str  # 32 hex digits
    hall: str
    terminal: str
    seq: int
    at: dt.datetime
    staff_no: str
    action: str
    target: str
    detail: str  # the stored JSON text
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    terminal: str
    seq: int | None
    message: str  # untranslated, context "AuditChain"
    params: dict[str, Any] = field(default_factory=dict)
    event_id: str = ""

    def text(self, translate: Callable[[str, str], str] | None = None) -> str:
        template = translate("AuditChain", self.message) if translate else self.message
        return template.format(**self.params)


@dataclass
class TerminalChain:
    terminal: str
    events: int = 0
    last_seq: int = 0
    last_hash: str = ""
    first_break: Break | None = None


@dataclass
class ChainReport:
    chains: dict[str, TerminalChain] = field(default_factory=dict)
    unchained: int = 0
    breaks: list[Break] = field(default_factory=list)
    on_hub: dict[str, int] = field(default_factory=dict)  # terminal → newest seq the hub holds
    hub_checked: bool = False

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def events(self) -> int:
        return sum(c.events for c in self.chains.values())

    def first_break(self) -> Break | None:
        return self.breaks[0] if self.breaks else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "events": self.events, "unchained": self.unchained,
            "chains": {t: {"events": c.events, "last_seq": c.last_seq, "last_hash": c.last_hash,
                           "on_hub": self.on_hub.get(t)} for t, c in self.chains.items()},
            "breaks": [{"terminal": b.terminal, "seq": b.seq, "event": b.event_id, "problem": b.text()}
                       for b in self.breaks],
            "hub_checked": self.hub_checked,
        }


# --- hashing ------------------------------------------------------------------------------

def _field(value: str) -> bytes:
    data = value.encode("utf-8")
    return f"{len(data)}:".encode() + data


def at_text(at: dt.datetime) -> str:
    return at.isoformat(sep="T", timespec="microseconds")


def event_hash(e: ChainEvent) -> str:
    parts = (CANONICAL_VERSION, e.id, e.hall, e.terminal, str(e.seq), at_text(e.at), e.staff_no, e.action,
             e.target, e.detail, e.prev_hash)
    return hashlib.sha256(b"".join(_field(p) for p in parts)).hexdigest()


def _detail_text(detail: Any) -> str:
    """An event's detail as the JSON text the chain hashes (the column is never NULL)."""
    text = _DETAIL.db_value(detail)
    return "null" if text is None else text


def _id_hex(value: object) -> str:
    if isinstance(value, uuid.UUID):
        return value.hex
    return uuid.UUID(str(value)).hex


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def from_row(row: tuple[Any, ...]) -> ChainEvent:
    """(id, hall, terminal, seq, at, staff_no, action, target, detail, prev_hash, hash)."""
    id_, hall, terminal, seq, at, staff_no, action, target, detail, prev_hash, hash_ = row
    return ChainEvent(_id_hex(id_), hall or "", terminal or "", int(seq), _as_datetime(at), staff_no or "",
                      action or "", target or "", detail if isinstance(detail, str) else _detail_text(detail),
                      prev_hash or "", hash_ or "")


COLUMNS = "id, hall, terminal, seq, at, staff_no, action, target, detail, prev_hash, hash"


# --- writing --------------------------------------------------------------------------------

def _on_sqlite() -> bool:
    return isinstance(db.obj, SqliteDatabase)


def read_head(terminal: str) -> tuple[int, str] | None:
    """The recorded head of ``terminal``'s chain, (seq, hash), or None (SQLite files only)."""
    # Plain SQL: written with every event, where peewee's query building cost more than SQLite.
    row = db.execute_sql("SELECT value FROM sync_state WHERE key = ?", (HEAD_KEY + terminal,)).fetchone()
    if row is None or ":" not in (row[0] or ""):
        return None
    seq, _, hash_ = row[0].partition(":")
    return int(seq), hash_


def write_head(terminal: str, seq: int, hash_: str) -> None:
    db.execute_sql("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (HEAD_KEY + terminal, f"{seq}:{hash_}"))


def _last_in_table(terminal: str) -> tuple[int, str]:
    row = db.execute_sql(f"SELECT seq, hash FROM audit_event WHERE terminal = {db.param} AND seq IS NOT NULL "
                         "ORDER BY seq DESC LIMIT 1", (terminal,)).fetchone()
    return (int(row[0]), row[1]) if row else (0, "")


def _head_for_append(terminal: str) -> tuple[int, str]:
    if _on_sqlite():
        # The recorded head, not the last row: after the newest event was deleted the next
        # one still links to it, and the gap stays visible.
        return read_head(terminal) or _last_in_table(terminal)
    # PostgreSQL (the hub, a hall's shared server): one writer per terminal at a time.
    db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", ("audit_chain:" + terminal,))
    return _last_in_table(terminal)


def append(*, hall: str, terminal: str, staff_no: str, action: str, target: str, detail: dict[str, Any],
           at: dt.datetime) -> AuditEvent:
    """Write the next event of ``terminal``'s chain. Call inside a transaction."""
    seq, prev = _head_for_append(terminal)
    event = AuditEvent(hall=hall, terminal=terminal, at=at, staff_no=staff_no, action=action, target=target,
                       detail=detail, seq=seq + 1, prev_hash=prev)
    event.hash = event_hash(ChainEvent(event.id.hex, hall, terminal, seq + 1, at, staff_no, action, target,
                                       _detail_text(detail), prev, ""))
    event.save(force_insert=True)
    if _on_sqlite():
        write_head(terminal, seq + 1, event.hash)
    return event


# --- checking -------------------------------------------------------------------------------

def walk(events: Iterable[ChainEvent], heads: dict[str, tuple[int, str]] | None = None,
         report: ChainReport | None = None) -> ChainReport:
    """Check chains given in (terminal, seq) order; ``heads`` are the recorded heads, if any."""
    report = report or ChainReport()
    state: dict[str, tuple[int, str]] = {}  # terminal → (last seq, last stored hash)

    def broken(chain: TerminalChain, b: Break) -> None:
        if chain.first_break is None:
            chain.first_break = b
            report.breaks.append(b)

    for e in events:
        chain = report.chains.setdefault(e.terminal, TerminalChain(e.terminal))
        last_seq, last_hash = state.get(e.terminal, (0, ""))
        chain.events += 1
        described = {"seq": e.seq, "terminal": e.terminal, "action": e.action, "at": f"{e.at:%Y-%m-%d %H:%M:%S}"}
        if e.seq <= last_seq:
            broken(chain, Break(e.terminal, e.seq, MISORDERED, {"seq": e.seq, "terminal": e.terminal}, e.id))
        elif e.seq > last_seq + 1:
            broken(chain, Break(e.terminal, last_seq + 1, MISSING if e.seq - 1 > last_seq + 1 else MISSING_ONE,
                                {"first": last_seq + 1, "last": e.seq - 1, "terminal": e.terminal}, e.id))
        elif e.prev_hash != last_hash:
            broken(chain, Break(e.terminal, e.seq, UNLINKED, described, e.id))
        if event_hash(e) != e.hash:
            broken(chain, Break(e.terminal, e.seq, CHANGED, described, e.id))
        state[e.terminal] = (e.seq, e.hash)
        chain.last_seq, chain.last_hash = e.seq, e.hash
    for terminal, head in (heads or {}).items():
        chain = report.chains.setdefault(terminal, TerminalChain(terminal))
        head_seq, head_hash = head
        if head_seq > chain.last_seq:
            broken(chain, Break(terminal, chain.last_seq + 1, TAIL_MISSING,
                                {"terminal": terminal, "last": chain.last_seq, "head": head_seq}))
        elif head_seq < chain.last_seq:
            broken(chain, Break(terminal, head_seq + 1, TAIL_EXTRA,
                                {"terminal": terminal, "last": chain.last_seq, "head": head_seq}))
        elif head_hash != chain.last_hash:
            broken(chain, Break(terminal, head_seq, HEAD_REPLACED, {"seq": head_seq, "terminal": terminal}))
    return report


def local_events(terminals: Iterable[str] | None = None) -> Iterator[ChainEvent]:
    where = "seq IS NOT NULL"
    params: list[Any] = []
    if terminals is not None:
        chosen = list(terminals)
        if not chosen:
            return
        where += f" AND terminal IN ({', '.join([db.param] * len(chosen))})"
        params = chosen
    cursor = db.execute_sql(f"SELECT {COLUMNS} FROM audit_event WHERE {where} ORDER BY terminal, seq", params)
    while True:
        rows = cursor.fetchmany(2000)
        if not rows:
            return
        for row in rows:
            yield from_row(row)


def recorded_heads() -> dict[str, tuple[int, str]]:
    heads = {}
    for row in SyncState.select().where(SyncState.key.startswith(HEAD_KEY)):
        seq, _, hash_ = row.value.partition(":")
        if seq.isdigit():
            heads[row.key[len(HEAD_KEY):]] = (int(seq), hash_)
    return heads


def verify_local() -> ChainReport:
    """Walk every chain of this database (one read snapshot) and report the first break of each."""
    from counter_app.db import read_snapshot

    with read_snapshot():
        heads = recorded_heads() if _on_sqlite() else {}
        report = walk(local_events(), heads)
        if _on_sqlite():
            for terminal, chain in report.chains.items():
                if terminal not in heads and chain.events:
                    b = Break(terminal, None, HEAD_MISSING, {"terminal": terminal})
                    chain.first_break = chain.first_break or b
                    report.breaks.append(b)
        report.unchained = db.execute_sql("SELECT count(*) FROM audit_event WHERE seq IS NULL").fetchone()[0]
        expected = SyncState.get_or_none(SyncState.key == UNCHAINED_KEY)
        expected_count = int(expected.value) if expected and str(expected.value).isdigit() else 0
        if report.unchained != expected_count:
            report.breaks.append(Break("", None, UNCHAINED_CHANGED,
                                       {"found": report.unchained, "expected": expected_count}))
    return report


def compare_with_hub(report: ChainReport, hub_rows: Iterable[tuple[Any, ...]]) -> ChainReport:
    """Add to ``report`` (of this file) what the hub's copy says: the hub's chains are walked
    on their own (a copy changed on the hub is found too), then event by event against ours."""
    hub_events = [from_row(r) for r in hub_rows]
    hub_report = walk(hub_events)
    for b in hub_report.breaks:
        report.breaks.append(Break(b.terminal, b.seq, HUB_BROKEN, {"problem": b.text()}, b.event_id))
    ours = {}
    for e in local_events({e.terminal for e in hub_events}):
        ours[(e.terminal, e.seq)] = e.hash
    missing: dict[str, list[int]] = {}
    flagged: set[str] = {b.terminal for b in report.breaks}
    for e in hub_events:
        report.on_hub[e.terminal] = max(report.on_hub.get(e.terminal, 0), e.seq)
        mine = ours.get((e.terminal, e.seq))
        if mine is None:
            missing.setdefault(e.terminal, []).append(e.seq)
        elif mine != e.hash and e.terminal not in flagged:
            flagged.add(e.terminal)
            report.breaks.append(Break(e.terminal, e.seq, HUB_DIFFERS, {"seq": e.seq, "terminal": e.terminal}, e.id))
    for terminal, seqs in missing.items():
        report.breaks.append(Break(terminal, seqs[0], HUB_ONLY if len(seqs) > 1 else HUB_ONLY_ONE,
                                   {"first": seqs[0], "last": seqs[-1], "terminal": terminal}))
    report.hub_checked = True
    return report


def report_json(report: ChainReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, sort_keys=True)
