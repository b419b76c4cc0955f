"""The regulatory schema steps take a database of an older version to the same tables a new
database gets, keeping its rows."""

from __future__ import annotations

import sqlite3

from counter_app.db import SCHEMA_VERSION, close_database, open_database, schema_version
from counter_app.models import Customer, SimCard, SubscriberCheck


def columns(path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [(name, kind, notnull) for _cid, name, kind, notnull, _default, _pk
                in conn.execute(f"PRAGMA table_info({table})")]


def test_a_version_4_terminal_gets_the_regulatory_tables_and_columns_and_keeps_its_rows(tmp_path):
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    open_database(str(fresh))
    close_database()
    open_database(str(old))
    close_database()
    with sqlite3.connect(old) as conn:  # the file as version 4 left it
        conn.execute("DROP TABLE subscriber_check")
        conn.execute("DROP TABLE invoice_request")
        conn.execute("ALTER TABLE sim_card DROP COLUMN puk")
        conn.execute("ALTER TABLE customer DROP COLUMN id_type")
        conn.execute("DROP INDEX customer_hall")
        conn.execute("ALTER TABLE customer DROP COLUMN hall")
        conn.execute("DROP TABLE visitor")
        conn.execute("INSERT INTO hall (code, name, city, address, opens, closes, grade) "
                     "VALUES ('JN001', 'h', '济南', '', '08:30', '18:00', '')")
        conn.execute("INSERT INTO tariff_plan (code, name_zh, name_en, monthly_fee_fen, voice_minutes, sms_included, "
                     "data_mb, local_per_min_fen, long_per_min_fen, roam_per_min_fen, sms_fen, data_per_mb_fen, "
                     "description_zh, description_en, active) VALUES ('P', 'p', 'p', 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '', 1)")
        conn.execute("INSERT INTO customer (id, name, id_number, phone, address, vip_tier, home_city, created_at, seq) "
                     "VALUES ('00000000000000000000000000000c01', 'n', '11010519491231002X', '', '', '', '', '2026-01-01', 0)")
        conn.execute("INSERT INTO account (id, customer_id, phone, plan_id, next_plan_from, status, balance_fen, "
                     "service_password_hash, home_city, opened_at, seq) "
                     "VALUES ('00000000000000000000000000000a01', '00000000000000000000000000000c01', '13000000000', 'P', '', 'active', 0, '', '', '2026-01-01', 0)")
        conn.execute("INSERT INTO sim_card (id, account_id, serial, status, issued_at) "
                     "VALUES ('00000000000000000000000000000501', '00000000000000000000000000000a01', '8986010000000000001', 'active', '2026-01-01')")
        conn.execute("UPDATE sync_state SET value = '4' WHERE key = 'schema_version'")
    database = open_database(str(old))
    try:
        assert schema_version(database) == SCHEMA_VERSION
        assert SubscriberCheck.select().count() == 0
        assert [s.puk for s in SimCard.select()] == [""]  # not on record until the hub sends it
        assert [(c.id_type, c.hall) for c in Customer.select()] == [("resident", "")]
    finally:
        close_database()
    for table in ("subscriber_check", "sim_card", "customer", "invoice_request", "visitor"):
        assert columns(old, table) == columns(fresh, table)
    assert (tmp_path / "old.db.v4.bak").exists()
