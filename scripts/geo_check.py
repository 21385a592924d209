#!/usr/bin/env python3
"""How often the geocoder finds the gold places of the seeds and dev corpora.

For each gold event with a location (not ``location_unstated``), runs ``Geocoder.find`` over the
whole document and checks whether the gold geonameid, the gold admin1, or a point within 25 km of
the gold point is among the places found. Prints per-corpus figures and the misses.

With ``--precision``, also counts the non-country mentions that ``find`` returns and that match no
gold event of the document (not the gold geonameid, not within 25 km of a gold point, and for a
region mention not a gold admin1), and prints each with its surface and context for inspection.

    python scripts/geo_check.py [--shared ../shared] [--verbose] [--precision]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from marsad.geo.gazetteer import km  # noqa: E402
from marsad.geo.resolve import Geocoder  # noqa: E402
from marsad.text.normalise import normalise  # noqa: E402


def documents(shared: Path, corpus: str) -> dict[str, str]:
    base = shared / "corpus" / corpus
    if corpus == "seeds":
        return {p.stem: p.read_text(encoding="utf-8") for p in base.glob("*.txt")}
    out: dict[str, str] = {}
    with (base / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[str(d["doc_id"])] = d["text"]
    return out


def check(shared: Path, corpus: str, verbose: bool) -> dict[str, float]:
    geo = Geocoder.default()
    docs = documents(shared, corpus)
    n = id_hit = a1_hit = near_hit = 0
    with (shared / "corpus" / corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    for g in gold:
        text = docs.get(str(g["doc_id"]))
        if text is None:
            continue
        found = geo.find(normalise(text).text)
        for ev in g["events"]:
            if ev.get("location_unstated") or ev.get("latitude") is None:
                continue
            n += 1
            ids = {m.place.geonameid for m in found}
            a1 = {m.place.admin1 for m in found}
            close = any(km(ev["latitude"], ev["longitude"], m.place.latitude or 0, m.place.longitude or 0) <= 25
                        for m in found)
            id_hit += ev.get("geonameid") in ids
            a1_hit += ev.get("admin1") in a1
            near_hit += close
            if verbose and not (ev.get("geonameid") in ids and close):
                got = ", ".join(f"{m.surface}→{m.place.location}/{m.place.admin1}/p{m.place.geo_precision}"
                                for m in found[:12])
                print(f"  miss {g['doc_id'][:14]} gold {ev.get('location')} ({ev.get('admin1')}): {got}")
    return {"events": n, "geonameid": id_hit / n if n else 0.0, "admin1": a1_hit / n if n else 0.0,
            "within_25km": near_hit / n if n else 0.0}


def precision(shared: Path, corpus: str, show: bool) -> dict[str, int]:
    """Non-country mentions found in documents with located gold events that match none of them."""
    geo = Geocoder.default()
    docs = documents(shared, corpus)
    total = extra = 0
    with (shared / "corpus" / corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    for g in gold:
        raw = docs.get(str(g["doc_id"]))
        evs = [ev for ev in g["events"] if not ev.get("location_unstated") and ev.get("latitude") is not None]
        if raw is None or not evs:
            continue
        text = normalise(raw).text
        ids = {ev.get("geonameid") for ev in evs} - {None}
        admin1 = {ev.get("admin1") for ev in evs}
        for m in geo.find(text):
            if m.kind == "country":
                continue
            total += 1
            p = m.place
            ok = p.geonameid in ids or any(
                km(ev["latitude"], ev["longitude"], p.latitude or 0, p.longitude or 0) <= 25 for ev in evs)
            if m.kind == "region" or p.geo_precision == 3:
                ok = ok or p.admin1 in admin1
            if ok:
                continue
            extra += 1
            if show:
                ctx = text[max(0, m.start - 40):m.end + 30].replace("\n", " ")
                print(f"  extra {str(g['doc_id'])[:14]} {m.surface} → {p.location}/{p.admin1}/p{p.geo_precision}"
                      f" [{m.kind},{m.cue or '-'},{m.score:.2f}]  «{ctx}»")
    return {"mentions": total, "not_gold": extra}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("MARSAD_SHARED", str(REPO.parent / "shared")))
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--precision", "-p", action="store_true", help="list mentions matching no gold event")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpus").is_dir():
        print(f"geo_check: no corpus under {shared}", file=sys.stderr)
        return 2
    for corpus in ("seeds", "dev"):
        res = check(shared, corpus, args.verbose)
        print(f"{corpus}: {res['events']} located gold events; gold geonameid found {res['geonameid']:.3f}, "
              f"admin1 found {res['admin1']:.3f}, a place within 25 km found {res['within_25km']:.3f}")
        if args.precision:
            pr = precision(shared, corpus, show=True)
            print(f"{corpus}: {pr['mentions']} non-country mentions, {pr['not_gold']} match no gold event")
    return 0


if __name__ == "__main__":
    sys.exit(main())
