"""Engine, sessions and schema upgrades of the event store.

    >>> from marsad.store.db import open_store
    >>> store = open_store("sqlite:///events.db")      # doctest: +SKIP  (upgrades the schema on first use)
    >>> with store.session() as session: ...            # doctest: +SKIP

SQLite (a file, WAL journal, foreign keys on) by default; PostgreSQL when the URL says so
(``postgresql+psycopg://``). The schema is Alembic's (``migrations/``), configured in code.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from marsad.settings import Settings, get_settings

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        engine = create_engine(url, **kwargs)
        memory = url in ("sqlite://", "sqlite:///:memory:")

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration in marsad/store/migrations/versions")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (idempotent)."""
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes starting together migrate one after the other
            conn.execute(text("SELECT pg_advisory_xact_lock(7261534)"))
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def ensure_schema(engine: Engine) -> None:
    """Upgrade to head unless already there (one query when it is)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)


@dataclass(slots=True)
class Store:
    """An engine and its session factory; ``session()`` is a transaction-scoped context manager."""

    engine: Engine
    session_factory: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


class StoreMissing(FileNotFoundError):
    """An SQLite database file that does not exist, where a command only reads (no empty store is made)."""


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite") or url in ("sqlite://", "sqlite:///:memory:"):
        return None
    return Path(url.split(":///", 1)[1].split("?", 1)[0]) if ":///" in url else None


def open_store(target: str | Settings | None = None, *, migrate: bool | None = None, must_exist: bool = False,
               **engine_kwargs: Any) -> Store:
    """Open the store named by a URL, a path (SQLite) or settings (default: the process settings);
    ``must_exist`` refuses (:class:`StoreMissing`) an SQLite file that is not there rather than create it."""
    settings = target if isinstance(target, Settings) else get_settings().with_database(target)
    path = sqlite_path(settings.database_url)
    if must_exist and path is not None and not path.is_file():
        raise StoreMissing(f"no database at {path}: ingest documents first (marsad ingest), "
                           "or name one with --database / MARSAD_DATABASE_URL")
    engine = make_engine(settings.database_url, **engine_kwargs)
    if settings.auto_migrate if migrate is None else migrate:
        ensure_schema(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))
