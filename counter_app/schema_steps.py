"""Schema steps from 16 on (``db.MIGRATIONS`` numbers them; the earlier steps are in
``db.py``). Each step is written in the SQL of its own time, not from today's models."""

from __future__ import annotations

from peewee import Database


def usage_record_account_index(database: Database) -> None:
    """16: ``usage_record_account_id`` goes: the index on (account_id, period, started_at)
    serves every query by line (and the cascade when a line is deleted) with the same plans,
    and the second index only cost time on every record written."""
    database.execute_sql('DROP INDEX IF EXISTS "usage_record_account_id"')


def applied_order_by_hall(database: Database) -> None:
    """17: ``applied_order`` keyed by ``(hall, order_id)``: on the hub every hall's orders meet
    and an order id is unique within its hall only, so one hall's order must never make the
    bill run skip (or be taken for) another hall's order with the same id. Each row gets the
    hall of the order it recorded: on the hub the hall whose order the order trigger decided
    (``counter_sync.order_effect``), else the hall of the first order stored under that id."""
    from peewee import CharField, CompositeKey, DateTimeField, Model, PostgresqlDatabase, UUIDField

    class AppliedOrder(Model):
        hall = CharField(max_length=16)
        order_id = UUIDField()
        status = CharField(max_length=16)
        applied_at = DateTimeField()

        class Meta:
            table_name = "applied_order"
            primary_key = CompositeKey("hall", "order_id")

    columns = {c.name for c in database.get_columns("applied_order")}
    if "hall" in columns:  # made by a newer step (a file set back to an older version)
        return
    hall = ('(SELECT s."hall" FROM "service_order" s WHERE s."id" = a."order_id" '
            'ORDER BY s."created_at", s."hall" LIMIT 1)')
    if isinstance(database, PostgresqlDatabase) and database.execute_sql(
            "SELECT to_regclass('counter_sync.order_effect')").fetchone()[0] is not None:
        hall = (f'coalesce((SELECT e.hall FROM counter_sync.order_effect e WHERE e.order_id = a."order_id" '
                f"AND e.action = 'apply' ORDER BY e.at DESC LIMIT 1), {hall})")
    database.execute_sql('CREATE TABLE "applied_order_v16" AS SELECT * FROM "applied_order"')
    database.execute_sql('DROP TABLE "applied_order"')
    with database.bind_ctx([AppliedOrder]):
        database.create_tables([AppliedOrder], safe=True)
    database.execute_sql(
        f'INSERT INTO "applied_order" ("hall", "order_id", "status", "applied_at") '
        f'SELECT coalesce({hall}, \'\'), a."order_id", a."status", a."applied_at" FROM "applied_order_v16" a')
    database.execute_sql('DROP TABLE "applied_order_v16"')
