"""A PostgreSQL URL given as --db reaches the server as written: quoted user names, the database
and libpq's query parameters (read by playhouse.db_url, not by hand)."""

from __future__ import annotations

import psycopg
import pytest

from counter_app.db import make_database

pytestmark = pytest.mark.postgres


def test_a_url_with_a_quoted_user_and_query_parameters_connects_as_written(pg_server):
    name = pg_server.create_database("url")
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute('CREATE ROLE "hall@jn001/a" LOGIN')
    url = (f"postgresql://hall%40jn001%2Fa:p%40ss@127.0.0.1:{pg_server.port}/{name}"
           "?application_name=counter-front&connect_timeout=5")
    database = make_database(url)
    try:
        row = database.execute_sql("SELECT current_user, current_database(), current_setting('application_name')"
                                   ).fetchone()
    finally:
        database.close()
    assert row == ("hall@jn001/a", name, "counter-front")


def test_a_url_without_a_database_name_opens_postgres(pg_server):
    database = make_database(f"postgresql://postgres@127.0.0.1:{pg_server.port}")
    try:
        assert database.execute_sql("SELECT current_database()").fetchone() == ("postgres",)
    finally:
        database.close()
