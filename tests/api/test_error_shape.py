"""Every error the API can answer has one JSON shape:
``{"error": {"status": int, "code": str, "message": str, "details": ...}}`` with ``status`` the HTTP status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

SMALL_LIMIT = 2048
DOC = {"doc_id": "shape-1", "text": "نص قصير"}


def check_shape(resp: Response, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status
    assert err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    return err


@pytest.fixture()
def small(client_for: Callable[..., TestClient]) -> Iterator[TestClient]:
    with client_for(max_body_bytes=SMALL_LIMIT) as c:
        yield c


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no/such/route", 404, "not_found"),
        ("GET", "/events/424242", 404, "not_found"),
        ("GET", "/documents/missing-doc", 404, "not_found"),
        ("GET", "/static/missing.js", 404, "not_found"),
        ("DELETE", "/events", 405, "method_not_allowed"),
        ("PUT", "/documents", 405, "method_not_allowed"),
        ("POST", "/health", 405, "method_not_allowed"),
        ("GET", "/events?limit=501", 422, "validation_error"),
        ("GET", "/events?from=2024-13-01", 422, "validation_error"),
        ("GET", "/events?min_fatalities=-1", 422, "validation_error"),
        ("GET", "/events?bbox=1,2,3", 422, "validation_error"),
        ("GET", "/events?bbox=10,0,5,1", 422, "validation_error"),
        ("GET", "/events?status=rumour", 422, "validation_error"),
        ("GET", "/events?from=2024-10-01&to=2024-09-01", 422, "validation_error"),
        ("GET", "/events/not-a-number", 422, "validation_error"),
        ("GET", "/export?format=pdf", 422, "validation_error"),
        ("GET", "/events?cursor=%%%not-a-cursor", 400, "bad_request"),
    ],
)
def test_read_errors(client: TestClient, method: str, path: str, status: int, code: str) -> None:
    check_shape(client.request(method, path), status, code)


def test_405_keeps_allow_header(client: TestClient) -> None:
    resp = client.delete("/events")
    check_shape(resp, 405, "method_not_allowed")
    assert "GET" in resp.headers["allow"]


def test_validation_details_name_the_field(client: TestClient) -> None:
    err = check_shape(client.get("/events", params={"limit": "many"}), 422, "validation_error")
    assert err["details"] == [
        {"location": "query", "field": "limit", "message": err["details"][0]["message"], "type": "int_parsing"}
    ]


def test_401_missing_key(client: TestClient) -> None:
    check_shape(client.post("/documents", json=DOC), 401, "unauthorized")


def test_403_wrong_key(client: TestClient) -> None:
    check_shape(client.post("/documents", json=DOC, headers={"X-API-Key": "wrong"}), 403, "forbidden")


def test_401_and_403_on_closed_reads(client_for: Callable[..., TestClient]) -> None:
    with client_for(reads_open=False) as c:
        check_shape(c.get("/events"), 401, "unauthorized")
        check_shape(c.get("/events/1", headers={"X-API-Key": "wrong"}), 403, "forbidden")


def test_503_writes_closed(client_for: Callable[..., TestClient]) -> None:
    with client_for(api_key=None) as c:
        check_shape(c.post("/documents", json=DOC, headers={"X-API-Key": "x"}), 503, "writes_closed")


def test_422_malformed_json_body(client: TestClient, api_key: str) -> None:
    resp = client.post("/documents", content=b"{not json", headers={"X-API-Key": api_key,
                                                                    "Content-Type": "application/json"})
    check_shape(resp, 422, "validation_error")


def test_413_declared_length(small: TestClient, api_key: str) -> None:
    big = {"doc_id": "big", "text": "ا" * (SMALL_LIMIT * 2)}
    err = check_shape(small.post("/documents", json=big, headers={"X-API-Key": api_key}), 413, "payload_too_large")
    assert err["details"] == {"max_bytes": SMALL_LIMIT}


def test_413_chunked_body_without_length(small: TestClient, api_key: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"doc_id": "big", "text": "'
        for _ in range(10):
            yield b"x" * 1024
        yield b'"}'

    resp = small.post("/documents", content=chunks(), headers={"X-API-Key": api_key,
                                                              "Content-Type": "application/json"})
    assert "content-length" not in {k.lower() for k in resp.request.headers}
    check_shape(resp, 413, "payload_too_large")


def test_413_before_auth(small: TestClient) -> None:
    check_shape(small.post("/documents", content=b"x" * (SMALL_LIMIT + 1)), 413, "payload_too_large")


def test_422_overlong_doc_id(client: TestClient, api_key: str) -> None:
    resp = client.post("/documents", json={"doc_id": "d" * 300, "text": "نص"}, headers={"X-API-Key": api_key})
    check_shape(resp, 422, "validation_error")


def test_500_is_shaped_and_leaks_nothing(client: TestClient) -> None:
    def boom() -> None:
        raise RuntimeError("secret internals")

    client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
    resp = client.get("/boom")
    err = check_shape(resp, 500, "internal_error")
    assert "secret" not in resp.text
    assert err["details"] is None
