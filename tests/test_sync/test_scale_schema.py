"""The hub's schema can be distributed by hall (Citus) with the statements docs/scale.md gives:
every unique key of a hall's table holds the hall, no foreign key crosses halls or points from
a province-wide table into a hall's, and the statements in the document are the schema's."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from counter_app.sync import citus
from counter_app.sync.hub_keys import SHARED, hall_tables

pytestmark = pytest.mark.postgres

DOC = Path(__file__).resolve().parents[2] / "docs" / "scale.md"


def _documented() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- citus statements -->\s*```sql\n(.*?)```", text, re.S)
    assert block, "docs/scale.md has no citus statements block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_every_hall_table_is_distributed_by_its_hall_and_nothing_blocks_it(hub):
    with psycopg.connect(hub.admin_url) as conn:
        plan = citus.plan(conn)
        assert citus.problems(conn, plan) == []
    assert set(plan.distributed) == {t for t in hall_tables() if t in plan.distributed}
    assert {"payment", "ticket", "service_order", "counter_sync.op", "counter"} <= set(plan.distributed)
    assert plan.distributed["counter"] == "hall_id"
    # The province's tables stay whole on every node.
    assert {"hall", "tariff_plan", "customer", "account", "ledger_entry", "counter_sync.change", "staff"} <= set(
        plan.reference)
    assert not set(plan.distributed) & set(SHARED)
    # A table comes after every table it refers to.
    position = {t: n for n, t in enumerate(plan.reference)}
    for _name, child, parent, _c, _p in plan.foreign_keys:
        if child in position and parent in position and child != parent:
            assert position[parent] < position[child], (child, parent)


def test_a_key_or_a_foreign_key_without_the_hall_is_reported(hub):
    with psycopg.connect(hub.admin_url) as conn:
        conn.execute("CREATE UNIQUE INDEX receipt_alone ON payment (receipt_no)")
        conn.execute("CREATE UNIQUE INDEX ticket_id_alone ON ticket (id)")
        conn.execute("ALTER TABLE ticket_event ADD CONSTRAINT event_of_ticket FOREIGN KEY (ticket_id) "
                     "REFERENCES ticket (id) NOT VALID")
        conn.execute("ALTER TABLE ledger_entry ADD CONSTRAINT entry_of_ticket FOREIGN KEY (id) "
                     "REFERENCES ticket (id) NOT VALID")
        found = citus.problems(conn, citus.plan(conn))
        conn.rollback()
    assert any("receipt_alone" in p and "lacks hall" in p for p in found), found
    assert any("event_of_ticket" in p and "does not join on the hall" in p for p in found), found
    assert any("entry_of_ticket" in p and "reference table ledger_entry" in p for p in found), found


def test_the_statements_in_docs_scale_md_are_this_schema_s_and_its_type_changes_apply(hub):
    with psycopg.connect(hub.admin_url) as conn:
        plan = citus.plan(conn)
        statements = citus.statements(plan)
        assert _documented() == statements
        # The type changes run on PostgreSQL as they are; then one type of hall column remains.
        for statement in statements:
            if statement.startswith("ALTER TABLE"):
                conn.execute(statement)
        after = citus.plan(conn)
        conn.rollback()
    assert len(set(after.column_types.values())) == 1, after.column_types
    assert sum(s.startswith("SELECT create_distributed_table") for s in statements) == len(plan.distributed)
    assert sum(s.startswith("SELECT create_reference_table") for s in statements) == len(plan.reference)


def test_hub_init_gives_an_older_hub_s_own_tables_the_models_hall_type_and_keeps_their_policies(hub):
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_keys import HALL_TYPE
    from tests.test_sync.support import HALL_A, HALL_B, ROLE_A

    policies = "SELECT count(*) FROM pg_policy WHERE polrelid = 'counter_sync.op'::regclass"
    kind = ("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'counter_sync.op'::regclass "
            "AND attname = 'hall'")
    with hub.admin() as conn:
        count = conn.execute(policies).fetchone()[0]
        assert count >= 2 and conn.execute(kind).fetchone()[0] == HALL_TYPE
        # As a hub set up before: the ledger's hall is text, with rows of two halls.
        conn.execute("DROP POLICY own_hall ON counter_sync.op")
        conn.execute("DROP POLICY hub_admin ON counter_sync.op")
        conn.execute("ALTER TABLE counter_sync.op ALTER COLUMN hall TYPE text")
        for hall in (HALL_A, HALL_B):
            conn.execute("INSERT INTO counter_sync.op (op_id, hall, tbl, row_id, result) "
                         "VALUES (gen_random_uuid(), %s, 'ticket', gen_random_uuid(), 'applied')", (hall,))
    install_hub(hub.admin_url)
    with hub.admin() as conn:
        assert conn.execute(kind).fetchone()[0] == HALL_TYPE
        assert conn.execute(policies).fetchone()[0] == count
        assert conn.execute("SELECT count(*) FROM counter_sync.op").fetchone()[0] == 2
    with psycopg.connect(hub.url_for(ROLE_A)) as conn:  # each hall still reads its own entries only
        assert conn.execute("SELECT hall FROM counter_sync.op").fetchall() == [(HALL_A,)]
