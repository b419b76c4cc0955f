"""The parts of peewee below its documented API that models/base.py relies on. setup.cfg pins
peewee to the tested minor releases; a new release that changes one of these fails here first,
naming what changed, instead of somewhere deep in the outbox."""

from __future__ import annotations

import peewee
from peewee import CharField, Model, SqliteDatabase


def _model(tmp_path):
    database = SqliteDatabase(str(tmp_path / "internals.db"))

    class Row(Model):
        name = CharField(default="fresh")

        class Meta:
            database = None

    Row._meta.set_database(database)
    database.create_tables([Row])
    return database, Row


def test_an_update_keeps_its_where_and_from_on_the_query(tmp_path):
    _, Row = _model(tmp_path)
    query = Row.update(name="x").where(Row.name == "a")
    assert isinstance(query, peewee.ModelUpdate)
    assert query._where is not None and query._from is None  # CapturedUpdate finds its rows by these
    assert Row.update(name="x")._where is None
    assert Row._normalize_data(None, {"name": "x"}) == {Row.name: "x"}  # update()'s own argument handling


def test_rows_read_back_skip_defaults_and_track_dirty_fields(tmp_path):
    _, Row = _model(tmp_path)
    assert Row().__data__ == {"name": "fresh"}
    assert Row(__no_default__=True).__data__ == {}  # SyncedModel: a row read from the database
    created = Row.create(name="a")
    read = Row.get_by_id(created.id)
    assert read._dirty == set()
    read.name = "b"
    assert read._dirty == {"name"}  # SyncedModel.save() clears what it wrote


def test_the_query_classes_are_where_base_py_subclasses_them():
    for name in ("ModelUpdate", "ModelDelete", "ModelInsert"):
        assert isinstance(getattr(peewee, name), type)
    assert callable(peewee.ModelUpdate.execute)
