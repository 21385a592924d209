"""``marsad eval``: the extractor over ../shared/corpus/{seeds,dev} scored by the referee."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("eval", help="score the extractor on the shared gold corpora")
    p.add_argument("--shared", default=None, help="the shared folder (default ../shared or $MARSAD_SHARED)")
    p.add_argument("--out", default="out/eval", help="where predictions are written")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.evaluate import CORPORA, format_table, run_corpus, score, shared_dir

    shared = shared_dir(args.shared)
    if not (shared / "eval" / "score.py").exists():
        print(f"marsad eval: no referee scorer under {shared} (set --shared or MARSAD_SHARED)")
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    all_gold: list[dict[str, Any]] = []
    all_events = []
    for corpus in CORPORA:
        run_ = run_corpus(shared, corpus)
        with open(out / f"{corpus}.jsonl", "w", encoding="utf-8") as fh:
            for ev in run_.events:
                fh.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
        results[corpus] = score(shared, run_.gold, run_.events)
        all_gold += run_.gold
        all_events += run_.events
    results["seeds+dev"] = score(shared, all_gold, all_events)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print("\n\n".join(format_table(name, r) for name, r in results.items()))
    return 0
