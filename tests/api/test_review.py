"""The review loop over HTTP: PATCH /events/{id} and /clusters/{id} (JSON Merge Patch), audit, split, join."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from merged import boni_reports

from marsad.document import Document
from marsad.store import ingest
from marsad.store.db import Store

ANALYST_KEY = "analyst-key-77a1"
MERGE_PATCH = {"Content-Type": "application/merge-patch+json"}


@pytest.fixture()
def review(store: Store, client_for: Any) -> TestClient:
    for doc, events in boni_reports():
        ingest(store.session_factory, doc, events)
    return client_for(api_keys=(("alice", ANALYST_KEY),))


def _headers(key: str = ANALYST_KEY) -> dict[str, str]:
    return {**MERGE_PATCH, "X-API-Key": key}


def _event_id(client: TestClient, doc_id: str) -> int:
    [item] = [i for i in client.get("/events?limit=100").json()["items"] if i["doc_id"] == doc_id]
    return int(item["id"])


def _boni(client: TestClient) -> str:
    [item] = [i for i in client.get("/clusters").json()["items"] if i["location"] == "Boni"]
    return str(item["cluster_id"])


def test_patch_event_sets_fields_and_audits(review: TestClient) -> None:
    eid = _event_id(review, "demo-bf-djibo")
    r = review.patch(f"/events/{eid}", json={"fatalities": 14, "actor1": "jnim"}, headers=_headers())
    assert r.status_code == 200, r.text
    assert (r.json()["fatalities"], r.json()["actor1"]) == (14, "jnim")
    assert r.json()["reviewed"]["fatalities"]["by"] == "alice"
    assert review.get(f"/events/{eid}").json()["reviewed"]["actor1"]["value"] == "jnim"
    audit = review.get("/audit", params={"target_id": "demo-bf-djibo#1"}).json()["items"]
    assert {(a["who"], a["field"], a["old"], a["new"]) for a in audit} == {
        ("alice", "fatalities", 12, 14), ("alice", "actor1", "unidentified", "jnim")}
    [cluster] = [i for i in review.get("/clusters?country=Burkina Faso").json()["items"] if i["location"] == "Djibo"]
    assert cluster["fatalities"] == 14 and cluster["actor1"] == "jnim"  # the merged event follows
    assert review.get("/clusters?actor=jnim&admin1=Sahel").json()["items"]  # and the actor filter


@pytest.mark.parametrize(("body", "field"), [
    ({"fatalities": -1}, "fatalities"),
    ({"event_date": "10/09/2024"}, "event_date"),
    ({"event_type": "Fights"}, "event_type"),
    ({"event_type": "Battles", "sub_event_type": "Grenade"}, "sub_event_type"),
    ({"doc_id": "other"}, "doc_id"),
    ({"latitude": 123.0}, "latitude"),
    ([1, 2], "body"),
])
def test_bad_patches_are_422_naming_the_field(review: TestClient, body: Any, field: str) -> None:
    r = review.patch(f"/events/{_event_id(review, 'demo-bf-djibo')}", json=body, headers=_headers())
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == field


@pytest.mark.parametrize(("headers", "status"), [
    (MERGE_PATCH, 401),
    ({**MERGE_PATCH, "X-API-Key": "wrong-key-000"}, 403),
])
def test_patch_needs_a_valid_key(review: TestClient, headers: dict[str, str], status: int) -> None:
    r = review.patch(f"/events/{_event_id(review, 'demo-bf-djibo')}", json={"fatalities": 1}, headers=headers)
    assert r.status_code == status and r.json()["error"]["status"] == status


def test_patch_cluster_fields_win_over_merging(review: TestClient) -> None:
    cid = _boni(review)
    r = review.patch(f"/clusters/{cid}", json={"fatalities": 9, "location": "Boni"}, headers=_headers())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["fatalities"] == 9 and body["reviewed"]["fatalities"]["by"] == "alice"
    assert [(a["field"], a["old"], a["new"]) for a in body["audit"]] == [("fatalities", 5, 9)]


def test_split_then_join_back_with_a_pointer(review: TestClient) -> None:
    cid = _boni(review)
    r = review.patch(f"/clusters/{cid}", json={"split": ["demo-mali-boni-3#1"]}, headers=_headers())
    assert r.status_code == 200, r.text
    assert r.json()["sources"] == ["demo-mali-boni", "demo-mali-boni-2"]
    boni = [i for i in review.get("/clusters").json()["items"] if i["location"] == "Boni"]
    assert len(boni) == 2
    [other] = [i["cluster_id"] for i in boni if i["cluster_id"] != cid]
    # a later re-clustering (a fourth report of the attack ingested) does not undo the split
    doc, events = boni_reports()[1]
    fourth = Document("demo-mali-boni-4", doc.text + " ", published="2024-09-12")
    ingest(review.app.state.store.session_factory, fourth, [replace(events[0], doc_id="demo-mali-boni-4")])
    assert review.get(f"/clusters/{other}").json()["sources"] == ["demo-mali-boni-3"]
    assert review.get(f"/clusters/{cid}").json()["sources"] == ["demo-mali-boni", "demo-mali-boni-2",
                                                                 "demo-mali-boni-4"]
    # join: the older id (cid) survives; the other answers with a pointer
    r = review.patch(f"/clusters/{other}", json={"join": cid}, headers=_headers())
    assert r.status_code == 200 and r.json()["merged_into"] == cid
    assert len(r.json()["sources"]) == 4
    gone = review.get(f"/clusters/{other}", follow_redirects=False)
    assert gone.status_code == 308 and gone.json() == {"cluster_id": other, "merged_into": cid}
    assert gone.headers["location"] == f"/clusters/{cid}"


@pytest.mark.parametrize(("body", "field"), [
    ({"split": ["demo-mali-boni#1", "demo-mali-boni-2#1", "demo-mali-boni-3#1"]}, "split"),
    ({"split": ["nope#1"]}, "split"),
    ({"join": "c-unknown"}, "join"),
    ({"colour": "red"}, "colour"),
])
def test_bad_cluster_patches(review: TestClient, body: dict[str, Any], field: str) -> None:
    r = review.patch(f"/clusters/{_boni(review)}", json=body, headers=_headers())
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == field
