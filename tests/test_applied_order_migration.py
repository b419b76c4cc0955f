"""Schema step 17: a file of step 16, whose ``applied_order`` is keyed by the order id alone,
gets the hall of each order it recorded and the key ``(hall, order_id)``; nothing recorded is
lost, and the bill run applies none of those orders again."""

from __future__ import annotations

import datetime as dt

from counter_app import db as dbmod
from counter_app.db import close_database, open_database, schema_version
from counter_app.models import AppliedOrder, SyncState
from counter_app.services import billrun
from tests.service_data import local_line, submit


def _as_step_16(database) -> list[tuple]:
    """``applied_order`` as step 6 made it, holding the rows the file had; returns them."""
    rows = database.execute_sql('SELECT "order_id", "status", "applied_at" FROM "applied_order"').fetchall()
    database.execute_sql('DROP TABLE "applied_order"')
    database.execute_sql('CREATE TABLE "applied_order" ("order_id" TEXT NOT NULL PRIMARY KEY, '
                         '"status" VARCHAR(16) NOT NULL, "applied_at" DATETIME NOT NULL)')
    for row in rows:
        database.execute_sql('INSERT INTO "applied_order" VALUES (?, ?, ?)', row)
    SyncState.update(value="16").where(SyncState.key == "schema_version").execute()
    return rows


def test_a_step_16_file_keys_applied_orders_by_hall_and_applies_none_again(session, demo_db, db_path):
    line = local_line()
    first = submit(session, "plan_change", line, plan=next(c for c in ("SJ128", "RY88", "RY58") if c != line.plan_id))
    assert billrun.apply_orders(dt.date(2099, 1, 1)) >= 1  # recorded, as a bill run leaves it
    stray = "0" * 31 + "1"  # an order the file no longer holds: kept, with no hall to give it
    demo_db.execute_sql('INSERT INTO "applied_order" ("hall", "order_id", "status", "applied_at") '
                        "VALUES ('', ?, 'done', '2026-11-01 00:00:00')", (stray,))
    rows = _as_step_16(demo_db)
    assert len(rows) >= 2
    close_database()

    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 17
    after = {(r.hall, r.order_id.hex): r.status for r in AppliedOrder.select()}
    assert len(after) == len(rows)
    assert after[("JN001", first.id.hex)] == "done"
    assert after[("", stray)] == "done"
    assert {hall for hall, _ in after} == {"JN001", ""}
    assert [c.name for c in database.get_columns("applied_order")][:2] == ["hall", "order_id"]
    primary = database.execute_sql("SELECT name, pk FROM pragma_table_info('applied_order') WHERE pk > 0 "
                                   "ORDER BY pk").fetchall()
    assert primary == [("hall", 1), ("order_id", 2)]
    # Another hall's order under the same id is another row; the bill run re-applies nothing.
    AppliedOrder.insert(hall="JN002", order_id=first.id, status="done", applied_at=dt.datetime(2026, 11, 2)).execute()
    assert AppliedOrder.select().where(AppliedOrder.order_id == first.id).count() == 2
    assert billrun.apply_orders(dt.date(2099, 1, 1)) == 0
