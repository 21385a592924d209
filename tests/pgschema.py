"""The test PostgreSQL database (``MARSAD_TEST_PG_URL``, set by ``make test``): a fresh schema per use."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

PG_URL = os.environ.get("MARSAD_TEST_PG_URL")
PG_SKIP = "MARSAD_TEST_PG_URL is unset: start PostgreSQL with scripts/pg.sh start (make test does) to run this"


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh schema of the test PostgreSQL database, as a URL whose search_path points at it; dropped after."""
    assert PG_URL is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in PG_URL else "?"
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
