"""``GET /events`` (filters, cursor paging) and ``GET /events/{id}`` (sources, claims, evidence excerpts)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from marsad.api.deps import get_session, require_read
from marsad.api.errors import ApiError
from marsad.api.filters import event_filter
from marsad.api.listing import summary_page
from marsad.api.schemas import EventPage
from marsad.api.serialize import event_detail, event_item
from marsad.store.query import MAX_ID, EventFilter, QueryError, get_event, query_events

MAX_LIMIT = 500
router = APIRouter(tags=["events"], dependencies=[Depends(require_read)])


@router.get("/events", summary="events matching the filters, one page at a time", response_model=EventPage)
def list_events(
    flt: Annotated[EventFilter, Depends(event_filter)],
    session: Annotated[Session, Depends(get_session)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")] = None,
    view: Annotated[Literal["summary", "full"], Query(
        description="summary: the fields a map and a table need; full: whole records with claims and evidence")
    ] = "summary",
) -> JSONResponse:
    try:
        if view == "full":
            page = query_events(session, flt, limit=limit, cursor=cursor or None)
            items, next_cursor = [event_item(e) for e in page.items], page.next_cursor
        else:
            items, next_cursor = summary_page(session, flt, limit=limit, cursor=cursor or None)
    except QueryError as exc:
        raise ApiError(400, str(exc)) from exc
    # items are plain JSON values already: skip FastAPI's recursive encoder (the hot path of the dashboard)
    return JSONResponse({"items": items, "next_cursor": next_cursor, "limit": limit, "view": view})


@router.get("/events/{event_id}", summary="one event with its sources, claims and evidence excerpts")
def read_event(
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: Annotated[Session, Depends(get_session)],
) -> dict[str, Any]:
    detail = get_event(session, event_id)
    if detail is None:
        raise ApiError(404, f"no event {event_id}")
    return event_detail(detail)
