"""The database a command uses, opened the same way by every command: settings, a folder that exists, a file
that must exist for readers, and one-line errors naming the database and the fix (exit code 2)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.settings import Settings
    from marsad.store.db import Store


def database_settings(command: str, database: str | None, *, write: bool, must_exist: bool) -> Settings | int:
    """The settings naming the database of ``command``, or 2 after printing why it cannot be used: a bad URL,
    a missing or unwritable folder, or (``must_exist``) an SQLite file that is not there."""
    from marsad.settings import SettingsError, get_settings
    from marsad.store.db import database_problem, sqlite_path

    try:
        settings = get_settings().with_database(database)
    except SettingsError as exc:
        print(f"marsad {command}: {exc}", file=sys.stderr)
        return 2
    problem = database_problem(settings.database_url, write=write)
    if problem is None and must_exist:
        path = sqlite_path(settings.database_url)
        if path is not None and not path.is_file():
            problem = (f"no database at {path}: ingest documents first (marsad ingest), or name one with "
                       "--database / MARSAD_DATABASE_URL")
    if problem:
        print(f"marsad {command}: {problem}", file=sys.stderr)
        return 2
    return settings


def open_database(command: str, database: str | None, *, write: bool, must_exist: bool) -> Store | int:
    """The store of ``command`` (see :func:`database_settings`), or 2 after printing why it cannot be opened."""
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.store.db import explain_error, open_store

    settings = database_settings(command, database, write=write, must_exist=must_exist)
    if isinstance(settings, int):
        return settings
    try:
        return open_store(settings)
    except (SQLAlchemyError, OSError) as exc:
        print(f"marsad {command}: {explain_error(exc, settings.database_url)}", file=sys.stderr)
        return 2
