#!/usr/bin/env python3
"""Merge quality on gold events: cluster the GOLD records of seeds, dev and train (each corpus alone, then all
together) with ``cluster_events`` and score pairwise "same cluster" decisions between records of different
documents against the gold links: ``same_as`` (taken transitively) and a shared ``acled_event_id``.

    python scripts/merge_check.py [--shared ../shared] [--json] [--errors]

Each gold event becomes an Event of its document; its ``quote`` stands for the document text (the
evidence span), so the lexical similarity sees what a coder saw. Only gold.jsonl files are read (never
the documents). ``--errors`` lists the missed pairs and the wrong links with the merge decision's parts.
Exits 2 when the gold is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.merge import cluster_events
from marsad.merge.cluster import explain, item_from_event
from marsad.records import Event, Evidence

CORPORA = ("seeds", "dev", "train")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


Rows = list[dict[str, Any]]


def gold_events(docs: Rows, prefix: str = "") -> tuple[list[Event], dict[str, str], Rows]:
    """Events of the gold rows (doc ids prefixed by the corpus when corpora are pooled), the stand-in texts
    (their quotes) and the gold rows in the same order."""
    events: list[Event] = []
    texts: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for doc in docs:
        doc_id = prefix + str(doc["doc_id"])
        text = ""
        for row in doc["events"]:
            quote = row.get("quote") or ""
            start = len(text)
            text += quote + "\n"
            ev = Event.from_dict({**row, "doc_id": doc_id})
            ev.evidence = [Evidence("trigger", start, start + len(quote))] if quote else []
            events.append(ev)
            rows.append(row)
        texts[doc_id] = text
    return events, texts, rows


def gold_groups(rows: list[dict[str, Any]]) -> list[str]:
    """The gold event group of each row: same_as links (transitive) and shared ACLED ids."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    ids = [str(r.get("id") or f"row{i}") for i, r in enumerate(rows)]
    by_acled: dict[str, str] = {}
    for gid, row in zip(ids, rows, strict=True):
        if row.get("same_as"):
            union(gid, str(row["same_as"]))
        acled = row.get("acled_event_id")
        if acled:
            if acled in by_acled:
                union(gid, by_acled[acled])
            else:
                by_acled[acled] = gid
    return [find(g) for g in ids]


def check(docs: list[dict[str, Any]], *, prefix: bool = False, errors: bool = False) -> dict[str, Any]:
    if prefix:
        events, texts, rows = [], {}, []
        for name, corpus in docs:  # type: ignore[misc]
            e, t, r = gold_events(corpus, f"{name}/")
            events += e
            texts.update(t)
            rows += r
    else:
        events, texts, rows = gold_events(docs)
    cluster_events(events, texts)
    groups = gold_groups(rows)
    true_pairs = pred_pairs = hit = 0
    missed: list[str] = []
    wrong: list[str] = []
    for i, j in combinations(range(len(events)), 2):
        a, b = events[i], events[j]
        if a.doc_id == b.doc_id:
            continue
        same_gold = groups[i] == groups[j]
        same_pred = a.cluster_id is not None and a.cluster_id == b.cluster_id
        true_pairs += same_gold
        pred_pairs += same_pred
        hit += same_gold and same_pred
        if errors and same_gold != same_pred:
            why = explain(item_from_event(a, "a", texts.get(a.doc_id)), item_from_event(b, "b", texts.get(b.doc_id)))
            line = f"{rows[i].get('id')} ~ {rows[j].get('id')}: {why}"
            (missed if same_gold else wrong).append(line)
    clusters: dict[str, list[str]] = {}
    for ev, row in zip(events, rows, strict=True):
        clusters.setdefault(ev.cluster_id or "", []).append(str(row.get("id")))
    out: dict[str, Any] = {
        "merge_recall": round(hit / true_pairs, 4) if true_pairs else None,
        "merge_precision": round(hit / pred_pairs, 4) if pred_pairs else None,
        "gold_pairs": true_pairs, "predicted_pairs": pred_pairs,
        "clusters": sorted(sorted(g) for g in clusters.values() if len(g) > 1),
    }
    if errors:
        out["missed"], out["wrong"] = missed, wrong
    return out


def check_corpora(shared: Path, names: tuple[str, ...] = CORPORA) -> dict[str, Any]:
    """Figures of each corpus of ``names`` present under ``shared``, and of all of them pooled."""
    present = [(n, shared / "corpus" / n / "gold.jsonl") for n in names]
    present = [(n, p) for n, p in present if p.is_file()]
    result: dict[str, Any] = {n: check(load(p)) for n, p in present}
    if len(present) > 1:
        result["+".join(n for n, _ in present)] = check([(n, load(p)) for n, p in present],  # type: ignore[arg-type]
                                                        prefix=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list missed pairs and wrong links")
    args = ap.parse_args(argv)
    present = [(n, args.shared / "corpus" / n / "gold.jsonl") for n in CORPORA]
    present = [(n, p) for n, p in present if p.is_file()]
    if not present:
        print(f"merge_check: no gold under {args.shared}/corpus", file=sys.stderr)
        return 2
    result: dict[str, Any] = {n: check(load(p), errors=args.errors) for n, p in present}
    result["+".join(n for n, _ in present)] = check([(n, load(p)) for n, p in present],  # type: ignore[arg-type]
                                                    prefix=True, errors=args.errors)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, r in result.items():
        print(f"{name}: merge_recall {r['merge_recall']}  merge_precision {r['merge_precision']}  "
              f"(gold pairs {r['gold_pairs']}, predicted pairs {r['predicted_pairs']})")
        for kind in ("missed", "wrong"):
            for line in r.get(kind, []):
                print(f"    {kind}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
