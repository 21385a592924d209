#!/usr/bin/env python3
"""The watcher's throughput: from the poll of a feed of new items to stored events and written alerts.

    python bench/watch_bench.py [--items 1000] [--workers 4] [--batch 50] [--database URL]

Synthetic Arabic reports (``synth.py``, our own templates) are served as a news site on localhost (an RSS
feed and one HTML page per report, ``marsad.watch.demo``); one ``marsad watch`` pass (in-process, the
per-host rate limit off since the host is this machine, robots.txt obeyed) fetches every page, takes its
main text with trafilatura, extracts, stores and merges, and checks three alert rules. The extraction
models are loaded before the clock starts. Target: >= 100 items/s with fetching included.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from synth import generate

from marsad.document import Document
from marsad.pipeline import default_pipeline
from marsad.settings import sqlite_url
from marsad.store.db import open_store
from marsad.watch.alerts import AlertSink
from marsad.watch.demo import SiteServer, build_site
from marsad.watch.fetch import FetchConfig
from marsad.watch.rules import parse_rules
from marsad.watch.runner import WatchConfig, Watcher
from marsad.watch.sources import Source

TARGET = 100.0
RULES = {"rules": [{"name": "deaths", "min_fatalities": 1}, {"name": "mali", "countries": ["Mali"]},
                   {"name": "niger-military", "countries": ["Niger"], "actors": ["military"]}]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--processes", type=int, default=0, help="worker processes for page text and extraction")
    ap.add_argument("--extractor", choices=("trafilatura", "html_main"), default="trafilatura")
    ap.add_argument("--database", help="database URL (default: a fresh SQLite file)")
    args = ap.parse_args(argv)
    rows = [{"doc_id": d.doc_id, "title": d.title, "text": d.text, "published": d.published}
            for d in generate(args.items, seed=11)]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or sqlite_url(Path(tmp) / "watch.db")
        store = open_store(url)
        default_pipeline()(_warm())  # load the models before the clock
        sink = AlertSink(Path(tmp) / "alerts.jsonl", user_agent="bench")
        with SiteServer(build_site(rows)) as server:
            config = WatchConfig([Source(server.url + "/feed.xml", "feed")], parse_rules(RULES), once=True,
                                 fetch=FetchConfig(rate=0), workers=args.workers, batch=args.batch,
                                 processes=args.processes, extractor=args.extractor)
            watcher = Watcher(store, config, sink=sink)
            t0 = time.perf_counter()
            report = watcher.run()[0]
            spent = time.perf_counter() - t0
            watcher.close()
        alerts = len((Path(tmp) / "alerts.jsonl").read_text(encoding="utf-8").splitlines())
        sink.close()
        store.dispose()
    rate = report.stored / spent if spent else 0.0
    print(f"watch: {report.listed} items listed, {report.stored} stored, {report.events} events, {alerts} alerts "
          f"written, {len(report.errors)} errors in {spent:.2f} s: {rate:.0f} items/s "
          f"(target >= {TARGET:.0f}/s; {args.workers} fetch threads, {args.processes} worker processes, batches of "
          f"{args.batch}, {args.extractor})")
    ok = report.stored == args.items and not report.errors and rate >= TARGET
    return 0 if ok else 1


def _warm() -> Document:
    return Document("warm-up", "قتل خمسة جنود في هجوم قرب بلدة بوني وسط مالي يوم الاثنين.", published="2024-05-08")


if __name__ == "__main__":
    sys.exit(main())
