"""An SP charge is refunded once in the province: the hub holds each charge a counter is about
to refund (先行赔付, ``services.complaint_refunds.compensate``).

A claim row (``sp_claim``) is pushed, never pulled, so a counter PC knows only the charges it
refunded itself; a second PC of the same hall, or another hall the customer walked into, would
refund the same charge again before the first claim reached the hub (which then refuses the
second claim, after the customer was credited twice). Before paying, the counter asks the hub
to hold the charges under the refund's idempotency key: ``counter_sync.hold_sp_charges``
answers with the charges already refunded (a claim on the hub) or held under another key.
The same key asking again (a replay after a crash) gets its own hold back. When the hub does
not answer, the counter refunds on its own knowledge (offline, as before) and the hub's
refusal of a duplicate claim is what the manager's Sync tab shows.

A hold whose refund never came (the counter's transaction failed after the hold) lapses after
:data:`HOLD_HOURS`, so the charge can be refunded by another key later.
"""

from __future__ import annotations

from typing import Any

import psycopg

from counter_app.sync.hub import HALL_GROUP, quote
from counter_app.sync.hub_rows import scalar

HOLD_HOURS = 24

HOLD_SQL = f"""
CREATE TABLE IF NOT EXISTS counter_sync.sp_charge_hold (
    bill_item_id bigint PRIMARY KEY,
    claim_key text NOT NULL,
    held_by text NOT NULL,  -- the hall; a charge is held once in the province, so no hall key
    held_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON counter_sync.sp_charge_hold FROM PUBLIC;
ALTER TABLE counter_sync.sp_charge_hold ENABLE ROW LEVEL SECURITY;
ALTER TABLE counter_sync.sp_charge_hold FORCE ROW LEVEL SECURITY;
-- Only the function below (running as the hub's administrator) reads or writes it.
DROP POLICY IF EXISTS hub_admin ON counter_sync.sp_charge_hold;
CREATE POLICY hub_admin ON counter_sync.sp_charge_hold FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE INDEX IF NOT EXISTS sp_claim_by_bill_item ON sp_claim (bill_item_id);
CREATE OR REPLACE FUNCTION counter_sync.hold_sp_charges(items bigint[], p_key text) RETURNS bigint[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    me text := counter_sync.current_hall();
    taken bigint[];
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'only a hall holds SP charges' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Claims on the hub: refunded already, whichever key or hall.
    SELECT coalesce(array_agg(DISTINCT c.bill_item_id), '{{}}') INTO taken
    FROM sp_claim c WHERE c.bill_item_id = ANY(items)
      AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.id = c.payment_id AND p.idempotency_key = p_key);
    IF cardinality(taken) > 0 THEN
        RETURN taken;
    END IF;
    -- Holds: one key per charge; a lapsed hold goes to the new key.
    INSERT INTO counter_sync.sp_charge_hold AS h (bill_item_id, claim_key, held_by)
    SELECT DISTINCT i, p_key, me FROM unnest(items) AS i
    ON CONFLICT (bill_item_id) DO UPDATE SET claim_key = EXCLUDED.claim_key, held_by = EXCLUDED.held_by, held_at = now()
        WHERE h.held_at < now() - make_interval(hours => {HOLD_HOURS}) AND h.claim_key <> EXCLUDED.claim_key;
    SELECT coalesce(array_agg(h.bill_item_id), '{{}}') INTO taken
    FROM counter_sync.sp_charge_hold h WHERE h.bill_item_id = ANY(items) AND h.claim_key <> p_key;
    IF cardinality(taken) > 0 THEN
        -- Nothing of this request stays held when a part of it is someone else's.
        DELETE FROM counter_sync.sp_charge_hold h WHERE h.bill_item_id = ANY(items) AND h.claim_key = p_key
            AND NOT EXISTS (SELECT 1 FROM sp_claim c WHERE c.bill_item_id = h.bill_item_id);
    END IF;
    RETURN taken;
END $$;
REVOKE ALL ON FUNCTION counter_sync.hold_sp_charges(bigint[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.hold_sp_charges(bigint[], text) TO {quote(HALL_GROUP)};
"""


def install(conn: psycopg.Connection[Any]) -> None:
    """Create or update the hold table and function (``hub init``)."""
    conn.execute(HOLD_SQL)


def hold(conn: psycopg.Connection[Any], bill_item_ids: list[int], key: str) -> list[int]:
    """Hold these charges for the refund ``key``; the ones refunded or held elsewhere."""
    taken = scalar(conn.execute("SELECT counter_sync.hold_sp_charges(%s::bigint[], %s)",
                                ([int(i) for i in bill_item_ids], key)))
    return sorted(int(i) for i in taken or [])
