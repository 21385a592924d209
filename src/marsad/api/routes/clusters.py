"""Merged events: ``GET /clusters`` (the ``/events`` filters, cursor pages), ``GET /clusters/{id}`` (the §6
record with its reports and audit; a joined id answers 308 with a pointer to the surviving one) and
``GET /aggregates`` (events and fatalities per area and week or month, counted over merged events)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from marsad.api.deps import get_session, require_read
from marsad.api.errors import ApiError
from marsad.api.filters import event_filter
from marsad.store.clusters import aggregates, get_cluster_record, query_clusters, resolve_cluster_id
from marsad.store.query import EventFilter, QueryError

MAX_LIMIT = 500
router = APIRouter(tags=["clusters"], dependencies=[Depends(require_read)])


@router.get("/clusters", summary="merged events matching the filters, one page at a time")
def list_clusters(
    flt: Annotated[EventFilter, Depends(event_filter)],
    session: Annotated[Session, Depends(get_session)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")] = None,
    view: Annotated[Literal["summary", "full"], Query(
        description="summary: the merged record's main fields; full: whole records (claims, alternatives...)")
    ] = "summary",
) -> JSONResponse:
    try:
        page = query_clusters(session, flt, limit=limit, cursor=cursor or None, full=view == "full")
    except QueryError as exc:
        raise ApiError(400, str(exc)) from exc
    return JSONResponse({"items": page.items, "next_cursor": page.next_cursor, "limit": limit, "view": view})


@router.get("/clusters/{cluster_id}", summary="one merged event with its reports, claims and review history")
def read_cluster(
    cluster_id: Annotated[str, Path(min_length=1, max_length=40)],
    session: Annotated[Session, Depends(get_session)],
) -> JSONResponse:
    found, pointer = resolve_cluster_id(session, cluster_id)
    if found is None:
        raise ApiError(404, f"no cluster {cluster_id!r}")
    if pointer is not None:
        return JSONResponse({"cluster_id": cluster_id, "merged_into": found}, status_code=308,
                            headers={"Location": f"/clusters/{found}"})
    record = get_cluster_record(session, found)
    if record is None:
        raise ApiError(404, f"no cluster {cluster_id!r}")
    return JSONResponse(record)


@router.get("/aggregates", summary="merged events and fatalities per area and week or month")
def read_aggregates(
    flt: Annotated[EventFilter, Depends(event_filter)],
    session: Annotated[Session, Depends(get_session)],
    by: Annotated[Literal["country", "admin1", "admin2"], Query(description="the area level")] = "admin1",
    period: Annotated[Literal["week", "month"], Query(description="ISO week (2024-W38) or month (2024-09)")
                      ] = "month",
) -> JSONResponse:
    items = aggregates(session, flt, by=by, period=period)
    return JSONResponse({"by": by, "period": period, "items": items})
