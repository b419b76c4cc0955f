"""The hub applies the line changes of each business order a hall pushes, once.

A hall's order changes the hall's copy of reference rows (the line's status, its SIM cards).
Those rows belong to the hub: unless the hub makes the same change, its next change of the row
(a payment moving the balance, the bill run) is pulled back and undoes the hall's. So a row
trigger on ``service_order`` applies the ``effect_data`` of 停机, 复机, 挂失, 解挂, SIM
replacements, new lines (新入网), transfers (过户), plan changes and SP subscriptions,
cancellations and disputes that stopped a service to the hub's rows (the bill run skips the
orders the trigger decided: ``applied_order``):

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

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.services import lifecycle
from counter_app.services.billrun import APPLIED_EFFECTS
from counter_app.sync import hub_served
from counter_app.sync.hub_orders_owners import OWNER_SQL, TRIGGER_SQL
from counter_app.sync.hub_orders_plans import PLAN_SQL
from counter_app.sync.hub_orders_sql import SCHEMA_SQL, STATE_SQL
from counter_app.sync.hub_rows import scalar

if TYPE_CHECKING:
    import psycopg

# The effects the monthly bill run applied alone before (``billrun.APPLIED_EFFECTS``): the
# trigger marks each such order it decided in ``applied_order``, and the run applies only the
# orders it never saw (pushed before ``hub init`` installed it), once each.
BILL_RUN_EFFECTS = APPLIED_EFFECTS
# The effects whose changes the hub applies on arrival.
LINE_EFFECTS = (*lifecycle.STATUS_EFFECTS, "sim_replace", "new_subscription", "transfer", *BILL_RUN_EFFECTS)


def _array(values: Iterable[str]) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def rules_sql() -> list[str]:
    """``counter_sync.line_rule`` from ``lifecycle.RULES`` and ``CODE_RULES``: the same rules
    the counters check, for the hub's decisions when its line moved meanwhile."""
    rows: list[str] = []
    for name, rule in {**lifecycle.RULES, **lifecycle.CODE_RULES}.items():
        ordered = [s for s in lifecycle.STATES if s in rule.accepts]
        leaves = "NULL" if rule.leaves is None else "'" + rule.leaves + "'"
        rows.append(f"('{name}', {_array(ordered)}::text[], {leaves})")
    return ["DELETE FROM counter_sync.line_rule;",
            "INSERT INTO counter_sync.line_rule (name, accepts, leaves) VALUES " + ", ".join(rows) + ";"]


# Refusals recorded before they named people: the customers' ids (a transfer), an ID number in
# full (a new owner or a new line's customer the hub holds already) become masked names and IDs.
PEOPLE_NAMED_SQL = r"""
UPDATE counter_sync.order_effect SET
    expected = CASE WHEN counter_sync.oe_uuid(expected) IS NOT NULL THEN counter_sync.oe_person(expected::uuid)
                    ELSE expected END,
    found = CASE WHEN counter_sync.oe_uuid(found) IS NOT NULL THEN counter_sync.oe_person(found::uuid) ELSE found END
WHERE part = 'owner' AND (counter_sync.oe_uuid(expected) IS NOT NULL OR counter_sync.oe_uuid(found) IS NOT NULL);
UPDATE counter_sync.order_effect SET expected = counter_sync.oe_mask(NULL, expected)
WHERE found = 'customer' AND expected ~ '^[0-9]{14,17}[0-9Xx]$';
"""


def install(conn: psycopg.Connection[Any], admin: str, group: str, me: str) -> None:
    """Create or update the order trigger and its record (``hub init``; idempotent). ``me``
    is the SQL giving the session's hall, for the row policy of the record."""
    from counter_app.sync.tables import quote

    conn.execute(SCHEMA_SQL)
    for stmt in rules_sql():
        conn.execute(stmt)
    conn.execute(STATE_SQL)
    conn.execute(OWNER_SQL)
    conn.execute(PEOPLE_NAMED_SQL)
    conn.execute(PLAN_SQL)
    conn.execute(TRIGGER_SQL.replace("%(effects)s", _array(LINE_EFFECTS))
                 .replace("%(bill_run)s", _array(BILL_RUN_EFFECTS)))
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
    "plan": QT_TRANSLATE_NOOP("LineConflict", "pending plan change"),
    "subscription": QT_TRANSLATE_NOOP("LineConflict", "SP subscription"),
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
    at: dt.datetime | str  # the hub's time; its text once read back from the last sync's record

    def as_dict(self) -> dict[str, str]:
        return {"order_no": self.order_no, "business_code": self.business_code, "action": self.action,
                "part": self.part, "expected": self.expected, "found": self.found, "at": str(self.at)}

    def text(self, translate: Callable[[str, str], str] | None = None, lang: str = "en") -> str:
        say: Callable[[str, str], str] = translate or (lambda context, text: text)
        part = say("LineConflict", PARTS.get(self.part, self.part))
        expected, found = self.expected, self.found
        if self.part == "status":  # the states in the reader's words (lifecycle.STATE_NAMES)
            expected, found = (lifecycle.state_name(v, lang) if v else v for v in (expected, found))
        if self.part == "error":  # the hub could not read the order's data
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} could not be applied on the hub ({found}); the "
                                                         "hub's line stands.")
        elif self.part == "line" and self.found == hub_served.NOT_SERVED:
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} was not made on the hub: the line is neither a "
                                                         "customer of this hall nor a walk-in it served.")
        elif self.part == "line" and self.found == hub_served.OTHER_CITY:
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} was not made on the hub: for a number of "
                                                         "another city this business is done in a hall of that city.")
        elif self.found in ("customer", "account", "sim_card"):  # a row the hub holds already
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} was not made on the hub: it holds {expected} "
                                                         "under another record already.")
        elif self.part == "owner" and self.action == "apply":  # 过户: the people, masked as at the counter
            template = QT_TRANSLATE_NOOP("LineConflict", "Order {order} did not transfer the line on the hub: the order "
                                                         "found it registered to {expected}, the hub has it registered "
                                                         "to {found}; the hub's line stands.")
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


def conflicts(conn: psycopg.Connection[Any], hall: str, limit: int = 100) -> list[LineConflict]:
    """This hall's orders whose line change the hub did not make, newest first; [] on a hub
    without the record (set up before it)."""
    if scalar(conn.execute("SELECT to_regclass('counter_sync.order_effect')")) is None:
        return []
    return [LineConflict(*row) for row in conn.execute(CONFLICTS_SQL, {"hall": hall, "limit": limit})]
