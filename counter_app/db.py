"""Opening the database: SQLite file (default) or PostgreSQL URL, then schema migration.

SQLite runs in WAL mode with foreign keys on and ``synchronous=FULL``: a payment that was
acknowledged survives a power cut. Several processes on one PC (kiosk, display, counters)
share one file; ``busy_timeout`` lets a writer wait briefly instead of failing.

Schema versions: version 1 is ``create_tables`` of the current models. Each later change is
a numbered step in :data:`MIGRATIONS`, run in order inside one transaction with the version
bump, after a file copy of the SQLite database is taken.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from peewee import Database, PostgresqlDatabase, SqliteDatabase, _atomic
from playhouse import db_url

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import ALL_MODELS, SyncState, db
from counter_app.schema_steps import (
    applied_order_by_hall,
    hall_key_table,
    missing_indexes,
    supervision_tables,
    usage_record_account_index,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION_KEY = "schema_version"

# Numbered migration steps: {version: step}. Step N takes a database at version N-1 to N.
# Version 1 is the initial schema made by create_tables. A step names what it does in SQL terms
# of its own time (not the current models), unless, as with indexes, "create what the model
# declares if missing" is exactly the step.


def _ticket_visit_indexes(database: Database) -> None:
    """2: tickets by customer and by phone, for the customer view's recent visits (the two
    indexes as first shipped; an index added to the model later comes with a step of its own)."""
    for columns in (("customer_id", "business_date"), ("phone", "business_date")):
        name = "ticket_" + "_".join(columns)
        listed = ", ".join(f'"{c}"' for c in columns)
        database.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "ticket" ({listed})')


def _setup_change_table(database: Database) -> None:
    """3: the ``setup_change`` table: a hall's setup changes on their way to the hub (as first
    shipped, frozen here: a later change to the model comes with a step of its own)."""
    from peewee import CharField, DateTimeField, Model, TextField, UUIDField

    class SetupChange(Model):
        id = UUIDField(primary_key=True)
        hall = CharField(max_length=16)
        terminal = CharField(max_length=40, default="")
        created_at = DateTimeField()
        hlc = CharField(max_length=32, default="")
        target = CharField(max_length=16)
        key = CharField(max_length=64)
        data = TextField(default="{}")  # JSON as text

        class Meta:
            table_name = "setup_change"

    with database.bind_ctx([SetupChange]):
        database.create_tables([SetupChange], safe=True)
    database.execute_sql('CREATE INDEX IF NOT EXISTS "setup_change_hall" ON "setup_change" ("hall")')


def _ledger(database: Database) -> None:
    """4: the account ledger ``ledger_entry``, built from the bills and payments already held
    (``counter_app/migrate_ledger.py``)."""
    from counter_app.migrate_ledger import build_ledger

    build_ledger(database)


def _secret_attempt_table(database: Database) -> None:
    """5: the ``secret_attempt`` table: wrong guesses of a secret, counted by the throttle
    (as first shipped; frozen here so a later change to the model needs a step of its own)."""
    from peewee import CharField, DateTimeField, IntegerField, Model

    class SecretAttempt(Model):
        hall = CharField(max_length=16)
        secret = CharField(max_length=32)
        subject = CharField(max_length=32)
        failures = IntegerField(default=0)
        locks = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_failure_at = DateTimeField(null=True)

        class Meta:
            table_name = "secret_attempt"
            indexes = ((("hall", "secret", "subject"), True),)

    with database.bind_ctx([SecretAttempt]):
        database.create_tables([SecretAttempt], safe=True)


def _audit_chain(database: Database) -> None:
    """7: the audit trail's hash chain: ``seq``, ``prev_hash`` and ``hash`` on
    ``audit_event``, one number per terminal. Events already there stay outside the chain
    (``seq`` NULL); their number is kept, so that one added or removed later is noticed."""
    columns = {c.name for c in database.get_columns("audit_event")}
    for name, kind in (("seq", "BIGINT"), ("prev_hash", "VARCHAR(64) NOT NULL DEFAULT ''"),
                       ("hash", "VARCHAR(64) NOT NULL DEFAULT ''")):
        if name not in columns:
            database.execute_sql(f'ALTER TABLE "audit_event" ADD COLUMN "{name}" {kind}')
    database.execute_sql('CREATE UNIQUE INDEX IF NOT EXISTS "audit_event_terminal_seq" '
                         'ON "audit_event" ("terminal", "seq")')
    unchained = database.execute_sql('SELECT count(*) FROM "audit_event" WHERE "seq" IS NULL').fetchone()[0]
    SyncState.insert(key="audit_unchained", value=str(unchained)).on_conflict(
        conflict_target=[SyncState.key], update={SyncState.value: str(unchained)}).execute()


def _bill_run(database: Database) -> None:
    """6: the bill run's own records, ``bill_run`` and ``applied_order``."""
    from counter_app.migrate_ledger import bill_run_tables

    bill_run_tables(database)



def _add_column(database: Database, table: str, column: str, definition: str) -> None:
    """ALTER TABLE … ADD COLUMN, unless the column is there already (a file made by a newer
    step set back to an older version, as tests do)."""
    if column not in {c.name for c in database.get_columns(table)}:
        database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}')


def _subscriber_check_table(database: Database) -> None:
    """8: the ``subscriber_check`` table: each check of a subscriber's identity before a
    sensitive business or view (as first shipped; frozen here)."""
    from peewee import CharField, DateTimeField, Model, UUIDField

    class SubscriberCheck(Model):
        id = UUIDField(primary_key=True)
        hall = CharField(max_length=16)
        terminal = CharField(max_length=40, default="")
        created_at = DateTimeField()
        hlc = CharField(max_length=32, default="")
        at = DateTimeField(index=True)
        staff_no = CharField(max_length=16, default="")
        account_id = UUIDField(index=True)
        phone = CharField(max_length=11)
        method = CharField(max_length=24)
        result = CharField(max_length=16)
        reason = CharField(max_length=32, default="")
        id_type = CharField(max_length=24, default="")
        agent_name = CharField(max_length=64, default="")
        agent_id_type = CharField(max_length=24, default="")
        agent_id_number = CharField(max_length=32, default="")
        authorisation = CharField(max_length=200, default="")

        class Meta:
            table_name = "subscriber_check"

    with database.bind_ctx([SubscriberCheck]):
        database.create_tables([SubscriberCheck], safe=True)


def _sim_puk_column(database: Database) -> None:
    """9: ``sim_card.puk``: the SIM's PUK, told to the verified subscriber only. Cards known
    before this step have none on record (empty) until the hub sends it."""
    _add_column(database, "sim_card", "puk", "VARCHAR(8) NOT NULL DEFAULT ''")


def _customer_id_type_column(database: Database) -> None:
    """10: ``customer.id_type``: the type of the registered identity document; every customer
    known before this step holds a resident ID card."""
    _add_column(database, "customer", "id_type", "VARCHAR(24) NOT NULL DEFAULT 'resident'")


def _invoice_request_table(database: Database) -> None:
    """11: the ``invoice_request`` table: 开票申请 with buyer, amount and the payments covered
    (as first shipped; frozen here)."""
    from peewee import CharField, DateTimeField, IntegerField, Model, TextField, UUIDField

    class InvoiceRequest(Model):
        id = UUIDField(primary_key=True)
        hall = CharField(max_length=16)
        terminal = CharField(max_length=40, default="")
        created_at = DateTimeField()
        hlc = CharField(max_length=32, default="")
        request_no = CharField(max_length=32, unique=True)
        order_id = UUIDField(null=True, index=True)
        account_id = UUIDField(index=True)
        phone = CharField(max_length=11)
        period = CharField(max_length=7)
        buyer_type = CharField(max_length=16)
        title = CharField(max_length=100)
        tax_id = CharField(max_length=18, default="")
        amount_fen = IntegerField()
        payment_ids = TextField(default="[]")
        status = CharField(max_length=16, default="requested")
        staff_no = CharField(max_length=16, default="")
        exported_at = DateTimeField(null=True)

        class Meta:
            table_name = "invoice_request"

    with database.bind_ctx([InvoiceRequest]):
        database.create_tables([InvoiceRequest], safe=True)


def _customer_hall(database: Database) -> None:
    """12: ``customer.hall`` (the hall a customer belongs to; a terminal keeps its own hall's
    customers) and the local ``visitor`` table of customers of other halls fetched on demand."""
    from peewee import DateTimeField, Model, UUIDField

    _add_column(database, "customer", "hall", "VARCHAR(16) NOT NULL DEFAULT ''")
    database.execute_sql('CREATE INDEX IF NOT EXISTS customer_hall ON customer (hall)')

    class Visitor(Model):
        customer_id = UUIDField(primary_key=True)
        fetched_at = DateTimeField()
        keep_until = DateTimeField(index=True)

        class Meta:
            table_name = "visitor"

    with database.bind_ctx([Visitor]):
        database.create_tables([Visitor], safe=True)


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    2: _ticket_visit_indexes, 3: _setup_change_table, 4: _ledger, 5: _secret_attempt_table,
    6: _bill_run, 7: _audit_chain, 8: _subscriber_check_table, 9: _sim_puk_column,
    10: _customer_id_type_column, 11: _invoice_request_table, 12: _customer_hall,
    13: supervision_tables, 14: hall_key_table, 15: missing_indexes, 16: usage_record_account_index,
    17: applied_order_by_hall,
}
SCHEMA_VERSION = max([1, *MIGRATIONS])

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
    "busy_timeout": 10_000,
    "cache_size": -32_000,
}


class HallSqliteDatabase(SqliteDatabase):
    """SQLite that lets its own error through when it ended the transaction itself.

    On some errors (disk full, I/O error) SQLite rolls the whole transaction back on its
    own. peewee then issues ROLLBACK (or ROLLBACK TO SAVEPOINT) anyway, which fails with
    "cannot rollback - no transaction is active" and replaces the error the user needs to
    see ("database or disk is full"). Nothing is left to roll back, so nothing is sent."""

    def _gone(self) -> bool:
        return not self.is_closed() and not self.connection().in_transaction

    def rollback(self) -> None:
        if self._gone():
            return
        super().rollback()

    def execute_sql(self, sql, params=None):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._gone():
            return self.cursor()
        return super().execute_sql(sql, params)


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def make_database(url: str, *, create_folders: bool = True) -> Database:
    if is_postgres_url(url):
        # playhouse reads the URL: user and password unquoted, every query parameter (sslmode
        # and friends) passed through to libpq; no database name means "postgres".
        params = db_url.parse(url, unquote_password=True, unquote_user=True)
        params["database"] = unquote(params.get("database") or "") or "postgres"
        return PostgresqlDatabase(**params)
    path = sqlite_path(url)
    if create_folders and path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    # Every transaction takes the write lock at BEGIN (IMMEDIATE). A deferred transaction that
    # reads first and writes later fails at once with "database is locked" if another process
    # committed in between (SQLite cannot upgrade a stale snapshot, and busy_timeout does not
    # apply); an immediate one waits its turn instead. Read-only snapshots use read_snapshot().
    return HallSqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False, timeout=10,
                          lock_type="IMMEDIATE")


def read_snapshot() -> _atomic:
    """A read-only transaction: one consistent view of several queries, without the write lock."""
    if isinstance(db.obj, SqliteDatabase):
        return db.atomic("DEFERRED")
    return db.atomic()


def open_database(url: str, *, migrate: bool = True, create: bool = True, check: bool = True,
                  read_only: bool = False) -> Database:
    """Bind the models to the database at ``url`` and bring its schema up to date.

    ``create=False`` (every command but ``init`` and ``demo``, and the GUI without
    ``--demo``) refuses a SQLite path that does not exist, an empty file and a file that is
    not a counter_app database, instead of making a new empty one. ``check`` runs SQLite's
    quick_check on the file first (``startup_check.py``); a damaged file is refused with a
    message naming the newest good backup and the restore command.

    ``read_only`` (commands that only inspect, such as ``audit verify``): nothing is migrated
    and the connection refuses every write (SQLite's ``query_only``), so an inspection can
    never change the file it inspects; a file at an older schema step is refused instead."""
    from counter_app import startup_check

    if not is_postgres_url(url) and not create:
        startup_check.refuse_missing(sqlite_path(url))
    database = make_database(url, create_folders=create)
    db.initialize(database)
    try:
        startup_check.connect(database)
    except Exception as exc:  # the driver's own message may carry the password: keep it out
        if isinstance(database, SqliteDatabase):
            from counter_app.storage_errors import explain

            startup_check.refuse_damaged(database, exc)
            explained = explain(exc, str(database.database))
            if explained is not None:
                raise explained from None
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Cannot open the database: {reason}"),
                        reason=type(exc).__name__) from None
    if isinstance(database, SqliteDatabase):
        if check:
            startup_check.check_file(database)
        startup_check.refuse_foreign(database, allow_new=create)
    if read_only:
        _refuse_other_schema(database)
        if isinstance(database, SqliteDatabase):
            database.execute_sql("PRAGMA query_only = ON")
    elif migrate:
        migrate_database(database)
    return database


def end_read_only(database: Database) -> None:
    """Give a connection opened ``read_only`` its writes back (a command run inside a longer
    process, such as a test, must not leave the shared connection unable to write)."""
    if isinstance(database, SqliteDatabase) and not database.is_closed():
        database.execute_sql("PRAGMA query_only = OFF")


def _refuse_other_schema(database: Database) -> None:
    found = schema_version(database)
    if found != SCHEMA_VERSION:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "The database is at schema step {found}, this program reads step {known}; "
                              "it is only inspected, never changed. Open it once with this version of the "
                              "program (which upgrades it after a backup), then inspect it again."),
            found=found, known=SCHEMA_VERSION,
        )


def schema_version(database: Database) -> int:
    if not database.table_exists(SyncState._meta.table_name):
        return 0
    row = SyncState.get_or_none(SyncState.key == SCHEMA_VERSION_KEY)
    return int(row.value) if row else 0


def migrate_database(database: Database) -> int:
    """Create or upgrade the schema; idempotent. Returns the version now in force."""
    current = schema_version(database)
    if current > SCHEMA_VERSION:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "The database was made by a newer version (schema {found}); "
                              "this program knows up to {known}. Please update the program."),
            found=current, known=SCHEMA_VERSION,
        )
    if current == 0:
        with database.atomic():
            database.create_tables(ALL_MODELS, safe=True)
            _set_version(SCHEMA_VERSION)
        log.info("created schema version %s", SCHEMA_VERSION)
        return SCHEMA_VERSION
    if current < SCHEMA_VERSION:
        _backup(database, current)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with database.atomic():
                MIGRATIONS[version](database)
                _set_version(version)
            log.info("migrated schema to version %s", version)
    return SCHEMA_VERSION


def _set_version(version: int) -> None:
    SyncState.insert(key=SCHEMA_VERSION_KEY, value=str(version)).on_conflict(
        conflict_target=[SyncState.key], update={SyncState.value: str(version)}
    ).execute()


def _backup(database: Database, version: int) -> None:
    if isinstance(database, SqliteDatabase) and database.database != ":memory:":
        source = Path(database.database)
        target = source.with_name(f"{source.name}.v{version}.bak")
        database.execute_sql("PRAGMA wal_checkpoint(FULL)")
        shutil.copy2(source, target)
        log.info("backed up %s to %s before migrating", source, target)


def close_database() -> None:
    if not db.is_closed():
        db.close()
