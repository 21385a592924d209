#!/usr/bin/env python3
"""Merged events at scale: ``GET /clusters`` latency, ``/aggregates`` time and the merge rate into a full store.

    python bench/cluster_bench.py [--events 100000] [--reports 10000] [--rate 100] [--duration 20]
                                  [--database URL]   # PostgreSQL: the merge part on that database

1. fills a store with ``--events`` synthetic events (``api_bench.fill``: two per document, 15 towns of
   Mali, Burkina Faso and Niger over six years) with an admin2 each, and builds every merged-event row;
2. merges ``--reports`` more reports (``store_bench.synthetic``: a third are second reports of a recent
   event) into it with ``ingest_many``, merging on: documents per second (target >= 500);
3. on SQLite, starts ``marsad serve`` and sends ``GET /clusters`` pages with random filters at ``--rate``
   a second for ``--duration`` s (open loop, latency from the scheduled time): p50/p95/p99 (target p95
   <= 50 ms);
4. times ``GET /aggregates?by=admin2&period=month`` (no filter, and by country) serially (target <= 200 ms).

Exit 1 when a target is missed. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from api_bench import PLACES, TYPES, fill, free_port, open_loop, percentile
from sqlalchemy import text
from store_bench import synthetic

from marsad.settings import Settings, sqlite_url
from marsad.store import ingest_many
from marsad.store.db import open_store
from marsad.store.recluster import refresh_all


def build(url: str, n_events: int) -> None:
    t0 = time.perf_counter()
    fill(url if "://" in url else Path(url), n_events)
    store = open_store(Settings(database_url=url if "://" in url else sqlite_url(url)))
    with store.session() as s, s.begin():
        if store.engine.dialect.name == "postgresql":  # fill() gave explicit ids: move the sequences past them
            for table in ("documents", "events", "claims", "evidence"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT coalesce(max(id), 1) FROM {table}))"))
        s.execute(text("UPDATE events SET admin2 = location || ' cercle'"))
        n = refresh_all(s)
    with store.engine.begin() as conn:  # planner statistics of the filled tables
        conn.exec_driver_sql("ANALYZE")
    store.dispose()
    print(f"store: {n_events:,} events, {n:,} merged-event rows built in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)


def merge_rate(url: str, n_reports: int) -> float:
    items = synthetic(n_reports, 1, seed=11)
    store = open_store(Settings(database_url=url if "://" in url else sqlite_url(url)))
    t0 = time.perf_counter()
    report = ingest_many(store.session_factory, items, batch_size=200)
    seconds = time.perf_counter() - t0
    store.dispose()
    per_s = report.inserted / seconds
    for doc_id, reason in report.failed[:3]:
        print(f"  failed {doc_id}: {reason}")
    print(f"merge {report.inserted:,} reports into the store: {seconds:.1f} s = {per_s:.0f} docs/s "
          f"(failed {len(report.failed)}; target >= 500)")
    return per_s


def cluster_query(rng: random.Random, cursors: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": rng.choice([50, 100, 100, 200])}
    country = rng.choice(list(PLACES))
    for name, p, value in (
        ("country", 0.5, lambda: country),
        ("event_type", 0.4, lambda: rng.choice(TYPES)[0]),
        ("from", 0.4, lambda: f"{rng.randrange(2019, 2025)}-{rng.randrange(1, 13):02d}-01"),
        ("min_fatalities", 0.3, lambda: rng.choice([1, 5, 10, 20])),
        ("admin1", 0.15, lambda: rng.choice(PLACES[country])[0]),
        ("bbox", 0.2, lambda: "-4,13,1,16"),
    ):
        if rng.random() < p:
            params[name] = value()
    if cursors and rng.random() < 0.2:
        params = {"limit": 100, "cursor": rng.choice(cursors)}
    return params


async def load(base: str, rate: float, duration: float, seed: int) -> tuple[list[float], list[str]]:
    rng = random.Random(seed)
    latencies, errors, _total = await open_loop(base, "/clusters", rate, duration,
                                                lambda cursors: cluster_query(rng, cursors))
    return latencies, errors


def serve(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    server = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port",
                               str(port), "--database", str(db), "--log-level", "warning", "--no-access-log",
                               "--workers", str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("server did not start")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--database", help="a PostgreSQL URL for the merge part (an empty database)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.rate * args.duration > 20_000:
        ap.error("at most 20,000 requests a run")
    figures: dict[str, Any] = {}
    ok = True
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        db = Path(tmp) / "clusters.db"
        target = args.database or str(db)
        build(target, args.events)
        figures["merge_docs_per_s"] = round(merge_rate(target, args.reports))
        ok &= figures["merge_docs_per_s"] >= 500
        if args.database:
            print("the API part runs on SQLite only (omit --database)")
        else:
            server, base = serve(db, args.workers)
            try:
                lat, errors = asyncio.run(load(base, args.rate, args.duration, args.seed))
                agg: dict[str, list[float]] = {}
                with httpx.Client(base_url=base, timeout=60) as client:
                    for label, params in (("admin2_month", {"by": "admin2", "period": "month"}),
                                          ("admin2_month_mali", {"by": "admin2", "period": "month", "country": "Mali"}),
                                          ("admin1_week", {"by": "admin1", "period": "week"})):
                        agg[label] = []
                        for _ in range(10):
                            t = time.perf_counter()
                            client.get("/aggregates", params=params).raise_for_status()
                            agg[label].append((time.perf_counter() - t) * 1000)
            finally:
                server.terminate()
                server.wait(timeout=10)
            figures.update({"requests": len(lat), "errors": len(errors), "p50_ms": round(percentile(lat, 50), 1),
                            "p95_ms": round(percentile(lat, 95), 1), "p99_ms": round(percentile(lat, 99), 1)})
            print(f"GET /clusters over {args.events:,} events, {len(lat)} requests at {args.rate:g}/s (open loop): "
                  f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
                  f"errors {len(errors)} (target p95 <= 50 ms)")
            for label, values in agg.items():
                figures[f"aggregates_{label}_p50_ms"] = round(percentile(values, 50), 1)
                print(f"GET /aggregates {label}: p50 {percentile(values, 50):.0f} ms, max {max(values):.0f} ms "
                      "(target <= 200 ms)")
            ok &= figures["p95_ms"] <= 50 and not errors and figures["aggregates_admin2_month_p50_ms"] <= 200
            for e in errors[:5]:
                print("  error:", e)
    if args.json:
        print(json.dumps(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
