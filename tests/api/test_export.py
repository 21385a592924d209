"""GET /export in the three formats, with the filters of GET /events."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from marsad.export import COLUMNS


def test_acled_csv(client: TestClient) -> None:
    resp = client.get("/export", params={"format": "acled-csv"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(resp.text)))
    assert tuple(rows[0]) == tuple(COLUMNS)
    assert len(rows) == 6
    assert resp.headers["x-event-count"] == "5"


def test_geojson_with_filter(client: TestClient) -> None:
    resp = client.get("/export", params={"format": "geojson", "country": "Burkina Faso"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    body = resp.json()
    assert body["type"] == "FeatureCollection"
    assert {f["properties"]["doc_id"] for f in body["features"]} == {"demo-bf-djibo", "demo-bf-fada"}
    djibo = next(f for f in body["features"] if f["properties"]["doc_id"] == "demo-bf-djibo")
    assert djibo["geometry"]["coordinates"] == [-1.62554, 14.0994]


def test_jsonl_of_report_records(client: TestClient) -> None:
    resp = client.get("/export", params={"min_fatalities": 4, "unit": "event"})
    assert resp.status_code == 200
    records = [json.loads(line) for line in resp.text.splitlines()]
    assert {r["doc_id"] for r in records} == {"demo-mali-boni", "demo-bf-djibo", "demo-niger-tera"}
    assert all(r["evidence"] for r in records)


def test_unknown_format_is_422(client: TestClient) -> None:
    resp = client.get("/export", params={"format": "xlsx"})
    assert resp.status_code == 422
    assert resp.json()["error"]["details"][0]["field"] == "format"
