#!/usr/bin/env python3
"""Merge quality on gold events: cluster the GOLD records of seeds and dev with ``cluster_events`` and
score "same cluster_id" against the gold ``same_as`` links with the referee's semantics (score.py).

    python scripts/merge_check.py [--shared ../shared] [--json] [--pairs]

Each gold event becomes an Event of its document; its ``quote`` stands for the document text (the
evidence span), so the lexical similarity sees what a coder saw. Exits 2 when the gold is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.merge import cluster_events
from marsad.records import Event, Evidence

CORPORA = ("seeds", "dev")


def load_score(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_referee_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_events(docs: list[dict[str, Any]]) -> tuple[list[Event], dict[str, str], dict[str, str]]:
    """Events of the gold rows, the stand-in texts (their quotes) and event key -> gold id."""
    events: list[Event] = []
    texts: dict[str, str] = {}
    ids: dict[str, str] = {}
    for doc in docs:
        doc_id = str(doc["doc_id"])
        text = ""
        for n, row in enumerate(doc["events"], 1):
            quote = row.get("quote") or ""
            start = len(text)
            text += quote + "\n"
            ev = Event.from_dict({**row, "doc_id": doc_id})
            ev.evidence = [Evidence("trigger", start, start + len(quote))] if quote else []
            events.append(ev)
            ids[f"{doc_id}#{n}"] = row.get("id") or f"{doc_id}#{n}"
        texts[doc_id] = text
    return events, texts, ids


def check(shared: Path, corpora: tuple[str, ...] = CORPORA) -> dict[str, Any]:
    score = load_score(shared)
    out: dict[str, Any] = {}
    for name in corpora:
        docs = score.load_jsonl(shared / "corpus" / name / "gold.jsonl")
        events, texts, ids = gold_events(docs)
        cluster_events(events, texts)
        result = score.score(docs, [e.to_dict() for e in events])
        groups: dict[str, list[str]] = {}
        counts: dict[str, int] = {}
        for ev in events:
            counts[ev.doc_id] = counts.get(ev.doc_id, 0) + 1
            groups.setdefault(ev.cluster_id or "", []).append(ids[f"{ev.doc_id}#{counts[ev.doc_id]}"])
        out[name] = {
            "merge_recall": result.get("merge_recall"),
            "merge_precision": result.get("merge_precision"),
            "merge_pairs": result.get("merge_pairs"),
            "clusters": sorted(sorted(g) for g in groups.values() if len(g) > 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pairs", action="store_true", help="list the merged clusters (gold ids)")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"merge_check: no referee at {args.shared}/eval/score.py", file=sys.stderr)
        return 2
    result = check(args.shared)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, r in result.items():
        print(f"{name}: merge_recall {r['merge_recall']}  merge_precision {r['merge_precision']}  "
              f"(gold pairs {r['merge_pairs']}, merged clusters {len(r['clusters'])})")
        if args.pairs:
            for group in r["clusters"]:
                print("   ", " = ".join(group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
