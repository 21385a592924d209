"""Storing documents and their events: idempotent, atomic per document, bulk for batches.

    >>> from marsad.store import open_store, ingest
    >>> store = open_store("sqlite:///events.db")                    # doctest: +SKIP
    >>> ingest(store.session_factory, document, events)              # doctest: +SKIP
    'inserted'

The same document (same ``doc_id`` and content hash) again changes nothing ("unchanged"); a
document whose text changed has its events replaced in one transaction ("replaced"). Each
transaction re-clusters the events it touched (:mod:`marsad.store.recluster`), so the clusters are
always those of the rows committed.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from marsad.document import LIMITS, Document, field_problem
from marsad.merge.cluster import event_key, merge_text
from marsad.records import Event
from marsad.store.models import ClaimRow, DocumentRow, EventActorRow, EventRow, EvidenceRow
from marsad.store.recluster import recluster
from marsad.store.review import reapply_reviews, snapshot_reviews

Outcome = Literal["inserted", "unchanged", "replaced"]
SessionFactory = Callable[[], Session]
NO_DAY = date(1, 1, 1)  # sort day of an event without any date nor publication date
CHUNK = 500


class IngestError(ValueError):
    """A document whose events cannot be stored; the message names the document and the reason."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


@dataclass(slots=True)
class IngestReport:
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # the last outcome of each doc_id
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason)
    events: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # outcomes of every document submitted

    def record(self, doc_id: str, outcome: Outcome) -> None:
        self.outcomes[doc_id] = outcome
        self.counts[outcome] += 1

    def count(self, outcome: Outcome) -> int:
        return self.counts[outcome]

    @property
    def inserted(self) -> int:
        return self.count("inserted")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def replaced(self) -> int:
        return self.count("replaced")

    def merge(self, other: IngestReport) -> None:
        self.outcomes.update(other.outcomes)
        self.counts.update(other.counts)
        self.failed.extend(other.failed)
        self.events += other.events

    def summary(self) -> str:
        return (
            f"inserted {self.inserted}, unchanged {self.unchanged}, replaced {self.replaced}, "
            f"failed {len(self.failed)} ({self.events} events stored)"
        )


def ingest(session_factory: SessionFactory, document: Document, events: Sequence[Event], *,
           merge: bool = True) -> Outcome:
    """Store one document and its events in one transaction; raises (leaving the store as it was) on failure.

    Safe under concurrency: when another transaction stores the same doc_id (or touches the same
    cluster) first, the unique violation, deadlock or serialization failure makes this one start again
    from a fresh read, where it sees the other's row ("unchanged" or "replaced")."""
    check_document(document)
    report = _transaction(session_factory, [(document, list(events))], merge=merge)
    return report.outcomes[document.doc_id]


def _transaction(session_factory: SessionFactory, batch: list[tuple[Document, list[Event]]], *,
                 merge: bool) -> IngestReport:
    """``batch`` in one transaction, run again (from a fresh read, after a little jitter) while the
    database reports a conflict with a concurrent transaction; any other error is raised."""
    for attempt in range(1, RETRIES + 1):
        try:
            with session_factory() as session, session.begin():
                return _ingest_batch(session, batch, merge=merge)
        except DBAPIError as exc:
            if attempt == RETRIES or not is_write_conflict(exc):
                raise
            time.sleep(random.uniform(0.005, 0.05) * attempt)  # jitter, not security
    raise AssertionError("unreachable")


RETRIES = 8
# SQLSTATEs of PostgreSQL that mean "another transaction got there first: run again"
_PG_RETRY = {"23505", "40001", "40P01"}  # unique_violation, serialization_failure, deadlock_detected
_SQLITE_BUSY_SNAPSHOT = 517  # a write on a stale WAL snapshot: retry at once (unlike a busy timeout)


def is_write_conflict(exc: DBAPIError) -> bool:
    """Whether ``exc`` is a conflict with a concurrent transaction that a fresh attempt resolves."""
    if isinstance(exc, IntegrityError):
        return True
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _PG_RETRY:
        return True
    return getattr(orig, "sqlite_errorcode", None) == _SQLITE_BUSY_SNAPSHOT


def check_document(document: Document) -> None:
    """The store's own check of the limits of every stored string (:data:`marsad.document.LIMITS`)."""
    problem = field_problem(document.doc_id, {n: getattr(document, n) for n in LIMITS})
    if problem:
        raise IngestError(document.doc_id, problem)


def ingest_many(
    session_factory: SessionFactory,
    items: Iterable[tuple[Document, Sequence[Event]]],
    *,
    batch_size: int = 200,
    merge: bool = True,
    on_failure: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Store many documents, ``batch_size`` per transaction with bulk inserts.

    A batch that fails is retried one document per transaction, so one bad document costs only itself:
    it is reported in ``failed`` (and to ``on_failure(doc_id, reason)``) and the others are stored. An
    ``OperationalError`` (the database read-only, unreachable, locked past its timeout) is raised: it
    is no document's fault and would fail every one of them.
    """
    report = IngestReport()
    batch: list[tuple[Document, list[Event]]] = []
    seen: set[str] = set()

    def flush() -> None:
        if not batch:
            return
        try:
            report.merge(_transaction(session_factory, batch, merge=merge))
        except OperationalError:
            raise  # the database itself (read-only, unreachable, locked, full): not one document's fault
        except (SQLAlchemyError, ValueError, TypeError):
            for doc, evs in batch:
                try:
                    report.merge(_transaction(session_factory, [(doc, evs)], merge=merge))
                except OperationalError:
                    raise
                except (SQLAlchemyError, ValueError, TypeError) as exc:
                    reason = _reason(exc)
                    report.failed.append((doc.doc_id, reason))
                    if on_failure is not None:
                        on_failure(doc.doc_id, reason)
        batch.clear()
        seen.clear()

    for doc, evs in items:
        if doc.doc_id in seen:  # the same doc_id twice: the second copy goes in the next transaction
            flush()
        batch.append((doc, list(evs)))
        seen.add(doc.doc_id)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report


def delete_document(session_factory: SessionFactory, doc_id: str) -> bool:
    """Remove a document and its events; the clusters they were in are re-computed."""
    with session_factory() as session, session.begin():
        old = session.execute(select(EventRow.cluster_id).where(EventRow.doc_id == doc_id)).scalars().all()
        gone = session.execute(delete(DocumentRow).where(DocumentRow.doc_id == doc_id)).rowcount  # type: ignore[attr-defined]
        if not gone:
            return False
        session.execute(delete(EventRow).where(EventRow.doc_id == doc_id))
        recluster(session, fresh_doc_ids=[], orphan_clusters={c for c in old if c})
    return True


def _reason(exc: BaseException) -> str:
    if isinstance(exc, IngestError):
        return exc.reason
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return f"database refused the document: {type(exc.orig).__name__}: {str(exc.orig).splitlines()[0]}"
    return f"{type(exc).__name__}: {exc}"


# --- one transaction ---------------------------------------------------------------------------------


def _ingest_batch(session: Session, batch: list[tuple[Document, list[Event]]], *, merge: bool) -> IngestReport:
    report = IngestReport()
    ids = [doc.doc_id for doc, _ in batch]
    stored: dict[str, str] = {}
    stored_ids: dict[str, int] = {}
    for chunk in _chunks(ids):
        found = session.execute(
            select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.content_hash).where(DocumentRow.doc_id.in_(chunk))
        )
        for pk, doc_id, content_hash in found:
            stored[doc_id] = content_hash
            stored_ids[doc_id] = pk
    now = datetime.now(UTC)
    new_docs: list[dict[str, Any]] = []
    changed: list[tuple[Document, list[Event]]] = []
    for doc, evs in batch:
        if doc.doc_id not in stored:
            report.record(doc.doc_id, "inserted")
            new_docs.append(_document_row(doc, now))
            changed.append((doc, evs))
        elif stored[doc.doc_id] == doc.content_hash:
            report.record(doc.doc_id, "unchanged")
        else:
            report.record(doc.doc_id, "replaced")
            changed.append((doc, evs))
    if not changed:
        return report
    replaced = [doc.doc_id for doc, _ in changed if report.outcomes[doc.doc_id] == "replaced"]
    reviews = snapshot_reviews(session, replaced)  # analysts' corrections outlive re-extraction
    orphans: set[str] = set()
    for chunk in _chunks(replaced):
        old = session.execute(select(EventRow.cluster_id).where(EventRow.doc_id.in_(chunk))).scalars().all()
        orphans.update(c for c in old if c)
        session.execute(delete(EventRow).where(EventRow.doc_id.in_(chunk)))
    if replaced:
        session.execute(update(DocumentRow), [{"id": stored_ids[doc.doc_id], **_document_row(doc, now)}
                                              for doc, _ in changed if report.outcomes[doc.doc_id] == "replaced"])
    if new_docs:
        session.execute(insert(DocumentRow), new_docs)
    report.events = _insert_events(session, changed)
    reapply_reviews(session, reviews)
    if merge:
        recluster(session, fresh_doc_ids=[doc.doc_id for doc, _ in changed], orphan_clusters=orphans)
    return report


NUL_REPLACEMENT = "\ufffd"


def _clean(value: Any) -> Any:
    """A string as stored: NUL (which PostgreSQL's text cannot hold) becomes U+FFFD, one character for
    one, so that every evidence offset into the text still points at the same characters; the same on
    SQLite, so both backends store and return the same text."""
    return value.replace("\x00", NUL_REPLACEMENT) if isinstance(value, str) and "\x00" in value else value


def _document_row(doc: Document, now: datetime) -> dict[str, Any]:
    check_document(doc)
    return {
        "doc_id": doc.doc_id,
        "content_hash": doc.content_hash,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "title": doc.title,
        "text": _clean(doc.text),
        "source": _clean(doc.source),
        "ingested_at": now,
    }


def _parse_day(doc_id: str, name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise IngestError(doc_id, f"{name} {value!r} is not a YYYY-MM-DD date") from exc


def _published_day(doc: Document) -> date | None:
    if not doc.published:
        return None
    parts = [int(p) for p in doc.published.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _event_row(doc: Document, n: int, ev: Event) -> dict[str, Any]:
    if ev.doc_id != doc.doc_id:
        raise IngestError(doc.doc_id, f"event {n} belongs to document {ev.doc_id!r}")
    day = _parse_day(doc.doc_id, "event_date", ev.event_date)
    lo = _parse_day(doc.doc_id, "date_min", ev.date_min)
    hi = _parse_day(doc.doc_id, "date_max", ev.date_max)
    return {
        "key": event_key(doc.doc_id, n),
        "doc_id": doc.doc_id,
        "ordinal": n,
        "event_id": ev.event_id,
        "status": ev.status,
        "day": day or lo or hi or _published_day(doc) or NO_DAY,
        "event_date": day,
        "date_min": lo,
        "date_max": hi,
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "assoc_actors": list(dict.fromkeys([*ev.assoc_actors, *ev.assoc_actors1, *ev.assoc_actors2])),
        **dict(zip(("assoc_actors1", "assoc_actors2"), ev.assoc_sides(), strict=True)),
        "country": ev.country,
        "admin1": ev.admin1,
        "admin2": ev.admin2,
        "location": ev.location,
        "geonameid": ev.geonameid,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "admin1_pcode": ev.admin1_pcode,
        "admin2_pcode": ev.admin2_pcode,
        "fatalities": ev.fatalities,
        "seized": [{"item": i.item, "count": i.count} for i in ev.seized],
        "destroyed": [{"item": i.item, "count": i.count} for i in ev.destroyed],
        "notes": _clean(ev.notes),
        "merge_text": _clean(merge_text(ev, doc.text)),
        "cluster_id": None,
    }


def _insert_events(session: Session, changed: list[tuple[Document, list[Event]]]) -> int:
    rows: list[dict[str, Any]] = []
    records: list[Event] = []
    for doc, evs in changed:
        for n, ev in enumerate(evs, 1):
            rows.append(_event_row(doc, n, ev))
            records.append(ev)
    if not rows:
        return 0
    event_ids = list(session.scalars(insert(EventRow).returning(EventRow.id, sort_by_parameter_order=True), rows))
    claims: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    for eid, ev in zip(event_ids, records, strict=True):
        claims.extend(
            {"event_id": eid, "ordinal": i, "claimant": c.claimant, "killed": c.killed, "injured": c.injured,
             "captured": c.captured, "quote": _clean(c.quote or "")}
            for i, c in enumerate(ev.claims)
        )
        spans.extend(
            {"event_id": eid, "ordinal": i, "field": e.field, "start": e.start, "end": e.end, "part": e.part}
            for i, e in enumerate(ev.evidence)
        )
        roles = {("actor1", ev.actor1), ("actor2", ev.actor2), *(("assoc", a) for a in ev.assoc_actors)}
        actors.extend({"event_id": eid, "role": r, "actor": a} for r, a in sorted(roles, key=str) if a)
    for table, payload in ((ClaimRow, claims), (EvidenceRow, spans), (EventActorRow, actors)):
        if payload:
            session.execute(insert(table), payload)
    return len(rows)


def _chunks(values: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
