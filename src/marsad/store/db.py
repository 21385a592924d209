"""Engine, sessions and schema upgrades of the event store.

    >>> from marsad.store.db import open_store
    >>> store = open_store("sqlite:///events.db")      # doctest: +SKIP  (upgrades the schema on first use)
    >>> with store.session() as session: ...            # doctest: +SKIP

SQLite (a file, WAL journal, foreign keys on) by default; PostgreSQL when the URL says so
(``postgresql+psycopg://``). The schema is Alembic's (``migrations/``), configured in code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from marsad.settings import Settings, get_settings

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, *, busy_timeout: float = 30.0, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout (seconds a statement waits
    for another connection's lock before "database is locked") on every connection."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": busy_timeout})
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


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    name = parsed.database
    if name.startswith("file:"):  # a URI filename (?mode=ro&uri=true)
        name = name[len("file:"):].split("?", 1)[0]
    return Path(name)


def database_problem(url: str, *, write: bool) -> str | None:
    """Why the SQLite database of ``url`` cannot be opened (or written, when ``write``): a one-line
    message naming the path and the fix, or None (PostgreSQL is checked by connecting)."""
    path = sqlite_path(url)
    if path is None:
        return None
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        return f"the database folder {folder} does not exist: create it (mkdir -p {folder}) or name another --database"
    if not folder.is_dir():
        return f"the database folder {folder} is not a folder: name another --database"
    if path.is_dir():
        return f"the database {path} is a folder: name a file, e.g. {path / 'marsad.db'}"
    if write and ((path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK)):
        return (f"the database {path} is read-only (the file or its folder cannot be written): "
                f"make both writable (chmod u+w) or name another --database")
    return None


def explain_error(exc: BaseException, url: str) -> str:
    """A database error as one line naming the database and, when known, the fix."""
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).splitlines()
    reason = lines[0] if lines else type(exc).__name__
    path = sqlite_path(url)
    if path is not None:
        target = str(path)
    else:
        from sqlalchemy.engine import make_url

        try:
            target = make_url(url).render_as_string(hide_password=True)
        except ArgumentError:
            target = "(bad URL)"
    low = reason.lower()
    if "readonly" in low or "read-only" in low:
        return f"the database {target} is read-only ({reason}): make it writable or name another --database"
    if "unable to open" in low:
        return f"cannot open the database {target} ({reason}): check that its folder exists and is writable"
    return f"database {target}: {reason}"


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


def open_store(target: str | Settings | None = None, *, migrate: bool | None = None, must_exist: bool = False,
               **engine_kwargs: Any) -> Store:
    """Open the store named by a URL, a path (SQLite) or settings (default: the process settings);
    ``must_exist`` refuses (:class:`StoreMissing`) an SQLite file that is not there rather than create it."""
    settings = target if isinstance(target, Settings) else get_settings().with_database(target)
    engine_kwargs.setdefault("busy_timeout", settings.sqlite_busy_timeout)
    path = sqlite_path(settings.database_url)
    if must_exist and path is not None and not path.is_file():
        raise StoreMissing(f"no database at {path}: ingest documents first (marsad ingest), "
                           "or name one with --database / MARSAD_DATABASE_URL")
    engine = make_engine(settings.database_url, **engine_kwargs)
    if settings.auto_migrate if migrate is None else migrate:
        ensure_schema(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))
