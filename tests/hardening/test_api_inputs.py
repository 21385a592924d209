"""Reads and writes that used to answer 500 (issue 12, items 3 and 4): numbers beyond the columns'
integers, NUL characters, strings longer than their columns. Each answers 4xx in the one error shape,
the same on SQLite and PostgreSQL; a NUL inside a report's text is stored (as U+FFFD, offsets intact)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.document import LIMITS
from marsad.settings import Settings, sqlite_url
from marsad.store import open_store
from pgschema import PG_SKIP, PG_URL, pg_database

KEY = "inputs-key-0123456789"
BIG = str(2**64 + 1)
INT32_PLUS = str(2**31)
TEXT = "قتل مسلحون أربعة مدنيين في هجوم على قرية قرب بلدة بوني وسط مالي يوم السبت، وفق مصادر محلية."


def _cursor(day: str, ident: str) -> str:
    return base64.urlsafe_b64encode(f"{day}|{ident}".encode()).decode().rstrip("=")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([sqlite_url(tmp_path_factory.mktemp("inputs") / "i.db")])
        ctx = None
    else:
        if not PG_URL:
            pytest.skip(PG_SKIP)
        ctx = pg_database()
        urls = iter([ctx.__enter__()])
    url = next(urls)
    settings = Settings(database_url=url, api_key=KEY)
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as c:
            assert c.post("/documents", headers={"X-API-Key": KEY},
                          json={"doc_id": "seed-1", "text": TEXT, "published": "2024-03-12"}).status_code == 201
            yield c
    finally:
        store.dispose()
        if ctx is not None:
            ctx.__exit__(None, None, None)


def _shaped(res: Any, status: int) -> None:
    assert res.status_code == status, res.text
    err = res.json()["error"]
    assert err["status"] == status and isinstance(err["message"], str) and "code" in err


READS = [
    ("/events/" + BIG, 422),
    ("/events/" + INT32_PLUS, 422),
    ("/events/-" + BIG, 422),
    ("/events?min_fatalities=" + BIG, 422),
    ("/events?min_fatalities=" + INT32_PLUS, 422),
    ("/export?min_fatalities=" + BIG, 422),
    ("/events?cursor=" + _cursor("2024-01-01", BIG), 400),
    ("/events?cursor=" + _cursor("2024-01-01", INT32_PLUS), 400),
    ("/events?cursor=" + _cursor("2024-01-01", "-" + BIG), 400),
    ("/events?view=full&cursor=" + _cursor("2024-01-01", BIG), 400),
    ("/events?country=Mali%00", 400),
    ("/events?q=%00", 400),
    ("/events?actor=jnim%00x", 400),
    ("/events?cluster_id=%00", 400),
    ("/export?admin1=Mopti%00", 400),
    ("/documents/seed%001", 400),
    ("/documents/%00", 400),
]


@pytest.mark.parametrize(("path", "status"), READS, ids=[p for p, _ in READS])
def test_unauthenticated_reads_answer_4xx(client: TestClient, path: str, status: int) -> None:
    _shaped(client.get(path), status)


def _body(**fields: Any) -> dict[str, Any]:
    return {"doc_id": "w-1", "text": TEXT, "published": "2024-03-12", **fields}


WRITES = [
    ("nul-doc_id", _body(doc_id="w\x00-1"), 422),
    ("nul-title", _body(title="عنوان\x00"), 422),
    ("nul-outlet", _body(outlet="وكالة\x00"), 422),
    ("nul-url", _body(url="https://example.org/\x00"), 422),
    *[(f"long-{name}", _body(**{name: "x" * (limit + 1)}), 422) for name, limit in LIMITS.items()
      if name != "published"],
    ("long-published", _body(published="2024-03-12" + "0" * 10), 422),
]


@pytest.mark.parametrize(("body", "status"), [(b, s) for _, b, s in WRITES], ids=[n for n, _, _ in WRITES])
def test_bad_fields_of_a_posted_document_answer_422(client: TestClient, body: dict[str, Any], status: int) -> None:
    _shaped(client.post("/documents", headers={"X-API-Key": KEY}, json=body), status)
    assert client.get("/documents/w-1").status_code == 404  # nothing stored


@pytest.mark.parametrize("name", [n for n in LIMITS if n != "published"])
def test_a_field_at_its_limit_is_stored_whole(client: TestClient, name: str) -> None:
    value = "w" * LIMITS[name]
    doc_id = value if name == "doc_id" else f"at-limit-{name}"
    res = client.post("/documents", headers={"X-API-Key": KEY}, json=_body(**{"doc_id": doc_id, name: value}))
    assert res.status_code == 201, res.text
    got = client.get(f"/documents/{doc_id}")
    assert got.status_code == 200
    assert got.json()[name] == value


def test_a_nul_inside_the_text_is_stored_as_a_replacement_character(client: TestClient) -> None:
    text = TEXT + "\n\x00"
    res = client.post("/documents", headers={"X-API-Key": KEY}, json=_body(doc_id="nul-text", text=text))
    assert res.status_code == 201, res.text
    stored = client.get("/documents/nul-text").json()["text"]
    assert stored == TEXT + "\n\ufffd"  # one character for one: every evidence offset still holds
