"""A real app over a real SQLite store in a temp dir, seeded with the hand-made demo reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.api.demo import demo_items
from marsad.settings import Settings, sqlite_url
from marsad.store import ingest, open_store
from marsad.store.db import Store

API_KEY = "test-key-5e1f"


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(database_url=sqlite_url(tmp_path / "api.db")))
    for doc, events in demo_items():
        ingest(s.session_factory, doc, events)
    yield s
    s.dispose()


def make_client(store: Store, **overrides: object) -> TestClient:
    settings = Settings(database_url=str(store.engine.url), **{"api_key": API_KEY, **overrides})  # type: ignore[arg-type]
    return TestClient(create_app(settings, store=store), raise_server_exceptions=False)


ClientFactory = Callable[..., TestClient]


@pytest.fixture()
def api_key() -> str:
    return API_KEY


@pytest.fixture()
def client_for(store: Store) -> ClientFactory:
    """``client_for(**settings overrides)``: a client of another app over the same store."""
    return lambda **overrides: make_client(store, **overrides)


@pytest.fixture()
def client(store: Store) -> Iterator[TestClient]:
    with make_client(store) as c:
        yield c
