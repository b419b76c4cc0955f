"""Migration steps 2 and 3 make what they made when they shipped, whatever the models say today."""

from __future__ import annotations

from counter_app import db as dbmod
from counter_app.db import close_database, open_database, schema_version


def test_a_version_2_database_gets_the_setup_change_table_as_first_shipped_and_syncs_its_rows(empty_db, db_path):
    from counter_app.models import Outbox, SetupChange, SyncState

    empty_db.execute_sql("DROP TABLE setup_change")
    SyncState.update(value="2").where(SyncState.key == "schema_version").execute()
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION
    columns = {c.name: (c.data_type.upper(), c.null) for c in database.get_columns("setup_change")}
    assert columns == {
        "id": ("TEXT", False), "hall": ("VARCHAR(16)", False), "terminal": ("VARCHAR(40)", False),
        "created_at": ("DATETIME", False), "hlc": ("VARCHAR(32)", False), "target": ("VARCHAR(16)", False),
        "key": ("VARCHAR(64)", False), "data": ("TEXT", False)}
    assert "setup_change_hall" in {i.name for i in database.get_indexes("setup_change")}
    change = SetupChange.create(hall="JN001", target="setting", key="wait_target_min", data={"payment": 9})
    assert SetupChange.get_by_id(change.id).data == {"payment": 9}
    assert Outbox.select().where(Outbox.row_id == change.id).exists()


def test_step_2_makes_only_its_two_indexes(empty_db, db_path):
    from counter_app.models import SyncState

    made_later = {"ticket_hall_status_queued_at"}  # an index the model declares, not step 2's
    for name in ("ticket_customer_id_business_date", "ticket_phone_business_date", *made_later):
        empty_db.execute_sql(f'DROP INDEX "{name}"')
    SyncState.update(value="1").where(SyncState.key == "schema_version").execute()
    close_database()
    database = open_database(str(db_path))
    indexes = {i.name for i in database.get_indexes("ticket")}
    assert {"ticket_customer_id_business_date", "ticket_phone_business_date"} <= indexes
    assert not made_later & indexes


def test_step_15_gives_files_migrated_through_steps_5_and_13_the_indexes_of_a_new_file(tmp_path):
    import sqlite3

    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    for path in (fresh, old):
        open_database(str(path))
        close_database()
    with sqlite3.connect(old) as conn:  # as steps 5 and 13 left a file they migrated
        conn.execute('DROP INDEX "inspection_hall"')
        conn.execute('DROP INDEX "drill_result_hall"')
        conn.execute('DROP INDEX "secret_attempt_hall_secret_subject"')
        conn.execute('CREATE UNIQUE INDEX "secretattempt_hall_secret_subject" ON "secret_attempt" '
                     '("hall", "secret", "subject")')
        conn.execute("UPDATE sync_state SET value = '14' WHERE key = 'schema_version'")
    database = open_database(str(old))
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 15
    close_database()

    def indexes(path, table):
        with sqlite3.connect(path) as conn:
            return sorted(r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)))

    for table in ("inspection", "drill_result", "secret_attempt"):
        assert indexes(old, table) == indexes(fresh, table)


def test_step_16_drops_the_usage_record_index_a_new_file_has_not_and_the_queries_keep_their_index(tmp_path):
    import sqlite3

    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    for path in (fresh, old):
        open_database(str(path))
        close_database()
    with sqlite3.connect(old) as conn:  # a file of version 15, with the index of its time
        conn.execute('CREATE INDEX "usage_record_account_id" ON "usage_record" ("account_id")')
        conn.execute("UPDATE sync_state SET value = '15' WHERE key = 'schema_version'")
    database = open_database(str(old))
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 16
    close_database()
    with sqlite3.connect(old) as conn, sqlite3.connect(fresh) as new:
        listed = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_record' ORDER BY name"
        assert [r[0] for r in conn.execute(listed)] == [r[0] for r in new.execute(listed)] == [
            "usage_record_account_id_period_started_at"]
        for sql in ("SELECT DISTINCT period FROM usage_record WHERE account_id = ? ORDER BY period DESC LIMIT 6",
                    "SELECT id FROM usage_record WHERE account_id = ? AND period = '2026-10' ORDER BY started_at",
                    "DELETE FROM usage_record WHERE account_id = ?"):
            plan = " ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, ("x",)))
            assert "USING" in plan and "INDEX usage_record_account_id_period_started_at" in plan, plan
