"""Load test of the HTTP API on loopback: a fixed request rate of reads and ingests, then a store check.

    python bench/api_load.py --rate 200 --seconds 60 --write-share 0.1 [--workers 1] [--json out.json]

Starts ``uvicorn --factory marsad.api.app:create_app`` on a free port over a fresh SQLite file
(or ``--database URL``), sends requests on an open-loop schedule (``rate`` a second, at most
``--concurrency`` in flight): GET /events (with filters), GET /events/{id}, GET /documents/{id},
GET /health, and POST /documents with unique doc ids and synthetic Arabic reports (bench/synth.py).
Reports the achieved rate, status counts, latency percentiles, and afterwards checks that every
acknowledged document is stored exactly once. Exit code 1 on any 5xx or a store mismatch.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

KEY = "load-test-key"


@dataclass
class Stats:
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    acknowledged: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    sent: int = 0

    def record(self, kind: str, status: int, seconds: float) -> None:
        self.statuses[status] += 1
        self.latencies.setdefault(kind, []).append(seconds)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _one(client: httpx.AsyncClient, stats: Stats, kind: str, method: str, url: str, **kw: object) -> None:
    started = time.perf_counter()
    try:
        resp = await client.request(method, url, **kw)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        stats.failures.append(f"{kind}: {type(exc).__name__}: {exc}")
        stats.record(kind, 0, time.perf_counter() - started)
        return
    stats.record(kind, resp.status_code, time.perf_counter() - started)
    if resp.status_code >= 500:
        stats.failures.append(f"{kind} {url}: {resp.status_code} {resp.text[:200]}")
    elif kind == "ingest" and resp.status_code == 201:
        stats.acknowledged.extend(d["doc_id"] for d in resp.json()["documents"])


async def drive(base: str, rate: float, seconds: float, write_share: float, concurrency: int, seed: int) -> Stats:
    stats = Stats()
    rng = random.Random(seed)
    docs = synth.generate(int(rate * seconds * write_share * 1.5) + 10, seed=seed)
    sem = asyncio.Semaphore(concurrency)
    tasks: set[asyncio.Task[None]] = set()
    run = f"load{seed}-{int(time.time())}"
    reads = [
        ("events", "GET", "/events?limit=20"),
        ("events", "GET", "/events?country=Mali&limit=50"),
        ("events", "GET", "/events?from=2016-01-01&to=2020-12-31&event_type=Battles"),
        ("events", "GET", "/events?q=%D9%87%D8%AC%D9%88%D9%85&limit=10"),
        ("event", "GET", "/events/1"),
        ("health", "GET", "/health"),
    ]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, headers={"X-API-Key": KEY}) as client:

        async def guarded(kind: str, method: str, url: str, **kw: object) -> None:
            async with sem:
                await _one(client, stats, kind, method, url, **kw)

        start = time.perf_counter()
        n = 0
        while (now := time.perf_counter() - start) < seconds:
            due = n / rate
            if due > now:
                await asyncio.sleep(due - now)
            n += 1
            if rng.random() < write_share:
                doc = next(docs)
                body = {"doc_id": f"{run}-{doc.doc_id}", "text": doc.text, "published": doc.published,
                        "title": doc.title, "outlet": doc.outlet}
                coro = guarded("ingest", "POST", "/documents", json=body)
            elif stats.acknowledged and rng.random() < 0.15:
                coro = guarded("document", "GET", f"/documents/{rng.choice(stats.acknowledged)}")
            else:
                coro = guarded(*rng.choice(reads))
            task = asyncio.create_task(coro)
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            stats.sent += 1
        await asyncio.gather(*tasks)
    return stats


def check_store(url: str, acknowledged: list[str]) -> tuple[int, int, int]:
    """(acknowledged, stored once, stored other than once) for the acknowledged doc ids."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT doc_id, count(*) FROM documents GROUP BY doc_id")).all()
    engine.dispose()
    counts = {doc_id: n for doc_id, n in rows}
    once = sum(1 for d in acknowledged if counts.get(d) == 1)
    return len(acknowledged), once, len(acknowledged) - once


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--database", default=None, help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'load.db'}"
        port = _free_port()
        env = {**os.environ, "MARSAD_DATABASE_URL": url, "MARSAD_API_KEY": KEY}
        server = subprocess.Popen(
            [sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.2)
            started = time.perf_counter()
            stats = asyncio.run(drive(base, args.rate, args.seconds, args.write_share, args.concurrency, args.seed))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        acked, once, wrong = check_store(url, stats.acknowledged)

    five = sum(n for s, n in stats.statuses.items() if s >= 500 or s == 0)
    report = {
        "requests": stats.sent,
        "seconds": round(elapsed, 1),
        "achieved_rate": round(stats.sent / elapsed, 1),
        "statuses": dict(sorted(stats.statuses.items())),
        "5xx_or_transport_errors": five,
        "latency_ms": {k: {"p50": round(_pct(v, 0.5) * 1000, 1), "p95": round(_pct(v, 0.95) * 1000, 1),
                           "p99": round(_pct(v, 0.99) * 1000, 1), "n": len(v)}
                       for k, v in sorted(stats.latencies.items())},
        "ingested_acknowledged": acked,
        "stored_exactly_once": once,
        "missing_or_duplicated": wrong,
        "first_failures": stats.failures[:5],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if five or wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
