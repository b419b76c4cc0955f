"""Schema steps from 13 on (``db.MIGRATIONS`` numbers them; the earlier steps are in
``db.py``). Each step is written in the SQL of its own time, not from today's models."""

from __future__ import annotations

from peewee import Database


def supervision_tables(database: Database) -> None:
    """13: ``inspection`` (spot checks, mystery-shopper visits, the standard-hall checklist) and
    ``drill_result`` (scored training drills), both pushed to the hub (as first shipped;
    frozen here)."""
    from peewee import CharField, DateField, DateTimeField, IntegerField, Model, TextField, UUIDField

    class Inspection(Model):
        id = UUIDField(primary_key=True)
        hall = CharField(max_length=16, index=True)  # every synced table's hall index
        terminal = CharField(max_length=40, default="")
        created_at = DateTimeField()
        hlc = CharField(max_length=32, default="")
        kind = CharField(max_length=16)
        scorecard = CharField(max_length=32)
        inspector_no = CharField(max_length=16)
        inspector_name = CharField(max_length=64, default="")
        visited_at = DateTimeField(index=True)
        staff_no = CharField(max_length=16, default="")
        counter_number = IntegerField(null=True)
        score = IntegerField()
        max_score = IntegerField()
        items = TextField(default="[]")
        note = TextField(default="")
        follow_up = TextField(default="")
        follow_up_due = DateField(null=True)

        class Meta:
            table_name = "inspection"
            legacy_table_names = False  # index names as the models make them

    class DrillResult(Model):
        id = UUIDField(primary_key=True)
        hall = CharField(max_length=16, index=True)  # every synced table's hall index
        terminal = CharField(max_length=40, default="")
        created_at = DateTimeField()
        hlc = CharField(max_length=32, default="")
        staff_no = CharField(max_length=16, index=True)
        drill_code = CharField(max_length=40)
        assessment = CharField(max_length=40, default="")
        started_at = DateTimeField(index=True)
        finished_at = DateTimeField()
        elapsed_s = IntegerField()
        standard_s = IntegerField()
        keys = IntegerField(default=0)
        mistakes = TextField(default="[]")
        score = IntegerField()

        class Meta:
            table_name = "drill_result"
            legacy_table_names = False

    with database.bind_ctx([Inspection, DrillResult]):
        database.create_tables([Inspection, DrillResult], safe=True)


def hall_key_table(database: Database) -> None:
    """14: the ``hall_key`` table: the public halves of the halls' document-signing keys
    (as first shipped; frozen here)."""
    from peewee import AutoField, CharField, DateField, Model

    class HallKey(Model):
        id = AutoField()
        hall = CharField(max_length=16)
        key_id = CharField(max_length=16)
        public_key = CharField(max_length=64)
        valid_from = DateField()
        valid_until = DateField(null=True)
        terminal = CharField(max_length=40, default="")

        class Meta:
            table_name = "hall_key"
            indexes = ((("hall", "key_id"), True),)

    with database.bind_ctx([HallKey]):
        database.create_tables([HallKey], safe=True)


def missing_indexes(database: Database) -> None:
    """15: the indexes earlier steps left out of files they migrated, as a new file has them:
    ``inspection_hall`` and ``drill_result_hall`` (step 13 made the tables without them before it
    was corrected), and
    ``secret_attempt``'s unique key under its table's name (step 5 named it after its class,
    ``secretattempt_...``)."""
    for table in ("inspection", "drill_result"):
        database.execute_sql(f'CREATE INDEX IF NOT EXISTS "{table}_hall" ON "{table}" ("hall")')
    database.execute_sql('DROP INDEX IF EXISTS "secretattempt_hall_secret_subject"')
    database.execute_sql('CREATE UNIQUE INDEX IF NOT EXISTS "secret_attempt_hall_secret_subject" '
                         'ON "secret_attempt" ("hall", "secret", "subject")')


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
