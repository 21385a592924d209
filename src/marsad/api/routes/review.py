"""The review loop: ``PATCH /events/{id}`` and ``PATCH /clusters/{id}`` (API key; the body a JSON Merge Patch,
RFC 7396, of the fields to set — ``application/merge-patch+json`` or ``application/json``) and
``GET /audit`` (every change: who, when, what, the field, old and new values).

On a merged event the body may also hold ``"split": [event keys or ids]`` (those reports become a merged
event of their own) and ``"join": "c-…"`` or a list (those merged events join this one; the older id
survives, the other answers ``GET /clusters/{id}`` with a pointer)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from marsad.api.deps import get_store, require_read, require_writer
from marsad.api.errors import ApiError
from marsad.api.routes.events import read_event
from marsad.store.clusters import audit_line, get_cluster_record, resolve_cluster_id
from marsad.store.db import Store
from marsad.store.models import AuditRow
from marsad.store.query import MAX_ID
from marsad.store.review import NotFound, ReviewError, patch_cluster, patch_event

router = APIRouter(tags=["review"])
PATCH_DOC = {"description": "a JSON Merge Patch (RFC 7396) of the fields to set", "media_type":
             "application/merge-patch+json"}


@contextmanager
def _answering_review_errors() -> Iterator[None]:
    """A patch the store refuses is a 422 naming the field; a target that is not there, a 404."""
    try:
        yield
    except ReviewError as exc:
        raise ApiError(422, f"invalid patch: {exc.field}", details=[
            {"location": "body", "field": exc.field, "message": exc.message, "type": "value_error"}]) from exc
    except NotFound as exc:
        raise ApiError(404, str(exc)) from exc


@router.patch("/events/{event_id}", summary="correct fields of one report's event (API key)")
def review_event(
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    patch: Annotated[Any, Body(**PATCH_DOC)],
    who: Annotated[str, Depends(require_writer)],
    store: Annotated[Store, Depends(get_store)],
) -> dict[str, Any]:
    with store.session_factory() as session, session.begin(), _answering_review_errors():
        patch_event(session, event_id, patch, who=who)
    with store.session() as session:
        return read_event(event_id, session)


@router.patch("/clusters/{cluster_id}", summary="correct, split or join merged events (API key)")
def review_cluster(
    cluster_id: Annotated[str, Path(min_length=1, max_length=40)],
    patch: Annotated[Any, Body(**PATCH_DOC)],
    who: Annotated[str, Depends(require_writer)],
    store: Annotated[Store, Depends(get_store)],
) -> JSONResponse:
    with store.session_factory() as session, session.begin():
        found, _pointer = resolve_cluster_id(session, cluster_id)
        if found is None:
            raise ApiError(404, f"no cluster {cluster_id!r}")
        with _answering_review_errors():
            result = patch_cluster(session, found, patch, who=who)
    with store.session() as session:
        record = get_cluster_record(session, result)
    if record is None:
        raise ApiError(404, f"no cluster {result!r}")
    if result != cluster_id:
        record["merged_into"] = result
    return JSONResponse(record)


@router.get("/audit", summary="the review history, newest first", dependencies=[Depends(require_read)])
def read_audit(
    store: Annotated[Store, Depends(get_store)],
    target_id: Annotated[str | None, Query(max_length=300, description="an event key or a cluster id")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    with store.session() as session:
        stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if target_id:
            stmt = stmt.where(AuditRow.target_id == target_id)
        return {"items": [audit_line(a) for a in session.scalars(stmt)]}
