#!/usr/bin/env python3
"""Why merging of EXTRACTED events misses gold links or links wrongly (a developer's tool for error analysis).

    python scripts/merge_diff.py [--corpus dev --corpus train-seen ...] [--all]

For each corpus (default: seeds, dev, train-seen) the extractor runs and clusters as in ``make eval``; the
predictions are matched to gold events as the referee does, and every cross-document pair of matched
predictions is checked: a **missed** pair (one gold event, two clusters) and a **false** merge (two gold
events, one cluster) are printed with both records (day and range, place and admin, type, actors, toll) and
the merge decision's parts (:func:`marsad.merge.cluster.explain`). A missed pair whose link passes the
threshold was refused by the clustering (two records of one document, or members days apart). ``--all``
prints the hits too. The held-back third (``train-held``) is refused: never read while building.
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from typing import Any

from marsad.evaluate import BUILT_ON, load_scorer, run_corpus, shared_dir
from marsad.merge.cluster import THRESHOLD, event_key, explain, item_from_event, link_score
from marsad.records import Event


def _row(ev: dict[str, Any]) -> str:
    return (f"{ev.get('event_date')} [{ev.get('date_min')}..{ev.get('date_max')}] {ev.get('sub_event_type')} "
            f"{ev.get('actor1')}/{ev.get('actor2')} @{ev.get('location')} ({ev.get('admin2')}, {ev.get('admin1')}, "
            f"p{ev.get('geo_precision')}) f={ev.get('fatalities')}")


def diff(shared: Any, corpus: str, *, show_all: bool = False) -> dict[str, int]:
    scorer = load_scorer(shared)
    run = run_corpus(shared, corpus)
    texts = {d.doc_id: d.text for d in run.documents}
    by_doc: dict[str, list[Event]] = {}
    for ev in run.events:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    keys: dict[int, str] = {}
    for doc_id, evs in by_doc.items():
        for n, ev in enumerate(evs, 1):
            keys[id(ev)] = event_key(doc_id, n)
    # gold groups: same_as taken transitively
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for doc in run.gold:
        for g in doc["events"]:
            if g.get("same_as") and g.get("id"):
                parent[find(g["id"])] = find(g["same_as"])
    matched: list[tuple[dict[str, Any], Event]] = []
    for doc in run.gold:
        preds = [e for e in by_doc.get(doc["doc_id"], []) if e.status == "reported"]
        reported = [g for g in doc["events"] if g.get("status", "reported") == "reported"]
        for i, j in scorer.greedy_match([e.to_dict() for e in preds], reported):
            matched.append((reported[j], preds[i]))
    counts = {"gold_pairs": 0, "pred_pairs": 0, "hit": 0, "missed": 0, "false": 0}
    for (ga, pa), (gb, pb) in combinations(matched, 2):
        if pa.doc_id == pb.doc_id:
            continue
        same_gold = find(ga["id"]) == find(gb["id"])
        same_pred = pa.cluster_id is not None and pa.cluster_id == pb.cluster_id
        counts["gold_pairs"] += same_gold
        counts["pred_pairs"] += same_pred
        counts["hit"] += same_gold and same_pred
        if same_gold == same_pred and not show_all:
            continue
        kind = "hit" if same_gold and same_pred else "MISSED" if same_gold else "FALSE" if same_pred else "apart"
        if kind == "apart":
            continue
        if kind == "MISSED":
            counts["missed"] += 1
        elif kind == "FALSE":
            counts["false"] += 1
        ia = item_from_event(pa, keys[id(pa)], texts.get(pa.doc_id))
        ib = item_from_event(pb, keys[id(pb)], texts.get(pb.doc_id))
        total = link_score(ia, ib)
        refused = kind == "MISSED" and total is not None and total >= THRESHOLD
        print(f"--- {kind}{' (link passes, clustering refused)' if refused else ''}  {corpus}: "
              f"{ga['id']} ~ {gb['id']}")
        print(f"    pred {keys[id(pa)]}: {_row(pa.to_dict())}")
        print(f"    pred {keys[id(pb)]}: {_row(pb.to_dict())}")
        print(f"    gold {ga['id']}: {_row(ga)}")
        print(f"    gold {gb['id']}: {_row(gb)}")
        print(f"    why: {explain(ia, ib)}")
    r = counts["hit"] / counts["gold_pairs"] if counts["gold_pairs"] else float("nan")
    p = counts["hit"] / counts["pred_pairs"] if counts["pred_pairs"] else float("nan")
    print(f"=== {corpus}: merge recall {r:.3f} precision {p:.3f}  {counts}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=BUILT_ON,
                    help="a corpus the extractor is built on (repeatable; default all of them)")
    ap.add_argument("--shared")
    ap.add_argument("--all", action="store_true", help="print the pairs merged right too")
    args = ap.parse_args(argv)
    corpora = args.corpus or list(BUILT_ON)
    if "train-held" in corpora:  # choices already refuse it; kept so that a future choice list cannot read it
        ap.error("train-held is the held-back third: never read while building")
    shared = shared_dir(args.shared)
    total = {"gold_pairs": 0, "pred_pairs": 0, "hit": 0}
    for corpus in corpora:
        c = diff(shared, corpus, show_all=args.all)
        for k in total:
            total[k] += c[k]
    if len(corpora) > 1 and total["gold_pairs"] and total["pred_pairs"]:
        print(f"=== pooled: merge recall {total['hit'] / total['gold_pairs']:.3f} "
              f"precision {total['hit'] / total['pred_pairs']:.3f}  {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
