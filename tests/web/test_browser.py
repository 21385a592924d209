"""The dashboard in a real headless Chromium, over ``marsad serve`` on a loopback port and a seeded SQLite store.

Load the page, see the markers, filter by event type and see the table change, open an event and
see its evidence highlighted in the right-to-left Arabic source with the claims beside it; a
screenshot goes to ``test-artifacts/dashboard.png``. Needs /usr/bin/chromium and /usr/bin/chromedriver
(``scripts/ensure_chromium.sh``) and selenium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from marsad.api.demo import demo_items
from marsad.settings import Settings, sqlite_url
from marsad.store import ingest, open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT = 20  # seconds to wait for the page; a readiness bound, not a speed assertion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run scripts/ensure_chromium.sh"),
    pytest.mark.skipif(not CHROMEDRIVER.exists(), reason="needs /usr/bin/chromedriver: run scripts/ensure_chromium.sh"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "dash.db"
    store = open_store(Settings(database_url=sqlite_url(db)))
    for doc, events in demo_items():
        ingest(store.session_factory, doc, events)
    store.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--database", str(db), "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"marsad serve exited with {proc.returncode}: {out}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("marsad serve did not answer /health")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1700",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, predicate: Any, message: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(predicate, message)


def loaded(driver: Any) -> bool:
    return bool(driver.execute_script("return document.body.getAttribute('data-loading') === 'false'"))


def test_dashboard_map_filter_event_view(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/")
    wait_for(browser, lambda d: loaded(d) and len(d.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 5,
             "five event markers on the map")
    # the offline basemap is drawn (country and admin1 outlines, not interactive)
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 5,
             "basemap outlines")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 5
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert not browser.find_elements(By.CSS_SELECTOR, ".leaflet-tile")  # no tile layer without MARSAD_TILE_URL

    # filter by event type: the table and the map change
    Select(browser.find_element(By.ID, "f-event-type")).select_by_visible_text("Battles")
    browser.find_element(By.ID, "apply").click()
    wait_for(browser, lambda d: loaded(d) and len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 1,
             "one Battles row")
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 1
    row = browser.find_element(By.CSS_SELECTOR, "#events tbody tr")
    assert "Armed clash" in row.text and "Boni" in row.text

    # open the event: RTL source with highlighted evidence, claims beside it
    row.click()
    wait_for(browser, lambda d: d.find_element(By.ID, "event-view").get_attribute("data-ready") == "true",
             "event view ready")
    source = browser.find_element(By.ID, "source")
    assert source.get_attribute("dir") == "rtl"
    assert source.value_of_css_property("direction") == "rtl"
    marks = source.find_elements(By.TAG_NAME, "mark")
    titled = {m.get_attribute("title"): m.text for m in marks}
    assert titled["location"] == "بوني"
    assert titled["actor1"] == "جماعة نصرة الإسلام والمسلمين"
    assert {"event_type", "event_date", "actor2", "admin1", "fatalities"} <= set(titled)
    assert "demo-mali-boni" in browser.find_element(By.ID, "ev-fields").text
    excerpts = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#evidence-list q")]
    assert "بوني" in excerpts
    claims = browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    assert len(claims) == 2
    assert "خمسة جنود قتلوا" in claims[1].text
    assert claims[1].find_element(By.CSS_SELECTOR, "td.quote").get_attribute("dir") == "rtl"

    # back to every event, the event view stays open: screenshot
    browser.find_element(By.ID, "reset").click()
    wait_for(browser, lambda d: loaded(d) and len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 5,
             "all rows back")
    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
