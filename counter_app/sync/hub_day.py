"""A hall's day as the hub holds it, for the day close (日结) of a hall with several counter PCs.

Each PC pushes its own payments and handovers; only the hub has the whole hall's day. Three
things live here (the rules and the reasons: docs/dayclose.md):

* **Terminal reports.** After each push a PC tells the hub how many entries it still has
  unsent and when (its own clock, like its rows): ``counter_sync.report_terminal``, one row
  per (hall, terminal) in ``counter_sync.terminal_report``. The closing manager reads them to
  know which PCs may still hold payments the hub has not seen.
* **The hall's rows of a day** (:func:`hall_day`): the hall's payments and handovers of the
  date, the reports, a close of the date the hub already has, and the *late* payments: rows of
  an earlier closed date that its close did not count (taken at a PC that had not heard of the
  close yet), which the next close carries.
* **Closes travel back** (:func:`pull_closes`): after each pull a PC copies its hall's recent
  day closes from the hub, so a PC refuses a day closed at another PC from then on.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg

from counter_app.sync.hub import HALL_GROUP, quote

log = logging.getLogger(__name__)

LATE_DAYS = 31  # how far back a close looks for late payments of closed days
PULL_DAYS = 62  # how far back a PC copies its hall's closes

REPORT_SQL = f"""
CREATE TABLE IF NOT EXISTS counter_sync.terminal_report (
    hall varchar(16) NOT NULL,
    terminal text NOT NULL,
    reported_at timestamp NOT NULL,  -- the terminal's own clock, like its rows' created_at
    pending integer NOT NULL,        -- outbox entries still unsent after that push
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall, terminal)
);
REVOKE ALL ON counter_sync.terminal_report FROM PUBLIC;
ALTER TABLE counter_sync.terminal_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE counter_sync.terminal_report FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS hub_admin ON counter_sync.terminal_report;
CREATE POLICY hub_admin ON counter_sync.terminal_report FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS hall_read ON counter_sync.terminal_report;
CREATE POLICY hall_read ON counter_sync.terminal_report FOR SELECT TO {quote(HALL_GROUP)}
    USING (hall = (SELECT counter_sync.current_hall()));
GRANT SELECT ON counter_sync.terminal_report TO {quote(HALL_GROUP)};
CREATE OR REPLACE FUNCTION counter_sync.report_terminal(p_terminal text, p_at timestamp, p_pending integer)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    me text := counter_sync.current_hall();
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'only a hall reports its terminals' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO counter_sync.terminal_report AS r (hall, terminal, reported_at, pending)
    VALUES (me, p_terminal, p_at, p_pending)
    ON CONFLICT (hall, terminal) DO UPDATE
        SET reported_at = EXCLUDED.reported_at, pending = EXCLUDED.pending, received_at = now();
END $$;
REVOKE ALL ON FUNCTION counter_sync.report_terminal(text, timestamp, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.report_terminal(text, timestamp, integer) TO {quote(HALL_GROUP)};
CREATE INDEX IF NOT EXISTS payment_hall_day ON payment (hall, business_date);
"""

# The columns of a payment row the settlement needs, in services.hall_day.PaymentRow's order.
PAYMENT_COLUMNS = ("replace(p.id::text, '-', '')", "p.terminal", "p.staff_no", "p.kind", "p.method", "p.amount_fen",
                   "replace(p.reverses_id::text, '-', '')", "p.receipt_no", "p.reference", "p.reason", "p.created_at",
                   "p.business_date", "p.counter_number")
_PAYMENTS = ", ".join(PAYMENT_COLUMNS)


def _late_sql(columns: str, table: str, r: str, counted: str, carried: str) -> str:
    """Rows of ``table`` (aliased ``r``, as ``columns`` name it) of closed days that no close counted and none carried
    yet: made at a PC that had not heard of the close. Each close's counted and carried ids are
    expanded once into sets (a close of a busy day holds hundreds), then the rows anti-joined
    against them. A close made before it kept its ``counted`` ids is taken as having counted
    every row of its date."""
    return f"""
WITH closes AS MATERIALIZED (
    SELECT business_date, totals::jsonb AS t FROM day_close
    WHERE hall = %(hall)s AND business_date >= %(since)s AND business_date < %(day)s
), counted AS MATERIALIZED (
    SELECT jsonb_array_elements_text(t -> '{counted}') AS id FROM closes WHERE t ? '{counted}'
), carried AS MATERIALIZED (
    SELECT jsonb_array_elements_text(totals::jsonb -> '{carried}') AS id FROM day_close
    WHERE hall = %(hall)s AND business_date > %(since)s
)
SELECT {columns} FROM {table} {r}
JOIN closes c ON c.business_date = {r}.business_date AND c.t ? '{counted}'
WHERE {r}.hall = %(hall)s AND {r}.business_date < %(day)s AND {r}.business_date >= %(since)s
  AND NOT EXISTS (SELECT 1 FROM counted k WHERE k.id = replace({r}.id::text, '-', ''))
  AND NOT EXISTS (SELECT 1 FROM carried k WHERE k.id = replace({r}.id::text, '-', ''))
ORDER BY {r}.business_date, {r}.created_at
"""


# A handover's columns, in services.hall_day.HandoverRow's order.
HANDOVER_COLUMNS = ("replace(h.id::text, '-', '')", "h.terminal", "h.staff_no", "h.created_at", "h.expected_cash_fen",
                    "h.counted_cash_fen", "h.note", "h.business_date")
_HANDOVERS = ", ".join(HANDOVER_COLUMNS)
LATE_SQL = _late_sql(_PAYMENTS, "payment", "p", "payment_ids", "carried_ids")
LATE_HANDOVERS_SQL = _late_sql(_HANDOVERS, "shift_handover", "h", "handover_ids", "carried_handover_ids")


@dataclass
class HubDay:
    """What the hub holds of one hall's day (rows as tuples, see the column lists)."""

    payments: list[tuple[Any, ...]] = field(default_factory=list)
    handovers: list[tuple[Any, ...]] = field(default_factory=list)
    originals: list[tuple[Any, ...]] = field(default_factory=list)  # (id hex, receipt_no, staff_no)
    reports: list[tuple[Any, ...]] = field(default_factory=list)  # (terminal, reported_at, pending)
    closed: tuple[Any, ...] | None = None  # (terminal, closed_by, created_at, totals) of the date's close
    late: list[tuple[Any, ...]] = field(default_factory=list)  # payments of closed days not counted
    late_handovers: list[tuple[Any, ...]] = field(default_factory=list)  # handovers of closed days not counted
    # The day's payments the hub holds, not credited (sync/hub_held.py): (receipt_no, terminal,
    # staff_no, phone, amount_fen, reason, settled)
    held: list[tuple[Any, ...]] = field(default_factory=list)
    # Of the reversed payments (``originals``), those the hub holds, never credited: their
    # reversal is the refund of held money, from the drawer of whoever made it.
    held_reversed: list[str] = field(default_factory=list)


def install(conn: psycopg.Connection[Any]) -> None:
    """Create or update the terminal reports (``hub init``)."""
    conn.execute(REPORT_SQL)


def unsent_count() -> int:
    """This PC's entries the hub does not have: pending, and refused ones a manager has not
    sent again or set aside (a refused payment is money the hall's close cannot see)."""
    from counter_app.models import db

    return int(db.execute_sql("SELECT count(*) FROM outbox WHERE status IN ('pending', 'rejected')").fetchone()[0])


def report(conn: psycopg.Connection[Any], terminal: str, at: dt.datetime, pending: int) -> bool:
    """Record this PC's state after a push; False (logged) on a hub set up before the reports."""
    try:
        with conn.transaction():
            conn.execute("SELECT counter_sync.report_terminal(%s, %s, %s)", (terminal, at, pending))
    except psycopg.errors.UndefinedFunction:
        log.warning("the hub has no terminal reports yet: run `hub init` on it")
        return False
    return True


def hall_day(conn: psycopg.Connection[Any], hall: str, day: dt.date, *, ids: list[str] | None = None,
             handover_ids: list[str] | None = None) -> HubDay:
    """The hall's rows of ``day`` in one snapshot. With ``ids`` (a closed day's counted and
    carried payments) those payments are read instead of the date's; with ``handover_ids``
    likewise its handovers."""
    out = HubDay()
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if ids is None:
            out.payments = conn.execute(f"SELECT {_PAYMENTS} FROM payment p WHERE p.hall = %s AND p.business_date = %s",
                                        (hall, day)).fetchall()
        else:
            out.payments = conn.execute(f"SELECT {_PAYMENTS} FROM payment p WHERE p.hall = %s "
                                        "AND replace(p.id::text, '-', '') = ANY(%s)", (hall, ids)).fetchall()
        if handover_ids is None:
            out.handovers = conn.execute(f"SELECT {_HANDOVERS} FROM shift_handover h WHERE h.hall = %s "
                                         "AND h.business_date = %s", (hall, day)).fetchall()
        else:
            out.handovers = conn.execute(f"SELECT {_HANDOVERS} FROM shift_handover h WHERE h.hall = %s "
                                         "AND replace(h.id::text, '-', '') = ANY(%s)", (hall, handover_ids)).fetchall()
        wanted = sorted({r[6] for r in out.payments if r[6]})
        if wanted:
            out.originals = conn.execute("SELECT replace(id::text, '-', ''), receipt_no, staff_no FROM payment "
                                         "WHERE hall = %s AND replace(id::text, '-', '') = ANY(%s)",
                                         (hall, wanted)).fetchall()
        try:
            with conn.transaction():
                out.reports = conn.execute("SELECT terminal, reported_at, pending FROM counter_sync.terminal_report "
                                           "WHERE hall = %s", (hall,)).fetchall()
        except psycopg.errors.UndefinedTable:
            out.reports = []
        found = conn.execute("SELECT terminal, closed_by, created_at, totals FROM day_close "
                             "WHERE hall = %s AND business_date = %s", (hall, day)).fetchone()
        out.closed = tuple(found) if found else None
        from counter_app.sync.hub_held import held, not_credited

        out.held_reversed = not_credited(conn, hall, wanted)
        out.held = [(h.receipt_no, h.terminal, h.staff_no, h.phone, h.amount_fen, h.reason, h.settled)
                    for h in held(conn, hall, day=day)]
        if ids is None and out.closed is None:
            params = {"hall": hall, "day": day, "since": day - dt.timedelta(days=LATE_DAYS)}
            out.late = conn.execute(LATE_SQL, params).fetchall()
            out.late_handovers = conn.execute(LATE_HANDOVERS_SQL, params).fetchall()
    return out


def pull_closes(conn: psycopg.Connection[Any], hall: str, today: dt.date) -> list[dt.date]:
    """Copy the hall's recent day closes made at other PCs into this terminal (no outbox entry:
    they are the hub's rows already). A close of the same date made here that the hub does not
    hold (it refused it: another PC's close reached it first) gives way to the hub's
    (``close_give_way.py``). Returns the dates whose close here gave way."""
    from counter_app.models import DayClose, db
    from counter_app.sync.close_give_way import give_way

    have = {str(d): i for i, d in db.execute_sql("SELECT id, business_date FROM day_close WHERE hall = ?",
                                                 (hall,)).fetchall()}
    with conn.transaction():
        rows = conn.execute(
            "SELECT id, terminal, created_at, hlc, business_date, closed_by, totals FROM day_close "
            "WHERE hall = %s AND business_date >= %s", (hall, today - dt.timedelta(days=PULL_DAYS))).fetchall()
    mine = {d: uuid.UUID(str(i)) for d, i in have.items()}
    new = [r for r in rows if r[4].isoformat() not in mine]
    lost = [r for r in rows if r[4].isoformat() in mine and mine[r[4].isoformat()] != r[0]]
    if not new and not lost:
        return []
    f = DayClose._meta.fields
    names = ("id", "hall", "terminal", "created_at", "hlc", "business_date", "closed_by", "totals")
    sql = (f"INSERT INTO day_close ({', '.join(quote(f[n].column_name) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT DO NOTHING")

    def values(row: tuple[Any, ...]) -> list[Any]:
        row_id, terminal, created_at, hlc, business_date, closed_by, totals = row
        found = (row_id, hall, terminal, created_at, hlc, business_date, closed_by,
                 totals if isinstance(totals, dict) else json.loads(totals))
        return [f[n].db_value(v) for n, v in zip(names, found, strict=True)]

    # Written as the hub's rows, without an outbox entry (like sync/recover.py): they are there.
    with db.atomic():
        for row in new:
            db.execute_sql(sql, values(row))
        for row in lost:
            give_way(hall, have[row[4].isoformat()], row, sql, values(row))
    if new:
        log.info("%s day close(s) of hall %s made at other PCs copied from the hub", len(new), hall)
    return [r[4] for r in lost]
