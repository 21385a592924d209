"""Side by side: predicted and gold events per document (a developer's tool for error analysis).

    python scripts/eval_diff.py [--corpus dev] [--doc DOC_ID]

``--corpus train`` shows train-seen only: the held-back third (``marsad.evaluate.held_out``) is never printed
without ``--final``, whatever the corpus is called.
"""

from __future__ import annotations

import argparse
import json
import sys

from marsad.evaluate import held_out, load_scorer, run_corpus, shared_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="dev")
    ap.add_argument("--doc")
    ap.add_argument("--shared")
    ap.add_argument("--final", action="store_true", help="allow train-held (read it only once, at the end)")
    args = ap.parse_args()
    if args.corpus == "train-held" and not args.final:
        ap.error("train-held is the held-back third: score it with `marsad eval`, read it only with --final")
    if args.corpus == "train" and not args.final:
        print("eval_diff: --corpus train shows train-seen (the held-back third only with --final)", file=sys.stderr)
        args.corpus = "train-seen"
    shared = shared_dir(args.shared)
    scorer = load_scorer(shared)
    run = run_corpus(shared, args.corpus)
    by_doc: dict[str, list[dict]] = {}
    for ev in run.events:
        by_doc.setdefault(ev.doc_id, []).append(ev.to_dict())
    for g in run.gold:
        if args.doc and g["doc_id"] != args.doc:
            continue
        if held_out(g["doc_id"]) and not args.final:
            continue  # whatever the corpus: the held-back third is read only at the end
        preds = [p for p in by_doc.get(g["doc_id"], []) if p["status"] == "reported"]
        gold = [e for e in g["events"] if e.get("status", "reported") == "reported"]
        pairs = scorer.greedy_match(preds, gold)
        print(f"===== {g['doc_id']} published={g['published']}  gold={len(gold)} pred={len(preds)} tp={len(pairs)}")
        mp = {i: j for i, j in pairs}
        for i, p in enumerate(preds):
            tag = f"TP->g{mp[i]}" if i in mp else "FP"
            print(f"  P{i} {tag:7} {p['event_date']} [{p['date_min']}..{p['date_max']}] {p['sub_event_type']} "
                  f"{p['actor1']}/{p['actor2']} {p['location']} ({p['admin1']}) p{p['geo_precision']} "
                  f"f={p['fatalities']} | {(p['notes'] or '')[:90]}")
        matched = set(mp.values())
        for j, e in enumerate(gold):
            tag = "ok" if j in matched else "MISSED"
            print(f"  g{j} {tag:7} {e['event_date']} [{e.get('date_min')}..{e.get('date_max')}] {e['sub_event_type']} "
                  f"{e['actor1']}/{e['actor2']} {e.get('location')} ({e.get('admin1')}) f={e.get('fatalities')} "
                  f"| {e['quote'][:90]}")
    print(json.dumps(scorer.score(run.gold, [e.to_dict() for e in run.events]), ensure_ascii=False)[:300])


if __name__ == "__main__":
    main()
