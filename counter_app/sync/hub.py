"""The central PostgreSQL hub: connecting without leaking the password, its sync schema and
row-level security. One login role per hall: ``sync/hub_halls.py``; pruning the change log and
the op ledger: ``sync/hub_prune.py``.

Hub layout (``install_hub``):

* the same tables as a terminal (created from the models), in ``public``;
* ``counter_sync.change``: one row per reference row, ``(tbl, key)`` → the transaction id
  (``xid8``) and a sequence number of its latest change, plus a tombstone flag. Statement
  triggers with transition tables keep it current, so bulk loads stay set-based;
* ``counter_sync.pruned``: one row, the newest ``(txid, seq)`` of the tombstones that
  ``hub_prune.prune_tombstones`` removed; a terminal that had not pulled that far reloads in full;
* ``counter_sync.op``: the ledger of the edit operations the hub accepted, keyed by the hall
  and the operation's UUID: a resent edit is recognised, never applied twice (a fact is
  recognised by its own row's UUID);
* every unique key of a hall's table leads with the hall, and business numbers must carry
  the row's own hall code (``sync/hub_keys.py``), so no hall can squat another's numbers;
* ``counter_sync.apply_setup_change``: applies a hall's pushed setup change (staff,
  counters, opening hours, hall settings) to the hub's reference row, checking the row is
  the hall's own;
* ``counter_sync.post_payment``: turns each payment a hall pushes into the account's ledger
  entry and moves its cached balance, once (``sync/hub_ledger.py``);
* ``counter_sync.hall_role``: login role → hall, read by ``counter_sync.current_hall()``
  (``SECURITY DEFINER``, keyed by ``session_user`` so a session cannot claim another hall).

Security: every table has FORCE ROW LEVEL SECURITY. Hall roles are members of the group role
``counter_hall`` that holds the grants; they own nothing and have no BYPASSRLS. A hall reads
shared reference data, its own staff, counters and settings, and reads and writes only rows
whose ``hall`` is its own. Tables that stay on terminals (counter state, sequences, outbox)
are not granted at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

import psycopg

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.logging_setup import redact
from counter_app.sync.hub_keys import install_hall_keys
from counter_app.sync.hub_ledger import CATCH_UP_SQL, LEDGER_SQL
from counter_app.sync.hub_rows import scalar
from counter_app.sync.tables import REFERENCE, RefTable, local_only_models, quote, synced_models

log = logging.getLogger(__name__)

HALL_GROUP = "counter_hall"
CONNECT_TIMEOUT_S = 10


class HubError(UserError):
    """The hub could not be reached or refused the work; the message never holds a password."""


def url_password(url: str) -> str:
    try:
        parsed = urlparse(url)
    except ValueError:
        return ""
    return unquote(parsed.password) if parsed.password else ""


def safe_message(exc: BaseException | str, url: str = "") -> str:
    """An error's text fit for logs and screens: URL passwords and the hub password removed."""
    text = redact(str(exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    password = url_password(url)
    if password:
        text = text.replace(password, "***")
    return text


def describe_hub(url: str) -> str:
    """host:port/db of a hub URL, for screens and logs."""
    try:
        parsed = urlparse(url)
        return f"{parsed.hostname or 'localhost'}:{parsed.port or 5432}{parsed.path or ''}"
    except ValueError:
        return "?"


def connection_params(url: str) -> dict[str, Any]:
    """The URL as libpq keywords: user, password, host, port, dbname and every query parameter
    (sslmode, sslrootcert, ...). The password is taken up to the *last* "@", as Python reads a
    URL; libpq stops at the first one, and would take the rest of a password holding "@" for
    the host name, and print it in its error message."""
    parsed = urlparse(url)
    params: dict[str, Any] = {}
    if parsed.username:
        params["user"] = unquote(parsed.username)
    if parsed.password is not None:
        params["password"] = unquote(parsed.password)
    if parsed.hostname:
        params["host"] = parsed.hostname
    if parsed.port:
        params["port"] = parsed.port
    if parsed.path.strip("/"):
        params["dbname"] = unquote(parsed.path.lstrip("/"))
    params.update(parse_qsl(parsed.query, keep_blank_values=True))  # as libpq: the query string wins
    return params


def require_hub(url: str) -> str:
    """``url``, or a HubError that says no hub is configured and how to name one."""
    if not (url or "").strip():
        raise HubError(QT_TRANSLATE_NOOP("Errors", "No hub is configured for this terminal: give --hub URL (with "
                                                   "--save to keep it), set COUNTER_APP_HUB, or set \"hub\" in "
                                                   "the terminal config."))
    return url


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    """Open a connection; query parameters (sslmode, sslrootcert, ...) go to libpq as given."""
    require_hub(url)
    if not url.startswith(("postgresql://", "postgres://")):
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub address must be a postgresql:// URL."))
    try:
        params = connection_params(url)
    except ValueError:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub address must be a postgresql:// URL.")) from None
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    try:
        return psycopg.connect(autocommit=autocommit, application_name="counter_app", **params)
    except psycopg.Error as exc:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub {hub} cannot be reached: {reason}"),
                       hub=describe_hub(url), reason=safe_message(exc, url)) from None


@contextmanager
def hub_errors(url: str) -> Iterator[None]:
    """Turn driver errors inside the block into a HubError with a password-free message."""
    try:
        yield
    except psycopg.OperationalError as exc:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The connection to the hub {hub} was lost: {reason}"),
                       hub=describe_hub(url), reason=safe_message(exc, url)) from None
    except psycopg.Error as exc:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub {hub} refused the request: {reason}"),
                       hub=describe_hub(url), reason=safe_message(exc, url)) from None


# --- schema -----------------------------------------------------------------------------

SYNC_SCHEMA = """
CREATE SCHEMA IF NOT EXISTS counter_sync;
CREATE SEQUENCE IF NOT EXISTS counter_sync.change_seq;
CREATE TABLE IF NOT EXISTS counter_sync.change (
    tbl text NOT NULL,
    key text NOT NULL,
    hall text NOT NULL DEFAULT '',
    deleted boolean NOT NULL DEFAULT false,
    txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    seq bigint NOT NULL DEFAULT nextval('counter_sync.change_seq'),
    PRIMARY KEY (tbl, key)
);
CREATE INDEX IF NOT EXISTS change_order ON counter_sync.change (txid, seq);
-- A hall's pull reads the changes after its watermark that its row policy lets it see
-- (hall '' or its own); this index lets the hub read only those, not every hall's changes
-- since (docs/scale.md: a quiet hall's pull under a million other halls' changes, 1.6 s → 6 ms).
CREATE INDEX IF NOT EXISTS change_by_hall ON counter_sync.change (hall, txid, seq);
ALTER TABLE counter_sync.change ADD COLUMN IF NOT EXISTS changed_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX IF NOT EXISTS change_tombstones ON counter_sync.change (changed_at) WHERE deleted;
CREATE TABLE IF NOT EXISTS counter_sync.pruned (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    txid xid8 NOT NULL,
    seq bigint NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS counter_sync.op (
    op_id uuid PRIMARY KEY,
    hall text NOT NULL,
    terminal text NOT NULL DEFAULT '',
    tbl text NOT NULL,
    row_id uuid NOT NULL,
    hlc text NOT NULL DEFAULT '',
    result text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS counter_sync.hall_role (
    role name PRIMARY KEY,
    hall text NOT NULL
);
CREATE OR REPLACE FUNCTION counter_sync.current_hall() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, counter_sync
    AS $$ SELECT hall FROM counter_sync.hall_role WHERE role = session_user $$;
"""

_UPSERT_CHANGE = """
    ON CONFLICT (tbl, key) DO UPDATE SET hall = EXCLUDED.hall, deleted = EXCLUDED.deleted,
        txid = pg_current_xact_id(), seq = nextval('counter_sync.change_seq'), changed_at = now()"""


# A hall's setup change (models/setup_change.py), pushed as a fact, applied to the hub's own
# reference row by a trigger, so the change log carries it to every terminal of the hall.
# SECURITY DEFINER: hall logins may insert their own setup_change rows but not write
# reference tables; the function checks that the row it writes is the hall's own.
SETUP_CHANGE_SQL = """
CREATE OR REPLACE FUNCTION counter_sync.apply_setup_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v jsonb := NEW.data::jsonb;
    owner text;
    target_role text;
    actor_role text;
    known record;
BEGIN
    IF NEW.target = 'staff' THEN
        SELECT hall_id, role INTO owner, target_role FROM staff WHERE staff_no = NEW.key;
        IF owner IS NOT NULL AND owner <> NEW.hall THEN
            RAISE EXCEPTION 'staff number % belongs to another hall', NEW.key USING ERRCODE = 'check_violation';
        END IF;
        IF v ? 'role' AND v->>'role' NOT IN ('clerk', 'manager') THEN
            RAISE EXCEPTION 'a hall may not give the role %; administrators are made on the hub', v->>'role'
                USING ERRCODE = 'check_violation';
        END IF;
        -- The staff ladder, as the terminal's services apply it: the change names who made it
        -- ("by"), an active manager or administrator of this hall; a manager changes clerks only.
        SELECT role INTO actor_role FROM staff WHERE staff_no = v->>'by' AND hall_id = NEW.hall AND active;
        IF actor_role IS NULL OR actor_role NOT IN ('manager', 'admin') THEN
            RAISE EXCEPTION 'a change of staff % must be made by a manager or an administrator of the hall (by %)',
                NEW.key, coalesce(v->>'by', 'nobody') USING ERRCODE = 'check_violation';
        END IF;
        IF actor_role <> 'admin' AND (coalesce(target_role, 'clerk') <> 'clerk' OR coalesce(v->>'role', 'clerk') <> 'clerk')
        THEN
            RAISE EXCEPTION 'only an administrator may change a manager or an administrator (staff %, by %)',
                NEW.key, v->>'by' USING ERRCODE = 'check_violation';
        END IF;
        IF owner IS NULL THEN
            INSERT INTO staff (staff_no, hall_id, name, role, specialties, password_hash, failed_attempts,
                               active, may_reverse)
            VALUES (NEW.key, NEW.hall, v->>'name', coalesce(v->>'role', 'clerk'), coalesce(v->>'specialties', '[]'),
                    v->>'password_hash', 0, coalesce((v->>'active')::boolean, true), false);
        ELSE
            UPDATE staff SET name = coalesce(v->>'name', name), role = coalesce(v->>'role', role),
                specialties = coalesce(v->>'specialties', specialties),
                password_hash = coalesce(v->>'password_hash', password_hash),
                active = coalesce((v->>'active')::boolean, active)
            WHERE staff_no = NEW.key;
        END IF;
    ELSIF NEW.target = 'counter' THEN
        IF v ? 'categories' AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text((v->>'categories')::jsonb) AS served(code)
                WHERE served.code NOT IN (SELECT code FROM queue_category)) THEN
            RAISE EXCEPTION 'counter % would serve an unknown queue category: %', NEW.key, v->>'categories'
                USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO counter AS c (hall_id, number, name, categories, active)
        VALUES (NEW.hall, NEW.key::int, coalesce(v->>'name', NEW.key || '号窗口'), coalesce(v->>'categories', '[]'),
                coalesce((v->>'active')::boolean, true))
        ON CONFLICT (hall_id, number) DO UPDATE SET name = coalesce(v->>'name', c.name),
            categories = coalesce(v->>'categories', c.categories), active = coalesce((v->>'active')::boolean, c.active);
    ELSIF NEW.target = 'hall' THEN
        UPDATE hall SET opens = coalesce(v->>'opens', opens), closes = coalesce(v->>'closes', closes)
        WHERE code = NEW.hall;
    ELSIF NEW.target = 'signing_key' THEN
        -- A public key of the hall's document signing (services/signing.py): registered once
        -- under its id (the first 8 hex digits of its SHA-256); afterwards only its validity
        -- may end, never be extended, reopened or moved to another key.
        IF coalesce(v->>'public_key', '') !~ '^[0-9a-f]{64}$'
           OR left(encode(sha256(decode(v->>'public_key', 'hex')), 'hex'), 8) <> NEW.key
           OR v->>'valid_from' IS NULL THEN
            RAISE EXCEPTION 'signing key % of hall % is malformed', NEW.key, NEW.hall USING ERRCODE = 'check_violation';
        END IF;
        SELECT * INTO known FROM hall_key WHERE hall = NEW.hall AND key_id = NEW.key;
        IF NOT FOUND THEN
            INSERT INTO hall_key (hall, key_id, public_key, valid_from, valid_until, terminal)
            VALUES (NEW.hall, NEW.key, v->>'public_key', (v->>'valid_from')::date, (v->>'valid_until')::date,
                    coalesce(v->>'terminal', ''));
        ELSIF known.public_key <> v->>'public_key' OR known.valid_from <> (v->>'valid_from')::date THEN
            RAISE EXCEPTION 'signing key % of hall % is registered already', NEW.key, NEW.hall
                USING ERRCODE = 'check_violation';
        ELSIF v->>'valid_until' IS NOT NULL
              AND (known.valid_until IS NULL OR (v->>'valid_until')::date < known.valid_until) THEN
            UPDATE hall_key SET valid_until = (v->>'valid_until')::date WHERE hall = NEW.hall AND key_id = NEW.key;
        END IF;
    ELSIF NEW.target = 'setting' THEN
        INSERT INTO setting AS s (hall, key, value) VALUES (NEW.hall, NEW.key, v->>'value')
        ON CONFLICT (hall, key) DO UPDATE SET value = EXCLUDED.value;
    ELSE
        RAISE EXCEPTION 'unknown setup target %', NEW.target USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS counter_sync_apply ON setup_change;
CREATE TRIGGER counter_sync_apply AFTER INSERT ON setup_change
    FOR EACH ROW EXECUTE FUNCTION counter_sync.apply_setup_change();
"""


def _trigger_sql(table: RefTable) -> list[str]:
    """Change-log triggers for one reference table (statement level, transition tables)."""
    name = table.name
    q = quote(name)

    def where(alias: str) -> str:
        return f" WHERE {table.hub_filter.replace('hall', f'{alias}.hall')}" if table.hub_filter else ""

    def upsert(alias: str, source: str, deleted: str, extra: str = "") -> str:
        cond = where(alias)
        if extra:
            cond = (cond + " AND " if cond else " WHERE ") + extra
        # A deleted customer row's tombstone names only its key: every hall may see it (its
        # parent may be gone already, and a pruned tombstone a hall could not see would send
        # that hall into a full reload; see sync/pull.py).
        hall = "''" if table.owner and deleted == "true" else table.hall_sql(alias)
        return (f"INSERT INTO counter_sync.change AS c (tbl, key, hall, deleted) "
                f"SELECT '{name}', {table.key_sql(alias)}, {hall}, {deleted} "
                f"FROM {source} {alias}{cond}{_UPSERT_CHANGE};")

    gone = upsert("o", "old_rows", "true",
                  f"{table.key_sql('o')} NOT IN (SELECT {table.key_sql('n')} FROM new_rows n)")
    bodies = {
        "ins": upsert("n", "new_rows", "false"),
        "upd": gone + "\n" + upsert("n", "new_rows", "false"),
        "del": upsert("o", "old_rows", "true"),
    }
    refs = {"ins": "NEW TABLE AS new_rows", "upd": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "del": "OLD TABLE AS old_rows"}
    events = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}
    out = []
    for tag, body in bodies.items():
        func = f"counter_sync.{quote('log_' + name + '_' + tag)}"
        trig = quote(f"counter_sync_{tag}")
        out.append(f"CREATE OR REPLACE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                   f"BEGIN\n{body}\nRETURN NULL;\nEND $$;")
        out.append(f"DROP TRIGGER IF EXISTS {trig} ON {q};")
        out.append(f"CREATE TRIGGER {trig} AFTER {events[tag]} ON {q} REFERENCING {refs[tag]} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {func}();")
    return out


def _policy(table_sql: str, name: str, command: str, using: str, check: str | None = None,
            to: str = HALL_GROUP) -> list[str]:
    stmt = f"CREATE POLICY {quote(name)} ON {table_sql} FOR {command} TO {quote(to)} USING ({using})"
    if check is not None:
        stmt += f" WITH CHECK ({check})"
    return [f"DROP POLICY IF EXISTS {quote(name)} ON {table_sql};", stmt + ";"]


def _security_sql(admin: str) -> list[str]:
    me = "(SELECT counter_sync.current_hall())"
    out = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{HALL_GROUP}') THEN "
        f"CREATE ROLE {quote(HALL_GROUP)} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; "
        f"END IF; END $$;",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA public, counter_sync TO {quote(HALL_GROUP)};",
        f"REVOKE ALL ON counter_sync.hall_role FROM PUBLIC, {quote(HALL_GROUP)};",
    ]

    def secure(table_sql: str) -> None:
        out.append(f"ALTER TABLE {table_sql} ENABLE ROW LEVEL SECURITY;")
        out.append(f"ALTER TABLE {table_sql} FORCE ROW LEVEL SECURITY;")
        out.append(f"REVOKE ALL ON {table_sql} FROM PUBLIC, {quote(HALL_GROUP)};")
        # The hub's own administrator (the role running ``hub init``) keeps full access even
        # when it is not a superuser and owns the table.
        out.extend(_policy(table_sql, "hub_admin", "ALL", "true", "true", to=admin))

    for name in synced_models():
        t = quote(name)
        secure(t)
        out.append(f"GRANT SELECT, INSERT, UPDATE ON {t} TO {quote(HALL_GROUP)};")
        out.extend(_policy(t, "own_hall", "ALL", f"hall = {me}", f"hall = {me}"))
    for table in REFERENCE:
        t = quote(table.name)
        secure(t)
        out.append(f"GRANT SELECT ON {t} TO {quote(HALL_GROUP)};")
        if table.owner:
            using = f"{table.hall_sql(t)} = {me}"
        else:
            using = f"{quote(table.hall_column)} = {me}" if table.hall_column else "true"
        out.extend(_policy(t, "hall_read", "SELECT", using))
    for model in local_only_models():
        secure(quote(model._meta.table_name))
    secure("counter_sync.change")
    out.append(f"GRANT SELECT ON counter_sync.change TO {quote(HALL_GROUP)};")
    out.extend(_policy("counter_sync.change", "hall_read", "SELECT", f"hall = '' OR hall = {me}"))
    secure("counter_sync.pruned")
    out.append(f"GRANT SELECT ON counter_sync.pruned TO {quote(HALL_GROUP)};")
    out.extend(_policy("counter_sync.pruned", "hall_read", "SELECT", "true"))
    secure("counter_sync.op")
    out.append(f"GRANT SELECT, INSERT ON counter_sync.op TO {quote(HALL_GROUP)};")
    out.extend(_policy("counter_sync.op", "own_hall", "ALL", f"hall = {me}", f"hall = {me}"))
    out.append(f"GRANT USAGE ON SEQUENCE counter_sync.change_seq TO {quote(HALL_GROUP)};")
    return out


def _create_model_tables(url: str) -> None:
    from counter_app.db import make_database, migrate_database
    from counter_app.models import ALL_MODELS

    database = make_database(url)
    try:
        database.connect()
    except Exception as exc:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub {hub} cannot be reached: {reason}"),
                       hub=describe_hub(url), reason=safe_message(exc, url)) from None
    try:
        with database.bind_ctx(ALL_MODELS):
            migrate_database(database)
    finally:
        database.close()


def _install_hall_rules(conn: psycopg.Connection[Any], admin: str) -> None:
    """The hub's rules over what a hall sends: its orders' effects, SP refunds claimed once,
    the terminals' reports for the day close, the audit chain, recovery, the walk-in look-up
    and whose lines a hall may change (last: it reads the walk-in log)."""
    from counter_app.sync import hub_orders

    hub_orders.install(conn, admin, HALL_GROUP, "(SELECT counter_sync.current_hall())")
    from counter_app.sync import hub_claims

    hub_claims.install(conn)  # an SP charge refunded once in the province
    from counter_app.sync import hub_day

    hub_day.install(conn)  # terminal reports for a multi-PC hall's day close
    from counter_app.sync.audit_hub import audit_chain_sql

    for stmt in audit_chain_sql(admin, HALL_GROUP, "(SELECT counter_sync.current_hall())"):
        conn.execute(stmt)
    from counter_app.sync.recover import recovery_indexes_sql

    for stmt in recovery_indexes_sql():
        conn.execute(stmt)
    from counter_app.sync import lookup

    lookup.install(conn)
    from counter_app.sync.hub_served import SERVED_SQL

    conn.execute(SERVED_SQL)  # whose lines a hall may change (after the walk-in log it reads)
    from counter_app.sync import hub_held

    hub_held.install_rules(conn, HALL_GROUP)  # money held, not credited (after the rules it calls)


def install_hub(url: str) -> dict[str, int]:
    """Create or update everything the hub needs; idempotent. Returns what was set up."""
    _create_model_tables(url)
    with connect(url) as conn, hub_errors(url):
        admin = scalar(conn.execute("SELECT current_user"))
        conn.execute(SYNC_SCHEMA)
        for table in REFERENCE:
            for stmt in _trigger_sql(table):
                conn.execute(stmt)
        for stmt in _security_sql(admin):
            conn.execute(stmt)
        conn.execute(SETUP_CHANGE_SQL)
        keys = install_hall_keys(conn)
        from counter_app.sync import hub_held

        hub_held.install(conn, admin, HALL_GROUP, "(SELECT counter_sync.current_hall())")  # read by the ledger
        conn.execute(LEDGER_SQL)
        conn.execute(CATCH_UP_SQL)
        _install_hall_rules(conn, admin)
        # Plan changes and SP orders that reached the hub before its order trigger: decided now,
        # once, by the trigger's own rules (sync/hub_orders.py), not left for the next bill run.
        caught_up = scalar(conn.execute("SELECT counter_sync.oe_catch_up()"))
        from counter_app.sync.hub_keys import unify_hall_types

        unify_hall_types(conn)
        # Rows that existed before the triggers (a hub seeded first, set up second).
        backfilled = 0
        for table in REFERENCE:
            cond = f" WHERE {table.hub_filter.replace('hall', 't.hall')}" if table.hub_filter else ""
            cur = conn.execute(
                f"INSERT INTO counter_sync.change (tbl, key, hall) SELECT '{table.name}', "
                f"{table.key_sql('t')}, {table.hall_sql('t')} FROM {quote(table.name)} t{cond} "
                f"ON CONFLICT (tbl, key) DO NOTHING")
            backfilled += max(cur.rowcount, 0)
        for table in REFERENCE:  # change rows logged before their table had an owner
            if table.owner:
                conn.execute(f"UPDATE counter_sync.change c SET hall = {table.hall_sql('t')} FROM {quote(table.name)} t "
                             f"WHERE c.tbl = '{table.name}' AND NOT c.deleted AND c.key = {table.key_sql('t')} "
                             f"AND c.hall IS DISTINCT FROM {table.hall_sql('t')}")
        halls = scalar(conn.execute("SELECT count(*) FROM counter_sync.hall_role"))
    log.info("hub %s ready: %s reference tables, %s change rows backfilled", describe_hub(url),
             len(REFERENCE), backfilled)
    return {"reference_tables": len(REFERENCE), "pushed_tables": len(synced_models()),
            "backfilled": backfilled, "halls": halls, "orders_decided_late": caught_up, **keys}
