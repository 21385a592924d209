"""Reading merged events (clusters): filtered keyset pages, one merged record with its reports, aggregates.

    >>> from marsad.store.clusters import query_clusters, get_cluster_record, aggregates
    >>> page = query_clusters(session, EventFilter(country="Mali"), limit=50)             # doctest: +SKIP
    >>> rows = aggregates(session, EventFilter(), by="admin1", period="month")           # doctest: +SKIP

The filters are those of ``/events`` (:class:`marsad.store.query.EventFilter`) read on the merged record
(its best date, place, type, fatalities, status); ``actor``, ``q`` and ``doc_id`` match when any report
of the cluster matches. Pages go newest first by (day, id), like event pages.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from marsad.merge.record import ClusterRecord
from marsad.store.models import (
    AuditRow,
    ClusterPointerRow,
    ClusterRecordRow,
    ClusterRow,
    DocumentRow,
    EventActorRow,
    EventRow,
)
from marsad.store.query import MAX_LIMIT, EventFilter, QueryError, apply_filter, column_conditions, query_events

By = Literal["country", "admin1", "admin2"]
Period = Literal["week", "month"]
SUMMARY = ("id", "day", "status", "event_date", "date_min", "date_max", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
           "longitude", "geo_precision", "fatalities", "fatalities_min", "fatalities_max", "n_sources",
           "n_events")
_COLUMNS = tuple(getattr(ClusterRow, name) for name in SUMMARY)
_NO_DAY = date(1, 1, 1)


def encode_cursor(day: date | None, cluster_id: str) -> str:
    raw = f"{(day or _NO_DAY).isoformat()}|{cluster_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        day, sep, ident = raw.partition("|")
        if not sep or not ident:
            raise ValueError(raw)
        return date.fromisoformat(day), ident
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise QueryError(f"bad cursor {cursor!r}") from exc


def _member(cond: Any) -> Any:
    return exists().where(EventRow.cluster_id == ClusterRow.id, cond)


def apply_cluster_filter(stmt: Any, flt: EventFilter) -> Any:
    """``stmt`` (a select over clusters) restricted by ``flt``; every value a bound parameter."""
    cond = column_conditions(ClusterRow, flt, ClusterRow.id)
    if flt.actor:
        cond.append(_member(exists().where(EventActorRow.event_id == EventRow.id, EventActorRow.actor == flt.actor)))
    if flt.doc_id:
        cond.append(_member(EventRow.doc_id == flt.doc_id))
    if flt.text and flt.text.strip():
        inner = apply_filter(select(EventRow.id), EventFilter(text=flt.text)).where(
            EventRow.cluster_id == ClusterRow.id)
        cond.append(exists(inner))
    return stmt.where(and_(*cond)) if cond else stmt


def _plain(row: Any) -> dict[str, Any]:
    item = dict(zip(SUMMARY, row, strict=True))
    for key in ("day", "event_date", "date_min", "date_max"):
        if isinstance(item[key], date):
            item[key] = None if item[key] == _NO_DAY else item[key].isoformat()
    item["cluster_id"] = item.pop("id")
    return item


@dataclass(slots=True)
class ClusterPage:
    items: list[dict[str, Any]]
    next_cursor: str | None


def query_clusters(session: Session, flt: EventFilter | None = None, *, limit: int = 100,
                   cursor: str | None = None, full: bool = False) -> ClusterPage:
    """One page of merged events matching ``flt``, newest first: summary columns, or (``full``) whole
    §6 records plus ``n_events``."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    day = ClusterRow.day
    stmt = apply_cluster_filter(select(*_COLUMNS), flt or EventFilter())
    if cursor:
        last_day, last_id = decode_cursor(cursor)
        stmt = stmt.where(or_(day < last_day, and_(day == last_day, ClusterRow.id < last_id)))
    rows = session.execute(stmt.order_by(day.desc(), ClusterRow.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [_plain(row) for row in rows]
    if full:
        records = _records(session, [i["cluster_id"] for i in items])
        items = [{**records.get(i["cluster_id"], {}), "day": i["day"], "n_sources": i["n_sources"],
                  "n_events": i["n_events"]} for i in items]
    last = rows[-1] if rows else None
    next_cursor = encode_cursor(last.day, last.id) if more and last is not None else None
    return ClusterPage(items, next_cursor)


def _records(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        out.update(session.execute(select(ClusterRecordRow.id, ClusterRecordRow.record)
                                   .where(ClusterRecordRow.id.in_(ids[i : i + 500]))).tuples().all())
    return out


def iter_cluster_records(session: Session, flt: EventFilter | None = None, *,
                         batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every merged record matching ``flt`` in page order (for exports)."""
    cursor: str | None = None
    while True:
        page = query_clusters(session, flt, limit=min(batch, MAX_LIMIT), cursor=cursor, full=True)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def record_of(data: dict[str, Any]) -> ClusterRecord:
    """A stored §6 record (JSON) back as a :class:`ClusterRecord`."""
    from marsad.merge.record import Review
    from marsad.records import Item

    names = set(ClusterRecord.__slots__)
    kw = {k: v for k, v in data.items() if k in names}
    kw["seized"] = [Item(i["item"], i.get("count")) for i in kw.get("seized") or []]
    kw["destroyed"] = [Item(i["item"], i.get("count")) for i in kw.get("destroyed") or []]
    kw["reviewed"] = {k: Review.from_dict(v) for k, v in (kw.get("reviewed") or {}).items()}
    return ClusterRecord(**kw)


def resolve_cluster_id(session: Session, cluster_id: str) -> tuple[str | None, str | None]:
    """(the id that exists, the pointer followed) — ``(None, None)`` when neither is known."""
    if session.get(ClusterRow, cluster_id) is not None:
        return cluster_id, None
    pointer = session.get(ClusterPointerRow, cluster_id)
    if pointer is not None and session.get(ClusterRow, pointer.target) is not None:
        return pointer.target, cluster_id
    return None, None


def get_cluster_record(session: Session, cluster_id: str) -> dict[str, Any] | None:
    """The merged record with its reports (``reports``: every member record with its row id and its
    document's title/outlet/url/published) and the audit lines of the cluster and its reports."""
    row = session.get(ClusterRow, cluster_id)
    if row is None:
        return None
    reports = query_events(session, EventFilter(cluster_id=cluster_id), limit=MAX_LIMIT).items
    docs = {d.doc_id: d for d in session.scalars(
        select(DocumentRow).where(DocumentRow.doc_id.in_({r.event.doc_id for r in reports})))}
    members = {r.id: r for r in session.scalars(select(EventRow).where(EventRow.cluster_id == cluster_id))}
    keys = [m.key for m in members.values()]
    audit = session.scalars(select(AuditRow).where(or_(
        and_(AuditRow.target == "cluster", AuditRow.target_id == cluster_id),
        and_(AuditRow.target == "event", AuditRow.target_id.in_(keys)))).order_by(AuditRow.id)).all()
    out = dict(_records(session, [cluster_id]).get(cluster_id) or {})
    out["n_sources"], out["n_events"] = row.n_sources, row.n_events
    out["reports"] = [{
        "id": r.id, "key": members[r.id].key if r.id in members else None, "day": r.day.isoformat(),
        **r.event.to_dict(), "reviewed": members[r.id].reviewed if r.id in members else None,
        "document": {"title": docs[r.event.doc_id].title, "outlet": docs[r.event.doc_id].outlet,
                     "url": docs[r.event.doc_id].url, "published": docs[r.event.doc_id].published}
        if r.event.doc_id in docs else None,
    } for r in sorted(reports, key=lambda r: r.id)]
    out["audit"] = [audit_line(a) for a in audit]
    return out


def audit_line(a: AuditRow) -> dict[str, Any]:
    return {"at": a.at, "who": a.who, "target": a.target, "target_id": a.target_id, "field": a.field,
            "old": a.old, "new": a.new}


# --- aggregates --------------------------------------------------------------------------------------


def _period_label(day: date, period: Period) -> str:
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def aggregates(session: Session, flt: EventFilter | None = None, *, by: By = "admin1",
               period: Period = "month") -> list[dict[str, Any]]:
    """Merged events and their fatalities per (country, area, period): ``period`` ``2024-09`` or ISO week
    ``2024-W38``. The database groups by day (by month's first day for months); the labels are made here."""
    area = {"country": None, "admin1": ClusterRow.admin1, "admin2": ClusterRow.admin2}[by]
    if by == "admin2":
        cols = [ClusterRow.country, ClusterRow.admin1, ClusterRow.admin2]
    elif by == "admin1":
        cols = [ClusterRow.country, ClusterRow.admin1]
    else:
        cols = [ClusterRow.country]
    dialect = session.get_bind().dialect.name
    if period == "month":
        bucket = (func.to_char(ClusterRow.day, "YYYY-MM") if dialect == "postgresql"
                  else func.substr(ClusterRow.day, 1, 7))
    else:  # the Monday of the week
        bucket = (func.date_trunc("week", ClusterRow.day) if dialect == "postgresql"
                  else func.date(ClusterRow.day, "weekday 0", "-6 days"))
    stmt = select(*cols, bucket.label("bucket"), func.count(), func.coalesce(func.sum(ClusterRow.fatalities), 0))
    stmt = apply_cluster_filter(stmt.where(ClusterRow.day.is_not(None), ClusterRow.day != _NO_DAY),
                                flt or EventFilter())
    if area is not None:
        stmt = stmt.where(area.is_not(None))
    stmt = stmt.group_by(*cols, bucket)
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in session.execute(stmt):
        *names, raw, n, killed = row
        if raw is None:
            continue
        if period == "month":
            label = raw if isinstance(raw, str) else raw.strftime("%Y-%m")
        else:
            monday = raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
            label = _period_label(monday + timedelta(days=3), "week")
        key = (*names, label)
        item = out.setdefault(key, {**dict(zip([c.key for c in cols], names, strict=True)), "period": label,
                                    "events": 0, "fatalities": 0})
        item["events"] += int(n)
        item["fatalities"] += int(killed or 0)
    return sorted(out.values(), key=lambda r: (r["period"], *(str(r.get(c.key) or "") for c in cols)))
