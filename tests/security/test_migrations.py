"""The security tables reach a database made by an earlier version."""

from __future__ import annotations

import pytest

from counter_app import db as dbmod
from counter_app import schema_steps
from counter_app.db import close_database, open_database, schema_version


def _step_of(function) -> int:
    return next(version for version, step in dbmod.MIGRATIONS.items() if step is function)


def test_a_database_from_before_the_throttle_gets_its_table_and_counts_wrong_passwords(demo_db, db_path):
    from counter_app.models import SecretAttempt, SyncState
    from counter_app.services import auth
    from counter_app.services.session import open_session
    from counter_app.services.throttle import Locked

    step = _step_of(dbmod._secret_attempt_table)
    demo_db.execute_sql("DROP TABLE secret_attempt")
    SyncState.update(value=str(step - 1)).where(SyncState.key == "schema_version").execute()
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION
    assert SecretAttempt.select().count() == 0
    for _ in range(4):
        with pytest.raises(Exception, match="Wrong staff number"):
            auth.login(open_session(), "1001", "wrong-password")
    with pytest.raises(Locked):
        auth.login(open_session(), "1001", "wrong-password")
    assert SecretAttempt.get(SecretAttempt.subject == "1001").locks == 1


def test_a_database_from_before_signed_documents_gets_the_key_table_and_signs_its_next_document(demo_db, db_path):
    from counter_app.models import HallKey, SetupChange, SyncState
    from counter_app.services import signing

    step = _step_of(schema_steps.hall_key_table)
    demo_db.execute_sql("DROP TABLE hall_key")
    SyncState.update(value=str(step - 1)).where(SyncState.key == "schema_version").execute()
    close_database()
    database = open_database(str(db_path))
    assert schema_version(database) == dbmod.SCHEMA_VERSION
    assert HallKey.select().count() == 0
    code = signing.payload("JN001", "receipt", "RJN00120261125ABCD00001")
    check = signing.verify(code)
    assert check.ok and HallKey.get(HallKey.key_id == check.key_id).hall == "JN001"
    # The key made before the upgrade is still on this PC: its row is made again and sent to the hub.
    assert SetupChange.select().where((SetupChange.target == "signing_key")
                                      & (SetupChange.key == check.key_id)).exists()
