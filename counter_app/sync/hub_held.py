"""Money the hub holds: a hall's payment for a line the hall may not credit, kept in suspense.

A payment a clerk took at the counter is money in the hall's till, whatever the hub thinks of
its line. When the line is not one the hall may credit (``sync/hub_served.py``: neither its
own customer's nor a walk-in it fetched within ``visitor_keep_days`` before the payment was
made) or the hub does not know the line yet, the hub still stores the payment row (so the
hall's day close counts it and the cash balances) but posts nothing to the line's ledger:
``counter_sync.held_payment`` keeps it as money held, with the hall, terminal, clerk, amount,
line and reason. Nothing is credited silently and nothing is lost; the hall's manager settles
it by a recorded act, each a new row, never an update of the payment:

* **apply**: once the hall may credit the line (typically after the walk-in look-up of the
  customer), ``counter_sync.apply_held`` posts the payment's ledger entry (the payment's own
  id, in the month it is applied) and records who applied it (``held_settlement``);
* **refund**: the manager gives the money back with a reversal row of the held payment
  (``services/held_money.py``); the hub records the hold as refunded and posts nothing, since
  the line was never credited.

A payment held because the hub did not know its line is checked again, by the same rules,
when the line arrives on the hub (``counter_sync.line_arrived``): applied then when the hall
may credit the line (recorded as applied by the hub), otherwise held with the reason found.
The orders of such lines wait the same way (``order_effect`` outcome ``waiting``) and are
decided when the line arrives; a refusal is then listed with the other line refusals.

A hall reads its own holds (row-level security); ``sync --status``, ``sync --check``, the
manager's Sync tab and the settlement sheet list them (docs/security.md, "Money the hub
holds").
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.sync.hub_rows import scalar

UNKNOWN_LINE = "unknown_line"

TABLES_SQL = """
CREATE TABLE IF NOT EXISTS counter_sync.held_payment (
    hall varchar(16) NOT NULL,
    payment_id uuid NOT NULL,
    terminal text NOT NULL DEFAULT '',
    staff_no text NOT NULL DEFAULT '',
    receipt_no text NOT NULL DEFAULT '',
    account_id uuid,
    phone text NOT NULL DEFAULT '',
    kind text NOT NULL,
    method text NOT NULL DEFAULT '',
    amount_fen bigint NOT NULL,      -- the payment row's amount, as the hall's takings
    effect_fen bigint NOT NULL,      -- what it would add to the line's ledger
    business_date date,
    made_at timestamp,               -- the counter's clock, when the clerk took it
    reason text NOT NULL,            -- not_served | unknown_line
    held_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall, payment_id)
);
CREATE INDEX IF NOT EXISTS held_payment_line ON counter_sync.held_payment (account_id);
CREATE TABLE IF NOT EXISTS counter_sync.held_settlement (
    hall varchar(16) NOT NULL,
    payment_id uuid NOT NULL,
    how text NOT NULL,               -- applied | refunded
    staff_no text NOT NULL DEFAULT '',  -- who: the manager, the refund's clerk, 'hub' when its line arrived
    ref text NOT NULL DEFAULT '',    -- the refund's receipt number
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall, payment_id)
);
"""

# The hold decision: an AFTER INSERT row trigger named to fire before ``counter_sync_ledger``
# (triggers of one event fire in name order), so the ledger posting sees the hold.
HOLD_SQL = """
CREATE INDEX IF NOT EXISTS order_effect_waiting ON counter_sync.order_effect (account_id) WHERE outcome = 'waiting';
CREATE OR REPLACE FUNCTION counter_sync.payment_effect(p payment) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT CASE WHEN p.kind = 'payment' THEN p.amount_fen::bigint
                WHEN p.kind IN ('refund', 'compensation') THEN -p.amount_fen::bigint
                WHEN p.kind = 'reversal' AND (SELECT o.kind FROM payment o WHERE o.hall = p.hall
                                              AND o.id = p.reverses_id) = 'payment' THEN p.amount_fen::bigint
                ELSE 0 END
$$;

CREATE OR REPLACE FUNCTION counter_sync.hold_payment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    effect bigint;
    why text;
BEGIN
    IF NEW.account_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.reverses_id IS NOT NULL AND EXISTS (SELECT 1 FROM counter_sync.held_payment h
                                               WHERE h.hall = NEW.hall AND h.payment_id = NEW.reverses_id) THEN
        RETURN NULL;  -- the refund of held money, or the reversal of one applied since: the ledger decides
    END IF;
    effect := counter_sync.payment_effect(NEW);
    IF effect = 0 THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM account WHERE id = NEW.account_id) THEN
        why := 'unknown_line';
    ELSE
        why := counter_sync.oe_served(NEW.hall, NEW.account_id, NULL, NEW.created_at);
    END IF;
    IF why IS NOT NULL THEN
        INSERT INTO counter_sync.held_payment (hall, payment_id, terminal, staff_no, receipt_no, account_id, phone,
                                               kind, method, amount_fen, effect_fen, business_date, made_at, reason)
        VALUES (NEW.hall, NEW.id, coalesce(NEW.terminal, ''), NEW.staff_no, NEW.receipt_no, NEW.account_id,
                coalesce(NEW.phone, ''), NEW.kind, NEW.method, NEW.amount_fen, effect, NEW.business_date,
                NEW.created_at, why)
        ON CONFLICT (hall, payment_id) DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS counter_sync_hold ON payment;
CREATE TRIGGER counter_sync_hold AFTER INSERT ON payment
    FOR EACH ROW EXECUTE FUNCTION counter_sync.hold_payment();

-- Post a held payment to its line now: its entry (the payment's id) in the current month, the
-- cached balance, a line suspended for arrears working again, and the settlement row.
CREATE OR REPLACE FUNCTION counter_sync.held_post(h counter_sync.held_payment, who text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO ledger_entry (id, account_id, period, kind, amount_fen, method, ref, hall, posted_at)
    VALUES (h.payment_id, h.account_id, to_char(localtimestamp, 'YYYY-MM'), h.kind, h.effect_fen, h.method,
            left(h.receipt_no, 40), h.hall, localtimestamp)
    ON CONFLICT (id) DO NOTHING;
    IF FOUND THEN
        UPDATE account SET balance_fen = balance_fen + h.effect_fen WHERE id = h.account_id;
        UPDATE account SET status = 'active' WHERE id = h.account_id AND status = 'arrears' AND balance_fen >= 0;
    END IF;
    INSERT INTO counter_sync.held_settlement (hall, payment_id, how, staff_no)
    VALUES (h.hall, h.payment_id, 'applied', who) ON CONFLICT (hall, payment_id) DO NOTHING;
END $$;

-- The manager's act: apply a held payment of this hall to its line, when the hall may credit
-- the line now. Returns 'applied', or why not ('settled', 'unknown', or the line's reason).
CREATE OR REPLACE FUNCTION counter_sync.apply_held(p_payment uuid, p_staff text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    me text := counter_sync.current_hall();
    h counter_sync.held_payment;
    why text;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'only a hall applies its held payments' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO h FROM counter_sync.held_payment WHERE hall = me AND payment_id = p_payment FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'unknown';
    END IF;
    IF EXISTS (SELECT 1 FROM counter_sync.held_settlement s WHERE s.hall = me AND s.payment_id = p_payment) THEN
        RETURN 'settled';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM account WHERE id = h.account_id) THEN
        RETURN 'unknown_line';
    END IF;
    why := counter_sync.oe_served(me, h.account_id, NULL, localtimestamp);
    IF why IS NOT NULL THEN
        RETURN why;
    END IF;
    PERFORM counter_sync.held_post(h, coalesce(nullif(p_staff, ''), session_user));
    RETURN 'applied';
END $$;
REVOKE ALL ON FUNCTION counter_sync.apply_held(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION counter_sync.held_post(counter_sync.held_payment, text) FROM PUBLIC;

-- A line arrives on the hub (a line opened at a hall, the centre's load): the orders that
-- waited for it are decided now by the order trigger's rules, oldest first, and the payments
-- held for want of it are applied when their hall may credit it, else held for the reason found.
CREATE OR REPLACE FUNCTION counter_sync.line_arrived() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    o service_order;
    h counter_sync.held_payment;
    why text;
BEGIN
    IF EXISTS (SELECT 1 FROM counter_sync.order_effect WHERE outcome = 'waiting') THEN
        FOR o IN SELECT s.* FROM counter_sync.order_effect e JOIN new_rows n ON n.id = e.account_id
                 JOIN service_order s ON s.hall = e.hall AND s.id = e.order_id
                 WHERE e.outcome = 'waiting' AND e.action = 'apply' ORDER BY s.created_at, s.id LOOP
            DELETE FROM counter_sync.order_effect WHERE hall = o.hall AND order_id = o.id AND action = 'apply';
            PERFORM counter_sync.oe_decide(o, 'apply');
        END LOOP;
    END IF;
    IF EXISTS (SELECT 1 FROM counter_sync.held_payment WHERE reason = 'unknown_line') THEN
        FOR h IN SELECT p.* FROM counter_sync.held_payment p JOIN new_rows n ON n.id = p.account_id
                 WHERE p.reason = 'unknown_line' AND NOT EXISTS (
                     SELECT 1 FROM counter_sync.held_settlement s WHERE s.hall = p.hall AND s.payment_id = p.payment_id)
                 ORDER BY p.made_at LOOP
            why := counter_sync.oe_served(h.hall, h.account_id, NULL, h.made_at);
            IF why IS NULL THEN
                PERFORM counter_sync.held_post(h, 'hub');
            ELSE  -- the hub's own record of the hold, not the payment: its reason is now known
                UPDATE counter_sync.held_payment SET reason = why WHERE hall = h.hall AND payment_id = h.payment_id;
            END IF;
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS counter_sync_line_arrived ON account;
CREATE TRIGGER counter_sync_line_arrived AFTER INSERT ON account REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION counter_sync.line_arrived();
"""


def install(conn: psycopg.Connection[Any], admin: str, group: str, me: str) -> None:
    """The holds' tables (before the ledger trigger that reads them) and their row policies."""
    from counter_app.sync.tables import quote

    conn.execute(TABLES_SQL)
    for table in ("counter_sync.held_payment", "counter_sync.held_settlement"):
        conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        conn.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {quote(group)}")
        conn.execute(f"DROP POLICY IF EXISTS hub_admin ON {table}")
        conn.execute(f"CREATE POLICY hub_admin ON {table} FOR ALL TO {quote(admin)} USING (true) WITH CHECK (true)")
        conn.execute(f"GRANT SELECT ON {table} TO {quote(group)}")
        conn.execute(f"DROP POLICY IF EXISTS hall_read ON {table}")
        conn.execute(f"CREATE POLICY hall_read ON {table} FOR SELECT TO {quote(group)} USING (hall = {me})")


def install_rules(conn: psycopg.Connection[Any], group: str) -> None:
    """The hold trigger, the manager's apply and the re-check on a line's arrival (after the
    order trigger and ``oe_served``, which they call)."""
    from counter_app.sync.tables import quote

    conn.execute(HOLD_SQL)
    conn.execute(f"GRANT EXECUTE ON FUNCTION counter_sync.apply_held(uuid, text) TO {quote(group)}")


REASONS = {
    "not_served": QT_TRANSLATE_NOOP("HeldMoney", "the line is neither a customer of this hall nor a walk-in it "
                                                 "served"),
    UNKNOWN_LINE: QT_TRANSLATE_NOOP("HeldMoney", "the hub does not know the line yet"),
    "other_city": QT_TRANSLATE_NOOP("HeldMoney", "the number is of another city"),
}
HEADING = QT_TRANSLATE_NOOP("HeldMoney", "Money the hub holds, not credited to any line: {count} payments, "
                                         "{amount} yuan (the manager applies or refunds each)")


@dataclass(frozen=True)
class HeldPayment:
    """A payment of this hall the hub holds (not credited), or one settled since."""

    payment_id: str  # 32 hex digits
    receipt_no: str
    terminal: str
    staff_no: str
    phone: str
    account_id: str
    kind: str
    method: str
    amount_fen: int
    business_date: str
    reason: str
    settled: str = ""  # "" | applied | refunded
    settled_by: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def reason_text(self, translate: Any = None) -> str:
        say = translate or (lambda context, text: text)
        return str(say("HeldMoney", REASONS[self.reason])) if self.reason in REASONS else self.reason


HELD_SQL = """
SELECT replace(h.payment_id::text, '-', ''), h.receipt_no, h.terminal, h.staff_no, h.phone,
       replace(coalesce(h.account_id::text, ''), '-', ''), h.kind, h.method, h.amount_fen, h.business_date::text,
       h.reason, coalesce(s.how, ''), coalesce(s.staff_no, '')
FROM counter_sync.held_payment h
LEFT JOIN counter_sync.held_settlement s ON s.hall = h.hall AND s.payment_id = h.payment_id
WHERE h.hall = %(hall)s AND (%(settled)s OR s.payment_id IS NULL) {day}
ORDER BY h.made_at DESC, h.receipt_no DESC LIMIT %(limit)s
"""


def held(conn: psycopg.Connection[Any], hall: str, *, day: dt.date | None = None, settled: bool = False,
         receipt_no: str = "", limit: int = 200) -> list[HeldPayment]:
    """This hall's payments the hub holds: every one not settled yet, newest first; with
    ``day``, that day's held payments, settled or not (``settled``: settled ones too; with
    ``receipt_no``, that one). [] on a hub set up before holds."""
    if scalar(conn.execute("SELECT to_regclass('counter_sync.held_payment')")) is None:
        return []
    where = ("AND h.business_date = %(day)s " if day is not None else "") + \
        ("AND h.receipt_no = %(receipt)s" if receipt_no else "")
    rows = conn.execute(HELD_SQL.replace("{day}", where), {"hall": hall, "settled": settled or day is not None,
                                                            "day": day, "receipt": receipt_no, "limit": limit})
    return [HeldPayment(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), r[9], r[10], r[11], r[12])
            for r in rows]


def not_credited(conn: psycopg.Connection[Any], hall: str, ids: list[str]) -> list[str]:
    """Which of these payment ids (hex) are held by the hub and were never applied to their
    line: a reversal of one is the refund of held money. [] on a hub set up before holds."""
    if not ids or scalar(conn.execute("SELECT to_regclass('counter_sync.held_payment')")) is None:
        return []
    return [r[0] for r in conn.execute(
        "SELECT replace(h.payment_id::text, '-', '') FROM counter_sync.held_payment h WHERE h.hall = %s "
        "AND replace(h.payment_id::text, '-', '') = ANY(%s) AND NOT EXISTS (SELECT 1 FROM "
        "counter_sync.held_settlement s WHERE s.hall = h.hall AND s.payment_id = h.payment_id AND s.how = 'applied')",
        (hall, ids))]


def apply(conn: psycopg.Connection[Any], payment_id: uuid.UUID | str, staff_no: str) -> str:
    """Ask the hub to apply a held payment now: 'applied', or why not."""
    return str(scalar(conn.execute("SELECT counter_sync.apply_held(%s, %s)", (str(payment_id), staff_no))))


def held_lines(rows: list[HeldPayment], translate: Any) -> list[str]:
    """The heading and one line per held payment (``sync --check``, ``held``), in the reader's words."""
    if not rows:
        return []
    from counter_app.money import format_yuan

    out = [translate("HeldMoney", HEADING).format(count=len(rows),
                                                  amount=format_yuan(sum(h.amount_fen for h in rows)))]
    for h in rows:
        out.append(f"  {h.receipt_no} · {h.business_date} · {h.phone} · ¥{format_yuan(h.amount_fen)} · "
                   f"{h.staff_no}@{h.terminal}: {h.reason_text(translate)}")
    return out
