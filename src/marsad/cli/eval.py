"""``marsad eval``: the extractor over ../shared/corpus scored by the referee.

Columns: seeds, dev, the seen two thirds of train, the held-back third of train (never read while
building: the figure that tells whether a change generalises), what the extractor is built on
(seeds+dev+train-seen), and everything.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("eval", help="score the extractor on the shared gold corpora")
    p.add_argument("--shared", default=None, help="the shared folder (default ../shared or $MARSAD_SHARED)")
    p.add_argument("--out", default="out/eval", help="where predictions are written, one file per corpus")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--built-on", action="store_true",
                   help="score only the corpora the extractor is built on (seeds, dev, train-seen): the held-back "
                        "third of train stays unscored while building")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.evaluate import evaluate_all, format_columns, shared_dir

    shared = shared_dir(args.shared)
    if not (shared / "eval" / "score.py").exists():
        print(f"marsad eval: no referee scorer under {shared} (set --shared or MARSAD_SHARED)")
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results = evaluate_all(shared, out, built_on_only=args.built_on)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(format_columns(results))
    return 0
