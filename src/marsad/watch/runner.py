"""The watch loop: poll each source, fetch what is new or changed, extract, store, merge, alert.

One pass over a source:

1. list its items (a feed by conditional GET — its ETag is saved only once the pass over its items is
   complete, so an interrupted pass lists them again);
2. skip the items already seen (same URL and, for a feed, the same entry; for a folder, the same text);
3. fetch the others a batch at a time (threads; the per-host rate limit holds across them), take their
   main text, extract their events (one at a time; a stop request is honoured between two items);
4. store the batch (:func:`marsad.store.ingest_many`: a changed text replaces its document's events), then,
   in one transaction, the items' state and the alerts on the merged events they touched;
5. write the new alerts (JSON Lines, webhooks).

A crash anywhere leaves either an item not marked seen (it is fetched again next time, and the store finds
its text unchanged, so nothing is stored twice) or its state and alerts committed together.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from marsad.document import Document, DocumentError, ReadFailure
from marsad.pipeline import Pipeline
from marsad.records import Event
from marsad.store.db import Store
from marsad.store.ingest import ingest_many
from marsad.store.models import EventRow
from marsad.watch.alerts import AlertSink, record_alerts
from marsad.watch.fetch import FetchConfig, Fetcher, FetchError
from marsad.watch.pages import PageError, decode_page
from marsad.watch.rules import Rule
from marsad.watch.sources import Candidate, Source, SourceError, dir_items, doc_id_for, feed_items, page_links
from marsad.watch.state import ItemUpdate, SeenItem, save_items, seen_items, source_row
from marsad.watch.work import PageInput, page_document, page_job, warm

log = logging.getLogger("marsad.watch")


@dataclass(slots=True)
class WatchConfig:
    sources: Sequence[Source]
    rules: Sequence[Rule] = ()
    interval: float = 300.0
    once: bool = False
    fetch: FetchConfig = field(default_factory=FetchConfig)
    workers: int = 4  # threads fetching pages
    processes: int = 0  # worker processes reading pages and extracting their events (0: this process)
    batch: int = 50  # items stored per transaction
    extractor: str = "trafilatura"


@dataclass(slots=True)
class SourceReport:
    source: str
    listed: int = 0
    stored: int = 0  # new or changed texts stored
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (item or source, reason)
    events: int = 0
    alerts: int = 0
    complete: bool = True


@dataclass(slots=True)
class _Fetched:
    cand: Candidate
    document: Document | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    events: list[Event] | None = None  # extracted already (in a worker process)


class Watcher:
    def __init__(self, store: Store, config: WatchConfig, *, sink: AlertSink | None = None,
                 pipeline: Pipeline | None = None, on_alert: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.store = store
        self.config = config
        self.sink = sink
        self.pipeline = pipeline or Pipeline()
        self.fetcher = Fetcher(config.fetch)
        self.on_alert = on_alert
        self.stop = threading.Event()
        self._procs: ProcessPoolExecutor | None = None
        if config.processes > 0:
            # spawned, not forked: this process has threads (HTTP client, fetchers)
            self._procs = ProcessPoolExecutor(config.processes, mp_context=multiprocessing.get_context("spawn"))
            for f in [self._procs.submit(warm) for _ in range(config.processes)]:
                f.result()

    def close(self) -> None:
        self.fetcher.close()
        if self._procs is not None:
            self._procs.shutdown(cancel_futures=True)

    def request_stop(self) -> None:
        """Stop after the current item (a signal handler calls this)."""
        self.stop.set()

    # -- the loop ----------------------------------------------------------------------------------------

    def run(self) -> list[SourceReport]:
        """Pass over every source until stopped (or once); returns the reports of the last pass."""
        self._deliver()  # alerts committed by a run that stopped before writing them
        reports: list[SourceReport] = []
        while not self.stop.is_set():
            started = time.monotonic()
            reports = self.run_pass()
            if self.config.once or self.stop.is_set():
                break
            self.stop.wait(max(0.0, self.config.interval - (time.monotonic() - started)))
        return reports

    def run_pass(self) -> list[SourceReport]:
        reports = []
        for source in self.config.sources:
            if self.stop.is_set():
                break
            reports.append(self.poll(source))
        self._deliver()  # webhooks that failed earlier are tried again each pass
        return reports

    def _deliver(self) -> int:
        if self.sink is None:
            return 0
        written = self.sink.deliver(self.store.session_factory)
        if self.on_alert is not None:
            for alert in written:
                self.on_alert(alert)
        return len(written)

    # -- one source --------------------------------------------------------------------------------------

    def poll(self, source: Source) -> SourceReport:
        report = SourceReport(source.name)
        with self.store.session_factory() as session, session.begin():
            row = source_row(session, source.name, source.kind)
            etag, last_modified = row.etag, row.last_modified
        new_etag: str | None = None
        new_lm: str | None = None
        try:
            candidates, new_etag, new_lm = self._list(source, etag, last_modified, report)
        except (SourceError, FetchError, PageError) as exc:
            log.error("%s", exc)
            report.errors.append((source.name, str(exc)))
            report.complete = False
            self._save_source(source, report, None, None)
            return report
        report.listed = len(candidates)
        batches = [candidates[i : i + self.config.batch] for i in range(0, len(candidates), self.config.batch)]
        with ThreadPoolExecutor(max(1, self.config.workers)) as pool:
            # the next batch is fetched (threads) while this one is extracted and stored
            ahead = self._start(source, batches[0], pool, report) if batches else None
            for n in range(len(batches)):
                current = ahead
                if self.stop.is_set() or current is None:
                    report.complete = False
                    break
                ahead = self._start(source, batches[n + 1], pool, report) if n + 1 < len(batches) else None
                self._batch(source, current, report)
            if self.stop.is_set():
                for f in ahead[1] if ahead is not None else []:
                    f.cancel()
        report.complete = report.complete and not self.stop.is_set()
        self._save_source(source, report, new_etag, new_lm)
        return report

    def _list(self, source: Source, etag: str | None, last_modified: str | None,
              report: SourceReport) -> tuple[list[Candidate], str | None, str | None]:
        if source.kind == "dir":
            out: list[Candidate] = []
            for item in dir_items(source):
                if isinstance(item, ReadFailure):
                    log.error("%s: %s", item.source or item.doc_id, item.reason)
                    report.errors.append((item.source or item.doc_id, item.reason))
                else:
                    out.append(item)
            return out, None, None
        result = self.fetcher.get(source.name, etag=etag, last_modified=last_modified)
        if result.not_modified:
            return [], etag, last_modified
        if source.kind == "feed":
            items, warning = feed_items(source, result.content)
            if warning:
                report.errors.append((source.name, warning))
            return items, result.etag, result.last_modified
        html = decode_page(result.content, result.charset)
        return page_links(source, html), result.etag, result.last_modified

    def _save_source(self, source: Source, report: SourceReport, etag: str | None, lm: str | None) -> None:
        now = datetime.now(UTC)
        with self.store.session_factory() as session, session.begin():
            row = source_row(session, source.name, source.kind)
            row.polls += 1
            row.last_poll = now
            row.items_last = report.stored
            row.items_total += report.stored
            if report.errors:
                row.errors_total += len(report.errors)
                row.last_error = f"{report.errors[-1][0]}: {report.errors[-1][1]}"[:2000]
                row.last_error_at = now
            if report.complete:
                row.last_ok = now
                row.etag, row.last_modified = etag, lm

    # -- one batch of items ------------------------------------------------------------------------------

    def _todo(self, source: Source, batch: Sequence[Candidate]) -> tuple[list[Candidate], dict[str, SeenItem]]:
        with self.store.session_factory() as session:
            seen = seen_items(session, [c.key for c in batch])
        todo = []
        for c in batch:
            old = seen.get(c.key)
            # a links page says nothing of changes: its seen articles are asked again (conditional GET)
            if old is None or source.kind == "links" or c.entry_sig != old.entry_sig:
                todo.append(c)
        return todo, seen

    def _fetch(self, cand: Candidate, old: SeenItem | None) -> _Fetched:
        if cand.document is not None:
            return _Fetched(cand, cand.document)
        try:
            res = self.fetcher.get(cand.url, etag=old.etag if old else None,
                                   last_modified=old.last_modified if old else None)
        except FetchError as exc:
            return _Fetched(cand, error=str(exc))
        if res.not_modified:
            return _Fetched(cand, None, old.etag if old else None, old.last_modified if old else None, True)
        page_in = PageInput(res.content, res.charset, res.url, old.doc_id if old else doc_id_for(cand.url),
                            cand.source, cand.title, cand.published, self.config.extractor)
        if self._procs is not None:  # text and events in a worker process
            out = self._procs.submit(page_job, page_in).result()
            if out.document is None or out.error is not None:
                return _Fetched(cand, error=out.error or f"{cand.url}: no document")
            return _Fetched(cand, out.document, res.etag, res.last_modified, events=out.events)
        try:
            return _Fetched(cand, page_document(page_in), res.etag, res.last_modified)
        except (PageError, DocumentError) as exc:
            return _Fetched(cand, error=f"{cand.url}: {exc}")

    def _start(self, source: Source, batch: Sequence[Candidate], pool: ThreadPoolExecutor,
               report: SourceReport) -> tuple[dict[str, SeenItem], list[Future[_Fetched]]]:
        """Submit the fetches of the items of ``batch`` not seen yet."""
        todo, seen = self._todo(source, batch)
        report.unchanged += len(batch) - len(todo)
        return seen, [pool.submit(self._fetch, c, seen.get(c.key)) for c in todo]

    def _batch(self, source: Source, started: tuple[dict[str, SeenItem], list[Future[_Fetched]]],
               report: SourceReport) -> None:
        seen, futures = started
        if not futures:
            return
        fetched = (f.result() for f in futures)
        to_store: list[tuple[Document, list[Event]]] = []
        updates: list[ItemUpdate] = []
        for f in fetched:
            if self.stop.is_set():
                report.complete = False
                break
            old = seen.get(f.cand.key)
            if f.error is not None:
                log.error("%s", f.error)
                report.errors.append((f.cand.url, f.error))
                report.complete = False  # the feed is listed again in full next pass, so this item is retried
                continue
            if f.not_modified or (f.document is not None and old is not None
                                  and f.document.content_hash == old.content_hash):
                report.unchanged += 1
                assert old is not None
                updates.append(ItemUpdate(f.cand.key, f.cand.url, source.name, old.doc_id, old.content_hash,
                                          f.cand.entry_sig, f.etag, f.last_modified, False))
                continue
            doc = f.document
            assert doc is not None
            events = f.events
            if events is None:
                result = next(iter(self.pipeline.pipe([doc])))
                if result.error is not None:
                    log.error("%s: %s", f.cand.url, result.error.reason)
                    report.errors.append((f.cand.url, result.error.reason))
                    report.complete = False
                    continue
                events = result.events
            to_store.append((doc, events))
            updates.append(ItemUpdate(f.cand.key, f.cand.url, source.name, doc.doc_id, doc.content_hash,
                                      f.cand.entry_sig, f.etag, f.last_modified, True))
        self._store(to_store, updates, report)

    def _store(self, to_store: list[tuple[Document, list[Event]]], updates: list[ItemUpdate],
               report: SourceReport) -> None:
        failed: dict[str, str] = {}
        if to_store:
            ingested = ingest_many(self.store.session_factory, to_store, batch_size=len(to_store),
                                   on_failure=lambda d, r: failed.__setitem__(d, r))
            report.events += ingested.events
            for doc_id, reason in failed.items():
                log.error("%s: cannot store: %s", doc_id, reason)
                report.errors.append((doc_id, f"cannot store: {reason}"))
                report.complete = False
        stored_ids = [d.doc_id for d, _ in to_store if d.doc_id not in failed]
        report.stored += len(stored_ids)
        keep = [u for u in updates if u.doc_id not in failed]
        if not keep:
            return
        try:
            with self.store.session_factory() as session, session.begin():
                touched: set[str] = set()
                for i in range(0, len(stored_ids), 500):
                    stmt = select(EventRow.cluster_id).where(EventRow.doc_id.in_(stored_ids[i : i + 500]),
                                                             EventRow.cluster_id.is_not(None)).distinct()
                    touched.update(c for c in session.scalars(stmt) if c)
                save_items(session, keep)
                report.alerts += len(record_alerts(session, self.config.rules, touched))
        except (SQLAlchemyError, ValueError, TypeError) as exc:  # the items stay unseen: next pass does them again
            log.error("%s: cannot record the state and alerts of %d items: %s", report.source, len(keep), exc)
            report.errors.append((report.source, f"state and alerts not recorded: {type(exc).__name__}: {exc}"))
            report.complete = False
            return
        self._deliver()
