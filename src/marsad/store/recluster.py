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
from sqlalchemy.orm import Session, selectinload

from marsad.merge.cluster import MAX_GAP, MergeItem, assign_clusters, fold_name, item_of, links
from marsad.merge.record import ClusterRecord, Review, build_cluster
from marsad.store.models import ClusterPointerRow, ClusterRecordRow, ClusterReviewRow, ClusterRow, DocumentRow, EventRow

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
    EventRow.reviewed,
    EventRow.fatalities,
)


_LIGHT = (EventRow.id, EventRow.key, EventRow.country, EventRow.admin1, EventRow.latitude, EventRow.longitude,
          EventRow.geo_precision, EventRow.fatalities)
CELL = 0.5  # degrees (about 55 km, more than MAX_KM): records in cells not next to a new record's cannot link


class _Reach:
    """Where the records to place are: a settled record may link to one only if it shares its country (or
    one side has none) and lies in a grid cell next to it, or in its admin1 when either is only known to
    the region (geo_precision 3), or has no coordinates, or gives the same toll as one of them (two reports
    printing one dispatch link wherever they were placed: :func:`marsad.merge.cluster.one_dispatch`). Places
    without coordinates among the records to place switch the filter off."""

    def __init__(self, items: Sequence[MergeItem]) -> None:
        self.off = any(it.latitude is None or it.longitude is None for it in items)
        self.countries = {it.country for it in items}
        self.tolls = {it.fatalities for it in items if it.fatalities}
        self.admin1 = {(it.country, it.admin1) for it in items if it.admin1}
        self.regional_admin1 = {(it.country, it.admin1) for it in items if it.admin1 and it.geo_precision == 3}
        self.cells = {(self._cell(it.latitude) + dy, self._cell(it.longitude) + dx)  # type: ignore[arg-type]
                      for it in items if it.latitude is not None for dy in (-1, 0, 1) for dx in (-1, 0, 1)}

    @staticmethod
    def _cell(value: float) -> int:
        return int(value // CELL)

    def may_link(self, row: _Row) -> bool:
        if self.off or row.latitude is None or row.longitude is None:
            return True
        if row.fatalities and row.fatalities in self.tolls:
            return True
        country = fold_name(row.country)
        if country is not None and None not in self.countries and country not in self.countries:
            return False
        region = (country, fold_name(row.admin1))
        if region in self.regional_admin1 or (row.geo_precision == 3 and region in self.admin1):
            return True
        return (self._cell(row.latitude), self._cell(row.longitude)) in self.cells


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
        fatalities=row.fatalities,
    )


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _windows(items: Iterable[MergeItem]) -> list[tuple[date, date]]:
    spans = sorted((it.lo - MAX_GAP, it.hi + MAX_GAP) for it in items if it.lo and it.hi)
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
    reach = _Reach(items)
    candidates: list[int] = []
    for chunk in _chunks(windows, 50):
        cond = or_(*(and_(EventRow.day >= lo - MAX_SPAN, EventRow.day <= hi, hi_col >= lo, lo_col <= hi)
                     for lo, hi in chunk))
        for light in session.execute(select(*_LIGHT).where(cond)):  # a few columns first, then only what may link
            if light.key not in rows and reach.may_link(light):
                candidates.append(light.id)
    for id_chunk in _chunks(candidates):
        for row in session.execute(select(*_COLUMNS).where(EventRow.id.in_(id_chunk))):
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
    current = {**{k: r.cluster_id for k, r in rows.items() if r.cluster_id}, **existing}
    ids = {**{k: r.id for k, r in rows.items()}, **{k: r.id for k, r in near.items()}}
    ages: dict[str, int] = {}
    for k, cid in current.items():  # a cluster's age: its oldest stored member
        ages[cid] = min(ages.get(cid, ids[k]), ids[k])
    assigned = assign_clusters(items, settled, current, scored=scored, ages=ages)
    _keep_pins(assigned, {**near, **rows})

    changes = [{"id": ids[k], "cluster_id": cid} for k, cid in assigned.items() if current.get(k) != cid]
    touched |= {current[k] for k in assigned if current.get(k)} | set(assigned.values())
    if changes:
        session.execute(update(EventRow), changes)
    _point(session, current, assigned)
    _refresh(session, touched)
    return touched


def _keep_pins(assigned: dict[str, str], rows: dict[str, _Row]) -> None:
    """An event an analyst put in a cluster (a split or a join) stays there whatever the links say."""
    from marsad.store.review import pinned

    for key in list(assigned):
        pin = pinned(rows[key].reviewed) if key in rows else None
        if pin and pin != assigned[key]:
            assigned[key] = pin


def _point(session: Session, before: dict[str, str], after: dict[str, str]) -> None:
    """Leave a pointer from every cluster id that vanished into the cluster that took its members."""
    survivors = set(after.values())
    moved: dict[str, str] = {}
    for key, old in before.items():
        new = after.get(key, old)
        if old != new and old not in survivors:
            moved.setdefault(old, new)
    if not moved:
        return
    still = set(session.scalars(select(EventRow.cluster_id).where(EventRow.cluster_id.in_(sorted(moved)))))
    gone = {old: new for old, new in moved.items() if old not in still}
    if not gone:
        return
    session.execute(delete(ClusterPointerRow).where(ClusterPointerRow.id.in_(sorted(gone))))
    for old, new in gone.items():  # earlier pointers into a vanished id now lead to its successor
        session.execute(update(ClusterPointerRow).where(ClusterPointerRow.target == old).values(target=new))
    session.execute(insert(ClusterPointerRow), [{"id": old, "target": new} for old, new in sorted(gone.items())])


def _refresh(session: Session, cluster_ids: set[str], *, emptied: bool = False) -> None:
    """Rewrite the cluster rows of ``cluster_ids`` from their members (a cluster without members goes):
    the merged record of :func:`marsad.merge.record.build_cluster`, with the analysts' corrections.
    ``emptied``: the cluster tables were emptied first (a full rebuild), nothing to delete row by row."""
    from marsad.store.query import to_event  # query reads rows; this module writes them

    ids = sorted(cluster_ids)
    for chunk in _chunks(ids):
        if not emptied:
            session.execute(delete(ClusterRow).where(ClusterRow.id.in_(chunk)))
            session.execute(delete(ClusterRecordRow).where(ClusterRecordRow.id.in_(chunk)))
        members = list(session.scalars(
            select(EventRow).where(EventRow.cluster_id.in_(chunk)).order_by(EventRow.id)
            .options(selectinload(EventRow.claims), selectinload(EventRow.evidence))))
        if not members:
            continue
        docs = {d: (o, p) for d, o, p in session.execute(
            select(DocumentRow.doc_id, DocumentRow.outlet, DocumentRow.published)
            .where(DocumentRow.doc_id.in_({m.doc_id for m in members})))}
        outlets = {d: o for d, (o, _p) in docs.items() if o}
        published = {d: p for d, (_o, p) in docs.items() if p}
        reviews: dict[str, dict[str, Review]] = {}
        for r in session.scalars(select(ClusterReviewRow).where(ClusterReviewRow.cluster_id.in_(chunk))):
            reviews.setdefault(r.cluster_id, {})[r.field] = Review(r.value, r.by, r.at)
        groups: dict[str, list[EventRow]] = {}
        for m in members:
            groups.setdefault(m.cluster_id or "", []).append(m)
        records = {cid: build_cluster([to_event(m) for m in group], cid, keys=[m.key for m in group],
                                      reviewed=reviews.get(cid), outlets=outlets, published=published)
                   for cid, group in groups.items()}
        session.execute(insert(ClusterRow), [cluster_row(records[cid], len(group), min(m.day for m in group))
                                             for cid, group in groups.items()])
        session.execute(insert(ClusterRecordRow), [{"id": cid, "record": r.to_dict()} for cid, r in records.items()])


def cluster_row(record: ClusterRecord, n_events: int, fallback_day: date) -> dict[str, Any]:
    """The ``clusters`` row of a merged record; ``day`` (its sort and filter day) is the record's date, else
    ``fallback_day`` (the earliest sort day of its reports: their publication day)."""
    day = _date(record.event_date) or _date(record.date_min) or _date(record.date_max) or fallback_day
    return {
        "id": record.cluster_id, "fatalities": record.fatalities, "fatalities_min": record.fatalities_min,
        "fatalities_max": record.fatalities_max, "date_first": _date(record.date_min),
        "date_last": _date(record.date_max), "n_sources": len(record.sources), "n_events": n_events,
        "day": day, "status": record.status, "event_date": _date(record.event_date),
        "date_min": _date(record.date_min), "date_max": _date(record.date_max),
        "time_precision": record.time_precision, "event_type": record.event_type,
        "sub_event_type": record.sub_event_type, "actor1": record.actor1, "actor2": record.actor2,
        "country": record.country, "admin1": record.admin1, "admin2": record.admin2, "location": record.location,
        "latitude": record.latitude, "longitude": record.longitude, "geo_precision": record.geo_precision,
    }


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def refresh_all(session: Session) -> int:
    """Rewrite every cluster row from its members (after a schema upgrade); returns the number of clusters."""
    ids = {c for c in session.scalars(select(EventRow.cluster_id).distinct()) if c}
    session.execute(delete(ClusterRow))
    session.execute(delete(ClusterRecordRow))
    _refresh(session, ids, emptied=True)
    return len(ids)


def recluster_all(session: Session) -> int:
    """Rebuild every cluster from scratch (after a change of merging rules); returns the number of clusters."""
    rows = session.execute(select(*_COLUMNS)).all()
    items = [_item(r) for r in rows]
    current = {r.key: r.cluster_id for r in rows if r.cluster_id}
    ages: dict[str, int] = {}
    for r in rows:  # merged events keep their ids where they can (the oldest, when two meet)
        if r.cluster_id:
            ages[r.cluster_id] = min(ages.get(r.cluster_id, r.id), r.id)
    assigned = assign_clusters(items, existing=current, ages=ages)
    _keep_pins(assigned, {r.key: r for r in rows})
    changes = [{"id": r.id, "cluster_id": assigned[r.key]} for r in rows if r.cluster_id != assigned[r.key]]
    if changes:
        session.execute(update(EventRow), changes)
    session.execute(delete(ClusterRow))
    session.execute(delete(ClusterRecordRow))
    _refresh(session, set(assigned.values()), emptied=True)
    return len(set(assigned.values()))
