"""``GET /alerts`` and the watched sources in ``GET /health`` after a real watch pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.settings import Settings
from marsad.store.db import Store
from marsad.watch.rules import Rule
from marsad.watch.sources import Source

from .conftest import Route, Site, make_watcher


@pytest.fixture()
def watched(site: Site, store: Store, tmp_path: Path) -> TestClient:
    feed = site.feed("/feed.xml", site.articles(["mali-ambush", "bf-village", "niger-clash", "grain-prices"]))
    site.routes["/broken.xml"] = Route(b"", status=404)
    rules = [Rule(name="deaths", min_fatalities=1), Rule(name="mali", countries=("Mali",))]
    make_watcher(store, [Source(feed, "feed"), Source(site.url + "/broken.xml", "feed")], tmp_path, rules).run()
    return TestClient(create_app(Settings(database_url=str(store.engine.url)), store=store))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [("deaths", "Tillabéri"), ("deaths", "Djibo"), ("mali", "Douentza"), ("deaths", "Douentza")]),
        ("?rule=mali", [("mali", "Douentza")]),
        ("?rule=nothing", []),
    ],
)
def test_get_alerts(watched: TestClient, query: str, expected: list[tuple[str, str]]) -> None:
    body = watched.get("/alerts" + query).json()
    got = [(a["rule"], a["event"]["location"]) for a in body["items"]]
    assert sorted(got) == sorted(expected) if not query else got == expected
    if not query:
        assert body["total"] == 4
        assert all(a["version"] == 1 and a["key"] == f"{a['rule']}|{a['cluster_id']}|1" for a in body["items"])
        ids = [a["id"] for a in body["items"]]
        assert ids == sorted(ids, reverse=True)  # newest first
        after = watched.get(f"/alerts?after_id={ids[1]}").json()
        assert [a["id"] for a in after["items"]] == [ids[0]]
        page = watched.get("/alerts?limit=1&offset=1").json()
        assert [a["id"] for a in page["items"]] == [ids[1]] and page["total"] == 4


def test_bad_alerts_query_has_the_error_shape(watched: TestClient) -> None:
    resp = watched.get("/alerts?limit=0")
    assert resp.status_code == 422 and resp.json()["error"]["status"] == 422


def test_health_reports_each_source(watched: TestClient, site: Site) -> None:
    sources = {s["source"]: s for s in watched.get("/health").json()["watch"]}
    ok, broken = sources[site.url + "/feed.xml"], sources[site.url + "/broken.xml"]
    assert (ok["items_last_poll"], ok["errors_total"], ok["polls"]) == (4, 0, 1)
    assert ok["last_poll"] and ok["last_ok"]
    assert (broken["items_total"], broken["errors_total"], broken["last_ok"]) == (0, 1, None)
    assert "HTTP 404" in broken["last_error"]
