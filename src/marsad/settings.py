"""Every run-time setting of Marsad in one typed object, read from ``MARSAD_*`` environment variables.

    >>> from marsad.settings import get_settings
    >>> get_settings().database_url          # doctest: +SKIP
    'sqlite:///marsad.db'

| variable | field | default |
|---|---|---|
| ``MARSAD_DATABASE_URL`` | ``database_url`` | ``sqlite:///`` + ``MARSAD_DB_PATH`` |
| ``MARSAD_DB_PATH`` | ``db_path`` | ``marsad.db`` (relative to the working directory) |
| ``MARSAD_API_KEY`` | ``api_key`` | none (writes refused when unset) |
| ``MARSAD_API_KEYS`` | ``api_keys`` | none; ``name:key,name:key`` — named keys (the name goes in the review audit) |
| ``MARSAD_READS_OPEN`` | ``reads_open`` | true (reads need no key) |
| ``MARSAD_TILE_URL`` | ``tile_url`` | none (the map shows no base layer) |
| ``MARSAD_MAX_BODY_BYTES`` | ``max_body_bytes`` | 5 MB |
| ``MARSAD_PAGE_LIMIT`` | ``page_limit`` | 1000 (largest page a query may ask for) |
| ``MARSAD_AUTO_MIGRATE`` | ``auto_migrate`` | true (upgrade the schema on first use) |
| ``MARSAD_SQLITE_BUSY_TIMEOUT`` | ``sqlite_busy_timeout`` | 5 (seconds a write waits for SQLite's lock; then 503) |
| ``MARSAD_HEADER_TIMEOUT`` | ``header_timeout`` | 10 (seconds a client has to send a request's head) |
| ``MARSAD_KEEP_ALIVE_TIMEOUT`` | ``keep_alive_timeout`` | 5 (seconds an idle kept-alive connection stays open) |
| ``MARSAD_MAX_CONNECTIONS`` | ``max_connections`` | 512 (open connections per server process; then 503) |
| ``MARSAD_CORS_ORIGINS`` | ``cors_origins`` | none (comma-separated origins allowed by CORS; closed by default) |
| ``MARSAD_DOC_BUDGET_SECONDS`` | ``doc_budget_seconds`` | 30 (hard time budget per document, CLI, batch and API) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

DEFAULT_DB_PATH = "marsad.db"
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_PAGE_LIMIT = 1000
DEFAULT_DOC_BUDGET_SECONDS = 30.0
DEFAULT_SQLITE_BUSY_TIMEOUT = 5.0
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_KEEP_ALIVE_TIMEOUT = 5
DEFAULT_MAX_CONNECTIONS = 512
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A ``MARSAD_*`` variable with a value that cannot be used; the message names it."""


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={raw!r}: expected true/false")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r}: expected an integer") from exc
    if value <= 0:
        raise SettingsError(f"{name}={raw!r}: must be positive")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.strip())
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r}: expected a number") from exc
    if not value > 0 or value == float("inf"):
        raise SettingsError(f"{name}={raw!r}: must be a positive number")
    return value


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name) or ""
    origins = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    for origin in origins:
        if origin != "*" and not (origin.startswith("http://") or origin.startswith("https://")):
            raise SettingsError(f"{name}: {origin!r} is not an origin (scheme://host[:port]) or *")
    return origins


def _str(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name)
    return raw.strip() if raw and raw.strip() else None


def _named_keys(env: Mapping[str, str], name: str) -> tuple[tuple[str, str], ...]:
    raw = _str(env, name)
    if raw is None:
        return ()
    out: list[tuple[str, str]] = []
    for part in raw.split(","):
        who, sep, key = part.strip().partition(":")
        if not sep or not who.strip() or len(key.strip()) < 8:
            raise SettingsError(f"{name}: expected name:key pairs separated by commas, keys of 8 characters "
                                f"or more (got {part.strip()[:20]!r}...)")
        out.append((who.strip(), key.strip()))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///" + DEFAULT_DB_PATH
    db_path: str = DEFAULT_DB_PATH
    api_key: str | None = None
    reads_open: bool = True
    tile_url: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    page_limit: int = DEFAULT_PAGE_LIMIT
    auto_migrate: bool = True
    doc_budget_seconds: float = DEFAULT_DOC_BUDGET_SECONDS
    sqlite_busy_timeout: float = DEFAULT_SQLITE_BUSY_TIMEOUT
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    keep_alive_timeout: int = DEFAULT_KEEP_ALIVE_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    cors_origins: tuple[str, ...] = ()
    api_keys: tuple[tuple[str, str], ...] = ()  # (name, key): who made a change, in the review audit

    def key_names(self) -> list[tuple[str, str]]:
        """Every accepted key with its name (``MARSAD_API_KEY`` is named ``api-key``)."""
        named = list(self.api_keys)
        if self.api_key is not None:
            named.append(("api-key", self.api_key))
        return named

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        db_path = _str(env, "MARSAD_DB_PATH") or DEFAULT_DB_PATH
        url = _str(env, "MARSAD_DATABASE_URL") or sqlite_url(db_path)
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]  # the driver installed is psycopg 3
        return cls(
            database_url=url,
            db_path=db_path,
            api_key=_str(env, "MARSAD_API_KEY"),
            reads_open=_bool(env, "MARSAD_READS_OPEN", True),
            tile_url=_str(env, "MARSAD_TILE_URL"),
            max_body_bytes=_int(env, "MARSAD_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
            page_limit=_int(env, "MARSAD_PAGE_LIMIT", DEFAULT_PAGE_LIMIT),
            auto_migrate=_bool(env, "MARSAD_AUTO_MIGRATE", True),
            doc_budget_seconds=_float(env, "MARSAD_DOC_BUDGET_SECONDS", DEFAULT_DOC_BUDGET_SECONDS),
            sqlite_busy_timeout=_float(env, "MARSAD_SQLITE_BUSY_TIMEOUT", DEFAULT_SQLITE_BUSY_TIMEOUT),
            header_timeout=_float(env, "MARSAD_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT),
            keep_alive_timeout=_int(env, "MARSAD_KEEP_ALIVE_TIMEOUT", DEFAULT_KEEP_ALIVE_TIMEOUT),
            max_connections=_int(env, "MARSAD_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS),
            cors_origins=_origins(env, "MARSAD_CORS_ORIGINS"),
            api_keys=_named_keys(env, "MARSAD_API_KEYS"),
        )

    def with_database(self, url: str | None) -> Settings:
        """A copy naming another database (``--database`` on the command line); a plain path means SQLite."""
        if not url:
            return self
        if "://" not in url:
            return replace(self, database_url=sqlite_url(url), db_path=url)
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return replace(self, database_url=url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process (read once; tests build their own with ``Settings.from_env({...})``)."""
    return Settings.from_env()
