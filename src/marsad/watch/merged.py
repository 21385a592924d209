"""The merged event an alert carries: one record per cluster built from the store's cluster rows.

This is the one place the watcher reads a merged event (``merged_events``); when the store grows a fuller
cluster record (issue 10), this function is the one to point at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store.models import ClusterRow, DocumentRow, EventRow

CHUNK = 500


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


_COLUMNS = (EventRow.id, EventRow.doc_id, EventRow.cluster_id, EventRow.status, EventRow.event_date,
            EventRow.date_min, EventRow.date_max, EventRow.time_precision, EventRow.event_type, EventRow.sub_event_type,
            EventRow.actor1, EventRow.actor2, EventRow.assoc_actors, EventRow.country, EventRow.admin1, EventRow.admin2,
            EventRow.location, EventRow.latitude, EventRow.longitude, EventRow.geo_precision, EventRow.fatalities,
            EventRow.notes)


def _representative(rows: list[Any]) -> Any:
    """The most precise record (date, then place), the earliest stored on ties."""
    return min(rows, key=lambda r: (r.time_precision or 9, r.geo_precision or 9, r.id))


def merged_events(session: Session, cluster_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """cluster id -> the merged event (JSON-ready) of every existing cluster among ``cluster_ids``."""
    ids = sorted(set(cluster_ids))
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        members: dict[str, list[Any]] = {}
        for row in session.execute(select(*_COLUMNS).where(EventRow.cluster_id.in_(chunk)).order_by(EventRow.id)):
            members.setdefault(row.cluster_id or "", []).append(row)
        infos = {c.id: c for c in session.scalars(select(ClusterRow).where(ClusterRow.id.in_(chunk)))}
        doc_ids = sorted({r.doc_id for rows in members.values() for r in rows})
        docs: dict[str, Any] = {}
        for j in range(0, len(doc_ids), CHUNK):
            stmt = select(DocumentRow.doc_id, DocumentRow.url, DocumentRow.title, DocumentRow.outlet,
                          DocumentRow.published).where(DocumentRow.doc_id.in_(doc_ids[j : j + CHUNK]))
            docs.update((d.doc_id, d) for d in session.execute(stmt))
        for cid, rows in members.items():
            out[cid] = _merged(cid, rows, infos.get(cid), docs)
    return out


def _merged(cid: str, rows: list[Any], info: ClusterRow | None, docs: dict[str, Any]) -> dict[str, Any]:
    rep = _representative(rows)
    sources = []
    for doc_id in sorted({r.doc_id for r in rows}):
        d = docs.get(doc_id)
        sources.append({"doc_id": doc_id, "url": d.url if d else None, "title": d.title if d else None,
                        "outlet": d.outlet if d else None, "published": d.published if d else None})
    assoc = sorted({a for r in rows for a in (r.assoc_actors or [])})
    own = [r.fatalities for r in rows if r.fatalities is not None]
    return {
        "cluster_id": cid,
        "status": rep.status,
        "event_date": _day(rep.event_date),
        "date_first": _day(info.date_first if info else rep.date_min),
        "date_last": _day(info.date_last if info else rep.date_max),
        "event_type": rep.event_type,
        "sub_event_type": rep.sub_event_type,
        "actor1": rep.actor1,
        "actor2": rep.actor2,
        "assoc_actors": assoc,
        "country": rep.country,
        "admin1": rep.admin1,
        "admin2": rep.admin2,
        "location": rep.location,
        "latitude": rep.latitude,
        "longitude": rep.longitude,
        "geo_precision": rep.geo_precision,
        "fatalities": info.fatalities if info else (min(own) if own else None),
        "fatalities_min": info.fatalities_min if info else None,
        "fatalities_max": info.fatalities_max if info else None,
        "n_sources": len(sources),
        "n_events": len(rows),
        "sources": sources,
        "event_ids": [r.id for r in rows],
        "notes": rep.notes,
    }
