"""API hardening: the key on every write (compared in constant time), the body size limit, one error
shape for every error, and SQL-injection strings in every filter (no effect, no 5xx, tables intact)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from marsad.api.app import create_app
from marsad.document import Document
from marsad.records import Event, Evidence
from marsad.settings import Settings
from marsad.store.db import Store, open_store
from marsad.store.ingest import ingest

KEY = "k3y-0123456789abcdef-XYZ"
MAX_BODY = 64 * 1024
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
INJECTIONS = (
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE events; --",
    "\"; DELETE FROM documents; --",
    "1) UNION SELECT name, sql FROM sqlite_master --",
    "%' AND 1=1 AND '%'='",
    "Mali' --",
    "\\'; SELECT pg_sleep(5); --",
    "%",
    "_",
    "'||(SELECT count(*) FROM documents)||'",
)
TEXT = "قتل خمسة جنود في هجوم على موقع عسكري في ميناكا يوم الأحد."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("api") / "api.db"
    the_store = open_store(Settings(database_url=f"sqlite:///{db}", db_path=str(db), api_key=KEY))
    event = Event("seed-1", event_date="2024-02-11", date_min="2024-02-11", date_max="2024-02-11", time_precision=1,
                  event_type="Battles", sub_event_type="Armed clash", country="Mali", admin1="Menaka",
                  location="Menaka", latitude=15.9, longitude=2.4, geo_precision=1, fatalities=5,
                  evidence=[Evidence("trigger", 18, 22)])
    ingest(the_store.session_factory, Document("seed-1", TEXT, published="2024-02-12"), [event])
    yield the_store
    the_store.dispose()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(database_url=str(store.engine.url), api_key=KEY, max_body_bytes=MAX_BODY)
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
        yield c


def _write_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) of the OpenAPI schema that writes, path parameters filled in."""
    out: list[tuple[str, str]] = []
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        concrete = re.sub(r"\{[^}]*id[^}]*\}", "1", path)
        out.extend((method.upper(), concrete) for method in ops if method.upper() in WRITE_METHODS)
    return sorted(out)


def _assert_error_shape(resp: Any, status: int | None = None) -> dict[str, Any]:
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}, err
    assert err["status"] == resp.status_code and isinstance(err["code"], str) and err["message"]
    if status is not None:
        assert resp.status_code == status, body
    return err


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                for t in inspect(conn).get_table_names()}


def test_there_are_write_routes(client: TestClient) -> None:
    assert ("POST", "/documents") in _write_routes(client)


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": ""}], ids=["no-header", "empty"])
def test_every_write_needs_the_key(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in _write_routes(client):
        resp = client.request(method, path, json={"doc_id": "w", "text": TEXT}, headers=headers)
        _assert_error_shape(resp, 401)


@pytest.mark.parametrize("wrong", [KEY[:-1] + "X", KEY[:-1], KEY + "0", KEY.upper(), "x" * len(KEY), KEY + " x",
                                   "%" + KEY[1:]])
def test_every_write_refuses_a_wrong_key(client: TestClient, wrong: str) -> None:
    for method, path in _write_routes(client):
        resp = client.request(method, path, json={"doc_id": "w", "text": TEXT},
                              headers={"X-API-Key": wrong})
        assert resp.status_code in (401, 403), (method, path, resp.status_code)
        _assert_error_shape(resp)


def test_key_comparison_goes_through_compare_digest(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    import marsad.api.deps as deps

    calls: list[tuple[object, object]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(deps.hmac, "compare_digest", spy)
    resp = client.post("/documents", json={"doc_id": "w", "text": TEXT}, headers={"X-API-Key": "nope"})
    assert resp.status_code == 403
    assert calls, "the key must be compared with hmac.compare_digest"


def test_body_over_the_limit_is_refused(client: TestClient) -> None:
    big = {"doc_id": "big", "text": "ا" * MAX_BODY}
    resp = client.post("/documents", json=big, headers={"X-API-Key": KEY})
    _assert_error_shape(resp, 413)


def test_chunked_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"doc_id": "chunked", "text": "'
        for _ in range(MAX_BODY // 1024 + 2):
            yield b"a" * 1024
        yield b'"}'

    resp = client.post("/documents", content=chunks(), headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    _assert_error_shape(resp, 413)


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [
    ("POST", "/documents", {"content": b"{not json"}, 422),
    ("POST", "/documents", {"json": {"text": TEXT}}, 422),
    ("POST", "/documents", {"json": {"doc_id": 5, "text": TEXT}}, 422),
    ("POST", "/documents", {"json": {"doc_id": "a", "text": TEXT, "published": "yesterday"}}, 422),
    ("POST", "/documents", {"json": []}, 422),
    ("GET", "/events?from=notadate", {}, 422),
    ("GET", "/events?limit=0", {}, 422),
    ("GET", "/events?limit=abc", {}, 422),
    ("GET", "/events?min_fatalities=-1", {}, 422),
    ("GET", "/events?bbox=1,2,3", {}, 422),
    ("GET", "/events?from=2024-02-01&to=2023-01-01", {}, 422),
    ("GET", "/events/0", {}, 422),
    ("GET", "/events/999999", {}, 404),
    ("GET", "/no/such/route", {}, 404),
    ("DELETE", "/events", {}, 405),
])
def test_errors_have_the_one_shape(client: TestClient, method: str, path: str, kwargs: dict[str, Any],
                                   status: int) -> None:
    headers = {"X-API-Key": KEY, "Content-Type": "application/json"} if method == "POST" else {}
    resp = client.request(method, path, headers=headers, **kwargs)
    _assert_error_shape(resp, status)


FILTERS = ("country", "admin1", "actor", "event_type", "sub_event_type", "q", "cluster_id", "status", "bbox", "from",
           "to", "min_fatalities", "cursor")


@pytest.mark.parametrize("endpoint", ["/events", "/export"])
@pytest.mark.parametrize("param", FILTERS)
def test_sql_injection_in_filters_has_no_effect(client: TestClient, store: Store, endpoint: str, param: str) -> None:
    before = _counts(store)
    baseline = client.get("/events").json()["items"]
    assert len(baseline) == 1
    for value in INJECTIONS:
        resp = client.get(endpoint, params={param: value})
        assert resp.status_code < 500, (param, value, resp.status_code, resp.text[:300])
        if resp.status_code >= 400:
            _assert_error_shape(resp)
        elif endpoint == "/events":
            items = resp.json()["items"]
            assert len(items) <= len(baseline)
            if param in ("country", "admin1", "event_type", "actor"):
                assert items == [], (param, value)  # no "OR 1=1" widening
    assert _counts(store) == before
    assert client.get("/events").json()["items"] == baseline


def test_sql_injection_in_path_parameters(client: TestClient, store: Store) -> None:
    before = _counts(store)
    for value in INJECTIONS:
        resp = client.get(f"/documents/{value}")
        assert resp.status_code in (404, 422), (value, resp.status_code)
        _assert_error_shape(resp)
    assert _counts(store) == before
    assert client.get("/documents/seed-1").status_code == 200


def test_injection_strings_as_document_fields_are_stored_verbatim(client: TestClient, store: Store) -> None:
    doc_id = "inj-'; DROP TABLE documents; --"
    resp = client.post("/documents", json={"doc_id": doc_id, "text": TEXT + " ' OR 1=1 --", "title": INJECTIONS[2]},
                       headers={"X-API-Key": KEY})
    assert resp.status_code == 201, resp.text[:500]
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM documents WHERE doc_id = :d"), {"d": doc_id}).scalar_one()
    assert stored == 1
    assert "documents" in inspect(store.engine).get_table_names()


@pytest.fixture(scope="module", autouse=True)
def _no_stray_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    cwd_db = Path("marsad.db")
    existed = cwd_db.exists()
    yield
    assert existed or not cwd_db.exists(), "the tests must not create marsad.db in the working directory"
