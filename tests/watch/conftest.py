"""A real HTTP server on localhost for the watcher's tests: routes that can answer slowly, fail, change,
answer 304 to a conditional GET, and a webhook receiver that records what it was sent."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from marsad.settings import sqlite_url
from marsad.store.db import Store, open_store
from marsad.watch.alerts import AlertSink
from marsad.watch.demo import article_html, rss
from marsad.watch.fetch import FetchConfig
from marsad.watch.rules import Rule
from marsad.watch.runner import WatchConfig, Watcher
from marsad.watch.sources import Source
from pgschema import PG_SKIP, PG_URL, pg_database

# Reports written for these tests (not from any corpus): each gives one event to the extractor.
REPORTS = {
    "mali-ambush": ("كمين قرب دوانتزا",
                    "قتل خمسة جنود ماليين في هجوم شنه مسلحون على نقطة تفتيش قرب بلدة دوانتزا وسط مالي يوم الاثنين، "
                    "بحسب مصادر أمنية."),
    "bf-village": ("هجوم على قرية قرب جيبو",
                   "قتل مسلحون مجهولون أربعة مدنيين في هجوم على قرية قرب مدينة جيبو شمال بوركينا فاسو يوم السبت، "
                   "وفق مصادر محلية."),
    "niger-clash": ("اشتباك قرب تيلابيري",
                    "اشتبك الجيش النيجري مع مسلحين قرب بلدة تيلابيري غرب النيجر يوم الأربعاء، وقتل ثلاثة جنود في "
                    "الاشتباك."),
    "bamako-protest": ("مظاهرة طلابية", "تظاهر مئات الطلاب في العاصمة باماكو يوم الخميس للمطالبة بتحسين ظروف الدراسة."),
    "grain-prices": ("أسعار الحبوب", "ارتفعت أسعار الحبوب في أسواق نيامي هذا الأسبوع بسبب تأخر الأمطار."),
}
PUBLISHED = "2024-05-08"


@dataclass
class Route:
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # the first N requests get a 503
    etag: bool = True
    last_modified: str | None = None


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    conditional: Counter[str] = field(default_factory=Counter)  # requests that carried If-None-Match/-Modified-Since
    hooks: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (path, Idempotency-Key, body)
    hook_fail_first: int = 0
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, path: str, title: str, text: str, published: str | None = PUBLISHED, **kw: Any) -> str:
        self.routes[path] = Route(article_html(title, text, published).encode("utf-8"), **kw)
        return self.url + path

    def feed(self, path: str, items: list[tuple[str, str, str | None]], **kw: Any) -> str:
        self.routes[path] = Route(rss(items, base=self.url).encode("utf-8"), "application/rss+xml", **kw)
        return self.url + path

    def articles(self, names: list[str], prefix: str = "/a/") -> list[tuple[str, str, str | None]]:
        items = []
        for name in names:
            title, text = REPORTS[name]
            self.page(f"{prefix}{name}.html", title, text)
            items.append((title, f"{prefix}{name}.html", PUBLISHED))
        return items


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *_: Any) -> None:
            return

        def _send(self, status: int, body: bytes, ctype: str = "text/plain",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                site.hits[self.path] += 1
                n = site.hits[self.path]
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    site.conditional[self.path] += 1
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            if n <= route.fail_first:
                self._send(503, b"busy", headers={"Retry-After": "0"})
                return
            if route.status != 200:
                self._send(route.status, b"error")
                return
            headers: dict[str, str] = {}
            if route.etag:
                etag = '"' + hashlib.sha1(route.body).hexdigest() + '"'
                headers["ETag"] = etag
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", headers=headers)
                    return
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
                if self.headers.get("If-Modified-Since") == route.last_modified:
                    self._send(304, b"", headers=headers)
                    return
            self._send(200, route.body, route.ctype, headers)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with site.lock:
                site.hits["POST " + self.path] += 1
                fail = site.hits["POST " + self.path] <= site.hook_fail_first
                if not fail:
                    site.hooks.append((self.path, self.headers.get("Idempotency-Key") or "", json.loads(body)))
            self._send(503 if fail else 200, b"{}", "application/json")

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    httpd.daemon_threads = True
    s.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    st = open_store(sqlite_url(tmp_path / "watch.db"), migrate=True)
    try:
        yield st
    finally:
        st.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store on SQLite and on PostgreSQL (a fresh schema of ``MARSAD_TEST_PG_URL``)."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "watch.db")
        st = open_store(url, migrate=True)
        yield st
        st.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    with pg_database() as url:
        st = open_store(url, migrate=True)
        try:
            yield st
        finally:
            st.dispose()


FAST = FetchConfig(rate=0, backoff=0.01, timeout=2.0, retries=2)


def make_watcher(store: Store, sources: list[Source], tmp_path: Path, rules: list[Rule] | None = None,
                 **kw: Any) -> Watcher:
    fetch = kw.pop("fetch", FAST)
    sink = AlertSink(tmp_path / "alerts.jsonl", user_agent="test", backoff=0.01)
    return Watcher(store, WatchConfig(sources, rules or [], once=True, fetch=fetch, **kw), sink=sink)


def alert_lines(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "alerts.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
