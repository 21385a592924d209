"""Browser-facing headers (issue 12, item 9): a Content-Security-Policy that needs no inline script, nosniff,
no framing, no referrer; CORS closed unless ``MARSAD_CORS_ORIGINS`` names origins. The dashboard and
``/docs`` are loaded in headless Chromium under that policy and must run with no CSP violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from server import running_server

from marsad.api.app import create_app
from marsad.api.headers import content_security_policy
from marsad.settings import Settings, SettingsError, sqlite_url
from marsad.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 30
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
PAGES = ["/", "/docs", "/events", "/static/app.js", "/no-such-page", "/openapi.json"]


@pytest.fixture()
def client_for(tmp_path: Path) -> Iterator[Any]:
    stores = []

    def make(**overrides: Any) -> TestClient:
        settings = Settings(database_url=sqlite_url(tmp_path / "h.db"), **overrides)
        store = open_store(settings)
        stores.append(store)
        return TestClient(create_app(settings, store=store), raise_server_exceptions=False)

    yield make
    for store in stores:
        store.dispose()


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_browser_headers(client_for: Any, path: str) -> None:
    res = client_for().get(path)
    for name, value in HEADERS.items():
        assert res.headers[name] == value
    csp = res.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_pages_have_no_inline_script(client_for: Any, path: str) -> None:
    html = client_for().get(path).text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)
    assert scripts
    assert all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I)  # no inline event handlers either


@pytest.mark.parametrize(("tile_url", "expected"), [
    (None, "img-src 'self' data:"),
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "img-src 'self' data: https://*.tile.example.org"),
    ("https://tiles.example.net/{z}/{x}/{y}.png", "img-src 'self' data: https://tiles.example.net"),
])
def test_the_tile_server_is_allowed_for_images(tile_url: str | None, expected: str) -> None:
    assert expected in content_security_policy(tile_url)


@pytest.mark.parametrize(("origins", "origin", "allowed"), [
    ((), "https://evil.example", False),
    ((), "http://localhost:3000", False),
    (("https://analysts.example",), "https://analysts.example", True),
    (("https://analysts.example",), "https://evil.example", False),
])
def test_cors_is_closed_unless_configured(client_for: Any, origins: tuple[str, ...], origin: str,
                                          allowed: bool) -> None:
    client = client_for(cors_origins=origins)
    simple = client.get("/events", headers={"Origin": origin})
    preflight = client.options("/documents", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "X-API-Key"})
    assert (simple.headers.get("Access-Control-Allow-Origin") == origin) is allowed
    assert (preflight.headers.get("Access-Control-Allow-Origin") == origin) is allowed


@pytest.mark.parametrize(("raw", "expected"), [
    ("", ()),
    ("https://a.example, https://b.example:8443/", ("https://a.example", "https://b.example:8443")),
])
def test_cors_origins_setting(raw: str, expected: tuple[str, ...]) -> None:
    assert Settings.from_env({"MARSAD_CORS_ORIGINS": raw}).cors_origins == expected


def test_cors_origins_setting_refuses_what_is_not_an_origin() -> None:
    with pytest.raises(SettingsError, match="MARSAD_CORS_ORIGINS"):
        Settings.from_env({"MARSAD_CORS_ORIGINS": "analysts.example"})


# --- the real pages in a real browser, under the policy ------------------------------------------------


@pytest.fixture(scope="module")
def chrome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-background-networking", f"--user-data-dir={tmp_path_factory.mktemp('csp-profile')}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "ready"), [
    ("/", "return document.querySelectorAll('.leaflet-overlay-pane path').length > 5"),
    ("/docs", "return !!document.querySelector('.swagger-ui .info .title')"
              " && document.querySelector('.swagger-ui .info .title').textContent.includes('Marsad')"),
])
def test_pages_run_under_the_policy_in_chromium(tmp_path: Path, chrome: Any, path: str, ready: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    with running_server(tmp_path, database=str(tmp_path / "csp.db")) as srv:
        chrome.get_log("browser")  # drop what earlier pages logged
        chrome.get(srv.url + path)
        WebDriverWait(chrome, WAIT, poll_frequency=0.2).until(lambda d: d.execute_script(ready), f"{path} ready")
        logs = chrome.get_log("browser")
    violations = [e["message"] for e in logs if "Content Security Policy" in e["message"]]
    assert violations == []
