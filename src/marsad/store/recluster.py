"""Keeping the stored clusters right after a transaction added, replaced or removed events.

The clusters are the components of the pairwise links of :mod:`marsad.merge.cluster`. After a change,
the records to place are the new events and the remaining members of clusters that lost one; the
records they may link to lie in their date window (links need overlapping dates), and whole clusters
of those join as units. Clusters the change cannot reach are left untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from marsad.merge.cluster import SLACK, MergeItem, assign_clusters, item_of, links
from marsad.merge.summary import MemberFacts, summarise
from marsad.store.models import ClaimRow, ClusterRow, EventRow

CHUNK = 500
MERGE_LOCK = 7261535  # PostgreSQL advisory lock id of re-clustering
_Row = Any  # a result row of _COLUMNS
MAX_SPAN = timedelta(days=400)  # widest date range a record may have and still be found by its sort day

_COLUMNS = (
    EventRow.id,
    EventRow.key,
    EventRow.doc_id,
    EventRow.cluster_id,
    EventRow.event_date,
    EventRow.date_min,
    EventRow.date_max,
    EventRow.event_type,
    EventRow.sub_event_type,
    EventRow.actor1,
    EventRow.actor2,
    EventRow.assoc_actors,
    EventRow.country,
    EventRow.admin1,
    EventRow.admin2,
    EventRow.location,
    EventRow.geonameid,
    EventRow.latitude,
    EventRow.longitude,
    EventRow.geo_precision,
    EventRow.merge_text,
)


def _item(row: _Row) -> MergeItem:
    return item_of(
        row.key,
        row.doc_id,
        event_date=row.event_date,
        date_min=row.date_min,
        date_max=row.date_max,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        actor2=row.actor2,
        assoc=row.assoc_actors or (),
        country=row.country,
        admin1=row.admin1,
        admin2=row.admin2,
        location=row.location,
        geonameid=row.geonameid,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        text=row.merge_text or "",
    )


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _windows(items: Iterable[MergeItem]) -> list[tuple[date, date]]:
    spans = sorted((it.lo - 2 * SLACK, it.hi + 2 * SLACK) for it in items if it.lo and it.hi)
    merged: list[tuple[date, date]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def recluster(session: Session, *, fresh_doc_ids: Sequence[str], orphan_clusters: set[str]) -> set[str]:
    """Re-cluster after a change; returns the ids of the clusters written or removed.

    On PostgreSQL concurrent transactions re-cluster one at a time (a transaction-scoped advisory lock);
    SQLite has one writer at a time anyway.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})
    rows: dict[str, _Row] = {}
    for chunk in _chunks(list(fresh_doc_ids)):
        for row in session.execute(select(*_COLUMNS).where(EventRow.doc_id.in_(chunk))):
            rows[row.key] = row
    for chunk in _chunks(sorted(orphan_clusters)):
        for row in session.execute(select(*_COLUMNS).where(EventRow.cluster_id.in_(chunk))):
            rows[row.key] = row
    if not rows:
        _refresh(session, orphan_clusters)
        return orphan_clusters
    items = [_item(r) for r in rows.values()]
    touched = set(orphan_clusters) | {r.cluster_id for r in rows.values() if r.cluster_id}

    # settled records in the date window of the items
    near: dict[str, _Row] = {}
    lo_col = func.coalesce(EventRow.date_min, EventRow.event_date, EventRow.date_max)
    hi_col = func.coalesce(EventRow.date_max, EventRow.event_date, EventRow.date_min)
    windows = _windows(items)
    for chunk in _chunks(windows, 50):
        cond = or_(*(and_(EventRow.day >= lo - MAX_SPAN, EventRow.day <= hi, hi_col >= lo, lo_col <= hi)
                     for lo, hi in chunk))
        for row in session.execute(select(*_COLUMNS).where(cond)):
            if row.key not in rows:
                near[row.key] = row
    among = {k: _item(r) for k, r in near.items()}
    scored = links(items, list(among.values()))
    # whole clusters of the settled records that link, so that they move as units
    linked = {k for _s, a, b in scored for k in (a, b) if k in near}
    clusters = sorted({near[k].cluster_id for k in linked if near[k].cluster_id})
    for chunk in _chunks(clusters):
        for row in session.execute(select(*_COLUMNS).where(EventRow.cluster_id.in_(chunk))):
            if row.key not in rows and row.key not in near:
                near[row.key] = row
                among[row.key] = _item(row)
    settled = [among[k] for k in sorted(set(linked) | {k for k, r in near.items() if r.cluster_id in clusters})]
    existing = {k: r.cluster_id for k, r in near.items() if r.cluster_id}
    assigned = assign_clusters(items, settled, existing, scored=scored)

    ids = {**{k: r.id for k, r in rows.items()}, **{k: r.id for k, r in near.items()}}
    current = {**{k: r.cluster_id for k, r in rows.items()}, **existing}
    changes = [{"id": ids[k], "cluster_id": cid} for k, cid in assigned.items() if current.get(k) != cid]
    touched |= {current[k] for k in assigned if current.get(k)} | set(assigned.values())
    if changes:
        session.execute(update(EventRow), changes)
    _refresh(session, touched)
    return touched


def _refresh(session: Session, cluster_ids: set[str]) -> None:
    """Rewrite the cluster rows of ``cluster_ids`` from their members (a cluster without members goes)."""
    ids = sorted(cluster_ids)
    for chunk in _chunks(ids):
        session.execute(delete(ClusterRow).where(ClusterRow.id.in_(chunk)))
        members = session.execute(
            select(EventRow.id, EventRow.cluster_id, EventRow.doc_id, EventRow.fatalities, EventRow.event_date,
                   EventRow.date_min, EventRow.date_max).where(EventRow.cluster_id.in_(chunk))
        ).all()
        if not members:
            continue
        claimed: dict[int, list[int]] = {}
        for event_id, killed in session.execute(
            select(ClaimRow.event_id, ClaimRow.killed)
            .join(EventRow, EventRow.id == ClaimRow.event_id)
            .where(EventRow.cluster_id.in_(chunk), ClaimRow.killed.is_not(None))
        ):
            if killed is not None:
                claimed.setdefault(event_id, []).append(killed)
        facts: dict[str, list[MemberFacts]] = {}
        for m in members:
            facts.setdefault(m.cluster_id, []).append(MemberFacts(
                doc_id=m.doc_id,
                fatalities=m.fatalities,
                claimed=tuple(claimed.get(m.id, ())),
                lo=m.date_min or m.event_date or m.date_max,
                hi=m.date_max or m.event_date or m.date_min,
            ))
        payload = []
        for cid, group in facts.items():
            s = summarise(cid, group)
            payload.append({
                "id": cid, "fatalities": s.fatalities, "fatalities_min": s.fatalities_min,
                "fatalities_max": s.fatalities_max, "date_first": s.date_first, "date_last": s.date_last,
                "n_sources": s.n_sources, "n_events": s.n_events,
            })
        session.execute(insert(ClusterRow), payload)


def recluster_all(session: Session) -> int:
    """Rebuild every cluster from scratch (after a change of merging rules); returns the number of clusters."""
    rows = session.execute(select(*_COLUMNS)).all()
    items = [_item(r) for r in rows]
    assigned = assign_clusters(items)
    changes = [{"id": r.id, "cluster_id": assigned[r.key]} for r in rows if r.cluster_id != assigned[r.key]]
    if changes:
        session.execute(update(EventRow), changes)
    session.execute(delete(ClusterRow))
    _refresh(session, set(assigned.values()))
    return len(set(assigned.values()))
