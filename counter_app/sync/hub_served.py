"""Whose lines a hall may change on the hub: its own customers' and the walk-ins it served.

Any hall of the province serves any number of the province (异地业务: payment, SIM
replacement, PUK, 停机/复机, 挂失, repairs, complaints for a number of another city), but only
for a customer standing at its counter, and a terminal finds another hall's customer only
through the hub's walk-in look-up (``counter_sync.walk_in``), which logs the hall and the
customer in ``counter_sync.lookup_log``. So the hub takes a hall's word for a line when:

* the line's customer is the hall's own (``customer.hall``), or the hall fetched that customer
  as a walk-in within its ``visitor_keep_days`` before the business was made at the counter
  (the order's or payment's own time, not its arrival: an order made offline may arrive days
  later; a look-up made after the business counts too, which is how held money is applied),
* and the business may be done for a number of another city (``remote_allowed``) or the
  line's home city is the hall's city: the counter's own rule (``services/orders.py``
  ``check_allowed``), applied again on the hub to every line, a hall's own customers' too;
* a line the hub does not know yet is nobody else's: its orders wait and its payments are
  held until it arrives, then both are decided by these rules (``sync/hub_held.py``).

Otherwise an order is stored (it is the hall's record of what its clerk did) but its line
change is not made: ``counter_sync.apply_order`` records it as a refusal of the line
(``order_effect``, part ``line``, found ``not_served`` or ``other_city``), listed with the
other refusals by ``sync --check``, ``sync --status`` and the Sync tab. A payment (or a
reversal or credit) for such a line is stored but held, not credited (``sync/hub_held.py``):
the money is in the hall's till and on its day close, and the manager applies or refunds it.
An order's or a payment's line cannot be changed afterwards on the hub.
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.services.minimise import DEFAULT_KEEP_DAYS, KEEP_DAYS_KEY

NOT_SERVED = "not_served"
OTHER_CITY = "other_city"

# Part of the hub's reason for a refused payment (``sync/push.py`` keeps it with the op; the
# Sync tab and ``sync --check`` recognise it by this).
REFUSED_MARK = "nor a walk-in it served"
# ``sync --check`` lists the operations the hub refused that wait for the manager.
REFUSED_HEADING = QT_TRANSLATE_NOOP("RefusedOps", "Operations the hub refused, waiting for the manager (Sync tab): "
                                                  "{count}")
NOT_SERVED_TEXT = QT_TRANSLATE_NOOP("RefusedOps", "the line is neither a customer of this hall nor a walk-in it "
                                                  "served")


def refused_lines(translate: Callable[[str, str], str]) -> list[str]:
    """The heading and one line per refused operation of this terminal (newest first), the
    hub's reason in the reader's words where it is one of these refusals."""
    from counter_app.sync.status import rejected_ops

    ops = rejected_ops(limit=100)
    if not ops:
        return []
    out = [translate("RefusedOps", REFUSED_HEADING).format(count=len(ops))]
    for op in ops:
        reason = translate("RefusedOps", NOT_SERVED_TEXT) if REFUSED_MARK in op.error else op.error
        out.append(f"  {op.table} {op.summary}: {reason}")
    return out

SERVED_SQL = rf"""
CREATE INDEX IF NOT EXISTS lookup_log_walk_in ON counter_sync.lookup_log (hall, customer_id)
    WHERE what = 'walk_in';

-- NULL when ``order_hall`` may change line ``acc`` (with business ``biz``; NULL for money) by
-- a business made at ``made_at`` (the counter's clock), else why not: '{NOT_SERVED}' or '{OTHER_CITY}'.
-- A walk-in look-up lets the hall serve the customer for as long as its terminals keep them
-- (the hall's ``{KEEP_DAYS_KEY}``, default {DEFAULT_KEEP_DAYS}): businesses made up to that many days after it.
DROP FUNCTION IF EXISTS counter_sync.oe_served(text, uuid, text);
CREATE OR REPLACE FUNCTION counter_sync.oe_served(order_hall text, acc uuid, biz text, made_at timestamp)
RETURNS text LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
DECLARE
    line record;
    keep integer;
BEGIN
    SELECT a.customer_id, c.hall AS owner, a.home_city INTO line
    FROM account a LEFT JOIN customer c ON c.id = a.customer_id WHERE a.id = acc;
    IF NOT FOUND THEN
        RETURN NULL;  -- a line the hub does not know yet
    END IF;
    IF line.owner IS DISTINCT FROM order_hall THEN
        SELECT CASE WHEN s.value::text ~ '^[0-9]+$' THEN s.value::text::integer END INTO keep
            FROM setting s WHERE s.hall = order_hall AND s.key = '{KEEP_DAYS_KEY}';
        IF NOT EXISTS (SELECT 1 FROM counter_sync.lookup_log l WHERE l.hall = order_hall AND l.what = 'walk_in'
                       AND l.customer_id = line.customer_id
                       AND l.at >= coalesce(made_at, localtimestamp)
                                   - make_interval(days => greatest(1, coalesce(keep, {DEFAULT_KEEP_DAYS})))) THEN
            RETURN '{NOT_SERVED}';
        END IF;
    END IF;
    -- The counter's city rule (services/orders.py check_allowed), for every line, own or walk-in.
    IF biz IS NOT NULL AND coalesce(line.home_city, '') <> ''
       AND line.home_city IS DISTINCT FROM (SELECT h.city FROM hall h WHERE h.code = order_hall)
       AND NOT coalesce((SELECT b.remote_allowed FROM business_type b WHERE b.code = biz), false) THEN
        RETURN '{OTHER_CITY}';
    END IF;
    RETURN NULL;
END $$;

-- A payment's line never changes on the hub. Which payments the hub holds instead of
-- crediting: ``sync/hub_held.py``.
CREATE OR REPLACE FUNCTION counter_sync.check_payment_line() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NEW.account_id IS DISTINCT FROM OLD.account_id THEN
        RAISE EXCEPTION 'the line of payment % cannot change on the hub', OLD.receipt_no
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS counter_sync_payment_line ON payment;
CREATE TRIGGER counter_sync_payment_line BEFORE UPDATE OF account_id ON payment
    FOR EACH ROW EXECUTE FUNCTION counter_sync.check_payment_line();

CREATE OR REPLACE FUNCTION counter_sync.check_order_line() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NEW.account_id IS DISTINCT FROM OLD.account_id THEN
        RAISE EXCEPTION 'the line of order % cannot change on the hub', OLD.order_no
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS counter_sync_order_line ON service_order;
CREATE TRIGGER counter_sync_order_line BEFORE UPDATE OF account_id ON service_order
    FOR EACH ROW EXECUTE FUNCTION counter_sync.check_order_line();
REVOKE EXECUTE ON FUNCTION counter_sync.oe_served(text, uuid, text, timestamp) FROM PUBLIC;
"""
