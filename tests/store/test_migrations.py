"""The Alembic migrations build exactly the models' schema, both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from marsad.store.db import current_revision, downgrade, ensure_schema, head_revision, make_engine, upgrade
from marsad.store.models import Base

TABLES = {"documents", "events", "claims", "evidence", "event_actors", "clusters"}


def test_migrations_match_models_and_go_both_ways(db_target: tuple[str, dict[str, Any]]) -> None:
    url, kwargs = db_target
    engine = make_engine(url, **kwargs)
    try:
        assert current_revision(engine) is None
        ensure_schema(engine)
        ensure_schema(engine)  # a second time: nothing to do
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        downgrade(engine, "base")
        with engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
