"""GET /documents/{id} and POST /documents (API key, extraction, ingest)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

REPORT = {
    "doc_id": "api-post-1",
    "published": "2024-11-05",
    "title": "هجوم على دورية",
    "outlet": "اختبار",
    "text": "قتل ستة جنود من الجيش المالي يوم الاثنين 4 نوفمبر 2024 في كمين نصبه مسلحون قرب بلدة دوينتزا بمنطقة موبتي.",
}


def test_document_has_text_and_evidence_spans(client: TestClient) -> None:
    doc = client.get("/documents/demo-bf-djibo").json()
    assert doc["title"] == "مقتل مدنيين في سوق جيبو"
    assert doc["text"].startswith("واغادوغو - قتل مسلحون مجهولون")
    assert len(doc["events"]) == 1
    event_id = doc["events"][0]["id"]
    spans = doc["evidence"]
    assert {s["field"] for s in spans} >= {"event_type", "event_date", "location", "fatalities"}
    for span in spans:
        assert span["event_id"] == event_id
        assert doc["text"][span["start"] : span["end"]] == span["text"]
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)


def test_unknown_document_is_404(client: TestClient) -> None:
    resp = client.get("/documents/no-such-doc")
    assert resp.status_code == 404
    assert "no-such-doc" in resp.json()["error"]["message"]


def test_post_document_with_key_stores_it(client: TestClient, api_key: str) -> None:
    resp = client.post("/documents", json=REPORT, headers={"X-API-Key": api_key})
    assert resp.status_code == 201, resp.text
    (result,) = resp.json()["documents"]
    assert result["doc_id"] == "api-post-1"
    assert result["outcome"] == "inserted"
    doc = client.get("/documents/api-post-1").json()
    assert doc["text"] == REPORT["text"]
    assert len(doc["events"]) == result["events"]
    again = client.post("/documents", json=[REPORT], headers={"X-API-Key": api_key}).json()
    assert again["documents"][0]["outcome"] == "unchanged"


def test_post_a_list(client: TestClient, api_key: str) -> None:
    batch = [{**REPORT, "doc_id": f"api-list-{i}"} for i in range(3)]
    resp = client.post("/documents", json=batch, headers={"X-API-Key": api_key})
    assert resp.status_code == 201
    assert [d["doc_id"] for d in resp.json()["documents"]] == ["api-list-0", "api-list-1", "api-list-2"]
    assert client.get("/documents/api-list-2").status_code == 200


def test_post_without_key_is_401(client: TestClient) -> None:
    resp = client.post("/documents", json=REPORT)
    assert resp.status_code == 401
    assert resp.headers["www-authenticate"].startswith("ApiKey")
    assert client.get("/documents/api-post-1").status_code == 404


def test_post_with_wrong_key_is_403(client: TestClient, api_key: str) -> None:
    resp = client.post("/documents", json=REPORT, headers={"X-API-Key": api_key + "x"})
    assert resp.status_code == 403
    assert client.get("/documents/api-post-1").status_code == 404


def test_writes_closed_without_configured_key(client_for: Callable[..., TestClient], api_key: str) -> None:
    with client_for(api_key=None) as c:
        resp = c.post("/documents", json=REPORT, headers={"X-API-Key": "anything"})
        assert resp.status_code == 503
        assert resp.json()["error"]["code"] == "writes_closed"
        assert c.get("/events").status_code == 200  # reads stay open


def test_reads_closed_need_the_key(client_for: Callable[..., TestClient], api_key: str) -> None:
    with client_for(reads_open=False) as c:
        assert c.get("/events").status_code == 401
        assert c.get("/documents/demo-bf-djibo", headers={"X-API-Key": "nope"}).status_code == 403
        assert c.get("/export").status_code == 401
        ok = c.get("/events", headers={"X-API-Key": api_key})
        assert ok.status_code == 200
        assert len(ok.json()["items"]) == 5
        assert c.get("/health").status_code == 200


def test_bad_document_fields_are_422(client: TestClient, api_key: str) -> None:
    headers = {"X-API-Key": api_key}
    assert client.post("/documents", json={"doc_id": "x"}, headers=headers).status_code == 422
    assert client.post("/documents", json={**REPORT, "published": "05/11/2024"}, headers=headers).status_code == 422
    assert client.post("/documents", json={**REPORT, "extra": 1}, headers=headers).status_code == 422
    assert client.post("/documents", json=[], headers=headers).status_code == 422
