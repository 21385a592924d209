"""Reading the store: filtered, keyset-paginated event lists, one event with its sources, one document.

    >>> from marsad.store import open_store, EventFilter, query_events
    >>> store = open_store()                                                    # doctest: +SKIP
    >>> with store.session() as s:                                              # doctest: +SKIP
    ...     page = query_events(s, EventFilter(country="Mali", min_fatalities=1), limit=50)
    ...     more = query_events(s, EventFilter(country="Mali", min_fatalities=1), cursor=page.next_cursor)

Pages are ordered by (day descending, id descending), ``day`` being the event date (else the start
of its range, else the publication day). Every filter is a bound parameter.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from marsad.records import Claim, Event, Evidence, Item
from marsad.store.models import ClusterRow, DocumentRow, EventActorRow, EventRow

MAX_LIMIT = 1000
EXCERPT_CONTEXT = 80  # characters of document text shown on either side of an evidence span


class QueryError(ValueError):
    """A filter or cursor that cannot be used (the API answers 400 with this message)."""


@dataclass(slots=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    actor: str | None = None  # actor1, actor2 or an associated actor
    event_type: str | None = None
    sub_event_type: str | None = None
    min_fatalities: int | None = None
    text: str | None = None  # substring of notes, location, evidence/claim quotes, document title or text
    status: str | None = None
    cluster_id: str | None = None
    doc_id: str | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if self.bbox is not None:
            if len(self.bbox) != 4:
                raise QueryError("bbox needs min_lon,min_lat,max_lon,max_lat")
            min_lon, min_lat, max_lon, max_lat = (float(v) for v in self.bbox)
            if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
                raise QueryError(f"bbox {self.bbox} is not min_lon,min_lat,max_lon,max_lat in degrees")
            self.bbox = (min_lon, min_lat, max_lon, max_lat)
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise QueryError("min_fatalities must be >= 0")

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


@dataclass(slots=True)
class StoredEvent:
    """An event as stored: its row id, the record (``sources`` = documents of its cluster) and its cluster."""

    id: int
    event: Event
    day: date

    @property
    def cluster_id(self) -> str | None:
        return self.event.cluster_id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.event.to_dict()}


@dataclass(slots=True)
class Page:
    items: list[StoredEvent]
    next_cursor: str | None


@dataclass(slots=True)
class EvidenceExcerpt:
    field: str
    start: int
    end: int
    text: str  # the span itself
    before: str  # some context on either side
    after: str
    part: str | None = None  # "title": the span is in the headline, not the text


@dataclass(slots=True)
class SourceRef:
    doc_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    event_id: int  # the record read from this source


@dataclass(slots=True)
class ClusterInfo:
    id: str
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    date_first: date | None
    date_last: date | None
    n_sources: int
    n_events: int


@dataclass(slots=True)
class EventDetail:
    event: StoredEvent
    sources: list[SourceRef]
    claims: list[Claim]
    evidence: list[EvidenceExcerpt]
    cluster: ClusterInfo | None
    related: list[StoredEvent] = field(default_factory=list)  # the other records of its cluster
    reviewed: dict[str, Any] | None = None  # fields an analyst set: {field: {"value", "by", "at"}}


@dataclass(slots=True)
class DocumentDetail:
    doc_id: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    content_hash: str
    events: list[StoredEvent]
    evidence: list[tuple[int, EvidenceExcerpt]]  # (event id, span), in text order


# --- cursors -----------------------------------------------------------------------------------------

MAX_ID = 2**31 - 1  # the largest value of an INTEGER column on PostgreSQL (and the API's bound on ids)



def encode_cursor(day: date, event_id: int) -> str:
    return base64.urlsafe_b64encode(f"{day.isoformat()}|{event_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        day, _, ident = raw.partition("|")
        last_id = int(ident)
        if not 0 <= last_id <= MAX_ID:  # an id no column can hold (both backends' integers are 32-bit)
            raise ValueError(f"id {last_id} out of range")
        return date.fromisoformat(day), last_id
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise QueryError(f"bad cursor {cursor!r}") from exc


# --- filters -----------------------------------------------------------------------------------------


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def column_conditions(row: Any, flt: EventFilter, cluster_id: Any) -> list[Any]:
    """The conditions of ``flt`` on the columns events and merged events share (``row`` is the mapped
    class; ``cluster_id`` its column holding the merged event's id)."""
    cond: list[Any] = []
    if flt.date_from is not None:
        cond.append(row.day >= flt.date_from)
    if flt.date_to is not None:
        cond.append(row.day <= flt.date_to)
    if flt.country:
        cond.append(func.lower(row.country) == flt.country.lower())
    if flt.admin1:
        cond.append(func.lower(row.admin1) == flt.admin1.lower())
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        cond.append(row.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            cond.append(row.longitude.between(min_lon, max_lon))
        else:  # across the antimeridian
            cond.append(or_(row.longitude >= min_lon, row.longitude <= max_lon))
    if flt.event_type:
        cond.append(row.event_type == flt.event_type)
    if flt.sub_event_type:
        cond.append(row.sub_event_type == flt.sub_event_type)
    if flt.min_fatalities is not None:
        cond.append(row.fatalities >= flt.min_fatalities)
    if flt.status:
        cond.append(row.status == flt.status)
    if flt.cluster_id:
        cond.append(cluster_id == flt.cluster_id)
    return cond


def apply_filter(stmt: Any, flt: EventFilter) -> Any:
    """``stmt`` (a select over events) restricted by ``flt``; every value is a bound parameter."""
    cond = column_conditions(EventRow, flt, EventRow.cluster_id)
    if flt.actor:
        cond.append(exists().where(EventActorRow.event_id == EventRow.id, EventActorRow.actor == flt.actor))
    if flt.doc_id:
        cond.append(EventRow.doc_id == flt.doc_id)
    if flt.text and flt.text.strip():
        pattern = _like(flt.text.strip())
        cond.append(or_(
            EventRow.notes.ilike(pattern, escape="\\"),
            EventRow.location.ilike(pattern, escape="\\"),
            EventRow.merge_text.ilike(pattern, escape="\\"),
            exists().where(DocumentRow.doc_id == EventRow.doc_id,
                           or_(DocumentRow.title.ilike(pattern, escape="\\"),
                               DocumentRow.text.ilike(pattern, escape="\\"))),
        ))
    return stmt.where(and_(*cond)) if cond else stmt


# --- reading rows back -------------------------------------------------------------------------------


def _sources_of(session: Session, cluster_ids: set[str]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    ids = sorted(cluster_ids)
    for i in range(0, len(ids), 500):
        stmt = select(EventRow.cluster_id, EventRow.doc_id).where(EventRow.cluster_id.in_(ids[i : i + 500]))
        for cid, doc_id in session.execute(stmt):
            if cid is not None:
                out.setdefault(cid, set()).add(doc_id)
    return {cid: sorted(docs) for cid, docs in out.items()}


def to_event(row: EventRow, sources: Sequence[str] | None = None) -> Event:
    return Event(
        doc_id=row.doc_id,
        status=row.status,  # type: ignore[arg-type]
        event_date=row.event_date.isoformat() if row.event_date else None,
        date_min=row.date_min.isoformat() if row.date_min else None,
        date_max=row.date_max.isoformat() if row.date_max else None,
        time_precision=row.time_precision,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        actor2=row.actor2,
        assoc_actors=list(row.assoc_actors or []),
        assoc_actors1=list(row.assoc_actors1 or []),
        assoc_actors2=list(row.assoc_actors2 or []),
        country=row.country,
        admin1=row.admin1,
        admin2=row.admin2,
        location=row.location,
        geonameid=row.geonameid,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        admin1_pcode=row.admin1_pcode,
        admin2_pcode=row.admin2_pcode,
        fatalities=row.fatalities,
        claims=[Claim(c.claimant, c.killed, c.injured, c.captured, c.quote) for c in row.claims],
        seized=[Item(i["item"], i.get("count")) for i in row.seized or []],
        destroyed=[Item(i["item"], i.get("count")) for i in row.destroyed or []],
        evidence=[Evidence(e.field, e.start, e.end, e.part) for e in row.evidence],
        sources=list(sources) if sources else [row.doc_id],
        event_id=row.event_id or row.key,
        cluster_id=row.cluster_id,
        notes=row.notes,
    )


def _stored(session: Session, rows: Sequence[EventRow]) -> list[StoredEvent]:
    sources = _sources_of(session, {r.cluster_id for r in rows if r.cluster_id})
    return [StoredEvent(r.id, to_event(r, sources.get(r.cluster_id or "")), r.day) for r in rows]


def _with_children(stmt: Select[Any]) -> Select[Any]:
    return stmt.options(selectinload(EventRow.claims), selectinload(EventRow.evidence))


def query_events(session: Session, flt: EventFilter | None = None, *, limit: int = 100,
                 cursor: str | None = None) -> Page:
    """One page of events matching ``flt``, newest first; ``next_cursor`` is None on the last page."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    stmt = apply_filter(select(EventRow), flt or EventFilter())
    if cursor:
        day, last_id = decode_cursor(cursor)
        stmt = stmt.where(or_(EventRow.day < day, and_(EventRow.day == day, EventRow.id < last_id)))
    stmt = _with_children(stmt.order_by(EventRow.day.desc(), EventRow.id.desc()).limit(limit + 1))
    rows = list(session.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    items = _stored(session, rows)
    next_cursor = encode_cursor(rows[-1].day, rows[-1].id) if more and rows else None
    return Page(items, next_cursor)


def count_events(session: Session, flt: EventFilter | None = None) -> int:
    stmt = apply_filter(select(func.count()).select_from(EventRow), flt or EventFilter())
    return int(session.execute(stmt).scalar_one())


def iter_events(session: Session, flt: EventFilter | None = None, *, batch: int = 500) -> Iterator[StoredEvent]:
    """Every event matching ``flt`` in page order (for exports), fetched ``batch`` at a time."""
    cursor: str | None = None
    while True:
        page = query_events(session, flt, limit=min(batch, MAX_LIMIT), cursor=cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _excerpt(text: str, field_name: str, start: int, end: int, part: str | None = None) -> EvidenceExcerpt:
    """The span of ``text`` (the document's text, or its headline when ``part`` is ``title``) with context."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return EvidenceExcerpt(
        field=field_name, start=start, end=end, text=text[start:end],
        before=text[max(0, start - EXCERPT_CONTEXT) : start], after=text[end : end + EXCERPT_CONTEXT], part=part,
    )


def _cluster_info(row: ClusterRow | None) -> ClusterInfo | None:
    if row is None:
        return None
    return ClusterInfo(row.id, row.fatalities, row.fatalities_min, row.fatalities_max, row.date_first,
                       row.date_last, row.n_sources, row.n_events)


def get_cluster(session: Session, cluster_id: str) -> ClusterInfo | None:
    return _cluster_info(session.get(ClusterRow, cluster_id))


def get_event(session: Session, event_id: int) -> EventDetail | None:
    """One event with every source of its cluster, its claims and its evidence shown in the document text."""
    row = session.scalars(_with_children(select(EventRow).where(EventRow.id == event_id))).first()
    if row is None:
        return None
    if row.cluster_id:
        members = list(session.scalars(_with_children(
            select(EventRow).where(EventRow.cluster_id == row.cluster_id).order_by(EventRow.id))))
    else:
        members = [row]
    docs = {d.doc_id: d for d in session.scalars(
        select(DocumentRow).where(DocumentRow.doc_id.in_({m.doc_id for m in members})))}
    stored = _stored(session, members)
    this = next(s for s in stored if s.id == row.id)
    text = docs[row.doc_id].text if row.doc_id in docs else ""
    title = " ".join((docs[row.doc_id].title or "").split()) if row.doc_id in docs else ""
    return EventDetail(
        event=this,
        sources=[SourceRef(m.doc_id, docs[m.doc_id].title, docs[m.doc_id].outlet, docs[m.doc_id].url,
                           docs[m.doc_id].published, m.id) for m in members if m.doc_id in docs],
        claims=list(this.event.claims),
        evidence=[_excerpt(title if e.part == "title" else text, e.field, e.start, e.end, e.part)
                  for e in row.evidence],
        cluster=get_cluster(session, row.cluster_id) if row.cluster_id else None,
        related=[s for s in stored if s.id != row.id],
        reviewed=row.reviewed or None,
    )


def get_document(session: Session, doc_id: str) -> DocumentDetail | None:
    """A document's text, its events and every evidence span of them (in text order)."""
    doc = session.scalars(select(DocumentRow).where(DocumentRow.doc_id == doc_id)).first()
    if doc is None:
        return None
    rows = list(session.scalars(_with_children(select(EventRow).where(EventRow.doc_id == doc_id)
                                               .order_by(EventRow.ordinal))))
    title = " ".join((doc.title or "").split())
    spans = sorted(((r.id, _excerpt(title if e.part == "title" else doc.text, e.field, e.start, e.end, e.part))
                    for r in rows for e in r.evidence), key=lambda t: (t[1].part or "", t[1].start, t[1].end, t[0]))
    return DocumentDetail(doc.doc_id, doc.text, doc.title, doc.outlet, doc.url, doc.published, doc.content_hash,
                          _stored(session, rows), spans)


def list_documents(session: Session, *, limit: int = 100, offset: int = 0) -> list[tuple[str, str | None, int]]:
    """(doc_id, title, number of events) of stored documents, most recently ingested first."""
    n_events = select(func.count()).where(EventRow.doc_id == DocumentRow.doc_id).scalar_subquery()
    stmt = (select(DocumentRow.doc_id, DocumentRow.title, n_events)
            .order_by(DocumentRow.ingested_at.desc(), DocumentRow.id.desc()).limit(limit).offset(offset))
    return [(d, t, int(n)) for d, t, n in session.execute(stmt)]


def facets(session: Session, flt: EventFilter | None = None) -> dict[str, list[tuple[str, int]]]:
    """Counts by country, admin1 and event type of the events matching ``flt`` (for a UI's filter lists)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name, col in (("country", EventRow.country), ("admin1", EventRow.admin1),
                      ("event_type", EventRow.event_type)):
        stmt = apply_filter(select(col, func.count()).where(col.is_not(None)), flt or EventFilter())
        out[name] = [(str(v), int(n)) for v, n in session.execute(stmt.group_by(col).order_by(func.count().desc()))]
    return out


def _representative(members: Sequence[StoredEvent]) -> StoredEvent:
    """The most precise record of a cluster (date, then place), the earliest stored on ties."""
    return min(members, key=lambda m: (m.event.time_precision or 9, m.event.geo_precision or 9, m.id))


def iter_clusters(session: Session, flt: EventFilter | None = None, *, batch: int = 500) -> Iterator[StoredEvent]:
    """One event per cluster that has a record matching ``flt``: its most precise record, with the cluster's
    ACLED fatality figure (the lowest between sources) and every source. In page order of the first match."""
    seen: set[str] = set()
    cursor: str | None = None
    while True:
        page = query_events(session, flt, limit=min(batch, MAX_LIMIT), cursor=cursor)
        fresh = [it for it in page.items if not it.cluster_id or it.cluster_id not in seen]
        ids = sorted({it.cluster_id for it in fresh if it.cluster_id})
        members: dict[str, list[StoredEvent]] = {}
        infos: dict[str, ClusterRow] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = list(session.scalars(_with_children(select(EventRow).where(EventRow.cluster_id.in_(chunk)))))
            for st in _stored(session, rows):
                members.setdefault(st.cluster_id or "", []).append(st)
            infos.update((c.id, c) for c in session.scalars(select(ClusterRow).where(ClusterRow.id.in_(chunk))))
        for it in fresh:
            cid = it.cluster_id
            if cid is None:
                yield it
                continue
            if cid in seen:
                continue
            seen.add(cid)
            rep = _representative(members.get(cid) or [it])
            if cid in infos:
                rep.event.fatalities = infos[cid].fatalities
            yield rep
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def outlets(session: Session, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id -> outlet of the documents that name one."""
    ids = sorted(set(doc_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        stmt = select(DocumentRow.doc_id, DocumentRow.outlet).where(DocumentRow.doc_id.in_(ids[i : i + 500]),
                                                                     DocumentRow.outlet.is_not(None))
        out.update((d, o) for d, o in session.execute(stmt) if o)
    return out
