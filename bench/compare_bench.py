#!/usr/bin/env python3
"""``marsad compare`` on a 10,000-row ACLED export against 10,000 stored events.

    python bench/compare_bench.py [--events 10000] [--rows 10000]

The store is filled with the store benchmark's synthetic events (``store_bench.py``: attacks in 12 Sahel towns
over two years), stored without merging so that each of the 10,000 events is a merged event of its own. The
ACLED export is synthetic too (ACLED's columns, generated here; nothing of ACLED ships): about 70 % of the
events appear in it with their date moved by up to 2 days, their place by up to ~15 km and their toll
sometimes changed, and the other rows are events Marsad does not have. Timed: the whole command (read the
CSV, read the store, match, write Markdown, HTML and JSON). Target: <= 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from store_bench import TOWNS, synthetic

from marsad.cli import main as marsad
from marsad.compare.events import merged_events
from marsad.export.acled_csv import COLUMNS
from marsad.store import ingest_many, open_store

TARGET_S = 5.0


def acled_rows(events: list, n_rows: int, seed: int = 3) -> list[dict[str, str]]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for ev in events:
        if len(rows) >= n_rows * 0.7 or rng.random() > 0.7:
            continue
        day = ev.day + timedelta(days=rng.randint(-2, 2))
        fat = ev.fatalities if rng.random() < 0.6 else (ev.fatalities or 0) + rng.randint(1, 5)
        rows.append(_row(len(rows), day.strftime("%d %B %Y"), ev.event_type, ev.sub_event_type, ev.actor1,
                         ev.actor2, ev.country, ev.admin1, ev.admin2, ev.location,
                         (ev.latitude or 0) + rng.uniform(-0.1, 0.1), (ev.longitude or 0) + rng.uniform(-0.1, 0.1),
                         fat))
    start = min(ev.day for ev in events)
    while len(rows) < n_rows:
        name, admin1, admin2, lat, lon, country = rng.choice(TOWNS)
        day = start + timedelta(days=rng.randrange(730))
        kind = rng.choice([("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
                           ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                           ("Protests", "Peaceful protest")])
        rows.append(_row(len(rows), day.isoformat(), kind[0], kind[1], "Unidentified Armed Group", None, country,
                         admin1, admin2, name, lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1), rng.randrange(20)))
    return rows


def _row(i: int, day: str, et: str | None, st: str | None, a1: str | None, a2: str | None, country: str | None,
         admin1: str | None, admin2: str | None, place: str | None, lat: float, lon: float,
         fat: int | None) -> dict[str, str]:
    values = {"event_id_cnty": f"SYN{i}", "event_date": day, "event_type": et, "sub_event_type": st, "actor1": a1,
              "actor2": a2, "country": country, "admin1": admin1, "admin2": admin2, "location": place,
              "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}", "fatalities": fat}
    return {k: "" if v is None else str(v) for k, v in values.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--rows", type=int, default=10000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'compare.db'}"
        store = open_store(url)
        # merging off: every stored event is a merged event of its own, so 10,000 records are matched
        report = ingest_many(store.session_factory, synthetic(args.events, 1), batch_size=500, merge=False)
        with store.session() as s:
            merged = merged_events(s)
        store.dispose()
        path = Path(tmp) / "acled.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(COLUMNS), extrasaction="ignore")
            w.writeheader()
            w.writerows(acled_rows(merged, args.rows))
        out = io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            rc = marsad(["compare", "--acled", str(path), "--database", url, "--json", "--out", str(Path(tmp) / "r")])
        spent = time.perf_counter() - t0
    s = json.loads(out.getvalue())
    print(f"compare: {args.rows} ACLED rows against {report.events} stored events ({s['marsad_events']} merged) in "
          f"{spent:.2f} s (target <= {TARGET_S:.0f} s): matched {s['matched']}, only ACLED {s['only_acled']}, "
          f"only Marsad {s['only_marsad']}; agreement date {s['agreement']['date']}, type "
          f"{s['agreement']['event_type']}, fatalities {s['agreement']['fatalities']}")
    return 0 if rc == 0 and spent <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
