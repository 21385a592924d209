"""The dashboard in a real headless Chromium, over ``marsad serve`` on a loopback port and a seeded SQLite store.

Load the page, see the merged events on the map and in the table (sources count, fatalities range, actor
names with the Arabic name on hover), the per-region series and the admin1 choropleth; filter by event
type and see the table change; open a merged event (its ``/#/clusters/<id>`` URL), see its reports under
its row and the most precise report's evidence highlighted in the right-to-left Arabic source with the
claims beside it; correct a field with the form; narrow the window to a phone's width and still see the
deaths; a screenshot goes to ``test-artifacts/dashboard.png``. Needs /usr/bin/chromium and /usr/bin/chromedriver
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

from marsad.api.demo import demo_followups, demo_items
from marsad.settings import Settings, sqlite_url
from marsad.store import ingest, open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EDIT_KEY = "browser-key-5c2e"
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
    for doc, events in [*demo_items(), *demo_followups()]:
        ingest(store.session_factory, doc, events)
    store.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    env["MARSAD_API_KEYS"] = f"browser-analyst:{EDIT_KEY}"
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


def cluster_rows(driver: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, "#events tbody tr.cluster"))


def test_dashboard_map_filter_event_view(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(1400, 1700)
    browser.get(server + "/")
    wait_for(browser, lambda d: loaded(d) and len(d.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 5,
             "five merged events on the map (seven reports)")
    # the offline basemap is drawn (country and admin1 outlines)
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 5,
             "basemap outlines")
    assert len(cluster_rows(browser)) == 5
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert not browser.find_elements(By.CSS_SELECTOR, ".leaflet-tile")  # no tile layer without MARSAD_TILE_URL
    # the Boni attack: three sources, ACLED's figure 5 and the range 5-10; actors by name, Arabic on hover
    boni = next(r for r in cluster_rows(browser) if "Boni" in r.text)
    assert boni.find_element(By.CSS_SELECTOR, "td.c-sources").text == "3"
    assert boni.find_element(By.CSS_SELECTOR, "td.c-deaths").text == "5 (5–10)"
    jnim = boni.find_element(By.CSS_SELECTOR, ".actor[data-actor='jnim']")
    assert jnim.text == "JNIM: Group for Support of Islam and Muslims"
    assert jnim.get_attribute("title") == "جماعة نصرة الإسلام والمسلمين"
    # a time series per region from /aggregates and an admin1 choropleth of fatalities
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#series [data-region='Mopti (Mali)']"),
             "the Mopti series")
    mopti = wait_for(browser, lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, "path.admin1")
                                         if p.get_attribute("data-admin1") == "Mopti"], "the Mopti region")
    assert mopti[0].get_attribute("data-deaths") == "5"
    assert float(mopti[0].value_of_css_property("fill-opacity")) > 0

    # filter by event type: the table and the map change
    Select(browser.find_element(By.ID, "f-event-type")).select_by_visible_text("Battles")
    browser.find_element(By.ID, "apply").click()
    wait_for(browser, lambda d: loaded(d) and len(cluster_rows(d)) == 1, "one Battles row")
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 1
    row = cluster_rows(browser)[0]
    assert "Armed clash" in row.text and "Boni" in row.text
    cluster_id = row.get_attribute("data-cluster-id")

    # open the merged event: its URL, its reports under the row, the most precise report's source
    row.click()
    wait_for(browser, lambda d: d.find_element(By.ID, "event-view").get_attribute("data-ready") == "true",
             "event view ready")
    assert browser.current_url.endswith(f"/#/clusters/{cluster_id}")
    reports = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr.report")
    assert len(reports) == 3 and "demo-mali-boni-2" in " ".join(r.text for r in reports)
    source = browser.find_element(By.ID, "source")
    assert source.get_attribute("dir") == "rtl"
    assert source.value_of_css_property("direction") == "rtl"
    marks = source.find_elements(By.TAG_NAME, "mark")
    titled = {m.get_attribute("title"): m.text for m in marks}
    assert titled["location"] == "بوني"
    assert titled["actor1"] == "جماعة نصرة الإسلام والمسلمين"
    assert {"event_type", "event_date", "actor2", "admin1", "fatalities"} <= set(titled)
    fields = browser.find_element(By.ID, "ev-fields").text
    assert "demo-mali-boni" in fields and "5 (5–10)" in fields
    excerpts = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#evidence-list q")]
    assert "بوني" in excerpts
    claims = browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    assert len(claims) == 2
    assert "خمسة جنود قتلوا" in claims[1].text
    assert claims[1].find_element(By.CSS_SELECTOR, "td.quote").get_attribute("dir") == "rtl"
    # another report of the merged event, from its row under the cluster
    next(r for r in reports if "demo-mali-boni-2" in r.text).click()
    wait_for(browser, lambda d: "demo-mali-boni-2" in d.find_element(By.ID, "ev-doc").text, "the second report")

    # the URL of a merged event opens it in a fresh page
    browser.get(server + "/")
    browser.get(f"{server}/#/clusters/{cluster_id}")
    wait_for(browser, lambda d: d.find_element(By.ID, "event-view").get_attribute("data-cluster-id") == cluster_id
             and d.find_element(By.ID, "event-view").get_attribute("data-ready") == "true", "opened from its URL")

    # correct the toll with the form (a key is set): the table and the review history show it
    browser.execute_script(f"sessionStorage.setItem('marsad-api-key', '{EDIT_KEY}')")
    Select(browser.find_element(By.ID, "edit-field")).select_by_value("fatalities")
    browser.find_element(By.ID, "edit-value").send_keys("6")
    browser.find_element(By.ID, "edit-save").click()
    wait_for(browser, lambda d: "saved fatalities" in d.find_element(By.ID, "edit-status").text, "saved")
    wait_for(browser, lambda d: any("browser-analyst" in li.text and "fatalities: 5 → 6" in li.text
                                    for li in d.find_elements(By.CSS_SELECTOR, "#audit li")), "audit line")
    wait_for(browser, lambda d: any(r.get_attribute("data-cluster-id") == cluster_id and
                                    "6 (5–10)" in r.text for r in cluster_rows(d)), "the corrected row")

    # a phone's width: the deaths column stays, admin1 and actors go
    browser.set_window_size(420, 1400)
    wait_for(browser, lambda d: not d.find_element(By.CSS_SELECTOR, "#events thead th.c-admin1").is_displayed(),
             "narrow layout")
    assert browser.find_element(By.CSS_SELECTOR, "#events thead th.c-deaths").is_displayed()
    browser.set_window_size(1400, 1700)

    # the cluster list with every merged event: screenshot
    browser.get(server + "/")
    wait_for(browser, lambda d: loaded(d) and len(cluster_rows(d)) == 5, "all rows back")
    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
