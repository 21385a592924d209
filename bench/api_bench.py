"""Latency of filtered ``GET /events`` pages over 100,000 stored events, at a fixed request rate.

    python bench/api_bench.py [--events 100000] [--rate 100] [--duration 20] [--db PATH] [--keep]

1. fills a SQLite store with synthetic events (bulk inserts through the store's models: documents,
   events, claims, evidence, event actors), unless ``--db`` names one already filled;
2. starts ``marsad serve`` (uvicorn, ``--workers`` processes, 2 by default: one per core) on a free loopback port;
3. an open-loop generator sends requests at fixed times (``--rate`` a second for ``--duration`` s),
   each a random filter mix of the dashboard's (country, event type, dates, bbox, actor, minimum
   fatalities, admin1, text, a second page by cursor), and measures every latency from the request's
   *scheduled* time, so a slow server cannot hide its queue (no coordinated omission);
4. prints p50/p95/p99/max and the errors, and exits 1 when p95 is over ``--target-ms`` (50).

Only loopback addresses are used; the request count is bounded by rate × duration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from marsad.settings import Settings, sqlite_url
from marsad.store.db import open_store
from marsad.store.models import ClaimRow, DocumentRow, EventActorRow, EventRow, EvidenceRow

PLACES = {
    "Mali": [("Mopti", "Boni", 15.08, -2.22), ("Mopti", "Douentza", 15.0, -2.95), ("Gao", "Gao", 16.27, -0.04),
             ("Tombouctou", "Tombouctou", 16.77, -3.0), ("Kidal", "Kidal", 18.44, 1.41),
             ("Segou", "Niono", 14.25, -5.99), ("Menaka", "Menaka", 15.92, 2.4)],
    "Burkina Faso": [("Sahel", "Djibo", 14.1, -1.63), ("Sahel", "Dori", 14.03, -0.03),
                     ("Est", "Fada N'gourma", 12.06, 0.36), ("Centre-Nord", "Kaya", 13.09, -1.08),
                     ("Boucle du Mouhoun", "Dedougou", 12.46, -3.46)],
    "Niger": [("Tillaberi", "Tera", 14.01, 0.75), ("Tillaberi", "Ayorou", 14.73, 0.92),
              ("Diffa", "Diffa", 13.32, 12.61), ("Tahoua", "Tahoua", 14.89, 5.26), ("Agadez", "Agadez", 16.97, 7.99)],
}
# Indexes proposed to the store (migration 0002): keyset order (day, id) under each equality filter, and no
# (latitude, longitude) index, which SQLite prefers for any bbox and then sorts the whole range.
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_country_day_id ON events (lower(country), day, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_admin1_day_id ON events (lower(admin1), day, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_event_type_day_id ON events (event_type, day, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_sub_event_type_day_id ON events (sub_event_type, day, id)",
    "DROP INDEX IF EXISTS ix_events_lat_lon",
    "ANALYZE",
)
TYPES = [
    ("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"), ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Looting/property destruction"), ("Protests", "Peaceful protest"),
]
ARMIES = {"Mali": "military:mali", "Burkina Faso": "military:burkina_faso", "Niger": "military:niger"}
GROUPS = ["jnim", "is_sahel", "ansaroul_islam", "katiba_macina", "unidentified"]
TEXT = "قتل {n} جنود في هجوم شنه مسلحون على موقع عسكري في {place} يوم {day}، حسب مصدر أمني."
DAY0 = date(2019, 1, 1)
SPAN_DAYS = 6 * 365


def fill(db: Path | str, n_events: int, seed: int = 7) -> None:
    """Fill the SQLite file ``db`` (or the database URL ``db``) with ``n_events`` synthetic events."""
    rng = random.Random(seed)
    store = open_store(Settings(database_url=db if isinstance(db, str) else sqlite_url(db)))
    now = datetime.now(UTC)
    per_doc = 2
    t0 = time.perf_counter()
    with store.session() as s, s.begin():
        docs, events, claims, evidence, actors = [], [], [], [], []
        event_id = 0
        for d in range(n_events // per_doc):
            country = rng.choice(list(PLACES))
            admin1, place, lat, lon = rng.choice(PLACES[country])
            day = DAY0 + timedelta(days=rng.randrange(SPAN_DAYS))
            n = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
            text = TEXT.format(n=n, place=place, day=day.isoformat())
            doc_id = f"bench-{d:07d}"
            docs.append({"doc_id": doc_id, "content_hash": f"{d:064x}", "outlet": "bench", "url": None,
                         "published": (day + timedelta(days=1)).isoformat(), "title": place, "text": text,
                         "source": "bench", "ingested_at": now})
            for k in range(per_doc):
                event_id += 1
                typ, sub = rng.choice(TYPES)
                group = rng.choice(GROUPS)
                ev_day = day - timedelta(days=k)
                events.append({
                    "id": event_id, "key": f"{doc_id}#{k + 1}", "doc_id": doc_id, "ordinal": k + 1, "event_id": None,
                    "status": "reported" if rng.random() < 0.9 else "background", "day": ev_day,
                    "event_date": ev_day, "date_min": ev_day, "date_max": ev_day, "time_precision": 1,
                    "event_type": typ, "sub_event_type": sub, "actor1": group, "actor2": ARMIES[country],
                    "assoc_actors": [], "country": country, "admin1": admin1, "admin2": None, "location": place,
                    "geonameid": None, "latitude": lat + rng.uniform(-0.3, 0.3),
                    "longitude": lon + rng.uniform(-0.3, 0.3), "geo_precision": 1, "admin1_pcode": None,
                    "admin2_pcode": None, "fatalities": n, "seized": [], "destroyed": [], "notes": None,
                    "merge_text": f"{place} {n}", "cluster_id": f"c-{event_id:09d}",
                })
                claims.append({"event_id": event_id, "ordinal": 1, "claimant": "security_source", "killed": n,
                               "injured": None, "captured": None, "quote": text[:30]})
                for i, (f, a, b) in enumerate((("event_type", 18, 22), ("location", 44, 50), ("fatalities", 0, 10))):
                    evidence.append({"event_id": event_id, "ordinal": i, "field": f, "start": a, "end": b})
                actors.append({"event_id": event_id, "role": "actor1", "actor": group})
                actors.append({"event_id": event_id, "role": "actor2", "actor": ARMIES[country]})
            if len(docs) >= 5000:
                _flush(s, docs, events, claims, evidence, actors)
        _flush(s, docs, events, claims, evidence, actors)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.dispose()
    print(f"filled {db} with {n_events:,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def _flush(s: Any, *batches: list[dict[str, Any]]) -> None:
    for model, rows in zip((DocumentRow, EventRow, ClaimRow, EvidenceRow, EventActorRow), batches, strict=True):
        if rows:
            s.execute(insert(model), rows)
            rows.clear()


def random_query(rng: random.Random, cursors: list[str], text_share: float = 0.05) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": rng.choice([50, 100, 100, 200])}
    country = rng.choice(list(PLACES))
    for name, p, value in (
        ("country", 0.5, lambda: country),
        ("event_type", 0.4, lambda: rng.choice(TYPES)[0]),
        ("from", 0.4, lambda: (DAY0 + timedelta(days=rng.randrange(SPAN_DAYS - 90))).isoformat()),
        ("min_fatalities", 0.3, lambda: rng.choice([1, 5, 10, 20])),
        ("actor", 0.2, lambda: rng.choice(GROUPS)),
        ("admin1", 0.15, lambda: rng.choice(PLACES[country])[0]),
        ("bbox", 0.2, lambda: "-4,13,1,16"),
        ("q", text_share, lambda: rng.choice(PLACES[country])[1]),
    ):
        if rng.random() < p:
            params[name] = value()
    if "from" in params and rng.random() < 0.7:
        params["to"] = (date.fromisoformat(params["from"]) + timedelta(days=rng.choice([7, 30, 90]))).isoformat()
    if cursors and rng.random() < 0.2:
        params = {"limit": 100, "cursor": rng.choice(cursors)}
    return params


async def load(base: str, rate: float, duration: float, seed: int,
               text_share: float) -> tuple[list[float], list[str], int]:
    rng = random.Random(seed)
    return await open_loop(base, "/events", rate, duration, lambda cursors: random_query(rng, cursors, text_share))


async def open_loop(base: str, path: str, rate: float, duration: float,
                    query: Callable[[list[str]], dict[str, Any]]) -> tuple[list[float], list[str], int]:
    """GET ``path`` at ``rate`` requests a second for ``duration`` seconds, each request sent on schedule
    whatever the answers (open loop); ``query`` draws the parameters (from the cursors seen so far).
    Latencies (ms, from the scheduled time), errors and the number of requests."""
    total = int(rate * duration)
    latencies: list[float] = []
    errors: list[str] = []
    cursors: list[str] = []
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        await client.get(path, params={"limit": 10})  # warm up
        start = time.perf_counter() + 0.2

        async def one(i: int, params: dict[str, Any]) -> None:
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                resp = await client.get(path, params=params)
                if resp.status_code != 200:
                    errors.append(f"{resp.status_code} {params}")
                else:
                    nxt = resp.json().get("next_cursor")
                    if nxt and len(cursors) < 500:
                        cursors.append(nxt)
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {params}")
            latencies.append((time.perf_counter() - scheduled) * 1000)

        await asyncio.gather(*(one(i, query(cursors)) for i in range(total)))
    return latencies, errors, total


def text_search_latencies(base: str, seed: int, n: int = 20) -> list[float]:
    rng = random.Random(seed)
    out = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(n):
            country = rng.choice(list(PLACES))
            params: dict[str, str | int] = {"q": rng.choice(PLACES[country])[1], "limit": 100}
            if rng.random() < 0.5:
                params["country"] = country
            t = time.perf_counter()
            client.get("/events", params=params).raise_for_status()
            out.append((time.perf_counter() - t) * 1000)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rate", type=float, default=100.0, help="requests a second (open loop)")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds")
    ap.add_argument("--db", type=Path, help="an SQLite file (filled when missing)")
    ap.add_argument("--target-ms", type=float, default=50.0, help="p95 target")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2, help="server processes (marsad serve --workers)")
    ap.add_argument("--text-share", type=float, default=0.0,
                    help="share of open-loop requests with a text search q (default 0: measured apart, serially)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line too")
    ap.add_argument("--proposed-indexes", action="store_true",
                    help="apply PROPOSED_INDEXES again (migration 0002 already creates them; kept for older databases)")
    args = ap.parse_args()
    if args.rate * args.duration > 20_000:
        ap.error("at most 20,000 requests a run")
    tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-")
    db = args.db or Path(tmp.name) / "bench.db"
    if not db.exists():
        fill(db, args.events)
    if args.proposed_indexes:
        with sqlite3.connect(db) as con:
            for sql in PROPOSED_INDEXES:
                con.execute(sql)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    server = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--database", str(db), "--log-level", "warning", "--no-access-log",
                               "--workers", str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            print("server did not start", file=sys.stderr)
            return 2
        lat, errors, total = asyncio.run(load(base, args.rate, args.duration, args.seed, args.text_share))
        text_lat = text_search_latencies(base, args.seed)
    finally:
        server.terminate()
        server.wait(timeout=10)
        tmp.cleanup()
    figures = {
        "requests": total, "rate": args.rate, "errors": len(errors),
        "p50_ms": round(percentile(lat, 50), 1), "p95_ms": round(percentile(lat, 95), 1),
        "p99_ms": round(percentile(lat, 99), 1), "max_ms": round(max(lat), 1),
    }
    print(f"schema: {'store migrations + PROPOSED_INDEXES' if args.proposed_indexes else 'store migrations'}")
    print(f"GET /events over {args.events:,} events, {total} requests at {args.rate:g}/s (open loop): "
          f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"max {figures['max_ms']} ms, errors {len(errors)}")
    print(f"text search q= (LIKE scan), 20 serial requests apart from the mix: p50 {percentile(text_lat, 50):.1f} ms, "
          f"max {max(text_lat):.1f} ms")
    figures["text_p50_ms"] = round(percentile(text_lat, 50), 1)
    for e in errors[:5]:
        print("  error:", e)
    if args.json:
        print(json.dumps(figures))
    return 0 if figures["p95_ms"] <= args.target_ms and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
