"""``GET /documents/{doc_id}`` (text and evidence spans) and ``POST /documents`` (extract, then ingest)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from marsad.api.deps import get_app_settings, get_session, get_store, require_read, require_write
from marsad.api.errors import ApiError
from marsad.api.serialize import document_detail
from marsad.budget import BudgetExceeded
from marsad.document import LIMITS, Document, DocumentError
from marsad.pipeline import MAX_CHARS, default_pipeline
from marsad.read.dates import normalise_published
from marsad.settings import Settings
from marsad.store.db import Store
from marsad.store.ingest import IngestError, ingest
from marsad.store.query import get_document

router = APIRouter(tags=["documents"])
MAX_BATCH = 100


class DocumentIn(BaseModel):
    """One news report to read: its text exactly as published."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1, max_length=LIMITS["doc_id"])
    text: str = Field(max_length=MAX_CHARS)
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    title: str | None = Field(default=None, max_length=LIMITS["title"])
    url: str | None = Field(default=None, max_length=LIMITS["url"])
    outlet: str | None = Field(default=None, max_length=LIMITS["outlet"])


@router.get("/documents/{doc_id:path}", summary="a document's text and the evidence spans of its events",
            dependencies=[Depends(require_read)])
def read_document(doc_id: Annotated[str, Path(min_length=1, max_length=255)],
                  session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    detail = get_document(session, doc_id)
    if detail is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return document_detail(detail)


@router.post("/documents", status_code=201, summary="extract events from one document or a list, and store them",
             dependencies=[Depends(require_write)])
def post_documents(
    body: Annotated[DocumentIn | list[DocumentIn], Body()],
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_app_settings)],
) -> dict[str, Any]:
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "invalid request: body", details=[
            {"location": "body", "field": None, "message": "empty list", "type": "value_error"}])
    if len(items) > MAX_BATCH:
        raise ApiError(413, f"at most {MAX_BATCH} documents a request", details={"max_documents": MAX_BATCH})
    results = []
    for item in items:
        try:
            # the same rules as the file readers: no blank text, publication dates from 1900 to today
            if not item.text.strip():
                raise DocumentError(item.doc_id, "empty document")
            published = item.published
            if published is not None:
                try:
                    published = normalise_published(published)
                except ValueError as exc:
                    raise DocumentError(item.doc_id, f"published: {exc}") from exc
            document = Document(doc_id=item.doc_id, text=item.text, published=published, title=item.title,
                                url=item.url, outlet=item.outlet, source="api")
            events = default_pipeline()(document, budget_seconds=settings.doc_budget_seconds)
        except BudgetExceeded as exc:
            raise ApiError(422, f"document {exc.doc_id!r} cannot be processed: {exc.reason}",
                           code="budget_exceeded", details={"doc_id": exc.doc_id, "seconds": exc.seconds}) from exc
        except DocumentError as exc:
            raise ApiError(422, f"document {exc.doc_id!r} cannot be read: {exc.reason}", details=[
                {"location": "body", "field": "doc_id", "message": exc.reason, "type": "value_error"}]) from exc
        try:
            outcome = ingest(store.session_factory, document, events)
        except IngestError as exc:
            raise ApiError(422, f"document {exc.doc_id!r} cannot be stored: {exc.reason}") from exc
        results.append({"doc_id": document.doc_id, "events": len(events), "outcome": jsonable_encoder(outcome)})
    return {"documents": results}
