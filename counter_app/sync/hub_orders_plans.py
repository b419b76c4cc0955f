"""The hub's SQL for the orders' line changes, part three: a line's pending plan change (变更
套餐: ``next_plan`` from the first day of ``next_plan_from``) and its SP subscriptions (订购,
退订, and the stop of a disputed service), each applied on arrival only from the value the
order found, and undone by the order's void from the hub's own record. Installed by
``sync/hub_orders.py``; the rules are in docs/lifecycle.md, "At the hub".

The bill run (``services/billrun.py:apply_orders``) applied these orders alone before; the
trigger marks each order it decided in ``applied_order`` so the run does not apply it again,
and the run still applies the orders the trigger never saw (pushed before ``hub init``
installed it)."""

from __future__ import annotations

PLAN_SQL = r"""
-- The pending plan change. A change made at the counter replaces a pending one there, so it
-- replaces the hub's pending one too, unless the hub's was ordered after this order (another
-- hall's later change stands) or the line's state no longer takes a plan change.
CREATE OR REPLACE FUNCTION counter_sync.oe_plan(acc uuid, code text, d jsonb, made timestamp) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    line record;
    accepts text[];
    wanted text := d->>'to_plan';
    due text := coalesce(d->>'effective', '');
    outcome text := 'applied';
BEGIN
    SELECT plan_id, next_plan_id, next_plan_from, status INTO line FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('skipped', 'line');
    ELSIF wanted IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'plan');
    ELSIF line.next_plan_id IS NOT DISTINCT FROM wanted AND coalesce(line.next_plan_from, '') = due THEN
        RETURN counter_sync.oe_result('already', 'plan');
    ELSIF line.plan_id = wanted AND line.next_plan_id IS NULL THEN
        RETURN counter_sync.oe_result('already', 'plan');  -- in force already (the bill run put it there)
    END IF;
    IF NOT (line.next_plan_id IS NOT DISTINCT FROM d->>'previous_next_plan'
            AND coalesce(line.next_plan_from, '') = coalesce(d->>'previous_next_from', '')) THEN
        SELECT r.accepts INTO accepts FROM counter_sync.line_rule r WHERE r.name IN (code, 'plan_change')
        ORDER BY r.name = code DESC LIMIT 1;
        IF NOT (line.status = ANY(coalesce(accepts, '{}'))) OR EXISTS (
                SELECT 1 FROM counter_sync.order_effect e WHERE e.account_id = acc AND e.effect = 'plan_change'
                AND e.action = 'apply' AND e.outcome IN ('applied', 'adapted') AND NOT e.undone AND e.made_at > made)
        THEN
            PERFORM counter_sync.oe_touch('account', acc);
            RETURN counter_sync.oe_result('conflict', 'plan', coalesce(d->>'previous_next_plan', ''),
                                          coalesce(line.next_plan_id, ''));
        END IF;
        outcome := 'adapted';
    END IF;
    UPDATE account SET next_plan_id = wanted, next_plan_from = due WHERE id = acc;
    RETURN counter_sync.oe_result(outcome, 'plan', '', '',
                                  jsonb_build_object('next_plan', line.next_plan_id, 'next_from', line.next_plan_from),
                                  jsonb_build_object('next_plan', wanted, 'next_from', due));
END $$;

-- A void gives the line back the pending change the hub had before, while the hub's line
-- still shows this order's (the bill run has not put it in force, no later change replaced it).
CREATE OR REPLACE FUNCTION counter_sync.oe_plan_undo(acc uuid, done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    line record;
BEGIN
    IF NOT (done->'after' ? 'next_plan') THEN
        RETURN counter_sync.oe_result('skipped', 'plan');
    END IF;
    SELECT next_plan_id, next_plan_from INTO line FROM account WHERE id = acc FOR UPDATE;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('skipped', 'line');
    END IF;
    IF line.next_plan_id IS NOT DISTINCT FROM done->'after'->>'next_plan'
       AND coalesce(line.next_plan_from, '') = done->'after'->>'next_from' THEN
        UPDATE account SET next_plan_id = done->'before'->>'next_plan',
                           next_plan_from = coalesce(done->'before'->>'next_from', '') WHERE id = acc;
        RETURN counter_sync.oe_result('applied', 'plan');
    END IF;
    PERFORM counter_sync.oe_touch('account', acc);
    RETURN counter_sync.oe_result('conflict', 'plan', done->'after'->>'next_plan', coalesce(line.next_plan_id, ''));
END $$;

-- 订购: the hall's subscription row, with the id the counter gave it, from the order's day.
CREATE OR REPLACE FUNCTION counter_sync.oe_subscribe(acc uuid, d jsonb, day date) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    sub uuid := counter_sync.oe_uuid(d->>'subscription_id');
BEGIN
    IF sub IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'subscription');
    ELSIF NOT EXISTS (SELECT 1 FROM account WHERE id = acc) THEN
        RETURN counter_sync.oe_result('skipped', 'line');
    ELSIF EXISTS (SELECT 1 FROM sp_subscription WHERE id = sub) THEN
        RETURN counter_sync.oe_result('already', 'subscription');
    ELSIF EXISTS (SELECT 1 FROM sp_subscription WHERE account_id = acc AND service_id = d->>'service'
                  AND end_date IS NULL) THEN  -- subscribed meanwhile at another hall
        PERFORM counter_sync.oe_tombstone('sp_subscription', sub);
        RETURN counter_sync.oe_result('conflict', 'subscription', '', d->>'service');
    END IF;
    BEGIN
        INSERT INTO sp_subscription (id, account_id, service_id, start_date, end_date)
        VALUES (sub, acc, d->>'service', day, NULL);
    EXCEPTION WHEN foreign_key_violation THEN  -- a service the hub does not offer
        PERFORM counter_sync.oe_tombstone('sp_subscription', sub);
        RETURN counter_sync.oe_result('conflict', 'subscription', d->>'service', '');
    END;
    RETURN counter_sync.oe_result('applied', 'subscription', '', '', '{}',
                                  jsonb_build_object('subscription_id', sub::text));
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_subscribe_undo(done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    sub uuid := counter_sync.oe_uuid(done->'after'->>'subscription_id');
    ended date;
BEGIN
    IF sub IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'subscription');
    END IF;
    DELETE FROM sp_subscription WHERE id = sub AND end_date IS NULL;
    IF FOUND THEN
        RETURN counter_sync.oe_result('applied', 'subscription');
    END IF;
    SELECT end_date INTO ended FROM sp_subscription WHERE id = sub;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('already', 'subscription');
    END IF;
    PERFORM counter_sync.oe_touch('sp_subscription', sub);  -- cancelled since: the hub's row stands
    RETURN counter_sync.oe_result('conflict', 'subscription', '', ended::text);
END $$;

-- 退订 (and a dispute that stopped the service): the open subscription's last charged day.
CREATE OR REPLACE FUNCTION counter_sync.oe_cancel(acc uuid, d jsonb, last_day date) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    sub uuid := counter_sync.oe_uuid(d->>'subscription_id');
    ended date;
BEGIN
    IF sub IS NULL OR last_day IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'subscription');
    END IF;
    UPDATE sp_subscription SET end_date = last_day WHERE id = sub AND account_id = acc AND end_date IS NULL;
    IF FOUND THEN
        RETURN counter_sync.oe_result('applied', 'subscription', '', '', '{}',
                                      jsonb_build_object('subscription_id', sub::text, 'end_date', last_day::text));
    END IF;
    SELECT end_date INTO ended FROM sp_subscription WHERE id = sub AND account_id = acc;
    IF NOT FOUND THEN
        RETURN counter_sync.oe_result('skipped', 'subscription');
    ELSIF ended = last_day THEN
        RETURN counter_sync.oe_result('already', 'subscription');
    END IF;
    PERFORM counter_sync.oe_touch('sp_subscription', sub);  -- ended on another day elsewhere
    RETURN counter_sync.oe_result('conflict', 'subscription', last_day::text, ended::text);
END $$;

CREATE OR REPLACE FUNCTION counter_sync.oe_cancel_undo(done jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    sub uuid := counter_sync.oe_uuid(done->'after'->>'subscription_id');
BEGIN
    IF sub IS NULL THEN
        RETURN counter_sync.oe_result('skipped', 'subscription');
    END IF;
    UPDATE sp_subscription SET end_date = NULL WHERE id = sub AND end_date = (done->'after'->>'end_date')::date;
    IF FOUND THEN
        RETURN counter_sync.oe_result('applied', 'subscription');
    END IF;
    PERFORM counter_sync.oe_touch('sp_subscription', sub);
    RETURN counter_sync.oe_result('conflict', 'subscription', done->'after'->>'end_date', '');
END $$;

-- The bill run applies only the orders nobody decided: the trigger's decision (applied,
-- refused or undone) is the order's, once (services/billrun.py:apply_orders).
-- Keyed by the order's hall and id: another hall's order with the same id is another order.
DROP FUNCTION IF EXISTS counter_sync.oe_seen(uuid, text);
CREATE OR REPLACE FUNCTION counter_sync.oe_seen(order_hall text, order_id uuid, status text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public AS $$
    INSERT INTO applied_order (hall, order_id, status, applied_at) VALUES (order_hall, order_id, status, localtimestamp)
    ON CONFLICT (hall, order_id) DO UPDATE SET status = EXCLUDED.status, applied_at = EXCLUDED.applied_at
$$;
"""
