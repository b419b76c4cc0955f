"""The hub's SQL for the orders' line changes, part one: the record of what the hub did, and
the state and SIM cards of a line (停机, 复机, 挂失, 解挂, SIM replacement), each applied only
from the value the order found. Installed by ``sync/hub_orders.py``; the rules are there."""

from __future__ import annotations

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS counter_sync.order_effect (
    hall text NOT NULL,
    order_id uuid NOT NULL,
    action text NOT NULL,
    order_no text NOT NULL DEFAULT '',
    business_code text NOT NULL DEFAULT '',
    effect text NOT NULL DEFAULT '',
    account_id uuid,
    made_at timestamp,
    outcome text NOT NULL DEFAULT 'pending',
    part text NOT NULL DEFAULT '',
    expected text NOT NULL DEFAULT '',
    found text NOT NULL DEFAULT '',
    before jsonb NOT NULL DEFAULT '{}',
    after jsonb NOT NULL DEFAULT '{}',
    undone boolean NOT NULL DEFAULT false,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall, order_id, action)
);
CREATE INDEX IF NOT EXISTS order_effect_line ON counter_sync.order_effect (account_id, effect, at);
CREATE INDEX IF NOT EXISTS order_effect_refused ON counter_sync.order_effect (hall, at) WHERE outcome = 'conflict';
CREATE TABLE IF NOT EXISTS counter_sync.line_rule (
    name text PRIMARY KEY,
    accepts text[] NOT NULL,
    leaves text
);
"""

STATE_SQL = r"""
-- The line's row is sent again on the next pull of every hall keeping it: a hall whose
-- change was not applied gets the hub's row back.
CREATE OR REPLACE FUNCTION counter_sync.oe_touch(tbl text, row_id uuid) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF tbl = 'account' THEN
        UPDATE account SET status = status WHERE id = row_id;
    ELSIF tbl = 'sim_card' THEN
        UPDATE sim_card SET status = status WHERE account_id = row_id;
    ELSIF tbl = 'sp_subscription' THEN
        UPDATE sp_subscription SET end_date = end_date WHERE id = row_id;
    END IF;
END $$;

-- A row the hall made and the hub refused: its tombstone makes the halls delete it.
CREATE OR REPLACE FUNCTION counter_sync.oe_tombstone(tbl text, row_id uuid) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public AS $$
    INSERT INTO counter_sync.change AS c (tbl, key, hall, deleted) VALUES (tbl, row_id::text, '', true)
    ON CONFLICT (tbl, key) DO UPDATE SET hall = EXCLUDED.hall, deleted = EXCLUDED.deleted,
        txid = pg_current_xact_id(), seq = nextval('counter_sync.change_seq'), changed_at = now()
$$;

CREATE OR REPLACE FUNCTION counter_sync.oe_uuid(v text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN v ~* '^[0-9a-f-]{32,36}$' THEN v::uuid END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_result(outcome text, part text DEFAULT '', expected text DEFAULT '',
                                                  found text DEFAULT '', before jsonb DEFAULT '{}',
                                                  after jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('outcome', outcome, 'part', part, 'expected', coalesce(expected, ''),
                              'found', coalesce(found, ''), 'before', before, 'after', after)
$$;

-- Two parts' results as one: the worst outcome names its part; before/after are merged.
CREATE OR REPLACE FUNCTION counter_sync.oe_merge(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE
        (CASE WHEN array_position(ARRAY['skipped', 'already', 'applied', 'adapted', 'conflict'], b->>'outcome')
                 > array_position(ARRAY['skipped', 'already', 'applied', 'adapted', 'conflict'], a->>'outcome')
              THEN b ELSE a END)
        || jsonb_build_object('before', (a->'before') || (b->'before'), 'after', (a->'after') || (b->'after'))
    END
$$;

-- A line found again (解挂, a new SIM) returns to the state the hub's latest loss report found
-- there (lifecycle.state_before_loss, on the hub's own record), else to the hall's; a line
-- that would return to arrears with nothing owing works again (services.ledger.resume_if_paid).
CREATE OR REPLACE FUNCTION counter_sync.oe_restore(acc uuid, fallback text, balance bigint) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    found_state text;
BEGIN
    SELECT e.before->>'status' INTO found_state FROM counter_sync.order_effect e
    WHERE e.account_id = acc AND e.effect = 'loss_report' AND e.action = 'apply'
      AND e.outcome IN ('applied', 'adapted') AND NOT e.undone ORDER BY e.at DESC LIMIT 1;
    found_state := coalesce(found_state, fallback);
    IF found_state NOT IN ('active', 'suspended', 'arrears') THEN
        found_state := 'active';
    END IF;
    RETURN counter_sync.oe_paid(found_state, balance);
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_paid(state text, balance bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN state = 'arrears' AND balance >= 0 THEN 'active' ELSE state END $$;

-- The status part of an order: from → to as the hall saw it.
CREATE OR REPLACE FUNCTION counter_sync.oe_status(acc uuid, eff text, code text, want_from text, want_to text)
RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    cur text;
    bal bigint;
    accepts text[];
    leaves text;
    target text;
    outcome text;
BEGIN
    SELECT status, balance_fen INTO cur, bal FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('skipped', 'line', want_from, '');
    END IF;
    IF want_from IS NULL OR want_to IS NULL OR want_from = want_to THEN
        RETURN counter_sync.oe_result('already', 'status');
    END IF;
    SELECT r.accepts, r.leaves INTO accepts, leaves FROM counter_sync.line_rule r WHERE r.name IN (code, eff)
    ORDER BY r.name = code DESC LIMIT 1;
    IF cur = want_from THEN
        outcome := 'applied';
        target := want_to;
    ELSIF cur = want_to THEN
        RETURN counter_sync.oe_result('already', 'status', want_from, cur);
    ELSIF cur = ANY(coalesce(accepts, '{}')) AND NOT (eff = 'resume' AND cur = 'arrears' AND bal < 0) THEN
        -- The hub's line moved, but its state takes this business: do it to that state.
        outcome := 'adapted';
        target := CASE WHEN leaves IS NULL OR leaves = 'restore' THEN cur ELSE leaves END;
    ELSE
        PERFORM counter_sync.oe_touch('account', acc);
        RETURN counter_sync.oe_result('conflict', 'status', want_from, cur);
    END IF;
    IF leaves = 'restore' AND cur = 'lost' THEN
        target := counter_sync.oe_restore(acc, want_to, bal);
        IF target <> want_to THEN
            outcome := 'adapted';
        END IF;
    END IF;
    IF target = cur THEN
        RETURN counter_sync.oe_result('already', 'status', want_from, cur);
    END IF;
    UPDATE account SET status = target WHERE id = acc;
    RETURN counter_sync.oe_result(outcome, 'status', want_from, cur, jsonb_build_object('status', cur),
                                  jsonb_build_object('status', target));
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_status_undo(acc uuid, done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    cur text;
    bal bigint;
    target text;
BEGIN
    IF NOT (done->'after' ? 'status') THEN
        RETURN counter_sync.oe_result('skipped', 'status');
    END IF;
    SELECT status, balance_fen INTO cur, bal FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('skipped', 'line');
    END IF;
    target := counter_sync.oe_paid(done->'before'->>'status', bal);
    IF cur = done->'after'->>'status' THEN
        UPDATE account SET status = target WHERE id = acc;
        RETURN counter_sync.oe_result('applied', 'status', done->'after'->>'status', cur,
                                      jsonb_build_object('status', cur), jsonb_build_object('status', target));
    ELSIF cur = target THEN
        RETURN counter_sync.oe_result('already', 'status');
    END IF;
    PERFORM counter_sync.oe_touch('account', acc);
    RETURN counter_sync.oe_result('conflict', 'status', done->'after'->>'status', cur);
END $$;

-- A SIM replacement: the cards it retired, the new card with every column the hall wrote.
CREATE OR REPLACE FUNCTION counter_sync.oe_sims(acc uuid, d jsonb, made timestamp) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    card jsonb := coalesce(d->'new_sim', jsonb_build_object('id', d->>'new_sim_id', 'serial', d->>'new_serial'));
    new_id uuid := counter_sync.oe_uuid(card->>'id');
    retired uuid[] := ARRAY(SELECT counter_sync.oe_uuid(x) FROM jsonb_array_elements_text(
                              coalesce(d->'retired_ids', '[]')) AS x);
    others text;
    done uuid[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM account WHERE id = acc) THEN
        RETURN counter_sync.oe_result('skipped', 'line');
    END IF;
    IF new_id IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'sims');
    END IF;
    IF EXISTS (SELECT 1 FROM sim_card WHERE id = new_id) THEN
        RETURN counter_sync.oe_result('already', 'sims');
    END IF;
    SELECT string_agg(serial, ', ' ORDER BY issued_at) INTO others FROM sim_card
    WHERE account_id = acc AND status = 'active' AND NOT id = ANY(retired);
    IF others IS NOT NULL THEN  -- a card the hall did not know is working: at most one may
        PERFORM counter_sync.oe_tombstone('sim_card', new_id);
        PERFORM counter_sync.oe_touch('sim_card', acc);
        RETURN counter_sync.oe_result('conflict', 'sims', coalesce(d->'retired_serials'->>0, ''), others);
    END IF;
    BEGIN
        WITH r AS (
            UPDATE sim_card SET status = 'retired', retired_at = coalesce((d->>'retired_at')::timestamp, made)
            WHERE account_id = acc AND status = 'active' AND id = ANY(retired) RETURNING id)
        SELECT coalesce(array_agg(id), '{}') INTO done FROM r;
        INSERT INTO sim_card (id, account_id, serial, status, issued_at, retired_at, puk)
        VALUES (new_id, acc, card->>'serial', 'active', coalesce((card->>'issued_at')::timestamp, made), NULL,
                coalesce(card->>'puk', ''));
    EXCEPTION WHEN unique_violation THEN  -- the serial is another card's on the hub
        PERFORM counter_sync.oe_tombstone('sim_card', new_id);
        PERFORM counter_sync.oe_touch('sim_card', acc);
        RETURN counter_sync.oe_result('conflict', 'sims', card->>'serial',
                                      (SELECT serial FROM sim_card WHERE serial = card->>'serial'));
    END;
    RETURN counter_sync.oe_result('applied', 'sims', '', '', '{}',
                                  jsonb_build_object('new_sim_id', new_id::text, 'retired_ids', to_jsonb(done::text[])));
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_sims_undo(acc uuid, done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    new_id uuid := counter_sync.oe_uuid(done->'after'->>'new_sim_id');
    issued uuid[];
BEGIN
    IF new_id IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'sims');
    END IF;
    issued := ARRAY(SELECT id FROM sim_card WHERE account_id = acc AND status = 'active' ORDER BY id);
    IF issued <> ARRAY[new_id] THEN
        PERFORM counter_sync.oe_touch('sim_card', acc);
        RETURN counter_sync.oe_result('conflict', 'sims', new_id::text, array_to_string(issued, ', '));
    END IF;
    DELETE FROM sim_card WHERE id = new_id;
    UPDATE sim_card SET status = 'active', retired_at = NULL
    WHERE account_id = acc AND id IN (SELECT counter_sync.oe_uuid(x)
                                      FROM jsonb_array_elements_text(done->'after'->'retired_ids') AS x);
    RETURN counter_sync.oe_result('applied', 'sims');
END $$;

"""
