"""GET /clusters, /clusters/{id} and /aggregates: merged events as the unit, with the /events filters."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from merged import boni_reports

from marsad.store import ingest
from marsad.store.db import Store


@pytest.fixture()
def merged(store: Store, client: TestClient) -> TestClient:
    for doc, events in boni_reports():
        ingest(store.session_factory, doc, events)
    return client


def _boni(client: TestClient) -> dict[str, Any]:
    [item] = [i for i in client.get("/clusters").json()["items"] if i["location"] == "Boni"]
    return item


def test_one_row_per_merged_event(merged: TestClient) -> None:
    items = merged.get("/clusters").json()["items"]
    assert len(items) == 5  # 7 reports, 5 events
    assert len(merged.get("/events").json()["items"]) == 7
    boni = _boni(merged)
    assert boni["n_sources"] == 3
    # demo report: 5 (army) with a claim of 8; another outlet: 10; the third gives no toll (0 is not a count)
    assert (boni["fatalities"], boni["fatalities_min"], boni["fatalities_max"]) == (5, 5, 10)


def test_cluster_detail_has_reports_claims_and_sources(merged: TestClient) -> None:
    boni = _boni(merged)
    body = merged.get(f"/clusters/{boni['cluster_id']}").json()
    assert body["sources"] == ["demo-mali-boni", "demo-mali-boni-2", "demo-mali-boni-3"]
    assert sorted(r["doc_id"] for r in body["reports"]) == body["sources"]
    assert {(c["doc_id"], c["killed"]) for c in body["claims"]} == {
        ("demo-mali-boni", 8), ("demo-mali-boni", 5), ("demo-mali-boni-2", 10)}
    assert body["status"] == "reported" and body["event_type"] == "Battles"
    assert all(r["document"]["outlet"] for r in body["reports"])


@pytest.mark.parametrize(("query", "locations"), [
    ("country=Mali", {"Boni", "Kidal"}),
    ("min_fatalities=5", {"Boni", "Djibo"}),
    ("actor=jnim", {"Boni", "Fada N'gourma"}),
    ("q=عشرة جنود", {"Boni"}),  # a word of the second report finds the merged event
    ("from=2024-09-14&to=2024-09-30", {"Djibo", "Tera"}),
    ("bbox=-3,14,-2,16", {"Boni"}),
    ("event_type=Explosions/Remote violence", {"Tera", "Kidal"}),
])
def test_filters_are_those_of_events(merged: TestClient, query: str, locations: set[str]) -> None:
    r = merged.get(f"/clusters?{query}")
    assert r.status_code == 200, r.text
    assert {i["location"] for i in r.json()["items"]} == locations


def test_cursor_pages_cover_every_cluster_once(merged: TestClient) -> None:
    seen: list[str] = []
    url = "/clusters?limit=2"
    while True:
        body = merged.get(url).json()
        seen += [i["cluster_id"] for i in body["items"]]
        if body["next_cursor"] is None:
            break
        url = f"/clusters?limit=2&cursor={body['next_cursor']}"
    assert len(seen) == len(set(seen)) == 5
    days = [i["day"] for i in merged.get("/clusters").json()["items"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize(("url", "status"), [
    ("/clusters/c-nosuchcluster", 404),
    ("/clusters?cursor=%%%", 400),
    ("/aggregates?by=admin3", 422),
    ("/aggregates?period=day", 422),
])
def test_errors_have_the_one_shape(merged: TestClient, url: str, status: int) -> None:
    r = merged.get(url)
    assert r.status_code == status
    assert r.json()["error"]["status"] == status


@pytest.mark.parametrize(("query", "expected"), [
    ("by=country&period=month", [
        {"country": "Burkina Faso", "period": "2024-08", "events": 1, "fatalities": 0},
        {"country": "Burkina Faso", "period": "2024-09", "events": 1, "fatalities": 12},
        {"country": "Mali", "period": "2024-09", "events": 1, "fatalities": 5},
        {"country": "Niger", "period": "2024-09", "events": 1, "fatalities": 4},
        {"country": "Mali", "period": "2024-10", "events": 1, "fatalities": 0}]),
    ("by=admin1&period=week&country=Mali", [
        {"country": "Mali", "admin1": "Mopti", "period": "2024-W37", "events": 1, "fatalities": 5},
        {"country": "Mali", "admin1": "Kidal", "period": "2024-W40", "events": 1, "fatalities": 0}]),
    ("by=admin2&period=month&admin1=Mopti", [
        {"country": "Mali", "admin1": "Mopti", "admin2": "Douentza", "period": "2024-09", "events": 1,
         "fatalities": 5}]),
])
def test_aggregates_count_merged_events(merged: TestClient, query: str, expected: list[dict[str, Any]]) -> None:
    body = merged.get(f"/aggregates?{query}").json()
    assert body["items"] == expected
