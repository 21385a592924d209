"""GET /health, the dashboard's files, OpenAPI and the offline Swagger UI."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["database"] == "sqlite"


def test_dashboard_is_served_without_cdn(client: TestClient) -> None:
    html = client.get("/").text
    assert 'id="map"' in html
    assert "static/vendor/leaflet/leaflet.js" in html
    assert "https://" not in html and "http://" not in html
    for path in ("/static/app.js", "/static/style.css", "/static/vendor/leaflet/leaflet.js",
                 "/static/vendor/leaflet/leaflet.css", "/static/vendor/leaflet/LICENSE"):
        assert client.get(path).status_code == 200, path


def test_basemap_has_countries_and_approximate_admin1(client: TestClient) -> None:
    geo = client.get("/basemap.geojson").json()
    kinds = {(f["properties"]["kind"], f["properties"].get("country") or f["properties"]["name"])
             for f in geo["features"]}
    assert ("country", "Mali") in kinds and ("country", "Niger") in kinds and ("country", "Burkina Faso") in kinds
    admin1 = [f for f in geo["features"] if f["properties"]["kind"] == "admin1"]
    assert {"Mopti", "Sahel", "Tillaberi"} <= {f["properties"]["name"] for f in admin1}
    assert all(f["properties"]["approximate"] for f in admin1)
    assert "APPROXIMATE" in geo["attribution"]


def test_config_tells_the_tile_layer(client_for: Callable[..., TestClient]) -> None:
    with client_for() as c:
        assert c.get("/config.json").json()["tile_url"] is None
    with client_for(tile_url="https://tiles.example.org/{z}/{x}/{y}.png") as c:
        cfg = c.get("/config.json").json()
        assert cfg["tile_url"].endswith("{y}.png")
        assert cfg["tile_attribution"] == "tiles: tiles.example.org"


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/documents", "/export", "/health"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"from", "to", "bbox", "q", "cursor", "limit", "min_fatalities"} <= params
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn.jsdelivr" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
