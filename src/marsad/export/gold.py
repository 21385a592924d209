"""Analyst-reviewed events as gold lines (``spec/EVENTS.md`` §2) that ``eval/score.py`` reads.

Every document with at least one reviewed event is written whole — ``{"doc_id", "published", "events"}``
with all its events as stored (reviewed values included), so that scoring an extraction of it counts
every event. Each gold event carries ``id`` (its key), a ``quote`` (the text of its trigger evidence),
``reviewed`` (the fields an analyst set) and ``same_as`` (another exported event of its merged event).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store.models import DocumentRow, EventRow
from marsad.store.query import EventFilter, apply_filter, to_event

GOLD_FIELDS = ("status", "event_date", "date_min", "date_max", "time_precision", "event_type", "sub_event_type",
               "actor1", "actor2", "assoc_actors", "assoc_actors1", "assoc_actors2", "country", "admin1", "admin2",
               "location", "geonameid", "latitude", "longitude", "geo_precision", "fatalities")
QUOTE_FIELDS = ("trigger", "event_type")


def _quote(text: str, row: EventRow) -> str:
    spans = sorted(row.evidence, key=lambda e: (e.field not in QUOTE_FIELDS, e.start))
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            return text[span.start : span.end]
    return ""


def write_gold(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """Write the gold lines of the documents with a reviewed event matching ``flt``; returns their number."""
    stmt = apply_filter(select(EventRow.doc_id).where(EventRow.reviewed.is_not(None)), flt or EventFilter())
    doc_ids = sorted({d for d in session.scalars(stmt.distinct())})
    rows: dict[str, list[EventRow]] = {}
    for i in range(0, len(doc_ids), 500):
        for row in session.scalars(select(EventRow).where(EventRow.doc_id.in_(doc_ids[i : i + 500]))
                                   .order_by(EventRow.doc_id, EventRow.ordinal)):
            rows.setdefault(row.doc_id, []).append(row)
    first_of: dict[str, str] = {}  # cluster id -> the first exported key in it
    for doc_id in doc_ids:
        for row in rows.get(doc_id, []):
            if row.cluster_id:
                first_of.setdefault(row.cluster_id, row.key)
    n = 0
    for doc_id in doc_ids:
        doc = session.scalars(select(DocumentRow).where(DocumentRow.doc_id == doc_id)).first()
        if doc is None:
            continue
        events: list[dict[str, Any]] = []
        for row in rows.get(doc_id, []):
            record = to_event(row).to_dict()
            gold = {name: record.get(name) for name in GOLD_FIELDS}
            gold["claims"] = [{"claimant": c["claimant"], "killed": c["killed"], "quote": c["quote"]}
                              for c in record["claims"]]
            gold["quote"] = _quote(doc.text, row)
            gold["id"] = row.key
            gold["reviewed"] = sorted(row.reviewed or {})
            first = first_of.get(row.cluster_id or "")
            if first and first != row.key and not first.startswith(f"{doc_id}#"):
                gold["same_as"] = first
            events.append(gold)
        out.write(json.dumps({"doc_id": doc_id, "published": doc.published, "events": events},
                             ensure_ascii=False) + "\n")
        n += 1
    return n
