#!/usr/bin/env python3
"""Store ingest rate: documents per second into a SQLite file, events pre-built (no extraction), merging on.

    python bench/store_bench.py [--docs 3000] [--events 2] [--batch 200] [--database URL]

Synthetic Arabic reports (written here) about attacks in 12 towns over two years, arriving like a news
feed (each reports events of the two weeks before it; a third are second reports of a recent event, so
merging has work to do); ``--shuffle`` feeds them in random order instead (the hardest case for merging).
Prints the ingest rate of new documents, of the same documents again (unchanged) and of changed ones
(replaced). Target: >= 500 docs/s.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from marsad.document import Document
from marsad.records import Claim, Event, Evidence
from marsad.store import ingest_many, open_store

TOWNS = [  # (name, admin1, admin2, lat, lon, country)
    ("Boni", "Mopti", "Douentza", 15.05, -2.21, "Mali"), ("Sévaré", "Mopti", "Mopti", 14.53, -4.10, "Mali"),
    ("Gao", "Gao", "Gao", 16.27, -0.04, "Mali"), ("Ménaka", "Ménaka", "Ménaka", 15.92, 2.40, "Mali"),
    ("Kidal", "Kidal", "Kidal", 18.44, 1.41, "Mali"), ("Tombouctou", "Tombouctou", "Tombouctou", 16.77, -3.01, "Mali"),
    ("Djibo", "Sahel", "Soum", 14.10, -1.63, "Burkina Faso"), ("Dori", "Sahel", "Séno", 14.04, -0.03, "Burkina Faso"),
    ("Fada N'gourma", "Est", "Gourma", 12.06, 0.36, "Burkina Faso"),
    ("Tillabéri", "Tillabéri", "Tillabéri", 14.21, 1.45, "Niger"), ("Diffa", "Diffa", "Diffa", 13.32, 12.61, "Niger"),
    ("Ayorou", "Tillabéri", "Tillabéri", 14.73, 0.92, "Niger"),
]  # fmt: skip
ACTORS = ["jnim", "is_sahel", "unidentified", "ansaroul_islam"]
VICTIMS = {"Mali": "military:mali", "Burkina Faso": "military:burkina_faso", "Niger": "military:niger"}
SENTENCE = "هاجم مسلحون موقعا للجيش في {town} يوم {day} وقتلوا {n} جنود، بحسب مصادر محلية ({i})."


def synthetic(n_docs: int, events_per_doc: int, seed: int = 7, shuffle: bool = False
              ) -> list[tuple[Document, list[Event]]]:
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    made: list[tuple[Document, list[Event]]] = []
    earlier: list[tuple[date, tuple[str, str, str, float, float, str], str]] = []
    for i in range(n_docs):
        parts: list[str] = []
        events: list[Event] = []
        for _ in range(events_per_doc):
            if earlier and rng.random() < 0.33:
                day, town, actor = rng.choice(earlier[-50:])
            else:
                day = start + timedelta(days=i * 730 // n_docs - rng.randrange(14))
                town, actor = rng.choice(TOWNS), rng.choice(ACTORS)
                earlier.append((day, town, actor))
            name, admin1, admin2, lat, lon, country = town
            deaths = rng.randrange(0, 30)
            sentence = SENTENCE.format(town=name, day=day.isoformat(), n=deaths, i=i)
            offset = sum(len(p) + 1 for p in parts)
            parts.append(sentence)
            events.append(Event(
                doc_id=f"bench-{i:06d}", event_date=day.isoformat(), date_min=day.isoformat(),
                date_max=day.isoformat(), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                actor1=actor, actor2=VICTIMS[country], country=country, admin1=admin1, admin2=admin2, location=name,
                latitude=lat, longitude=lon, geo_precision=1, fatalities=deaths,
                claims=[Claim("local sources", deaths, quote=sentence[-30:])],
                evidence=[Evidence("trigger", offset, offset + 10), Evidence("location", offset + 20, offset + 30)],
            ))
        made.append((Document(f"bench-{i:06d}", " ".join(parts), "2025-01-01", outlet="bench"), events))
    if shuffle:
        rng.shuffle(made)
    return made


def rate(label: str, n: int, seconds: float) -> float:
    per_s = n / seconds if seconds else float("inf")
    print(f"{label:<28} {n:>6} docs in {seconds:6.2f} s = {per_s:8.0f} docs/s")
    return per_s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--events", type=int, default=2)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--shuffle", action="store_true", help="feed the documents in random date order")
    ap.add_argument("--database", help="database URL (default: a new SQLite file in a temporary directory)")
    args = ap.parse_args()
    items = synthetic(args.docs, args.events, shuffle=args.shuffle)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.database or f"sqlite:///{Path(tmp) / 'bench.db'}", migrate=True)
        t0 = time.perf_counter()
        report = ingest_many(store.session_factory, items, batch_size=args.batch)
        new = rate("new documents", report.inserted, time.perf_counter() - t0)
        t0 = time.perf_counter()
        again = ingest_many(store.session_factory, items, batch_size=args.batch)
        rate("same documents (unchanged)", again.unchanged, time.perf_counter() - t0)
        changed = [(Document(d.doc_id, d.text + " تحديث", d.published, outlet=d.outlet), evs)
                   for d, evs in items[: max(1, args.docs // 5)]]
        t0 = time.perf_counter()
        repl = ingest_many(store.session_factory, changed, batch_size=args.batch)
        rate("changed documents (replaced)", repl.replaced, time.perf_counter() - t0)
        with store.session() as s:
            from sqlalchemy import func, select

            from marsad.store.models import ClusterRow, EventRow

            n_events = s.execute(select(func.count()).select_from(EventRow)).scalar_one()
            n_clusters = s.execute(select(func.count()).select_from(ClusterRow)).scalar_one()
            multi = s.execute(select(func.count()).select_from(ClusterRow).where(ClusterRow.n_sources > 1)).scalar_one()
        print(f"{n_events} events in {n_clusters} clusters ({multi} with several sources); failed {len(report.failed)}")
        store.dispose()
    print(f"ingest rate: {new:.0f} docs/s (target >= 500)")
    return 0 if new >= 500 else 1


if __name__ == "__main__":
    raise SystemExit(main())
