"""Schema steps from 16 on (``db.MIGRATIONS`` numbers them; the earlier steps are in
``db.py``). Each step is written in the SQL of its own time, not from today's models."""

from __future__ import annotations

from peewee import Database


def usage_record_account_index(database: Database) -> None:
    """16: ``usage_record_account_id`` goes: the index on (account_id, period, started_at)
    serves every query by line (and the cascade when a line is deleted) with the same plans,
    and the second index only cost time on every record written."""
    database.execute_sql('DROP INDEX IF EXISTS "usage_record_account_id"')
