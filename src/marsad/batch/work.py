"""What one Dask task does: read a partition, run the pipeline, return events and errors.

Runs on the workers, so everything it returns is plain data (dicts, ints). A document that
cannot be read or processed becomes an error record ``{partition, doc_id, source, reason}``
with ``source`` = ``file:line``; the other documents of the partition go on.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch.partition import Partition
from marsad.document import Document, ReadFailure
from marsad.pipeline import DocResult, Pipeline, default_pipeline
from marsad.read import read_path
from marsad.read.decode import MAX_BYTES, DecodeError, decode_bytes, too_large
from marsad.read.rows import RowError, document_from_row, is_manifest_row, parse_line, row_doc_id


@dataclass(slots=True)
class PartitionResult:
    pid: str
    documents: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    documents_read: list[Document] = field(default_factory=list)  # only when asked for (--ingest)
    seconds: float = 0.0
    worker_pid: int = 0
    worker_rss: int = 0  # bytes, when the task ended
    worker_peak_rss: int = 0  # bytes, the worker process's high-water mark


def _row_document(raw: bytes, path: str, lineno: int) -> Document | ReadFailure:
    """The document of one JSON Lines row, with the readers' error semantics (``path:line`` when unnamed)."""
    where = f"{path}:{lineno}"
    reason = too_large(len(raw))
    if reason:
        return ReadFailure(where, reason, where)
    try:
        row = parse_line(decode_bytes(raw).text)
    except (DecodeError, RowError) as exc:
        return ReadFailure(where, str(exc), where)
    doc_id = row_doc_id(row) or where
    if is_manifest_row(row):
        return ReadFailure(doc_id, "a row with a path (manifest row): name the file manifest.jsonl", where)
    try:
        return document_from_row(row, source=where)
    except RowError as exc:
        return ReadFailure(exc.doc_id or doc_id, exc.reason, where)


def read_partition(part: Partition) -> Iterator[Document | ReadFailure]:
    """The documents (or read failures) of one partition, in input order."""
    if part.files:
        for name in part.files:
            try:
                yield from read_path(Path(name))
            except (OSError, ValueError) as exc:
                yield ReadFailure(Path(name).name, f"unreadable: {exc}", name)
        return
    with open(part.path, "rb") as fh:
        fh.seek(part.byte_start)
        for lineno in range(part.first_line, part.last_line + 1):
            raw = fh.readline(MAX_BYTES + 2)
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                while (chunk := fh.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    pass  # skip the rest of an oversized line
                where = f"{part.path}:{lineno}"
                yield ReadFailure(where, f"line is over the {MAX_BYTES:,}-byte limit", where)
                continue
            if not raw.strip():
                continue  # blank lines separate nothing in JSON Lines
            yield _row_document(raw.rstrip(b"\r\n"), part.path, lineno)


def _error(pid: str, failure: ReadFailure) -> dict[str, Any]:
    return {"partition": pid, "doc_id": failure.doc_id, "source": failure.source, "reason": failure.reason}


_DEFAULT_BUDGET = -1.0  # "the worker's own setting"


def process_partition(part: Partition, with_documents: bool = False,
                      budget_seconds: float | None = _DEFAULT_BUDGET) -> PartitionResult:
    """Run the default pipeline over a partition (the Dask task); ``with_documents`` keeps the documents.
    ``budget_seconds`` is the time budget per document (the driver sends its setting; None: no budget)."""
    started = time.perf_counter()
    result = PartitionResult(part.pid, worker_pid=os.getpid())
    base = default_pipeline()
    base.warm_up()  # lexicons and gazetteer loaded before the first document's budget starts
    pipeline = base if budget_seconds == _DEFAULT_BUDGET else Pipeline(base.stages, budget_seconds=budget_seconds)
    for item in read_partition(part):
        result.documents += 1
        res = _one(pipeline, item)
        if res.error is not None:
            result.errors.append(_error(part.pid, res.error))
            continue
        result.events.extend(event.to_dict() for event in res.events)
        if with_documents and res.document is not None:
            result.documents_read.append(res.document)
    result.seconds = time.perf_counter() - started
    result.worker_peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result.worker_rss = _current_rss()
    return result


def _one(pipeline: Pipeline, item: Document | ReadFailure) -> DocResult:
    """``Pipeline.pipe`` for one item; an unexpected exception becomes that document's error.

    ImportError, OSError (a missing data file) and MemoryError are not caught: they concern the
    whole run, so the task fails and the partition is retried by the next run instead of being
    recorded as done with every document in error.
    """
    try:
        return next(iter(pipeline.pipe([item])))
    except (ImportError, OSError, MemoryError):
        raise
    except Exception as exc:  # one document's bug must not lose the partition
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return DocResult(item.doc_id, item if isinstance(item, Document) else None,
                         error=ReadFailure(item.doc_id, reason, item.source))


def _current_rss() -> int:
    try:
        import psutil
    except ImportError:
        return 0
    return int(psutil.Process().memory_info().rss)
