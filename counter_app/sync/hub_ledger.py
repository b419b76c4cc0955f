"""The hub applies each payment a hall pushes to the account's ledger, once.

A ``payment`` row is a fact: the push inserts it with ``ON CONFLICT (id) DO NOTHING``, so the
row trigger below runs exactly once per payment however often it is sent. It writes the
payment's ledger entry (same id as the payment) and moves the account's cached balance in the
same transaction; both are reference rows, so the change log carries them to every terminal
of every hall on their next pull. A fee posts nothing; a reversal posts only when it reverses
a bill payment (the rule of ``services.ledger.payment_effect``, which a test keeps in step).
A line suspended for arrears works again once its balance owes nothing, as at the counter.

``SECURITY DEFINER``: a hall's login may insert its own payments but never write reference
tables; the function only ever writes the entry of the row being inserted.
"""

from __future__ import annotations

LEDGER_SQL = """
CREATE OR REPLACE FUNCTION counter_sync.post_payment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    effect bigint := 0;
    original text;
BEGIN
    -- The reversal of a payment the hub holds (sync/hub_held.py) is its refund: the hold is
    -- settled and nothing posted, the line never had the money (the refund may name no line).
    IF NEW.kind = 'reversal' AND EXISTS (
            SELECT 1 FROM counter_sync.held_payment h WHERE h.hall = NEW.hall AND h.payment_id = NEW.reverses_id
            AND NOT EXISTS (SELECT 1 FROM counter_sync.held_settlement s WHERE s.hall = h.hall
                            AND s.payment_id = h.payment_id AND s.how = 'applied')) THEN
        INSERT INTO counter_sync.held_settlement (hall, payment_id, how, staff_no, ref)
        VALUES (NEW.hall, NEW.reverses_id, 'refunded', NEW.staff_no, NEW.receipt_no)
        ON CONFLICT (hall, payment_id) DO NOTHING;
        RETURN NULL;
    END IF;
    IF NEW.account_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.kind = 'payment' THEN
        effect := NEW.amount_fen;
    ELSIF NEW.kind IN ('refund', 'compensation') THEN
        effect := -NEW.amount_fen;
    ELSIF NEW.kind = 'reversal' THEN
        SELECT kind INTO original FROM payment WHERE hall = NEW.hall AND id = NEW.reverses_id;
        IF original = 'payment' THEN
            effect := NEW.amount_fen;
        END IF;
    END IF;
    IF effect = 0 THEN
        RETURN NULL;
    END IF;
    -- Money the hub holds is not credited (sync/hub_held.py).
    IF EXISTS (SELECT 1 FROM counter_sync.held_payment h WHERE h.hall = NEW.hall AND h.payment_id = NEW.id) THEN
        RETURN NULL;
    END IF;
    INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, posted_at)
    VALUES (NEW.id, NEW.account_id, to_char(NEW.business_date, 'YYYY-MM'), NEW.kind, effect, NEW.method,
            left(NEW.receipt_no, 40), NEW.hall, NEW.created_at)
    ON CONFLICT (id) DO NOTHING;
    IF FOUND THEN
        UPDATE account SET balance_fen = balance_fen + effect WHERE id = NEW.account_id;
        -- A line suspended for arrears works again once nothing is due (services.ledger.resume_if_paid).
        UPDATE account SET status = 'active' WHERE id = NEW.account_id AND status = 'arrears' AND balance_fen >= 0;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS counter_sync_ledger ON payment;
CREATE TRIGGER counter_sync_ledger AFTER INSERT ON payment
    FOR EACH ROW EXECUTE FUNCTION counter_sync.post_payment();
"""

# Run by ``hub init`` after the trigger exists: posts any payment that reached the hub without
# its entry (pushed while an older hub had no trigger), each once.
CATCH_UP_SQL = """
WITH effect AS (
    SELECT p.id, p.account_id, p.business_date, p.kind, p.method, p.receipt_no, p.hall, p.created_at,
           CASE WHEN p.kind = 'payment' THEN p.amount_fen
                WHEN p.kind IN ('refund', 'compensation') THEN -p.amount_fen
                WHEN p.kind = 'reversal' AND o.kind = 'payment' THEN p.amount_fen ELSE 0 END AS amount
    FROM payment p LEFT JOIN payment o ON o.hall = p.hall AND o.id = p.reverses_id
    WHERE p.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.id = p.id)
      -- held money and its refunds post nothing (sync/hub_held.py)
      AND NOT EXISTS (SELECT 1 FROM counter_sync.held_payment h WHERE h.hall = p.hall
                      AND h.payment_id IN (p.id, p.reverses_id)
                      AND NOT EXISTS (SELECT 1 FROM counter_sync.held_settlement s WHERE s.hall = h.hall
                                      AND s.payment_id = h.payment_id AND s.how = 'applied'))
), posted AS (
    INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, posted_at)
    SELECT id, account_id, to_char(business_date, 'YYYY-MM'), kind, amount, method, left(receipt_no, 40), hall,
           created_at FROM effect WHERE amount <> 0
    ON CONFLICT (id) DO NOTHING RETURNING account_id, amount_fen
)
UPDATE account SET balance_fen = account.balance_fen + s.total
FROM (SELECT account_id, SUM(amount_fen) AS total FROM posted GROUP BY account_id) s
WHERE account.id = s.account_id
"""
