"""The hub's side of the audit chain: it keeps each terminal's chain and refuses an event
that does not extend it.

``counter_sync.audit_head`` holds, per hall and terminal, the number and hash of the newest
event the hub accepted (keyed by the hall first, like every hall's table on the hub: another
hall cannot start a chain under this hall's terminal id and block its events). A row trigger
on ``audit_event`` (``SECURITY DEFINER``, so a hall login needs no right on the head table)
checks each incoming event:

- an event the hub already has (same id) passes when its hash is the same (a resend: the
  push's ``ON CONFLICT DO NOTHING`` then skips it) and is refused when it differs (the
  event was changed after it was sent);
- its hash must be the SHA-256 of its canonical content (``services/audit_chain.py``,
  computed here in SQL over the same bytes);
- its number must be the head's plus one and its ``prev_hash`` the head's hash (the first
  event of a terminal: number 1, no previous hash);
- an event from before the chain existed (``seq`` NULL) passes unchained.

The head row is locked for the rest of the transaction, so two senders of one terminal
queue behind each other; the second then finds the first one's events and is answered
"duplicate". Refusals carry SQLSTATE 23514 (check_violation): the push treats them as
refused ops, shown on the manager's Sync tab. Audit rows on the hub never change: updates
and deletes are refused by a second trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg

if TYPE_CHECKING:
    from counter_app.services.audit_chain import ChainReport

AUDIT_CHAIN_SQL = """
CREATE TABLE IF NOT EXISTS counter_sync.audit_head (
    terminal text NOT NULL,
    hall text NOT NULL,
    seq bigint NOT NULL,
    hash text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall, terminal)
);
-- Chains begun on this database before the check was installed (a program working
-- directly on PostgreSQL) continue from their newest event.
INSERT INTO counter_sync.audit_head (terminal, hall, seq, hash)
    SELECT DISTINCT ON (hall, terminal) terminal, hall, seq, hash FROM audit_event WHERE seq IS NOT NULL
    ORDER BY hall, terminal, seq DESC
    ON CONFLICT (hall, terminal) DO NOTHING;
CREATE OR REPLACE FUNCTION counter_sync.audit_field(v text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT octet_length(convert_to(coalesce(v, ''), 'UTF8'))::text || ':' || coalesce(v, '') $$;
CREATE OR REPLACE FUNCTION counter_sync.audit_hash(e public.audit_event) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, counter_sync AS $$
    SELECT encode(sha256(convert_to(
        audit_field('audit-v1') || audit_field(replace(e.id::text, '-', '')) || audit_field(e.hall)
        || audit_field(e.terminal) || audit_field(e.seq::text)
        || audit_field(to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.US')) || audit_field(e.staff_no)
        || audit_field(e.action) || audit_field(e.target) || audit_field(e.detail) || audit_field(e.prev_hash),
        'UTF8')), 'hex')
$$;
CREATE OR REPLACE FUNCTION counter_sync.check_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, counter_sync AS $$
DECLARE
    head record;
    stored text;
BEGIN
    IF NEW.seq IS NULL THEN
        RETURN NEW;  -- an event from before the chain existed
    END IF;
    INSERT INTO counter_sync.audit_head (terminal, hall, seq, hash) VALUES (NEW.terminal, NEW.hall, 0, '')
        ON CONFLICT (hall, terminal) DO NOTHING;
    SELECT * INTO head FROM counter_sync.audit_head WHERE hall = NEW.hall AND terminal = NEW.terminal FOR UPDATE;
    SELECT hash INTO stored FROM audit_event WHERE hall = NEW.hall AND id = NEW.id;
    IF FOUND THEN
        IF stored IS DISTINCT FROM NEW.hash THEN
            RAISE EXCEPTION 'audit event % (terminal %, no. %) was changed after it was sent',
                NEW.id, NEW.terminal, NEW.seq USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;  -- a resend: the insert skips it
    END IF;
    IF NEW.hash IS DISTINCT FROM counter_sync.audit_hash(NEW) THEN
        RAISE EXCEPTION 'audit event % (terminal %, no. %) does not match its hash',
            NEW.id, NEW.terminal, NEW.seq USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.seq <> head.seq + 1 OR NEW.prev_hash IS DISTINCT FROM head.hash THEN
        RAISE EXCEPTION 'audit event no. % of terminal % does not extend its chain (the hub holds up to no. %)',
            NEW.seq, NEW.terminal, head.seq USING ERRCODE = 'check_violation';
    END IF;
    UPDATE counter_sync.audit_head SET seq = NEW.seq, hash = NEW.hash, at = now()
        WHERE hall = NEW.hall AND terminal = NEW.terminal;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS counter_sync_audit_chain ON audit_event;
CREATE TRIGGER counter_sync_audit_chain BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION counter_sync.check_audit_chain();
CREATE OR REPLACE FUNCTION counter_sync.audit_unchanged() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are never changed or deleted on the hub' USING ERRCODE = 'check_violation';
END $$;
DROP TRIGGER IF EXISTS counter_sync_audit_unchanged ON audit_event;
CREATE TRIGGER counter_sync_audit_unchanged BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION counter_sync.audit_unchanged();
ALTER TABLE counter_sync.audit_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE counter_sync.audit_head FORCE ROW LEVEL SECURITY;
REVOKE ALL ON counter_sync.audit_head FROM PUBLIC;
"""


def audit_chain_sql(admin: str, hall_group: str, me: str) -> list[str]:
    """The statements installing the chain's checks; ``me`` is the SQL naming the login's hall."""
    from counter_app.sync.tables import quote

    return [
        AUDIT_CHAIN_SQL,
        f"REVOKE ALL ON counter_sync.audit_head FROM {quote(hall_group)};",
        f"GRANT SELECT ON counter_sync.audit_head TO {quote(hall_group)};",
        "DROP POLICY IF EXISTS hub_admin ON counter_sync.audit_head;",
        f"CREATE POLICY hub_admin ON counter_sync.audit_head FOR ALL TO {quote(admin)} USING (true) WITH CHECK (true);",
        "DROP POLICY IF EXISTS hall_read ON counter_sync.audit_head;",
        f"CREATE POLICY hall_read ON counter_sync.audit_head FOR SELECT TO {quote(hall_group)} USING (hall = {me});",
    ]


def hub_events(conn: psycopg.Connection[Any], hall: str, terminals: list[str]) -> list[tuple[Any, ...]]:
    """The hub's chained events of ``terminals`` (this hall's), in chain order."""
    if not terminals:
        return []
    return list(conn.execute(
        "SELECT id, hall, terminal, seq, at, staff_no, action, target, detail, prev_hash, hash FROM audit_event "
        "WHERE hall = %s AND terminal = ANY(%s) AND seq IS NOT NULL ORDER BY terminal, seq",
        (hall, terminals)).fetchall())


def verify_with_hub(url: str) -> ChainReport:
    """This database's chains walked, then compared with the hub's copy (a ChainReport)."""
    from counter_app.services import audit_chain
    from counter_app.services.session import HALL_KEY, current_hall, local_setting
    from counter_app.sync.hub import connect, hub_errors

    report = audit_chain.verify_local()
    hall_row = current_hall()
    hall = local_setting(HALL_KEY) or (hall_row.code if hall_row else "")
    with connect(url) as conn, hub_errors(url):
        rows = hub_events(conn, hall, sorted(report.chains))
    return audit_chain.compare_with_hub(report, rows)
