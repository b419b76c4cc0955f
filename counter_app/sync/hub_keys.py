"""Each hall owns its keys on the hub: every unique key of a hall's table leads with the hall.

The tables come from the models, whose keys suit one terminal (``receipt_no`` unique, ``id``
the primary key). On the hub, a key shared by every hall is a weapon: a hall's login could
insert a row of its own carrying another hall's next receipt number (they are printed on every
receipt and counted up by one), or the id of a ticket it read off another hall's printed QR,
and that hall's own row would then be refused (a number) or taken for a resend and dropped (an
id) for ever. ``hub init`` therefore rewrites, on the hub only, every primary key and unique
index of every hall's table so that it leads with the hall (``(hall, id)``,
``(hall, receipt_no)``, ...), and adds a check that a business number carries its own row's
hall code. Row-level security already keeps a hall to rows of its own hall, so no hall can
take another's key any more. It runs on every ``hub init``: a hub set up before is migrated
in place (its rows stay), and a table or index a later version adds is re-keyed the same way.

Hall-first keys are also what a PostgreSQL distributed by hall (Citus) requires: the
distribution column in every unique key. The tables that stay keyed as they are belong to the
province, not to a hall (:data:`SHARED`); a distributed hub keeps them as reference tables.

The terminals keep their own keys: a terminal holds one hall's rows only.
"""

from __future__ import annotations

import logging

import psycopg

from counter_app.sync.hub_rows import scalar
from counter_app.sync.tables import REFERENCE, local_only_models, quote, synced_models

log = logging.getLogger(__name__)

# Business numbers (``services/numbering.py``): letter, hall code, business date (8 digits),
# the terminal's short id (4) and a daily sequence (5).
NUMBERED = {"payment": "receipt_no", "service_order": "order_no", "complaint": "complaint_no",
            "invoice_request": "request_no"}
NUMBER_TAIL = 8 + 4 + 5

# Tables with a hall column whose keys stay the province's, each with its reason.
SHARED = {
    # One person, one staff number, whatever hall they work at (terminals match staff rows
    # by number alone); ``hall_id`` says where they work now.
    "staff": "staff numbers are the province's",
    # A customer, their document number and VIP number are the province's; ``hall`` is the
    # hall the customer belongs to (data minimisation), not who owns the key.
    "customer": "customers are the province's",
    # The ledger is the account's; ``hall`` names the hall that took the money. Written by the
    # hub's own triggers and bill run only, never by a hall's login.
    "ledger_entry": "the ledger is the account's, written by the hub only",
    # The change log of reference data: ``hall`` is who may see a change, the key is the row's.
    "counter_sync.change": "the change log is keyed by the reference row it logs",
    # Login role → hall: a role name is the database server's, one role one hall. Only the
    # hub's administrator writes it.
    "counter_sync.hall_role": "a login role is the server's",
}

# Which column names the hall in the hub's own tables (``counter_sync``), beside the models.
_HUB_OWN = {"counter_sync.op": "hall", "counter_sync.audit_head": "hall", "counter_sync.lookup_log": "hall",
            "counter_sync.terminal_report": "hall",  # each PC's last report, for its hall's day close
            # money the hub holds for a hall, and how it was settled (sync/hub_held.py)
            "counter_sync.held_payment": "hall", "counter_sync.held_settlement": "hall",
            # every hall reads every hall's public keys, but each key is its own hall's
            "hall_key": "hall"}

_UNIQUE_KEYS = """
SELECT i.indexrelid::regclass::text, i.indisprimary, c.conname,
       array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord),
       i.indpred IS NOT NULL OR 0 = ANY (i.indkey::int2[])
FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u')
WHERE i.indrelid = %s::regclass AND i.indisunique
"""


def hall_tables() -> dict[str, str]:
    """Every hub table that belongs to halls, with its hall column."""
    tables = {name: "hall" for name in synced_models()}
    for ref in REFERENCE:
        if ref.hall_column and ref.name not in SHARED:
            tables[ref.name] = ref.hall_column
    for model in local_only_models():
        if "hall" in model._meta.fields and model._meta.table_name not in SHARED:
            tables[model._meta.table_name] = model._meta.fields["hall"].column_name
    tables.update(_HUB_OWN)
    return tables


def unique_keys(conn: psycopg.Connection, table: str) -> list[tuple[str, bool, str | None, list[str], bool]]:
    """(index, is primary, constraint name, columns, partial or on an expression) of each
    unique index of ``table``; none when the table does not exist."""
    qualified = table if "." in table else quote(table)
    if scalar(conn.execute("SELECT to_regclass(%s)", (qualified,))) is None:
        return []
    return [tuple(row) for row in conn.execute(_UNIQUE_KEYS, (qualified,)).fetchall()]


def _rekey(conn: psycopg.Connection, table: str, hall: str) -> int:
    """Make every unique key of ``table`` lead with ``hall``; returns how many were changed."""
    qualified = table if "." in table else quote(table)
    changed = 0
    for index, primary, constraint, columns, partial in unique_keys(conn, table):
        if partial or (columns and columns[0] == hall):
            continue
        keyed = ", ".join(quote(c) for c in [hall, *[c for c in columns if c != hall]])
        if primary:
            name = quote(constraint or index)  # a primary key's index bears its constraint's name
            conn.execute(f"ALTER TABLE {qualified} DROP CONSTRAINT {name}")
            conn.execute(f"ALTER TABLE {qualified} ADD CONSTRAINT {name} PRIMARY KEY ({keyed})")
        else:
            if constraint:
                conn.execute(f"ALTER TABLE {qualified} DROP CONSTRAINT {quote(constraint)}")
            else:
                conn.execute(f"DROP INDEX {index}")
            # Same name: peewee's "CREATE INDEX IF NOT EXISTS" of a later start finds it.
            name = index.split(".")[-1].strip('"')
            conn.execute(f"CREATE UNIQUE INDEX {quote(name)} ON {qualified} ({keyed})")
        changed += 1
        log.info("hub key of %s now leads with the hall: (%s)", table, keyed)
    return changed


def number_check_name(table: str, column: str) -> str:
    return f"{table}_{column}_of_its_hall"


def _number_check(conn: psycopg.Connection, table: str, column: str) -> int:
    if scalar(conn.execute("SELECT to_regclass(%s)", (quote(table),))) is None:
        return 0
    name = number_check_name(table, column)
    exists = conn.execute("SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                          (name, quote(table))).fetchone()
    if exists:
        return 0
    c = quote(column)
    # The hall code right after the letter, then the 8 digits of the business date, and the
    # exact length: a hall whose code is a prefix of another's cannot write the other's numbers.
    # NOT VALID: rows already on the hub are left alone; every new row is checked.
    conn.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} CHECK ("
                 f"substr({c}, 2, length(hall)) = hall AND substr({c}, 2 + length(hall), 8) ~ '^[0-9]{{8}}$' "
                 f"AND length({c}) = 1 + length(hall) + {NUMBER_TAIL}) NOT VALID")
    return 1


def install_hall_keys(conn: psycopg.Connection) -> dict[str, int]:
    """Idempotent; run by ``hub init`` inside its connection (one transaction)."""
    keys = sum(_rekey(conn, table, hall) for table, hall in hall_tables().items())
    checks = sum(_number_check(conn, table, column) for table, column in NUMBERED.items())
    return {"hall_keys": keys, "number_checks": checks}


HALL_TYPE = "character varying(16)"  # the models' hall columns (a hall code is at most 16 characters)

_POLICIES = """
SELECT p.polname::text, p.polcmd, p.polpermissive,
       array(SELECT CASE WHEN r = 0 THEN 'public' ELSE quote_ident(r::regrole::text) END FROM unnest(p.polroles) r),
       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
FROM pg_policy p WHERE p.polrelid = %s::regclass
"""
_COMMANDS = {"r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE", "*": "ALL"}


def unify_hall_types(conn: psycopg.Connection) -> int:
    """Give the hub's own tables' hall columns (made ``text``) the models' type, so that every
    hall's table can be co-located by hall on a distributed PostgreSQL (docs/scale.md), which
    wants one type of distribution column. A column a row policy reads cannot change type: the
    table's policies are dropped and made again as they were, in the same transaction. Returns
    how many columns changed; run last by ``hub init``."""
    changed = 0
    for table, column in _HUB_OWN.items():
        qualified = table if "." in table else quote(table)
        if scalar(conn.execute("SELECT to_regclass(%s)", (qualified,))) is None:
            continue
        kind = scalar(conn.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = %s::regclass "
                            "AND attname = %s", (qualified, column)))
        if kind == HALL_TYPE:
            continue
        policies = conn.execute(_POLICIES, (qualified,)).fetchall()
        for name, *_rest in policies:
            conn.execute(f"DROP POLICY {quote(name)} ON {qualified}")
        conn.execute(f"ALTER TABLE {qualified} ALTER COLUMN {quote(column)} TYPE {HALL_TYPE}")
        for name, command, permissive, roles, using, check in policies:
            statement = (f"CREATE POLICY {quote(name)} ON {qualified} AS {'PERMISSIVE' if permissive else 'RESTRICTIVE'} "
                         f"FOR {_COMMANDS[command]} TO {', '.join(roles)}")
            if using is not None:
                statement += f" USING ({using})"
            if check is not None:
                statement += f" WITH CHECK ({check})"
            conn.execute(statement)
        changed += 1
        log.info("hub table %s: %s is now %s", table, column, HALL_TYPE)
    return changed
