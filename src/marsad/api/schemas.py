"""Response models, for the OpenAPI document (the hot routes build their JSON directly)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class EventPage(BaseModel):
    items: list[dict[str, Any]] = Field(description=(
        "events, newest first: with view=summary id, day, doc_id, status, event_date, date_min, date_max, "
        "time_precision, event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location, "
        "latitude, longitude, geo_precision, fatalities, cluster_id; with view=full the whole record "
        "of spec/EVENTS.md plus id and day"))
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null on the last page")
    limit: int
    view: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody
