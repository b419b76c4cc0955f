"""The hub's SQL for the orders' line changes, part two: a line opened at a hall (新入网) and a
transfer of ownership (过户), made from the rows the order carries, and the trigger on
``service_order`` that applies every order once (plan changes and SP orders with the
functions of ``hub_orders_plans.py``). Installed by ``sync/hub_orders.py``."""

from __future__ import annotations

OWNER_SQL = r"""
-- A person as the counters show one to staff who may not see the whole record: the masked name
-- and ID number (services/validation.py mask_name, mask_id_number), for refusals a manager reads.
CREATE OR REPLACE FUNCTION counter_sync.oe_mask(name text, id_number text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT trim(CASE WHEN length(coalesce(name, '')) <= 1 THEN coalesce(name, '')
                     WHEN length(name) = 2 THEN left(name, 1) || '*'
                     ELSE left(name, 1) || repeat('*', length(name) - 2) || right(name, 1) END
                || ' ' ||
                CASE WHEN length(coalesce(id_number, '')) < 10 THEN repeat('*', length(coalesce(id_number, '')))
                     ELSE left(id_number, 6) || repeat('*', length(id_number) - 10) || right(id_number, 4) END)
$$;
CREATE OR REPLACE FUNCTION counter_sync.oe_person(cid uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT coalesce((SELECT counter_sync.oe_mask(c.name, c.id_number) FROM customer c WHERE c.id = cid), '')
$$;

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
            WHEN 'customer' THEN counter_sync.oe_mask(cust->>'name', cust->>'id_number')
            WHEN 'account' THEN rows->'account'->>'phone'
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
        RETURN counter_sync.oe_result('conflict', 'owner', counter_sync.oe_person(prev),
                                      counter_sync.oe_person(line.customer_id));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM customer WHERE id = owner) THEN
        IF cust IS NULL OR jsonb_typeof(cust) <> 'object' THEN
            PERFORM counter_sync.oe_touch('account', acc);
            RETURN counter_sync.oe_result('conflict', 'owner', counter_sync.oe_person(owner), '');  -- older: no record
        END IF;
        BEGIN
            INSERT INTO customer SELECT * FROM jsonb_populate_record(NULL::customer, cust || jsonb_build_object(
                'hall', coalesce(nullif(cust->>'hall', ''), (SELECT hall FROM customer WHERE id = prev), '')));
        EXCEPTION WHEN unique_violation THEN  -- the ID is registered on the hub under another record
            PERFORM counter_sync.oe_touch('account', acc);
            RETURN counter_sync.oe_result('conflict', 'owner', counter_sync.oe_mask(cust->>'name', cust->>'id_number'),
                                          'customer');
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
        RETURN counter_sync.oe_result('conflict', 'owner', counter_sync.oe_person(owner), counter_sync.oe_person(cur));
    END IF;
    UPDATE account SET customer_id = (done->'before'->>'customer_id')::uuid,
        service_password_hash = coalesce(done->'before'->>'password_hash', service_password_hash) WHERE id = acc;
    IF (done->'after'->>'customer_created')::boolean AND NOT EXISTS (SELECT 1 FROM account WHERE customer_id = owner)
    THEN
        DELETE FROM customer WHERE id = owner;
    END IF;
    RETURN counter_sync.oe_result('applied', 'owner');
END $$;

"""

TRIGGER_SQL = r"""
-- One order's arrival ('apply') or void ('void'), decided once: the order trigger's work, and
-- hub init's for the orders that reached the hub before the trigger (oe_catch_up).
CREATE OR REPLACE FUNCTION counter_sync.oe_decide(o service_order, act text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    eff text;
    d jsonb;
    res jsonb;
    done record;
BEGIN
    SELECT effect INTO eff FROM business_type WHERE code = o.business_code;
    IF eff IS NULL OR NOT eff = ANY(%(effects)s::text[]) OR o.account_id IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO counter_sync.order_effect (hall, order_id, action, order_no, business_code, effect, account_id,
                                           made_at)
    VALUES (o.hall, o.id, act, o.order_no, o.business_code, eff, o.account_id, o.created_at)
    ON CONFLICT (hall, order_id, action) DO NOTHING;
    IF NOT FOUND THEN
        RETURN;  -- applied once already
    END IF;
    BEGIN
        d := coalesce(nullif(o.effect_data, ''), '{}')::jsonb;
    EXCEPTION WHEN invalid_text_representation THEN
        d := '{}';
    END;
    -- An order is stored whatever becomes of its change: a change that fails here (data the hub
    -- cannot read) is rolled back alone and recorded, and the hall gets the hub's line back.
    BEGIN
    IF act = 'apply' AND o.status <> 'done' THEN
        res := counter_sync.oe_result('skipped', '', 'done', o.status);  -- made and voided before it was sent
    ELSIF act = 'apply' AND eff <> 'new_subscription' AND NOT EXISTS (SELECT 1 FROM account WHERE id = o.account_id)
    THEN  -- a line the hub does not know yet: decided when it arrives (sync/hub_held.py line_arrived)
        res := counter_sync.oe_result('waiting', 'line', '', 'unknown_line');
    ELSIF act = 'apply' AND counter_sync.oe_served(o.hall, o.account_id, o.business_code, o.created_at) IS NOT NULL
    THEN  -- Not a line this hall may change (sync/hub_served.py): the order is kept, its change is not made.
        res := counter_sync.oe_result('conflict', 'line', '',
                                      counter_sync.oe_served(o.hall, o.account_id, o.business_code, o.created_at));
    ELSIF act = 'apply' THEN
        IF eff = 'sim_replace' THEN
            res := counter_sync.oe_sims(o.account_id, d, o.created_at);
            IF d->>'previous_status' IS DISTINCT FROM d->>'status' THEN
                IF res->>'outcome' IN ('applied', 'already') THEN
                    res := counter_sync.oe_merge(res, counter_sync.oe_status(
                        o.account_id, eff, o.business_code, d->>'previous_status', d->>'status'));
                ELSE
                    PERFORM counter_sync.oe_touch('account', o.account_id);
                END IF;
            END IF;
        ELSIF eff = 'new_subscription' THEN
            res := counter_sync.oe_new_line(d, o.hall);
        ELSIF eff = 'transfer' THEN
            res := counter_sync.oe_transfer(o.account_id, d);
        ELSIF eff = 'plan_change' THEN
            res := counter_sync.oe_plan(o.account_id, o.business_code, d, o.created_at);
        ELSIF eff = 'sp_subscribe' THEN
            res := counter_sync.oe_subscribe(o.account_id, d, o.business_date);
        ELSIF eff = 'sp_cancel' THEN
            res := counter_sync.oe_cancel(o.account_id, d, coalesce((d->>'end_date')::date, o.business_date));
        ELSIF eff = 'sp_dispute' THEN  -- only a dispute that stopped the service changes the line
            res := counter_sync.oe_cancel(o.account_id, d, (d->>'stopped_on')::date);
        ELSE
            res := counter_sync.oe_status(o.account_id, eff, o.business_code, d->>'previous_status',
                                          d->>'status');
        END IF;
    ELSE
        SELECT * INTO done FROM counter_sync.order_effect
        WHERE hall = o.hall AND order_id = o.id AND action = 'apply' AND outcome IN ('applied', 'adapted')
        FOR UPDATE;
        IF NOT FOUND THEN  -- the hub made no change for this order: nothing to undo
            res := counter_sync.oe_result('skipped');
            PERFORM counter_sync.oe_touch('account', o.account_id);  -- the hall gets the hub's line back
            PERFORM counter_sync.oe_touch('sim_card', o.account_id);
            PERFORM counter_sync.oe_touch('sp_subscription', counter_sync.oe_uuid(d->>'subscription_id'));
        ELSIF eff = 'sim_replace' THEN
            res := counter_sync.oe_sims_undo(o.account_id, to_jsonb(done));
            IF res->>'outcome' = 'applied' THEN
                res := counter_sync.oe_merge(res, counter_sync.oe_status_undo(o.account_id, to_jsonb(done)));
            END IF;
        ELSIF eff = 'new_subscription' THEN
            res := counter_sync.oe_new_line_undo(to_jsonb(done));
        ELSIF eff = 'transfer' THEN
            res := counter_sync.oe_transfer_undo(o.account_id, to_jsonb(done));
        ELSIF eff = 'plan_change' THEN
            res := counter_sync.oe_plan_undo(o.account_id, to_jsonb(done));
        ELSIF eff = 'sp_subscribe' THEN
            res := counter_sync.oe_subscribe_undo(to_jsonb(done));
        ELSIF eff IN ('sp_cancel', 'sp_dispute') THEN
            res := counter_sync.oe_cancel_undo(to_jsonb(done));
        ELSE
            res := counter_sync.oe_status_undo(o.account_id, to_jsonb(done));
        END IF;
        IF res->>'outcome' IN ('applied', 'already') THEN
            UPDATE counter_sync.order_effect SET undone = true
            WHERE hall = o.hall AND order_id = o.id AND action = 'apply';
        END IF;
    END IF;
    EXCEPTION WHEN OTHERS THEN
        res := counter_sync.oe_result('conflict', 'error', '', left(SQLERRM, 200));
        PERFORM counter_sync.oe_touch('account', o.account_id);
        PERFORM counter_sync.oe_touch('sim_card', o.account_id);
        PERFORM counter_sync.oe_touch('sp_subscription', counter_sync.oe_uuid(d->>'subscription_id'));
    END;
    UPDATE counter_sync.order_effect SET outcome = res->>'outcome', part = res->>'part',
        expected = res->>'expected', found = res->>'found', before = res->'before', after = res->'after', at = now()
    WHERE hall = o.hall AND order_id = o.id AND action = act;
    IF eff = ANY(%(bill_run)s::text[]) THEN  -- decided here: the bill run does not apply it again
        PERFORM counter_sync.oe_seen(o.hall, o.id, o.status);
    END IF;
    RETURN;
END $$;
CREATE OR REPLACE FUNCTION counter_sync.apply_order() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM counter_sync.oe_decide(NEW, CASE WHEN TG_OP = 'INSERT' THEN 'apply' ELSE 'void' END);
    RETURN NULL;
END $$;

-- The plan changes and SP orders that reached the hub before the trigger existed (and that no
-- bill run applied yet), decided now by the same rules, oldest first, once each; returns how
-- many. Other businesses' orders that old are left alone: their lines have moved on since.
CREATE OR REPLACE FUNCTION counter_sync.oe_catch_up() RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    o service_order;
    n integer := 0;
BEGIN
    FOR o IN SELECT s.* FROM service_order s JOIN business_type b ON b.code = s.business_code
             WHERE b.effect = ANY(%(bill_run)s::text[]) AND s.account_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM counter_sync.order_effect e
                               WHERE e.hall = s.hall AND e.order_id = s.id AND e.action = 'apply')
               AND NOT EXISTS (SELECT 1 FROM applied_order a WHERE a.hall = s.hall AND a.order_id = s.id)
             ORDER BY s.created_at, s.id
    LOOP
        PERFORM counter_sync.oe_decide(o, 'apply');
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
DROP TRIGGER IF EXISTS counter_sync_order_apply ON service_order;
CREATE TRIGGER counter_sync_order_apply AFTER INSERT ON service_order
    FOR EACH ROW EXECUTE FUNCTION counter_sync.apply_order();
DROP TRIGGER IF EXISTS counter_sync_order_void ON service_order;
CREATE TRIGGER counter_sync_order_void AFTER UPDATE ON service_order
    FOR EACH ROW WHEN (OLD.status = 'done' AND NEW.status = 'voided') EXECUTE FUNCTION counter_sync.apply_order();
"""
