"""The dashboard's alerts badge and list in a real headless Chromium over ``marsad serve``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from marsad.api.demo import demo_items
from marsad.settings import sqlite_url
from marsad.store import ingest, open_store
from marsad.store.models import EventRow
from marsad.watch.alerts import record_alerts
from marsad.watch.rules import Rule

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20  # seconds: a readiness bound, not a speed assertion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run scripts/ensure_chromium.sh"),
    pytest.mark.skipif(not CHROMEDRIVER.exists(), reason="needs /usr/bin/chromedriver: run scripts/ensure_chromium.sh"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, int]]:
    db = tmp_path / "dash.db"
    store = open_store(sqlite_url(db))
    for doc, events in demo_items():
        ingest(store.session_factory, doc, events)
    with store.session_factory() as session, session.begin():
        clusters = set(session.scalars(select(EventRow.cluster_id).where(EventRow.cluster_id.is_not(None))))
        n = len(record_alerts(session, [Rule(name="any-deaths", min_fatalities=1)], clusters))
    store.dispose()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--database", str(db), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail("marsad serve did not answer /health")
            time.sleep(0.1)
        yield base, n
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_badge_and_list(served: tuple[str, int], tmp_path: Path) -> None:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, n = served
    assert n > 0
    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    try:
        driver.get(base + "/")
        wait = WebDriverWait(driver, WAIT, poll_frequency=0.1)
        badge = wait.until(lambda d: d.find_element(By.ID, "alerts-badge"))
        wait.until(lambda d: badge.text == f"Alerts {n}", f"badge never said Alerts {n}")
        assert "has-alerts" in (badge.get_attribute("class") or "")
        panel = driver.find_element(By.ID, "alerts-panel")
        assert not panel.is_displayed()
        badge.click()
        assert panel.is_displayed()
        items = driver.find_elements(By.CSS_SELECTOR, "#alerts-list li.alert-item")
        assert len(items) == n and all("any-deaths" in i.text and "fatalities" in i.text for i in items)
    finally:
        driver.quit()
