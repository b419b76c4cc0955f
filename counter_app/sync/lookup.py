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
from typing import Any

import psycopg

from counter_app import clock
from counter_app.errors import HubUnavailable, PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import SubscriberCheck
from counter_app.models.rows import tuples
from counter_app.sync.hub import HALL_GROUP, describe_hub, quote, safe_message
from counter_app.sync.hub_rows import scalar

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


# A customer's rows, table by table, parents first: the condition on ``t`` for the customers
# matched by ``{m}`` (a SQL comparison with the customer's id).
_CUSTOMER_ROWS = (
    ("customer", "t.id {m}"),
    ("account", "t.customer_id {m}"),
    ("sim_card", "t.account_id IN (SELECT id FROM account WHERE customer_id {m})"),
    ("sp_subscription", "t.account_id IN (SELECT id FROM account WHERE customer_id {m})"),
    ("bill", "t.account_id IN (SELECT id FROM account WHERE customer_id {m})"),
    ("bill_item", "t.bill_id IN (SELECT b.id FROM bill b JOIN account a ON a.id = b.account_id "
                  "WHERE a.customer_id {m})"),
    ("ledger_entry", "t.account_id IN (SELECT id FROM account WHERE customer_id {m})"),
)


def _rows_json(match: str, tables: tuple[str, ...] | None = None) -> str:
    """A ``jsonb`` object: for each table, the customers' rows in the terminal's text form."""
    from counter_app.sync.tables import REFERENCE_BY_NAME

    parts = []
    for name, cond in _CUSTOMER_ROWS:
        if tables is not None and name not in tables:
            continue
        table = REFERENCE_BY_NAME[name]
        parts.append(f"'{name}', (SELECT coalesce(jsonb_agg(jsonb_build_array({table.select_sql('t')})), '[]'::jsonb) "
                     f"FROM {quote(name)} t WHERE {cond.format(m=match)})")
    return f"jsonb_build_object({', '.join(parts)})"


def _walk_in_sql() -> str:
    """``counter_sync.walk_in(phone, id_number)``: one customer, found by an exact line number
    or document number, with their lines, SIMs, subscriptions, bills and ledger, each table's
    rows in the terminal's text form; logged in ``counter_sync.lookup_log``. No browsing: a
    name finds nothing."""
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
    RETURN {_rows_json("= cid")};
END $$;
REVOKE ALL ON FUNCTION counter_sync.walk_in(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.walk_in(text, text) TO {quote(HALL_GROUP)};
"""


# What a terminal refreshes of the walk-ins it keeps: their money (docs/money.md, "Two halls,
# one account") and, since the hub applies the halls' orders to its lines on arrival
# (sync/hub_orders.py), their lines' state, plans, SIM cards and SP subscriptions.
VISITOR_MONEY = ("account", "bill", "bill_item", "ledger_entry")
VISITOR_LINE = ("sim_card", "sp_subscription")
# The columns of a kept line the refresh takes from the hub (a line opened since comes whole).
LINE_COLUMNS = ("balance_fen", "status", "plan_id", "next_plan_id", "next_plan_from")
VISITORS_FUNCTION = "counter_sync.visitor_money(uuid[])"


def _visitor_money_sql() -> str:
    """``counter_sync.visitor_money(customer_ids)``: for the customers of other halls this hall
    fetched as walk-ins within its ``visitor_keep_days`` (the hub's log says so), their lines,
    bills and ledger now. Anyone else's id is ignored: the function widens nothing a walk-in
    look-up did not already give, and is not logged again (it reads what was logged)."""
    from counter_app.services.minimise import DEFAULT_KEEP_DAYS, KEEP_DAYS_KEY

    return f"""
CREATE OR REPLACE FUNCTION counter_sync.visitor_money(p_customers uuid[]) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    me text := counter_sync.current_hall();
    keep integer;
    ids uuid[];
BEGIN
    SELECT CASE WHEN s.value::text ~ '^[0-9]+$' THEN s.value::text::integer END INTO keep
        FROM setting s WHERE s.hall = me AND s.key = '{KEEP_DAYS_KEY}';
    SELECT array_agg(DISTINCT l.customer_id) INTO ids FROM counter_sync.lookup_log l
        WHERE l.hall = me AND l.what = 'walk_in' AND l.customer_id = ANY(p_customers)
          AND l.at > now() - make_interval(days => greatest(1, coalesce(keep, {DEFAULT_KEEP_DAYS})));
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN {_rows_json("= ANY(ids)", VISITOR_MONEY + VISITOR_LINE)};
END $$;
REVOKE ALL ON FUNCTION {VISITORS_FUNCTION} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {VISITORS_FUNCTION} TO {quote(HALL_GROUP)};
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


def install(conn: psycopg.Connection[Any]) -> None:
    """The look-up functions, for ``hub init`` (after the tables and row-level security)."""
    conn.execute(LOOKUP_SQL)
    admin = scalar(conn.execute("SELECT current_user"))
    # The functions run as the hub's administrator, who owns the log but is held to its policy.
    conn.execute('DROP POLICY IF EXISTS hub_admin ON counter_sync.lookup_log')
    conn.execute(f'CREATE POLICY hub_admin ON counter_sync.lookup_log FOR ALL TO {quote(admin)} USING (true) '
                 f'WITH CHECK (true)')
    conn.execute(_walk_in_sql())
    conn.execute(_visitor_money_sql())
    conn.execute(USAGE_SQL)


class HubLookup:
    """The hub questions of one terminal (see the module docstring)."""

    def __init__(self, url: str, *, timeout_s: int = LOOKUP_TIMEOUT_S) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self._hall_days: dict[tuple[Any, ...], tuple[dt.datetime, Any]] = {}

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
                return int(scalar(conn.execute("SELECT counter_sync.lines_per_document(%s, %s)",
                                        (id_type, id_number))))
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None


    def walk_in(self, *, phone: str = "", id_number: str = "") -> dict[str, Any] | None:
        """The hub's rows of one customer of any hall (exact phone or document number)."""
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                found: dict[str, Any] | None = scalar(conn.execute("SELECT counter_sync.walk_in(%s, %s)",
                                                                    (phone, id_number)))
                return found
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None

    def keep(self, data: dict[str, Any], keep_days: int) -> None:
        """Store a walk-in's rows at this terminal for ``keep_days`` (see :func:`store_walk_in`)."""
        store_walk_in(data, keep_days)

    def hold_sp_charges(self, bill_item_ids: list[int], key: str) -> list[int]:
        """Hold SP charges for the refund ``key`` (``sync/hub_claims.py``); returns those
        refunded already, or held for another refund, anywhere in the province."""
        from counter_app.sync.hub_claims import hold

        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                return hold(conn, bill_item_ids, key)
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None

    def hall_day(self, hall: str, day: dt.date, *, ids: list[str] | None = None,
                 handover_ids: list[str] | None = None, max_age_s: float = 0) -> Any:
        """The hall's rows of ``day`` on the hub, for the day close (``sync/hub_day.py``).

        ``max_age_s``: an answer to the same question read at most that long ago (app clock)
        is given again instead of asking the hub (a glance re-read on a timer); the close and
        the settlement ask with 0, always afresh. A failed read is never kept."""
        from counter_app.sync.hub_day import hall_day

        key = (hall, day, None if ids is None else tuple(ids), None if handover_ids is None else tuple(handover_ids))
        kept = self._hall_days.get(key)
        if kept is not None and max_age_s > 0 and dt.timedelta(0) <= clock.now() - kept[0] <= dt.timedelta(
                seconds=max_age_s):
            return kept[1]
        asked = clock.now()
        self._hall_days = {}  # one question at a time is asked again: keep its newest answer only
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 5000}")
                found = hall_day(conn, hall, day, ids=ids, handover_ids=handover_ids)
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None
        self._hall_days = {key: (asked, found)}
        return found

    def usage_records(self, check: SubscriberCheck, account_id: uuid.UUID | str, period: str) -> list[tuple[Any, ...]]:
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


def store_walk_in(data: dict[str, Any], keep_days: int) -> None:
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


# The same customers' rows at a terminal (SQLite), table by table: the condition on ``t`` for
# the customers whose ids (32 hex digits) fill ``{m}``.
_LOCAL_ROWS = {
    "customer": "t.id IN ({m})",
    "account": "t.customer_id IN ({m})",
    "bill": "t.account_id IN (SELECT id FROM account WHERE customer_id IN ({m}))",
    "bill_item": "t.bill_id IN (SELECT b.id FROM bill b JOIN account a ON a.id = b.account_id "
                 "WHERE a.customer_id IN ({m}))",
    "ledger_entry": "t.account_id IN (SELECT id FROM account WHERE customer_id IN ({m}))",
    "sim_card": "t.account_id IN (SELECT id FROM account WHERE customer_id IN ({m}))",
}


def local_rows(table_name: str, customer_ids: list[str]) -> list[tuple[Any, ...]]:
    """This terminal's rows of ``table_name`` belonging to these customers (hex ids)."""
    from counter_app.models import db
    from counter_app.sync.tables import REFERENCE_BY_NAME

    table = REFERENCE_BY_NAME[table_name]
    cols = ", ".join(f"t.{quote(c)}" for c in table.columns)
    cond = _LOCAL_ROWS[table_name].format(m=", ".join("?" for _ in customer_ids))
    return list(db.execute_sql(f"SELECT {cols} FROM {quote(table.name)} t WHERE {cond}", customer_ids).fetchall())


def hub_visitor_money(conn: psycopg.Connection[Any], customer_ids: list[str]) -> dict[str, Any] | None:
    """The hub's money rows of these walk-ins (``counter_sync.visitor_money``), or None when
    the hub gives none (nobody looked up lately, or a hub set up before the function)."""
    if not customer_ids:
        return None
    with conn.transaction():
        if scalar(conn.execute("SELECT to_regprocedure(%s) IS NULL", (VISITORS_FUNCTION,))):
            return None
        money: dict[str, Any] | None = scalar(conn.execute("SELECT counter_sync.visitor_money(%s::uuid[])",
                                                           (customer_ids,)))
        return money


def visitor_ids() -> list[str]:
    from counter_app.models import Visitor

    return [c.hex for (c,) in tuples(Visitor.select(Visitor.customer_id).order_by(Visitor.customer_id))]


def refresh_visitors(conn: psycopg.Connection) -> int:
    """Bring the walk-ins this terminal keeps up to the hub (part of each sync run, after the
    push and the pull): their ledger entries, bills and bill items, each line's cached balance,
    state and plans, its SIM cards and SP subscriptions, in one local transaction. Payments
    taken for them anywhere, here included, then show as the hub posted them; 停机, 挂失, a
    new SIM, a plan change, an SP order... done on the line anywhere show as the hub applied
    them (the orders this terminal made went up in the push before: sync/hub_orders.py).
    Returns how many customers were refreshed."""
    from counter_app.models import db
    from counter_app.sync.pull import _upsert_sql
    from counter_app.sync.tables import REFERENCE_BY_NAME

    data = hub_visitor_money(conn, visitor_ids())
    if not data:
        return 0
    account = REFERENCE_BY_NAME["account"]
    at_id = account.columns.index("id")
    lines = [tuple(r) for r in data.get("account") or []]
    with db.atomic():
        cursor = db.cursor()
        # A line opened since the fetch comes whole; a line kept here gets its balance, state and plans.
        cols = ", ".join(quote(c) for c in account.columns)
        cursor.executemany(f"INSERT INTO account ({cols}) VALUES ({', '.join('?' for _ in account.columns)}) "
                           f"ON CONFLICT (id) DO NOTHING", lines)
        at = [account.columns.index(c) for c in LINE_COLUMNS]
        cursor.executemany(f"UPDATE account SET {', '.join(f'{quote(c)} = ?' for c in LINE_COLUMNS)} WHERE id = ?",
                           [(*(r[i] for i in at), r[at_id]) for r in lines])
        for name in ("bill", "bill_item", "ledger_entry", *VISITOR_LINE):
            rows = data.get(name) or []
            if rows:
                cursor.executemany(_upsert_sql(REFERENCE_BY_NAME[name]), [tuple(r) for r in rows])
        for name in VISITOR_LINE:  # cards and subscriptions the hub no longer has (a voided order)
            if name not in data:
                continue  # a hub set up before it sends these
            table = REFERENCE_BY_NAME[name]
            keep = [r[table.columns.index("id")] for r in data[name] or []]
            cursor.execute(f"DELETE FROM {quote(name)} WHERE account_id IN (SELECT value FROM json_each(?)) "
                           f"AND id NOT IN (SELECT value FROM json_each(?))",
                           (json.dumps([r[at_id] for r in lines]), json.dumps(keep)))
    return len({r[account.columns.index("customer_id")] for r in lines})


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
