"""Evaluation against the hand-coded gold with the referee scorer of ``../shared/eval/score.py``.

The scorer is loaded from the shared folder (it is the referee, not ours to copy); the
corpora are read with Marsad's own readers, so the evaluation exercises the whole path
a user's files take.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.records import Event

CORPORA = ("seeds", "dev")


def shared_dir(explicit: str | Path | None = None) -> Path:
    """``../shared`` beside the repository, or ``$MARSAD_SHARED``, or the explicit path."""
    if explicit:
        return Path(explicit)
    if os.environ.get("MARSAD_SHARED"):
        return Path(os.environ["MARSAD_SHARED"])
    return Path(__file__).resolve().parents[3] / "shared"


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("marsad_referee_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"referee scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_documents(shared: Path, corpus: str) -> list[Document]:
    from marsad.read import read_path

    source = shared / "corpus" / corpus
    target = source / "manifest.jsonl" if (source / "manifest.jsonl").exists() else source / "documents.jsonl"
    docs: list[Document] = []
    for item in read_path(target):
        if isinstance(item, Document):
            docs.append(item)
        else:
            raise ValueError(f"corpus {corpus}: {item.doc_id}: {item.reason}")
    return docs


def gold_rows(shared: Path, corpus: str) -> list[dict[str, Any]]:
    with open(shared / "corpus" / corpus / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


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


def format_table(title: str, result: dict[str, Any]) -> str:
    width = max(map(len, result))
    lines = [f"== {title}"] + [f"{k:<{width}}  {v}" for k, v in result.items()]
    return "\n".join(lines)
