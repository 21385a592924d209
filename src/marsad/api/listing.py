"""Lean event pages for ``GET /events`` (the default ``view=summary``).

The same filters (:func:`marsad.store.query.apply_filter`), order (day, id descending) and cursors
(:func:`marsad.store.query.encode_cursor`) as :func:`marsad.store.query.query_events`, but only the
columns a map, a timeline and a table need, read as plain rows: no ORM objects, no child rows.
``view=full`` pages go through ``query_events`` and carry whole records (claims, evidence, sources).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from marsad.store.models import EventRow
from marsad.store.query import EventFilter, apply_filter, decode_cursor, encode_cursor

SUMMARY_COLUMNS = (
    EventRow.id, EventRow.day, EventRow.doc_id, EventRow.status, EventRow.event_date, EventRow.date_min,
    EventRow.date_max, EventRow.time_precision, EventRow.event_type, EventRow.sub_event_type, EventRow.actor1,
    EventRow.actor2, EventRow.country, EventRow.admin1, EventRow.admin2, EventRow.location, EventRow.latitude,
    EventRow.longitude, EventRow.geo_precision, EventRow.fatalities, EventRow.cluster_id,
)
_DATES = {"day", "event_date", "date_min", "date_max"}


def summary_page(session: Session, flt: EventFilter, *, limit: int, cursor: str | None) -> tuple[
        list[dict[str, Any]], str | None]:
    """(items, next_cursor): one page of event summaries, newest first."""
    stmt = apply_filter(select(*SUMMARY_COLUMNS), flt)
    if cursor:
        day, last_id = decode_cursor(cursor)
        stmt = stmt.where(or_(EventRow.day < day, and_(EventRow.day == day, EventRow.id < last_id)))
    stmt = stmt.order_by(EventRow.day.desc(), EventRow.id.desc()).limit(limit + 1)
    rows = session.execute(stmt).all()
    more = len(rows) > limit
    rows = rows[:limit]
    names = [c.key for c in SUMMARY_COLUMNS]
    items = []
    for row in rows:
        item = dict(zip(names, row, strict=True))
        for key in _DATES:
            if item[key] is not None:
                item[key] = item[key].isoformat()
        items.append(item)
    next_cursor = encode_cursor(rows[-1].day, rows[-1].id) if more and rows else None
    return items, next_cursor
