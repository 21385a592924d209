"""A news site on localhost, built from report rows, for the offline demo and the benchmark.

    >>> site = build_site(rows)                       # doctest: +SKIP
    >>> with SiteServer(site) as server:              # doctest: +SKIP
    ...     print(server.url + "/feed.xml")

``build_site`` writes an RSS 2.0 feed (``/feed.xml``) whose items link to one HTML page per report
(``/articles/<doc_id>.html``, with navigation, related links and a footer around the article, and the
publication date in ``<meta property="article:published_time">``), and a ``/robots.txt``. ``SiteServer``
serves it from a thread with ETags (a matching ``If-None-Match`` gets 304).
"""

from __future__ import annotations

import hashlib
import html
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote

Page = tuple[str, bytes]  # (content type, body)


def article_html(title: str, text: str, published: str | None) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    return f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(title)} | مرصد الساحل</title>{meta}</head>
<body>
<header><nav><a href="/">الرئيسية</a> | <a href="/sahel">الساحل</a> | <a href="/sport">رياضة</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{paras}
</article>
<aside class="related"><h2>اقرأ أيضا</h2><ul><li><a href="/x">أسعار الذهب ترتفع في الأسواق</a></li>
<li><a href="/y">منتخب الكرة يستعد للمباراة الودية</a></li></ul></aside></main>
<footer>جميع الحقوق محفوظة لمرصد الساحل</footer>
</body></html>"""


def rss(items: Iterable[tuple[str, str, str | None]], base: str = "") -> str:
    """An RSS 2.0 feed of (title, link, published YYYY-MM-DD) items."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           "<title>مرصد الساحل</title><link>/</link><description>demo</description>"]
    for title, link, published in items:
        date = ""
        if published:
            day = datetime.fromisoformat(published).replace(hour=8, tzinfo=UTC)
            date = f"<pubDate>{format_datetime(day)}</pubDate>"
        out.append(f"<item><title>{html.escape(title)}</title><link>{html.escape(base + link)}</link>"
                   f"<guid>{html.escape(base + link)}</guid>{date}</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def build_site(rows: Iterable[dict[str, Any]]) -> dict[str, Page]:
    """Pages of a site with one article per row (``doc_id``, ``text``, optional ``title``, ``published``)."""
    site: dict[str, Page] = {"/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n")}
    items = []
    for row in rows:
        path = f"/articles/{quote(str(row['doc_id']))}.html"
        title = str(row.get("title") or row["doc_id"])
        published = row.get("published")
        site[path] = ("text/html; charset=utf-8", article_html(title, str(row["text"]), published).encode("utf-8"))
        items.append((title, path, published))
    site["/feed.xml"] = ("application/rss+xml; charset=utf-8", rss(items).encode("utf-8"))
    return site


@dataclass
class SiteServer:
    """Serves ``pages`` (path -> (content type, body)) on 127.0.0.1 from a thread; ``hits`` counts requests."""

    pages: dict[str, Page]
    port: int = 0
    hits: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *_: Any) -> None:
                return

            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                page = server.pages.get(self.path)
                if page is None:
                    self._send(404, "text/plain", b"not found")
                    return
                ctype, body = page
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(200, ctype, body, etag)

            def _send(self, status: int, ctype: str, body: bytes, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
