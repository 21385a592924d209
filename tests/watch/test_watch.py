"""Passes of the watcher over real HTTP: new items stored once, changed pages replace their events, broken
feeds and pages are logged and skipped, non-UTF-8 pages read, /health reports the sources."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marsad.store.db import Store
from marsad.store.models import DocumentRow, EventRow
from marsad.store.watch_tables import WatchItemRow, WatchSourceRow
from marsad.watch.demo import article_html
from marsad.watch.rules import Rule
from marsad.watch.sources import Source, doc_id_for

from .conftest import REPORTS, Route, Site, alert_lines, make_watcher

MALI = Rule(name="mali", countries=("Mali",), min_fatalities=1)


def _count(store: Store, table: type) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def _events_of(store: Store, url: str) -> list[tuple[str | None, int | None]]:
    with store.session() as s:
        rows = s.scalars(select(EventRow).where(EventRow.doc_id == doc_id_for(url)))
        return [(r.location, r.fatalities) for r in rows]


def test_a_feed_is_stored_once_and_alerts_once(site: Site, any_store: Store, tmp_path: Path) -> None:
    store = any_store
    feed = site.feed("/feed.xml", site.articles(list(REPORTS)))
    w = make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI])
    first = w.run()[0]
    assert (first.listed, first.stored, first.errors) == (5, 5, [])
    assert first.events == 4  # the grain-prices report has no event
    assert _count(store, DocumentRow) == 5
    alerts = alert_lines(tmp_path)
    assert [(a["rule"], a["version"], a["event"]["location"]) for a in alerts] == [("mali", 1, "Douentza")]
    assert alerts[0]["reason"] == "country Mali; fatalities 5 ≥ 1"
    hits = dict(site.hits)
    # a restarted watcher: the feed answers 304, nothing is fetched, stored or alerted again
    again = make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI]).run()[0]
    assert (again.listed, again.stored) == (0, 0)
    assert site.conditional["/feed.xml"] == 1
    assert {k: v for k, v in site.hits.items() if k.startswith("/a/")} == {k: v for k, v in hits.items()
                                                                           if k.startswith("/a/")}
    assert len(alert_lines(tmp_path)) == 1


def test_a_changed_article_replaces_its_events_and_alerts_what_changed(site: Site, any_store: Store,
                                                                          tmp_path: Path) -> None:
    store = any_store
    items = site.articles(["mali-ambush", "niger-clash"])
    feed = site.feed("/feed.xml", items)
    url = site.url + "/a/mali-ambush.html"
    make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI]).run()
    assert _events_of(store, url) == [("Douentza", 5)]
    # the outlet corrects the toll: the page and its feed entry change
    title, text = REPORTS["mali-ambush"]
    site.page("/a/mali-ambush.html", title, text.replace("خمسة جنود", "ثمانية جنود"))
    site.feed("/feed.xml", [(title + " (محدث)", items[0][1], items[0][2]), items[1]])
    report = make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI]).run()[0]
    assert (report.stored, report.unchanged) == (1, 1)
    assert _events_of(store, url) == [("Douentza", 8)]
    assert _count(store, DocumentRow) == 2
    with store.session() as s:
        assert s.scalar(select(WatchItemRow.versions).where(WatchItemRow.url == url)) == 2
    alerts = alert_lines(tmp_path)
    assert [a["version"] for a in alerts] == [1, 2]
    assert alerts[1]["changes"] == ["fatalities 5 → 8", "highest toll claimed 5 → 8"]
    assert "version 2: fatalities 5 → 8" in alerts[1]["reason"]
    assert alerts[0]["cluster_id"] == alerts[1]["cluster_id"]


def test_a_changed_entry_with_the_same_page_gets_a_304(site: Site, store: Store, tmp_path: Path) -> None:
    items = site.articles(["mali-ambush", "niger-clash"])
    feed = site.feed("/feed.xml", items)
    make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI]).run()
    site.feed("/feed.xml", [(items[0][0] + " (تحديث العنوان)", items[0][1], items[0][2]), items[1]])
    report = make_watcher(store, [Source(feed, "feed")], tmp_path, [MALI]).run()[0]
    assert (report.listed, report.stored, report.unchanged) == (2, 0, 2)
    assert site.conditional["/a/mali-ambush.html"] == 1 and site.hits["/a/mali-ambush.html"] == 2
    assert site.hits["/a/niger-clash.html"] == 1  # its entry did not change: not fetched again
    assert len(alert_lines(tmp_path)) == 1


def test_a_second_source_grows_the_cluster(site: Site, any_store: Store, tmp_path: Path) -> None:
    store = any_store
    title, text = REPORTS["mali-ambush"]
    site.page("/a/one.html", title, text)
    site.page("/b/two.html", "رواية ثانية", "أكدت مصادر محلية أن " + text)
    feed_a = site.feed("/a.xml", [(title, "/a/one.html", "2024-05-08")])
    feed_b = site.feed("/b.xml", [("رواية ثانية", "/b/two.html", "2024-05-08")])
    make_watcher(store, [Source(feed_a, "feed")], tmp_path, [MALI]).run()
    make_watcher(store, [Source(feed_b, "feed")], tmp_path, [MALI]).run()
    alerts = alert_lines(tmp_path)
    assert [(a["version"], a["event"]["n_sources"]) for a in alerts] == [(1, 1), (2, 2)]
    assert alerts[1]["changes"] == [f"new source {doc_id_for(site.url + '/b/two.html')}"]


@pytest.mark.parametrize(
    ("broken", "error"),
    [
        (Route(b"<rss><channel><item><title>x</item></rss", "application/rss+xml"), "malformed feed"),
        (Route(b"", status=500), "HTTP 500"),
        (Route(b"", delay=1.0), "timed out"),
    ],
)
def test_a_broken_feed_is_logged_and_skipped(site: Site, store: Store, tmp_path: Path, broken: Route, error: str,
                                             caplog: pytest.LogCaptureFixture) -> None:
    site.routes["/bad.xml"] = broken
    good = site.feed("/good.xml", site.articles(["niger-clash"]))
    from marsad.watch.fetch import FetchConfig

    fetch = FetchConfig(rate=0, backoff=0.01, timeout=0.3, retries=1)
    with caplog.at_level(logging.ERROR, "marsad.watch"):
        bad_r, good_r = make_watcher(store, [Source(site.url + "/bad.xml", "feed"), Source(good, "feed")],
                                     tmp_path, fetch=fetch).run()
    assert error in bad_r.errors[0][1] and not bad_r.complete
    assert good_r.stored == 1
    assert any(error in r.getMessage() for r in caplog.records)
    with store.session() as s:
        row = s.scalars(select(WatchSourceRow).where(WatchSourceRow.name == site.url + "/bad.xml")).one()
        assert row.errors_total == 1 and error in (row.last_error or "") and row.last_ok is None


@pytest.mark.parametrize(
    "page",
    [Route(b"", status=500), Route(b"", delay=1.0), Route(b"\x00\x01\x02binary", "application/octet-stream")],
)
def test_a_broken_page_is_skipped_and_tried_again_next_pass(site: Site, store: Store, tmp_path: Path,
                                                            page: Route) -> None:
    items = site.articles(["mali-ambush", "niger-clash"])
    site.routes["/a/mali-ambush.html"] = page
    feed = site.feed("/feed.xml", items)
    from marsad.watch.fetch import FetchConfig

    fetch = FetchConfig(rate=0, backoff=0.01, timeout=0.3, retries=1)
    report = make_watcher(store, [Source(feed, "feed")], tmp_path, fetch=fetch).run()[0]
    assert (report.stored, len(report.errors)) == (1, 1)
    assert not report.complete  # so the feed's ETag is not kept: the failed item is listed again
    site.articles(["mali-ambush"])  # the page is back
    again = make_watcher(store, [Source(feed, "feed")], tmp_path, fetch=fetch).run()[0]
    assert (again.stored, again.unchanged, again.errors) == (1, 1, [])
    assert _count(store, DocumentRow) == 2


@pytest.mark.parametrize(
    ("charset_header", "encoding"),
    [("windows-1256", "cp1256"), (None, "cp1256"), ("utf-8", "utf-8")],
)
def test_non_utf8_pages_are_decoded(site: Site, store: Store, tmp_path: Path, charset_header: str | None,
                                    encoding: str) -> None:
    title, text = REPORTS["bf-village"]
    html = article_html(title, text, "2024-05-08").replace('<meta charset="utf-8">', "")
    ctype = f"text/html; charset={charset_header}" if charset_header else "text/html"
    site.routes["/a/bf.html"] = Route(html.encode(encoding), ctype)
    feed = site.feed("/feed.xml", [(title, "/a/bf.html", "2024-05-08")])
    report = make_watcher(store, [Source(feed, "feed")], tmp_path).run()[0]
    assert report.stored == 1
    assert _events_of(store, site.url + "/a/bf.html") == [("Djibo", 4)]


def test_a_links_page(site: Site, store: Store, tmp_path: Path) -> None:
    site.articles(["mali-ambush", "bf-village"])
    links = '<a href="/a/mali-ambush.html">1</a> <a href="../a/bf-village.html#top">2</a> <a href="http://other.example/x">x</a>'
    site.routes["/news/"] = Route(f"<html><body>{links}<a href='/a/mali-ambush.html'>again</a></body></html>".encode())
    report = make_watcher(store, [Source(site.url + "/news/", "links")], tmp_path).run()[0]
    assert (report.listed, report.stored) == (2, 2)
    assert "http://other.example/x" not in {u for u in site.hits}
    # the page says nothing of changes: each article is asked again, conditionally; the changed one is stored
    title, text = REPORTS["bf-village"]
    site.page("/a/bf-village.html", title, text.replace("أربعة", "سبعة"))
    site.routes["/news/"].body += b"<!-- refreshed -->"
    again = make_watcher(store, [Source(site.url + "/news/", "links")], tmp_path).run()[0]
    assert (again.listed, again.stored, again.unchanged) == (2, 1, 1)
    assert site.conditional["/a/mali-ambush.html"] == 1
    assert _events_of(store, site.url + "/a/bf-village.html") == [("Djibo", 7)]


def test_a_directory_source(store: Store, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.txt").write_text(REPORTS["mali-ambush"][1], encoding="utf-8")
    (drop / "two.txt").write_bytes(REPORTS["bf-village"][1].encode("cp1256"))
    (drop / "bad.txt").write_bytes(b"")
    w = make_watcher(store, [Source(str(drop), "dir")], tmp_path)
    report = w.run()[0]
    assert (report.stored, len(report.errors)) == (2, 1) and "empty" in report.errors[0][1]
    (drop / "one.txt").write_text(REPORTS["mali-ambush"][1].replace("خمسة", "ستة"), encoding="utf-8")
    again = make_watcher(store, [Source(str(drop), "dir")], tmp_path).run()[0]
    assert (again.stored, again.unchanged) == (1, 1)
    with store.session() as s:
        assert s.scalar(select(EventRow.fatalities).where(EventRow.doc_id == "one")) == 6


@pytest.mark.slow
def test_worker_processes_store_the_same_events(site: Site, tmp_path: Path) -> None:
    from marsad.settings import sqlite_url
    from marsad.store.db import open_store

    feed = site.feed("/feed.xml", site.articles(list(REPORTS)))
    got = []
    for processes in (0, 1):
        store = open_store(sqlite_url(tmp_path / f"p{processes}.db"))
        w = make_watcher(store, [Source(feed, "feed")], tmp_path / f"p{processes}", [MALI], processes=processes)
        try:
            report = w.run()[0]
        finally:
            w.close()
        with store.session() as s:
            got.append((report.stored, sorted(s.execute(select(EventRow.doc_id, EventRow.location,
                                                                EventRow.fatalities)).all())))
        store.dispose()
    assert got[0] == got[1] and got[0][0] == 5


@pytest.mark.slow
def test_a_feed_of_5000_items(site: Site, store: Store, tmp_path: Path) -> None:
    """5,000 entries: all listed and stored once; a second pass over a changed feed fetches only the new one."""
    title, text = REPORTS["grain-prices"]
    body = article_html(title, text, "2024-05-08").encode()
    items = []
    for i in range(5000):
        site.routes[f"/m/{i}.html"] = Route(body)
        items.append((f"{title} {i}", f"/m/{i}.html", "2024-05-08"))
    feed = site.feed("/feed.xml", items)
    report = make_watcher(store, [Source(feed, "feed")], tmp_path, batch=500, extractor="html_main").run()[0]
    assert (report.listed, report.stored, report.errors) == (5000, 5000, [])
    assert _count(store, DocumentRow) == 5000
    site.routes["/m/5000.html"] = Route(body)
    site.feed("/feed.xml", [*items, (f"{title} 5000", "/m/5000.html", "2024-05-08")])
    again = make_watcher(store, [Source(feed, "feed")], tmp_path, batch=500, extractor="html_main").run()[0]
    assert (again.listed, again.stored, again.unchanged) == (5001, 1, 5000)
    assert max(v for k, v in site.hits.items() if k.startswith("/m/")) == 1
