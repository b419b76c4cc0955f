"""The hub applies the line changes of each business order a hall pushes, once.

A hall's order changes the hall's copy of reference rows (the line's status, its SIM cards).
Those rows belong to the hub: unless the hub makes the same change, its next change of the row
(a payment moving the balance, the bill run) is pulled back and undoes the hall's. So a row
trigger on ``service_order`` applies the ``effect_data`` of 停机, 复机, 挂失, 解挂, SIM
replacements, new lines (新入网) and transfers (过户) to the hub's rows (plan changes and SP
orders are the bill run's to apply):

* on insert (the push inserts an order once, ``ON CONFLICT … DO UPDATE … WHERE hlc`` fires
  the insert trigger only for the row's first arrival) it applies the order; an order made
  and voided before it was sent arrives voided and changes nothing;
* on the update that voids it (status ``done`` → ``voided``) it undoes what the hub applied,
  from the hub's own record of it.

Each part of the line is decided on its own, only where the hub's row still has the value the
hall changed from; where the hub moved meanwhile (the bill run suspended the line for
arrears, another hall changed it) the lifecycle's rules decide (``services/lifecycle.py``,
copied into ``counter_sync.line_rule`` by ``hub init``; docs/lifecycle.md "At the hub"):
the business applies to the hub's state when that state accepts it, otherwise the hub's row
stands, the hall gets it back on its next pull, and the refusal is recorded.

``counter_sync.order_effect`` keeps one row per order and action (apply, void): the outcome
(``applied``, ``adapted``: applied to a line that had moved, ``already``, ``conflict``,
``skipped``), the part refused and the values expected and found, and the hub's values
before and after, which a void and a later 解挂 read. A hall reads its own rows; ``sync
--check`` lists its conflicts.

``SECURITY DEFINER``: a hall's login inserts its own orders but never writes reference
tables; the function writes only the line the order names.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.services import lifecycle

# The effects whose changes the hub applies on arrival. Plan changes and SP subscriptions,
# cancellations and disputes are applied by the monthly bill run, once each, when they matter
# (``services/billrun.py:apply_orders``).
LINE_EFFECTS = (*lifecycle.STATUS_EFFECTS, "sim_replace", "new_subscription", "transfer")

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

FUNCTIONS_SQL = r"""
-- The line's row is sent again on the next pull of every hall keeping it: a hall whose
-- change was not applied gets the hub's row back.
CREATE OR REPLACE FUNCTION counter_sync.oe_touch(tbl text, row_id uuid) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF tbl = 'account' THEN
        UPDATE account SET status = status WHERE id = row_id;
    ELSIF tbl = 'sim_card' THEN
        UPDATE sim_card SET status = status WHERE account_id = row_id;
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

-- 新入网: the customer (when the order registered them), the line and its SIM card, each row
-- as the hall wrote it. A number, card or ID the hub holds already under another row is a
-- conflict: nothing is made, and the hall keeps its rows (the hub has none to send back).
CREATE OR REPLACE FUNCTION counter_sync.oe_new_line(d jsonb, order_hall text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    rows jsonb := d->'rows';
    acc uuid := counter_sync.oe_uuid(d->'rows'->'account'->>'id');
    cust jsonb := d->'rows'->'customer';
    made boolean := false;
    what text;
BEGIN
    IF acc IS NULL OR NOT (rows ? 'sim_card') THEN
        RETURN counter_sync.oe_result('skipped', 'line');  -- an order made before it carried its rows
    END IF;
    IF EXISTS (SELECT 1 FROM account WHERE id = acc) THEN
        RETURN counter_sync.oe_result('already', 'line');
    END IF;
    BEGIN
        IF cust IS NOT NULL AND jsonb_typeof(cust) = 'object'
           AND NOT EXISTS (SELECT 1 FROM customer WHERE id = (cust->>'id')::uuid) THEN
            what := 'customer';
            INSERT INTO customer SELECT * FROM jsonb_populate_record(NULL::customer,
                cust || jsonb_build_object('hall', coalesce(nullif(cust->>'hall', ''), order_hall)));
            made := true;
        END IF;
        what := 'account';
        INSERT INTO account SELECT * FROM jsonb_populate_record(NULL::account, rows->'account');
        what := 'sim_card';
        INSERT INTO sim_card SELECT * FROM jsonb_populate_record(NULL::sim_card, rows->'sim_card');
    EXCEPTION WHEN unique_violation OR foreign_key_violation THEN
        RETURN counter_sync.oe_result('conflict', 'line', CASE what
            WHEN 'customer' THEN cust->>'id_number' WHEN 'account' THEN rows->'account'->>'phone'
            ELSE rows->'sim_card'->>'serial' END, what);
    END;
    RETURN counter_sync.oe_result('applied', 'line', '', '', '{}', jsonb_build_object(
        'account_id', acc::text, 'customer_id', rows->'account'->>'customer_id', 'customer_created', made));
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_new_line_undo(done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    acc uuid := counter_sync.oe_uuid(done->'after'->>'account_id');
    cust uuid := counter_sync.oe_uuid(done->'after'->>'customer_id');
    line record;
BEGIN
    SELECT status, balance_fen INTO line FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('already', 'line');
    END IF;
    IF line.status <> 'active' OR EXISTS (SELECT 1 FROM ledger_entry WHERE account_id = acc)
       OR EXISTS (SELECT 1 FROM bill WHERE account_id = acc) THEN  -- in use on the hub since
        PERFORM counter_sync.oe_touch('account', acc);
        RETURN counter_sync.oe_result('conflict', 'line', 'active', line.status);
    END IF;
    DELETE FROM sp_subscription WHERE account_id = acc;
    DELETE FROM sim_card WHERE account_id = acc;
    DELETE FROM account WHERE id = acc;
    IF (done->'after'->>'customer_created')::boolean AND NOT EXISTS (SELECT 1 FROM account WHERE customer_id = cust)
    THEN
        DELETE FROM customer WHERE id = cust;
    END IF;
    RETURN counter_sync.oe_result('applied', 'line');
END $$;

-- 过户: the line moves from the owner the order found to the new owner, with the new service
-- password; a new owner's record the hall registered comes with it (in the line's hall).
CREATE OR REPLACE FUNCTION counter_sync.oe_transfer(acc uuid, d jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    line record;
    prev uuid := counter_sync.oe_uuid(d->>'previous_customer_id');
    owner uuid := counter_sync.oe_uuid(d->>'customer_id');
    cust jsonb := d->'rows'->'customer';
    made boolean := false;
BEGIN
    SELECT customer_id, service_password_hash INTO line FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND OR owner IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'owner');
    ELSIF line.customer_id = owner THEN
        RETURN counter_sync.oe_result('already', 'owner');
    ELSIF line.customer_id IS DISTINCT FROM prev THEN  -- transferred meanwhile elsewhere
        PERFORM counter_sync.oe_touch('account', acc);
        RETURN counter_sync.oe_result('conflict', 'owner', prev::text, line.customer_id::text);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM customer WHERE id = owner) THEN
        IF cust IS NULL OR jsonb_typeof(cust) <> 'object' THEN
            PERFORM counter_sync.oe_touch('account', acc);
            RETURN counter_sync.oe_result('conflict', 'owner', owner::text, '');  -- an older order: no record
        END IF;
        BEGIN
            INSERT INTO customer SELECT * FROM jsonb_populate_record(NULL::customer, cust || jsonb_build_object(
                'hall', coalesce(nullif(cust->>'hall', ''), (SELECT hall FROM customer WHERE id = prev), '')));
        EXCEPTION WHEN unique_violation THEN  -- the ID is registered on the hub under another record
            PERFORM counter_sync.oe_touch('account', acc);
            RETURN counter_sync.oe_result('conflict', 'owner', cust->>'id_number', 'customer');
        END;
        made := true;
    END IF;
    UPDATE account SET customer_id = owner,
        service_password_hash = coalesce(d->>'password_hash', service_password_hash) WHERE id = acc;
    RETURN counter_sync.oe_result('applied', 'owner', '', '',
        jsonb_build_object('customer_id', prev::text, 'password_hash', line.service_password_hash),
        jsonb_build_object('customer_id', owner::text, 'customer_created', made));
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_transfer_undo(acc uuid, done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    cur uuid;
    owner uuid := counter_sync.oe_uuid(done->'after'->>'customer_id');
BEGIN
    SELECT customer_id INTO cur FROM account WHERE id = acc FOR UPDATE;
    IF cur IS DISTINCT FROM owner THEN
        PERFORM counter_sync.oe_touch('account', acc);
        RETURN counter_sync.oe_result('conflict', 'owner', owner::text, coalesce(cur::text, ''));
    END IF;
    UPDATE account SET customer_id = (done->'before'->>'customer_id')::uuid,
        service_password_hash = coalesce(done->'before'->>'password_hash', service_password_hash) WHERE id = acc;
    IF (done->'after'->>'customer_created')::boolean AND NOT EXISTS (SELECT 1 FROM account WHERE customer_id = owner)
    THEN
        DELETE FROM customer WHERE id = owner;
    END IF;
    RETURN counter_sync.oe_result('applied', 'owner');
END $$;

CREATE OR REPLACE FUNCTION counter_sync.apply_order() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    act text := CASE WHEN TG_OP = 'INSERT' THEN 'apply' ELSE 'void' END;
    eff text;
    d jsonb;
    res jsonb;
    done record;
BEGIN
    SELECT effect INTO eff FROM business_type WHERE code = NEW.business_code;
    IF eff IS NULL OR NOT eff = ANY(%(effects)s::text[]) OR NEW.account_id IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO counter_sync.order_effect (hall, order_id, action, order_no, business_code, effect, account_id,
                                           made_at)
    VALUES (NEW.hall, NEW.id, act, NEW.order_no, NEW.business_code, eff, NEW.account_id, NEW.created_at)
    ON CONFLICT (hall, order_id, action) DO NOTHING;
    IF NOT FOUND THEN
        RETURN NULL;  -- applied once already
    END IF;
    BEGIN
        d := coalesce(nullif(NEW.effect_data, ''), '{}')::jsonb;
    EXCEPTION WHEN invalid_text_representation THEN
        d := '{}';
    END;
    IF act = 'apply' AND NEW.status <> 'done' THEN
        res := counter_sync.oe_result('skipped', '', 'done', NEW.status);  -- made and voided before it was sent
    ELSIF act = 'apply' THEN
        IF eff = 'sim_replace' THEN
            res := counter_sync.oe_sims(NEW.account_id, d, NEW.created_at);
            IF d->>'previous_status' IS DISTINCT FROM d->>'status' THEN
                IF res->>'outcome' IN ('applied', 'already') THEN
                    res := counter_sync.oe_merge(res, counter_sync.oe_status(
                        NEW.account_id, eff, NEW.business_code, d->>'previous_status', d->>'status'));
                ELSE
                    PERFORM counter_sync.oe_touch('account', NEW.account_id);
                END IF;
            END IF;
        ELSIF eff = 'new_subscription' THEN
            res := counter_sync.oe_new_line(d, NEW.hall);
        ELSIF eff = 'transfer' THEN
            res := counter_sync.oe_transfer(NEW.account_id, d);
        ELSE
            res := counter_sync.oe_status(NEW.account_id, eff, NEW.business_code, d->>'previous_status',
                                          d->>'status');
        END IF;
    ELSE
        SELECT * INTO done FROM counter_sync.order_effect
        WHERE hall = NEW.hall AND order_id = NEW.id AND action = 'apply' AND outcome IN ('applied', 'adapted')
        FOR UPDATE;
        IF NOT FOUND THEN  -- the hub made no change for this order: nothing to undo
            res := counter_sync.oe_result('skipped');
            PERFORM counter_sync.oe_touch('account', NEW.account_id);  -- the hall gets the hub's line back
            PERFORM counter_sync.oe_touch('sim_card', NEW.account_id);
        ELSIF eff = 'sim_replace' THEN
            res := counter_sync.oe_sims_undo(NEW.account_id, to_jsonb(done));
            IF res->>'outcome' = 'applied' THEN
                res := counter_sync.oe_merge(res, counter_sync.oe_status_undo(NEW.account_id, to_jsonb(done)));
            END IF;
        ELSIF eff = 'new_subscription' THEN
            res := counter_sync.oe_new_line_undo(to_jsonb(done));
        ELSIF eff = 'transfer' THEN
            res := counter_sync.oe_transfer_undo(NEW.account_id, to_jsonb(done));
        ELSE
            res := counter_sync.oe_status_undo(NEW.account_id, to_jsonb(done));
        END IF;
        IF res->>'outcome' IN ('applied', 'already') THEN
            UPDATE counter_sync.order_effect SET undone = true
            WHERE hall = NEW.hall AND order_id = NEW.id AND action = 'apply';
        END IF;
    END IF;
    UPDATE counter_sync.order_effect SET outcome = res->>'outcome', part = res->>'part',
        expected = res->>'expected', found = res->>'found', before = res->'before', after = res->'after', at = now()
    WHERE hall = NEW.hall AND order_id = NEW.id AND action = act;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS counter_sync_order_apply ON service_order;
CREATE TRIGGER counter_sync_order_apply AFTER INSERT ON service_order
    FOR EACH ROW EXECUTE FUNCTION counter_sync.apply_order();
DROP TRIGGER IF EXISTS counter_sync_order_void ON service_order;
CREATE TRIGGER counter_sync_order_void AFTER UPDATE ON service_order
    FOR EACH ROW WHEN (OLD.status = 'done' AND NEW.status = 'voided') EXECUTE FUNCTION counter_sync.apply_order();
"""


def _array(values) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def rules_sql() -> list[str]:
    """``counter_sync.line_rule`` from ``lifecycle.RULES`` and ``CODE_RULES``: the same rules
    the counters check, for the hub's decisions when its line moved meanwhile."""
    rows = []
    for name, rule in {**lifecycle.RULES, **lifecycle.CODE_RULES}.items():
        ordered = [s for s in lifecycle.STATES if s in rule.accepts]
        leaves = "NULL" if rule.leaves is None else "'" + rule.leaves + "'"
        rows.append(f"('{name}', {_array(ordered)}::text[], {leaves})")
    return ["DELETE FROM counter_sync.line_rule;",
            "INSERT INTO counter_sync.line_rule (name, accepts, leaves) VALUES " + ", ".join(rows) + ";"]


def install(conn, admin: str, group: str, me: str) -> None:
    """Create or update the order trigger and its record (``hub init``; idempotent). ``me``
    is the SQL giving the session's hall, for the row policy of the record."""
    from counter_app.sync.tables import quote

    conn.execute(SCHEMA_SQL)
    for stmt in rules_sql():
        conn.execute(stmt)
    functions = FUNCTIONS_SQL.replace("%(effects)s", _array(LINE_EFFECTS))
    conn.execute(functions)
    # The helpers write reference rows when the trigger calls them; nobody calls them directly.
    conn.execute("DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::regprocedure FROM pg_proc p "
                 "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'counter_sync' "
                 "AND p.proname LIKE 'oe\\_%' LOOP EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f); "
                 "END LOOP; END $$")
    for table, readable in (("counter_sync.order_effect", True), ("counter_sync.line_rule", False)):
        conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        conn.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {quote(group)}")
        conn.execute(f"DROP POLICY IF EXISTS hub_admin ON {table}")
        conn.execute(f"CREATE POLICY hub_admin ON {table} FOR ALL TO {quote(admin)} USING (true) WITH CHECK (true)")
        if readable:  # a hall reads what became of its own orders
            conn.execute(f"GRANT SELECT ON {table} TO {quote(group)}")
            conn.execute(f"DROP POLICY IF EXISTS hall_read ON {table}")
            conn.execute(f"CREATE POLICY hall_read ON {table} FOR SELECT TO {quote(group)} USING (hall = {me})")


HEADING = QT_TRANSLATE_NOOP("LineConflict", "Line changes the hub did not make: {count}")
PARTS = {
    "status": QT_TRANSLATE_NOOP("LineConflict", "state"),
    "sims": QT_TRANSLATE_NOOP("LineConflict", "SIM cards"),
    "line": QT_TRANSLATE_NOOP("LineConflict", "line"),
    "owner": QT_TRANSLATE_NOOP("LineConflict", "owner"),
}


@dataclass
class LineConflict:
    """An order of this hall whose line change the hub did not make: the hub's line had moved
    meanwhile and its state does not take the business (or its void)."""

    order_no: str
    business_code: str
    action: str  # apply | void
    part: str
    expected: str
    found: str
    at: object

    def as_dict(self) -> dict:
        return {"order_no": self.order_no, "business_code": self.business_code, "action": self.action,
                "part": self.part, "expected": self.expected, "found": self.found, "at": str(self.at)}

    def text(self, translate=None, lang: str = "en") -> str:
        say = translate or (lambda context, text: text)
        part = say("LineConflict", PARTS.get(self.part, self.part))
        expected, found = self.expected, self.found
        if self.part == "status":  # the states in the reader's words (lifecycle.STATE_NAMES)
            expected, found = (lifecycle.state_name(v, lang) if v else v for v in (expected, found))
        if self.found in ("customer", "account", "sim_card"):  # a row the hub holds already
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} was not made on the hub: it holds {expected} "
                                                         "under another record already.")
        elif self.action == "void":
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} was voided, but the hub kept the line's "
                                                         "{part} as it found it ({found}); nothing was undone there.")
        else:
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} did not change the line's {part} on the hub: "
                                                         "the order expected {expected}, the hub had {found}; the "
                                                         "hub's line stands.")
        return say("LineConflict", template).format(order=self.order_no, part=part, expected=expected or "—",
                                                   found=found or "—")


# What ``sync --check`` and the Sync tab read: this hall's orders whose change the hub did not
# make (newest first).
CONFLICTS_SQL = """
SELECT order_no, business_code, action, part, expected, found, at
FROM counter_sync.order_effect WHERE hall = %(hall)s AND outcome = 'conflict'
ORDER BY at DESC LIMIT %(limit)s
"""


def conflicts(conn, hall: str, limit: int = 100) -> list[LineConflict]:
    """This hall's orders whose line change the hub did not make, newest first; [] on a hub
    without the record (set up before it)."""
    if conn.execute("SELECT to_regclass('counter_sync.order_effect')").fetchone()[0] is None:
        return []
    return [LineConflict(*row) for row in conn.execute(CONFLICTS_SQL, {"hall": hall, "limit": limit})]
