"""Evaluation against the hand-coded gold with the referee scorer of ``../shared/eval/score.py``.

The scorer is loaded from the shared folder (it is the referee, not ours to copy); the
corpora are read with Marsad's own readers, so the evaluation exercises the whole path
a user's files take.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.records import Event

#: the corpora ``make eval`` scores, in order; ``train-seen`` / ``train-held`` are the two parts of
#: ``corpus/train`` (see :func:`held_out`)
CORPORA = ("seeds", "dev", "train-seen", "train-held")
#: the corpora the extractor is built against; ``train-held`` is scored, never read while building
BUILT_ON = ("seeds", "dev", "train-seen")
#: a fixed third of ``corpus/train`` set aside as a stand-in for unseen reports
HELD_OUT_MODULUS = 3


def held_out(doc_id: str) -> bool:
    """Whether a ``corpus/train`` report belongs to the held-back third: SHA-256 of its id, mod 3 == 0.

    The rule depends on the id alone, so the split is fixed before anyone reads a report, and the
    same on every machine.
    """
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_MODULUS == 0


def _split(corpus: str) -> tuple[str, bool | None]:
    """The folder under ``corpus/`` and which part of it (None: all of it)."""
    if corpus in ("train-seen", "train-held"):
        return "train", corpus == "train-held"
    return corpus, None


def shared_dir(explicit: str | Path | None = None) -> Path:
    """``../shared`` beside the repository, or ``$MARSAD_SHARED``, or the explicit path."""
    if explicit:
        return Path(explicit)
    if os.environ.get("MARSAD_SHARED"):
        return Path(os.environ["MARSAD_SHARED"])
    return Path(__file__).resolve().parents[3] / "shared"


@cache
def load_scorer(shared: Path) -> ModuleType:
    """The referee module of ``shared`` (loaded once per folder)."""
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("marsad_referee_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"referee scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_documents(shared: Path, corpus: str) -> list[Document]:
    from marsad.read import read_path

    folder, held = _split(corpus)
    source = shared / "corpus" / folder
    target = source / "manifest.jsonl" if (source / "manifest.jsonl").exists() else source / "documents.jsonl"
    docs: list[Document] = []
    for item in read_path(target):
        if isinstance(item, Document):
            if held is None or held_out(item.doc_id) == held:
                docs.append(item)
        else:
            raise ValueError(f"corpus {corpus}: {item.doc_id}: {item.reason}")
    return docs


def gold_rows(shared: Path, corpus: str) -> list[dict[str, Any]]:
    folder, held = _split(corpus)
    with open(shared / "corpus" / folder / "gold.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if held is None or held_out(r["doc_id"]) == held]


@dataclass(slots=True)
class CorpusRun:
    corpus: str
    documents: list[Document]
    events: list[Event]
    gold: list[dict[str, Any]]


def run_corpus(shared: Path, corpus: str, pipeline: Pipeline | None = None) -> CorpusRun:
    from marsad.merge import cluster_events

    pipe = pipeline or Pipeline()
    docs = corpus_documents(shared, corpus)
    events: list[Event] = []
    for result in pipe.pipe(docs):
        if result.error is not None:
            raise ValueError(f"{result.doc_id}: {result.error.reason}")
        events.extend(result.events)
    cluster_events(events, texts={d.doc_id: d.text for d in docs})
    return CorpusRun(corpus, docs, events, gold_rows(shared, corpus))


def score(shared: Path, gold: list[dict[str, Any]], events: Iterable[Event]) -> dict[str, Any]:
    scorer = load_scorer(shared)
    result: dict[str, Any] = scorer.score(gold, [e.to_dict() for e in events])
    return result


def format_columns(results: dict[str, dict[str, Any]]) -> str:
    """One row per metric, one column per corpus (``-`` where a corpus has no such figure)."""
    names = list(results)
    metrics: list[str] = []
    for r in results.values():
        metrics += [m for m in r if m not in metrics]
    width = max(map(len, metrics))

    def cell(v: Any) -> str:
        if v is None:
            return "-"
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    head = f"{'metric':<{width}}  " + "  ".join(f"{n:>10}" for n in names)
    rows = [f"{m:<{width}}  " + "  ".join(f"{cell(results[n].get(m)):>10}" for n in names) for m in metrics]
    return "\n".join([head, *rows])


#: the pools ``make eval`` prints: each corpus, what the extractor is built on, and everything
EVAL_POOLS = {**{c: (c,) for c in CORPORA}, "built-on": BUILT_ON, "all": CORPORA}
#: what the evaluation gate scores: each corpus the extractor is built on, their union, and seeds+dev (the
#: first gate's pool, kept so that no earlier floor is lost)
GATED = {"seeds": ("seeds",), "dev": ("dev",), "train-seen": ("train-seen",), "seeds+dev": ("seeds", "dev"),
         "built-on": BUILT_ON}

Pool = tuple[list[dict[str, Any]], list[dict[str, Any]]]  # gold rows, predicted event records


def score_pools(shared: Path, pools: dict[str, tuple[str, ...]], out: Path | None = None
                ) -> tuple[dict[str, dict[str, Any]], dict[str, Pool]]:
    """Run the extractor once over every corpus the pools need and score each pool (a union of corpora).
    Returns the scores and each pool's gold rows and predictions; with ``out``, each corpus's predictions are
    also written to ``out/<corpus>.jsonl``."""
    runs = {c: run_corpus(shared, c) for c in dict.fromkeys(c for members in pools.values() for c in members)}
    if out is not None:
        for name, run in runs.items():
            with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for ev in run.events:
                    fh.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    results: dict[str, dict[str, Any]] = {}
    data: dict[str, Pool] = {}
    for name, members in pools.items():
        gold = [g for c in members for g in runs[c].gold]
        events = [e for c in members for e in runs[c].events]
        results[name] = score(shared, gold, events)
        data[name] = (gold, [e.to_dict() for e in events])
    return results, data


def evaluate_all(shared: Path, out: Path | None = None, *, built_on_only: bool = False) -> dict[str, dict[str, Any]]:
    """``make eval``: every corpus, the built-on union and everything (with ``built_on_only``, the corpora of
    :data:`BUILT_ON` and their union only: the held-back third stays unscored)."""
    pools = {n: m for n, m in EVAL_POOLS.items() if not built_on_only or set(m) <= set(BUILT_ON)}
    return score_pools(shared, pools, out)[0]


def gate_results(shared: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Pool]]:
    """Scores of the gated pools, and each pool's gold rows and predictions."""
    return score_pools(shared, GATED)
