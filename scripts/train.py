#!/usr/bin/env python3
"""``make train``: rebuild the learned parts from the gold of ``../shared`` (deterministic).

The genre model (``src/marsad/data/models/genre.json``): does a report bring news of conflict events?
Trained on the reports of seeds, dev and the seen two thirds of train — never on the held-back third — with
its label from the gold (a report with at least one reported event is news). Prints and writes to
``docs/evaluation.md`` the 5-fold cross-validated figures beside the in-sample ones; the decision threshold
is chosen on the cross-validated probabilities (never on in-sample ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from marsad.evaluate import BUILT_ON, corpus_documents, gold_rows  # noqa: E402
from marsad.extract.genre import lede_text, pipeline_parameters  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.text.segment import Segmenter  # noqa: E402

NGRAMS = (2, 4)
LEDE = 3
SEED = 0
MIN_PRECISION_OTHER = 0.99  # the threshold keeps «other» verdicts this precise on cross-validated probabilities


def dataset(shared: Path) -> tuple[list[str], np.ndarray, list[str]]:
    seg = Pipeline([Segmenter()])
    texts: list[str] = []
    labels: list[int] = []
    ids: list[str] = []
    for corpus in BUILT_ON:
        gold = {g["doc_id"]: g for g in gold_rows(shared, corpus)}
        for doc in corpus_documents(shared, corpus):
            a = seg.analyse(doc)
            sentences = [a.text[s.start:s.end] for s in a.sentences if not s.is_title]
            texts.append(lede_text(doc.title, sentences, LEDE))
            news = any(e.get("status", "reported") == "reported" for e in gold[doc.doc_id]["events"])
            labels.append(int(news))
            ids.append(doc.doc_id)
    return texts, np.array(labels), ids


def model() -> object:
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, min_df=2, sublinear_tf=True, max_features=30000),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=SEED),
    )


def figures(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    pred = (p >= threshold).astype(int)
    other_pred, other_true = pred == 0, y == 0
    tp_other = int((other_pred & other_true).sum())
    return {
        "accuracy": round(float((pred == y).mean()), 3),
        "auc": round(float(roc_auc_score(y, p)), 3),
        "other_precision": round(tp_other / max(1, int(other_pred.sum())), 3),
        "other_recall": round(tp_other / max(1, int(other_true.sum())), 3),
        "news_kept": round(float(((pred == 1) & (y == 1)).sum() / max(1, int((y == 1).sum()))), 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "src" / "marsad" / "data" / "models" / "genre.json"))
    ap.add_argument("--report", default=str(REPO / "docs" / "evaluation.md"))
    args = ap.parse_args(argv)
    texts, y, _ids = dataset(Path(args.shared))
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    p_cv = cross_val_predict(model(), texts, y, cv=cv, method="predict_proba")[:, 1]
    # the highest threshold whose cross-validated «other» verdicts stay MIN_PRECISION_OTHER precise
    threshold = 0.0
    for t in np.arange(0.05, 0.95, 0.01):
        f = figures(y, p_cv, float(t))
        if f["other_precision"] >= MIN_PRECISION_OTHER and (p_cv < t).sum() > 0:
            threshold = round(float(t), 2)
    fitted = model()
    fitted.fit(texts, y)  # type: ignore[attr-defined]
    p_in = fitted.predict_proba(texts)[:, 1]  # type: ignore[attr-defined]
    cv_fig, in_fig = figures(y, p_cv, threshold), figures(y, p_in, threshold)
    out = {
        "about": "Marsad genre model: P(a report brings news of conflict events) from its headline and lede. "
                 "Built by scripts/train.py (make train) from ../shared gold (seeds, dev, train-seen).",
        "ngram_range": list(NGRAMS), "lede_sentences": LEDE, "threshold": threshold,
        "documents": len(y), "news": int(y.sum()),
        "cross_validated": cv_fig, "in_sample": in_fig, **pipeline_parameters(fitted),
    }
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "terms"}, ensure_ascii=False, indent=1))
    write_report(Path(args.report), out)
    return 0


def write_report(path: Path, out: dict[str, object]) -> None:
    start, end = "<!-- genre:start -->", "<!-- genre:end -->"
    cv, ins = out["cross_validated"], out["in_sample"]
    assert isinstance(cv, dict) and isinstance(ins, dict)
    rows = "\n".join(f"| {k} | {cv[k]} | {ins[k]} |" for k in cv)
    block = (f"{start}\n### Genre model (`data/models/genre.json`)\n\n{out['documents']} reports of seeds, dev and "
             f"train-seen ({out['news']} with news); threshold {out['threshold']} (chosen on the cross-validated "
             f"probabilities: «other» verdicts at least {MIN_PRECISION_OTHER} precise).\n\n"
             f"| figure | 5-fold cross-validated | in-sample |\n|---|---|---|\n{rows}\n{end}")
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n\n"
    if start in text:
        text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
