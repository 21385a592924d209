"""The event filters shared by ``GET /events`` and ``GET /export``, as one FastAPI dependency."""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated

from fastapi import Query

from marsad.api.errors import ApiError
from marsad.store.query import MAX_ID, EventFilter, QueryError

BBox = tuple[float, float, float, float]


def parse_bbox(raw: str | None) -> BBox | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees; 422 in the error shape when malformed."""
    if raw is None or not raw.strip():
        return None
    parts = raw.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise _bad("bbox", "expected four numbers: minlon,minlat,maxlon,maxlat")
    minlon, minlat, maxlon, maxlat = values
    if not (-180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise _bad("bbox", "expected -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90")
    return (minlon, minlat, maxlon, maxlat)


def _bad(name: str, message: str) -> ApiError:
    return ApiError(422, f"invalid request: {name}",
                    details=[{"location": "query", "field": name, "message": message, "type": "value_error"}])


def event_filter(
    date_from: Annotated[date | None, Query(alias="from", description="first day (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="last day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=64)] = None,
    admin1: Annotated[str | None, Query(max_length=128)] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat", max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=64, description="an actor id of actors.tsv, any role")] = None,
    event_type: Annotated[str | None, Query(max_length=64)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the evidence, quotes and places")] = None,
    status: Annotated[str | None, Query(pattern="^(reported|background)$")] = None,
    cluster_id: Annotated[str | None, Query(max_length=40)] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise _bad("from", "from is after to")
    try:
        return EventFilter(
            date_from=date_from,
            date_to=date_to,
            country=country or None,
            admin1=admin1 or None,
            bbox=parse_bbox(bbox),
            actor=actor or None,
            event_type=event_type or None,
            sub_event_type=sub_event_type or None,
            min_fatalities=min_fatalities,
            text=q.strip() if q and q.strip() else None,
            status=status,
            cluster_id=cluster_id or None,
        )
    except QueryError as exc:
        raise ApiError(400, str(exc)) from exc
