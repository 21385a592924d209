"""The batch driver: plan partitions, run them on Dask, write results as they finish.

    >>> from marsad.batch import run_batch
    >>> summary = run_batch(["archive/*.jsonl"], Path("out"), workers=2, partition_size=500)

Without a scheduler address a ``distributed.LocalCluster`` with ``workers`` processes of one
thread each is started (and stopped at the end). At most a few partitions per worker thread
are in flight, so the driver's memory does not grow with the archive.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from marsad.batch.output import OutputDir
from marsad.batch.partition import Partition, expand_inputs, plan_partitions
from marsad.batch.work import PartitionResult, process_partition
from marsad.settings import get_settings

IN_FLIGHT_PER_THREAD = 3


@dataclass(slots=True)
class BatchSummary:
    documents: int = 0
    events: int = 0
    errors: int = 0
    partitions: int = 0  # planned
    partitions_done: int = 0  # processed by this run
    partitions_skipped: int = 0  # already in the manifest
    partitions_failed: int = 0  # the task itself failed (retried by the next run)
    seconds: float = 0.0
    worker_peak_rss: dict[str, int] = field(default_factory=dict)  # worker pid → bytes
    failures: list[str] = field(default_factory=list)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        peak = max(self.worker_peak_rss.values(), default=0) / 2**20
        return (
            f"{self.documents:,} documents, {self.events:,} events, {self.errors:,} errors in "
            f"{self.seconds:.1f} s ({self.docs_per_s:,.1f} docs/s); partitions: {self.partitions_done} done, "
            f"{self.partitions_skipped} skipped, {self.partitions_failed} failed of {self.partitions}; "
            f"peak worker RSS {peak:.0f} MiB"
        )


class Progress:
    """tqdm on a terminal; otherwise a line every ``every`` seconds (and at the end)."""

    def __init__(self, total: int, stream: TextIO | None = None, every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.every = every
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def update(self, docs: int) -> None:
        self.done += docs
        if self.bar is not None:
            self.bar.update(docs)
            return
        now = time.monotonic()
        if now - self.last >= self.every or self.done >= self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            print(f"batch: {self.done:,}/{self.total:,} documents ({rate:,.1f} docs/s)", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                     silence_logs=40) as cluster,
        Client(cluster) as client,
    ):
        yield client


Ingest = Callable[[PartitionResult], None]


def run_batch(
    inputs: list[str],
    output: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 500,
    ingest: bool = False,
    progress: bool = True,
) -> BatchSummary:
    """Process every partition of ``inputs`` not yet in ``output``'s manifest; see the module doc."""
    started = time.perf_counter()
    parts = plan_partitions(expand_inputs(inputs), partition_size)
    out = OutputDir(output)
    with out.locked():
        return _run_locked(parts, out, partition_size, started, scheduler=scheduler, workers=workers,
                           ingest=ingest, progress=progress)


def _run_locked(parts: list[Partition], out: OutputDir, partition_size: int, started: float, *,
                scheduler: str | None, workers: int, ingest: bool, progress: bool) -> BatchSummary:
    done = out.prepare({"partition_size": partition_size})
    todo = [p for p in parts if p.pid not in done]
    summary = BatchSummary(partitions=len(parts), partitions_skipped=len(parts) - len(todo))
    loader = _ingester() if ingest else None
    budget_seconds = get_settings().doc_budget_seconds
    bar = Progress(sum(p.size for p in todo)) if progress else None
    try:
        if todo:
            with _client(scheduler, workers) as client:
                _run(client, todo, out, summary, bar, loader, with_documents=ingest, budget_seconds=budget_seconds)
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _run(client: Any, todo: list[Partition], out: OutputDir, summary: BatchSummary, bar: Progress | None,
         loader: Ingest | None, *, with_documents: bool, budget_seconds: float | None = None) -> None:
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    pending = iter(todo)
    by_key: dict[str, Partition] = {}

    def submit() -> Any:
        part = next(pending, None)
        if part is None:
            return None
        future = client.submit(process_partition, part, with_documents, budget_seconds,
                               key=f"marsad-batch-{part.pid}", pure=False)
        by_key[future.key] = part
        return future

    first = [f for f in (submit() for _ in range(threads * IN_FLIGHT_PER_THREAD)) if f is not None]
    queue = as_completed(first)
    for future in queue:
        part = by_key.pop(future.key)
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # a failed task is reported and retried by the next run
            summary.partitions_failed += 1
            summary.failures.append(f"{part.pid}: {type(exc).__name__}: {exc}")
        else:
            if loader is not None:
                loader(result)
            out.write_partition(
                part.pid,
                result.events,
                result.errors,
                {"documents": result.documents, "events": len(result.events), "errors": len(result.errors)},
            )
            summary.partitions_done += 1
            summary.documents += result.documents
            summary.events += len(result.events)
            summary.errors += len(result.errors)
            key = str(result.worker_pid)
            summary.worker_peak_rss[key] = max(summary.worker_peak_rss.get(key, 0), result.worker_peak_rss)
            if bar is not None:
                bar.update(part.size)
        future.release()
        nxt = submit()
        if nxt is not None:
            queue.add(nxt)


def _ingester() -> Ingest:
    from marsad.batch.load import make_ingester

    return make_ingester()
