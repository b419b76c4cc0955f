"""Questions a terminal asks the hub while a customer waits at the counter.

A hall login may read only its own hall's rows; some answers need the whole province. Each
such question is a ``SECURITY DEFINER`` function on the hub that answers exactly it and nothing
more (installed by ``hub init``, granted to the hall group):

* ``counter_sync.lines_per_document(type, number)``: how many lines (not closed) one person
  holds across the province, counting the hub's accounts and the new subscriptions halls have
  pushed that are not accounts on the hub yet (一证五号);
* ``counter_sync.lines_over_limit(limit)``: the documents over the limit, for the province's
  back office (``counter-app hub lines-over-limit``).

:class:`HubLookup` is what a terminal's session holds (``Session.hub``): a short connect
timeout, one connection per question, and :class:`~counter_app.errors.HubUnavailable` when
the hub does not answer, so the service can fall back on the terminal's own data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid

import psycopg

from counter_app import clock
from counter_app.errors import HubUnavailable, PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.sync.hub import HALL_GROUP, describe_hub, quote, safe_message

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_S = 3

# The hub's accounts of a document, plus new lines pushed by halls that are not yet accounts
# on the hub (the province's billing load brings them in later).
LOOKUP_SQL = f"""
CREATE INDEX IF NOT EXISTS service_order_new_line_document ON service_order
    (((fields::jsonb -> 'values') ->> 'id_number')) WHERE business_code = 'new_subscription';
CREATE OR REPLACE FUNCTION counter_sync.lines_per_document(doc_type text, doc_number text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT (
        SELECT count(*) FROM account a JOIN customer c ON c.id = a.customer_id
        WHERE c.id_number = doc_number AND c.id_type = doc_type AND a.status <> 'closed'
    ) + (
        SELECT count(*) FROM service_order o
        WHERE o.business_code = 'new_subscription' AND o.status = 'done'
          AND ((o.fields::jsonb -> 'values') ->> 'id_number') = doc_number
          AND coalesce((o.fields::jsonb -> 'values') ->> 'id_type', 'resident') = doc_type
          AND NOT EXISTS (SELECT 1 FROM account a2 WHERE a2.phone = (o.fields::jsonb -> 'values') ->> 'new_phone')
    )::integer
$$;
CREATE OR REPLACE FUNCTION counter_sync.lines_over_limit(line_limit integer)
RETURNS TABLE (id_type text, id_number text, lines bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH held AS (
        SELECT c.id_type::text AS id_type, c.id_number::text AS id_number, a.phone::text AS phone
        FROM account a JOIN customer c ON c.id = a.customer_id WHERE a.status <> 'closed'
        UNION
        SELECT coalesce((o.fields::jsonb -> 'values') ->> 'id_type', 'resident'),
               (o.fields::jsonb -> 'values') ->> 'id_number', (o.fields::jsonb -> 'values') ->> 'new_phone'
        FROM service_order o WHERE o.business_code = 'new_subscription' AND o.status = 'done'
    )
    SELECT id_type, id_number, count(DISTINCT phone) FROM held GROUP BY id_type, id_number
    HAVING count(DISTINCT phone) > line_limit ORDER BY 3 DESC, 2
$$;
REVOKE ALL ON FUNCTION counter_sync.lines_per_document(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.lines_per_document(text, text) TO {quote(HALL_GROUP)};
REVOKE ALL ON FUNCTION counter_sync.lines_over_limit(integer) FROM PUBLIC;
CREATE TABLE IF NOT EXISTS counter_sync.lookup_log (
    id bigserial NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    hall text NOT NULL,
    what text NOT NULL,
    query text NOT NULL,
    customer_id uuid,
    PRIMARY KEY (hall, id)
);
ALTER TABLE counter_sync.lookup_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE counter_sync.lookup_log FORCE ROW LEVEL SECURITY;
REVOKE ALL ON counter_sync.lookup_log FROM PUBLIC;
"""


def _walk_in_sql() -> str:
    """``counter_sync.walk_in(phone, id_number)``: one customer, found by an exact line number
    or document number, with their lines, SIMs, subscriptions, bills and ledger, each table's
    rows in the terminal's text form; logged in ``counter_sync.lookup_log``. No browsing: a
    name finds nothing."""
    from counter_app.sync.tables import REFERENCE_BY_NAME

    parts = []
    for name, cond in (("customer", "t.id = cid"), ("account", "t.customer_id = cid"),
                       ("sim_card", "t.account_id IN (SELECT id FROM account WHERE customer_id = cid)"),
                       ("sp_subscription", "t.account_id IN (SELECT id FROM account WHERE customer_id = cid)"),
                       ("bill", "t.account_id IN (SELECT id FROM account WHERE customer_id = cid)"),
                       ("bill_item", "t.bill_id IN (SELECT b.id FROM bill b JOIN account a ON a.id = b.account_id "
                                     "WHERE a.customer_id = cid)"),
                       ("ledger_entry", "t.account_id IN (SELECT id FROM account WHERE customer_id = cid)")):
        table = REFERENCE_BY_NAME[name]
        parts.append(f"'{name}', (SELECT coalesce(jsonb_agg(jsonb_build_array({table.select_sql('t')})), '[]'::jsonb) "
                     f"FROM {quote(name)} t WHERE {cond})")
    return f"""
CREATE OR REPLACE FUNCTION counter_sync.walk_in(p_phone text, p_id_number text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    cid uuid;
BEGIN
    IF coalesce(p_phone, '') <> '' THEN
        SELECT customer_id INTO cid FROM account WHERE phone = p_phone;
    ELSIF coalesce(p_id_number, '') <> '' THEN
        SELECT id INTO cid FROM customer WHERE id_number = p_id_number;
    END IF;
    INSERT INTO counter_sync.lookup_log (hall, what, query, customer_id)
    VALUES (coalesce(counter_sync.current_hall(), session_user), 'walk_in',
            coalesce(nullif(p_phone, ''), p_id_number, ''), cid);
    IF cid IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN jsonb_build_object({", ".join(parts)});
END $$;
REVOKE ALL ON FUNCTION counter_sync.walk_in(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.walk_in(text, text) TO {quote(HALL_GROUP)};
"""


# The detailed records of one line and month, for a hall that verified the subscriber: the
# check must be on the hub (the terminal sends it first), passed, by that hall, for that line.
USAGE_SQL = f"""
CREATE OR REPLACE FUNCTION counter_sync.usage_records(p_check uuid, p_account uuid, p_period text)
RETURNS TABLE (started_at text, kind text, subtype text, direction text, other_party text, location text,
               duration_s integer, volume_kb integer, fee_fen integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM subscriber_check s WHERE s.id = p_check AND s.account_id = p_account
                   AND s.result = 'passed' AND s.hall = counter_sync.current_hall()) THEN
        RAISE EXCEPTION 'no passed subscriber check % of this hall for this line', p_check
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO counter_sync.lookup_log (hall, what, query, customer_id)
    VALUES (counter_sync.current_hall(), 'usage_records', p_period || ' ' || p_check::text,
            (SELECT customer_id FROM account WHERE id = p_account));
    RETURN QUERY SELECT u.started_at::text, u.kind::text, u.subtype::text, u.direction::text, u.other_party::text,
                        u.location::text, u.duration_s, u.volume_kb, u.fee_fen
        FROM usage_record u WHERE u.account_id = p_account AND u.period = p_period ORDER BY u.started_at, u.id;
END $$;
REVOKE ALL ON FUNCTION counter_sync.usage_records(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.usage_records(uuid, uuid, text) TO {quote(HALL_GROUP)};
"""


def install(conn) -> None:
    """The look-up functions, for ``hub init`` (after the tables and row-level security)."""
    conn.execute(LOOKUP_SQL)
    admin = conn.execute("SELECT current_user").fetchone()[0]
    # The functions run as the hub's administrator, who owns the log but is held to its policy.
    conn.execute('DROP POLICY IF EXISTS hub_admin ON counter_sync.lookup_log')
    conn.execute(f'CREATE POLICY hub_admin ON counter_sync.lookup_log FOR ALL TO {quote(admin)} USING (true) '
                 f'WITH CHECK (true)')
    conn.execute(_walk_in_sql())
    conn.execute(USAGE_SQL)


class HubLookup:
    """The hub questions of one terminal (see the module docstring)."""

    def __init__(self, url: str, *, timeout_s: int = LOOKUP_TIMEOUT_S) -> None:
        self.url = url
        self.timeout_s = timeout_s

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, application_name="counter_app lookup",
                                   connect_timeout=self.timeout_s)
        except psycopg.Error as exc:
            raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None

    def lines_per_document(self, id_type: str, id_number: str) -> int:
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                return int(conn.execute("SELECT counter_sync.lines_per_document(%s, %s)",
                                        (id_type, id_number)).fetchone()[0])
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None


    def walk_in(self, *, phone: str = "", id_number: str = "") -> dict | None:
        """The hub's rows of one customer of any hall (exact phone or document number)."""
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                return conn.execute("SELECT counter_sync.walk_in(%s, %s)", (phone, id_number)).fetchone()[0]
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None

    def keep(self, data: dict, keep_days: int) -> None:
        """Store a walk-in's rows at this terminal for ``keep_days`` (see :func:`store_walk_in`)."""
        store_walk_in(data, keep_days)

    def usage_records(self, check, account_id, period: str) -> list[tuple]:
        """The detailed records of a line and month: the passed check is sent first (the same
        row the outbox sends later, a fact the hub then answers "duplicate"), then the hub
        gives the records for it."""
        from counter_app.models.base import to_payload

        payload = to_payload(check)
        columns = list(payload)
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                conn.execute(f"INSERT INTO subscriber_check ({', '.join(quote(c) for c in columns)}) "
                             f"SELECT {', '.join(quote(c) for c in columns)} FROM "
                             f"jsonb_populate_record(NULL::subscriber_check, %s::jsonb) ON CONFLICT (hall, id) DO NOTHING",
                             (json.dumps(payload, default=str),))
                rows = conn.execute("SELECT * FROM counter_sync.usage_records(%s, %s, %s)",
                                    (check.id, account_id, period)).fetchall()
            except psycopg.errors.InsufficientPrivilege:
                raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "The hub has no passed check of the subscriber "
                                                                   "from this hall: verify the subscriber again.")) from None
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None
        return [(dt.datetime.fromisoformat(r[0]), *r[1:]) for r in rows]


def store_walk_in(data: dict, keep_days: int) -> None:
    """Write a walk-in's rows into the local reference tables and remember them as a visitor
    until ``keep_days`` from now (one transaction)."""
    from counter_app.models import Visitor, db
    from counter_app.sync.pull import _upsert_sql
    from counter_app.sync.tables import REFERENCE

    now = clock.now()
    with db.atomic():
        cursor = db.cursor()
        for table in REFERENCE:
            rows = data.get(table.name)
            if rows:
                cursor.executemany(_upsert_sql(table), [tuple(r) for r in rows])
        customer_id = uuid.UUID(hex=data["customer"][0][0])
        Visitor.insert(customer_id=customer_id, fetched_at=now, keep_until=now + dt.timedelta(days=keep_days)
                       ).on_conflict(conflict_target=[Visitor.customer_id],
                                     update={Visitor.fetched_at: now,
                                             Visitor.keep_until: now + dt.timedelta(days=keep_days)}).execute()


def sweep_visitors(now: dt.datetime | None = None) -> int:
    """Forget the customers of other halls whose time here is up, with their lines, SIMs,
    subscriptions, bills and ledger. Returns how many customers went."""
    from counter_app.models import Visitor, db

    now = now or clock.now()
    gone = [v.customer_id for v in Visitor.select(Visitor.customer_id).where(Visitor.keep_until < now)]
    if not gone:
        return 0
    marks = ", ".join("?" for _ in gone)
    ids = [g.hex for g in gone]
    accounts = f"SELECT id FROM account WHERE customer_id IN ({marks})"
    with db.atomic():
        db.execute_sql(f"DELETE FROM bill_item WHERE bill_id IN (SELECT id FROM bill WHERE account_id IN ({accounts}))",
                       ids)
        for table in ("bill", "sim_card", "sp_subscription", "ledger_entry"):
            db.execute_sql(f"DELETE FROM {table} WHERE account_id IN ({accounts})", ids)
        db.execute_sql(f"DELETE FROM account WHERE customer_id IN ({marks})", ids)
        db.execute_sql(f"DELETE FROM customer WHERE id IN ({marks})", ids)
        db.execute_sql(f"DELETE FROM visitor WHERE customer_id IN ({marks})", ids)
    log.info("forgot %s customer(s) of other halls after their time at this terminal", len(gone))
    return len(gone)


def lines_over_limit(conn: psycopg.Connection, limit: int) -> list[tuple[str, str, int]]:
    """(type, number, lines) of every document holding more than ``limit`` lines (hub admin)."""
    return [(t, n, int(c)) for t, n, c in conn.execute("SELECT * FROM counter_sync.lines_over_limit(%s)", (limit,))]


def for_url(url: str) -> HubLookup | None:
    return HubLookup(url) if url else None
