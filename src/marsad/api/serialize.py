"""JSON shapes of the API, built from the store's read models.

- an event (list item): ``{"id": int, ...the record of spec/EVENTS.md}``;
- an event in detail: the same, with ``sources`` as objects (doc_id, title, outlet, url, published,
  event_id), ``evidence`` as excerpts (field, start, end, text, before, after), ``cluster`` and
  ``related`` (ids of the other records of its cluster);
- a document: its text and metadata, ``events`` (list items) and ``evidence`` spans
  (event_id, field, start, end, text) in text order.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from marsad.store.query import DocumentDetail, EventDetail, StoredEvent


def event_item(item: StoredEvent) -> dict[str, Any]:
    return {"id": item.id, "day": item.day.isoformat(), **item.event.to_dict()}


def event_detail(detail: EventDetail) -> dict[str, Any]:
    out = event_item(detail.event)
    out["source_ids"] = out.pop("sources")
    out["sources"] = [asdict(s) for s in detail.sources]
    out["claims"] = [asdict(c) for c in detail.claims]
    out["evidence"] = [asdict(e) for e in detail.evidence]
    out["cluster"] = None if detail.cluster is None else {
        **asdict(detail.cluster),
        "date_first": detail.cluster.date_first.isoformat() if detail.cluster.date_first else None,
        "date_last": detail.cluster.date_last.isoformat() if detail.cluster.date_last else None,
    }
    out["related"] = [r.id for r in detail.related]
    out["reviewed"] = detail.reviewed or {}
    return out


def document_detail(doc: DocumentDetail) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "events": [event_item(e) for e in doc.events],
        "evidence": [{"event_id": eid, "field": ex.field, "start": ex.start, "end": ex.end, "text": ex.text,
                      **({"part": ex.part} if ex.part else {})} for eid, ex in doc.evidence],
    }
