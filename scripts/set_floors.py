#!/usr/bin/env python3
"""Raise the evaluation gate's floors (``tests/eval_floors.json``) to what the extractor measures now.

For each gated corpus (seeds, dev, train-seen, their union ``built-on``, and ``seeds+dev`` kept from the first
gate) and each gated metric: floor = max(old floor, measured − one bootstrap standard error over documents),
rounded down to 0.01. Floors are never lowered (the gate test also checks the file's history). The held-back
third of train is never gated: its figure is read once, at the end.

Run: ``python scripts/set_floors.py`` (``--dry-run`` prints the floors without writing).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from marsad.evaluate import gate_results, load_scorer, shared_dir  # noqa: E402

FLOORS = REPO / "tests" / "eval_floors.json"
RESAMPLES = 200


def bootstrap_se(shared: Path, gold: list[dict[str, Any]], preds: list[dict[str, Any]], metric: str) -> float:
    """Standard error of ``metric`` over documents resampled with replacement (duplicates renamed)."""
    scorer = load_scorer(shared)
    rng = random.Random(0)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        by_doc.setdefault(p["doc_id"], []).append(p)
    values = []
    for _ in range(RESAMPLES):
        g_sample, p_sample = [], []
        for k, g in enumerate(rng.choice(gold) for _ in gold):
            did = f"{g['doc_id']}~{k}"
            g_sample.append({**g, "doc_id": did, "events": [{**e, "same_as": None} for e in g["events"]]})
            p_sample += [{**p, "doc_id": did, "cluster_id": None} for p in by_doc.get(g["doc_id"], [])]
        v = scorer.score(g_sample, p_sample).get(metric)
        if v is not None:
            values.append(v)
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    data = json.loads(FLOORS.read_text("utf-8"))
    results, runs = gate_results(shared)
    for corpus, floors in data["floors"].items():
        gold, preds = runs[corpus]
        for metric, old in floors.items():
            got = results[corpus].get(metric)
            if got is None:
                continue
            se = bootstrap_se(shared, gold, preds, metric)
            new = math.floor((got - se) * 100) / 100
            floors[metric] = max(old, new)
            print(f"{corpus:10} {metric:22} measured {got:.3f}  se {se:.3f}  floor {old} -> {floors[metric]}")
    if not args.dry_run:
        FLOORS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
