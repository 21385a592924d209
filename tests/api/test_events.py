"""GET /events (every filter, cursor paging) and GET /events/{id} over the demo store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

ALL = {"demo-mali-boni", "demo-bf-djibo", "demo-niger-tera", "demo-mali-kidal", "demo-bf-fada"}


def docs_of(client: TestClient, **params: Any) -> set[str]:
    resp = client.get("/events", params=params)
    assert resp.status_code == 200, resp.text
    return {item["doc_id"] for item in resp.json()["items"]}


def test_lists_every_event_newest_first(client: TestClient) -> None:
    body = client.get("/events").json()
    assert body["next_cursor"] is None
    days = [item["day"] for item in body["items"]]
    assert days == sorted(days, reverse=True)
    assert {item["doc_id"] for item in body["items"]} == ALL
    first = body["items"][0]
    assert first["doc_id"] == "demo-mali-kidal"
    assert first["fatalities"] is None
    assert isinstance(first["id"], int)
    assert first["latitude"] == pytest.approx(18.44111)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "Mali"}, {"demo-mali-boni", "demo-mali-kidal"}),
        ({"country": "burkina faso"}, {"demo-bf-djibo", "demo-bf-fada"}),
        ({"admin1": "Mopti"}, {"demo-mali-boni"}),
        ({"event_type": "Battles"}, {"demo-mali-boni"}),
        ({"event_type": "Explosions/Remote violence"}, {"demo-niger-tera", "demo-mali-kidal"}),
        ({"sub_event_type": "Air/drone strike"}, {"demo-mali-kidal"}),
        ({"actor": "jnim"}, {"demo-mali-boni", "demo-bf-fada"}),
        ({"actor": "military:niger"}, {"demo-niger-tera"}),
        ({"min_fatalities": 5}, {"demo-mali-boni", "demo-bf-djibo"}),
        ({"min_fatalities": 0}, ALL - {"demo-mali-kidal"}),
        ({"from": "2024-09-11", "to": "2024-09-30"}, {"demo-bf-djibo", "demo-niger-tera"}),
        ({"to": "2024-08-31"}, {"demo-bf-fada"}),
        ({"bbox": "-6,9,3,15.5"}, {"demo-mali-boni", "demo-bf-djibo", "demo-niger-tera", "demo-bf-fada"}),
        ({"bbox": "-3,14,-1,15.5"}, {"demo-mali-boni", "demo-bf-djibo"}),
        ({"q": "جيبو"}, {"demo-bf-djibo"}),
        ({"q": "Kidal"}, {"demo-mali-kidal"}),
        ({"status": "reported"}, ALL),
        ({"status": "background"}, set()),
        ({"country": "Mali", "event_type": "Battles", "min_fatalities": 6}, set()),
    ],
)
def test_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    assert docs_of(client, **params) == expected


def test_cluster_filter(client: TestClient) -> None:
    item = client.get("/events", params={"country": "Niger"}).json()["items"][0]
    assert item["cluster_id"]
    assert docs_of(client, cluster_id=item["cluster_id"]) == {"demo-niger-tera"}


def test_cursor_paging_visits_every_event_once(client: TestClient) -> None:
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/events", params=params).json()
        assert len(body["items"]) <= 2
        seen.extend(item["id"] for item in body["items"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


def test_paging_keeps_the_filter(client: TestClient) -> None:
    first = client.get("/events", params={"limit": 1, "country": "Mali"}).json()
    second = client.get("/events", params={"limit": 1, "country": "Mali", "cursor": first["next_cursor"]}).json()
    assert [i["doc_id"] for i in first["items"] + second["items"]] == ["demo-mali-kidal", "demo-mali-boni"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize("limit", [0, 501, -3])
def test_limit_is_bounded(client: TestClient, limit: int) -> None:
    resp = client.get("/events", params={"limit": limit})
    assert resp.status_code == 422
    assert resp.json()["error"]["details"][0]["field"] == "limit"


def test_limit_500_is_allowed(client: TestClient) -> None:
    assert client.get("/events", params={"limit": 500}).status_code == 200


def test_event_detail_has_sources_claims_and_evidence(client: TestClient) -> None:
    item = client.get("/events", params={"event_type": "Battles"}).json()["items"][0]
    detail = client.get(f"/events/{item['id']}").json()
    assert detail["id"] == item["id"]
    assert detail["sub_event_type"] == "Armed clash"
    assert [s["doc_id"] for s in detail["sources"]] == ["demo-mali-boni"]
    assert detail["sources"][0]["title"] == "هجوم على موقع عسكري في بوني"
    assert [(c["claimant"], c["killed"], c["injured"]) for c in detail["claims"]] == [
        ("security_source", 8, None),
        ("military:mali", 5, 6),
    ]
    by_field = {e["field"]: e for e in detail["evidence"]}
    assert by_field["location"]["text"] == "بوني"
    assert by_field["actor1"]["text"] == "جماعة نصرة الإسلام والمسلمين"
    assert by_field["fatalities"]["before"].endswith("إن ")
    assert detail["cluster"]["n_sources"] == 1


def test_unknown_event_is_404(client: TestClient) -> None:
    resp = client.get("/events/999999")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "not_found"


def test_non_numeric_event_id_is_422(client: TestClient) -> None:
    assert client.get("/events/abc").status_code == 422
