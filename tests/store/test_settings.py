"""Settings from MARSAD_* variables: defaults, parsing, refusals naming the variable."""

from __future__ import annotations

import pytest

from marsad.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("env", "field", "expected"),
    [
        ({}, "database_url", "sqlite:///marsad.db"),
        ({"MARSAD_DB_PATH": "data/x.db"}, "database_url", "sqlite:///data/x.db"),
        ({"MARSAD_DATABASE_URL": "postgresql://u@h:5/db"}, "database_url", "postgresql+psycopg://u@h:5/db"),
        ({"MARSAD_DATABASE_URL": "postgresql+psycopg://u@h/db"}, "database_url", "postgresql+psycopg://u@h/db"),
        ({}, "reads_open", True),
        ({"MARSAD_READS_OPEN": "false"}, "reads_open", False),
        ({"MARSAD_READS_OPEN": " Yes "}, "reads_open", True),
        ({}, "api_key", None),
        ({"MARSAD_API_KEY": "  "}, "api_key", None),
        ({"MARSAD_API_KEY": "k1"}, "api_key", "k1"),
        ({}, "tile_url", None),
        ({"MARSAD_TILE_URL": "https://tiles/{z}/{x}/{y}.png"}, "tile_url", "https://tiles/{z}/{x}/{y}.png"),
        ({}, "max_body_bytes", 5 * 1024 * 1024),
        ({"MARSAD_MAX_BODY_BYTES": "1000"}, "max_body_bytes", 1000),
        ({"MARSAD_AUTO_MIGRATE": "0"}, "auto_migrate", False),
    ],
)
def test_from_env(env: dict[str, str], field: str, expected: object) -> None:
    assert getattr(Settings.from_env(env), field) == expected


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"MARSAD_READS_OPEN": "maybe"}, "MARSAD_READS_OPEN"),
        ({"MARSAD_MAX_BODY_BYTES": "lots"}, "MARSAD_MAX_BODY_BYTES"),
        ({"MARSAD_MAX_BODY_BYTES": "-1"}, "MARSAD_MAX_BODY_BYTES"),
        ({"MARSAD_PAGE_LIMIT": "0"}, "MARSAD_PAGE_LIMIT"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("database", "url"),
    [
        (None, "sqlite:///marsad.db"),
        ("other.db", "sqlite:///other.db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_with_database(database: str | None, url: str) -> None:
    s = Settings.from_env({}).with_database(database)
    assert s.database_url == url and s.is_sqlite == url.startswith("sqlite")
