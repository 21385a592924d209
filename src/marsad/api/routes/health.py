"""``GET /health``: the app is up and its store answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from marsad import __version__
from marsad.api.deps import get_store
from marsad.api.errors import error_body
from marsad.store.db import Store
from marsad.watch.state import source_status

router = APIRouter(tags=["health"])


@router.get("/health", summary="liveness and database check")
def health(store: Annotated[Store, Depends(get_store)]) -> Any:
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return JSONResponse(error_body(503, "database unavailable", details={"reason": type(exc).__name__}),
                            status_code=503)
    body: dict[str, Any] = {"status": "ok", "version": __version__, "database": store.engine.dialect.name}
    watched = source_status(store)
    if watched is not None:
        body["watch"] = watched  # each watched source's last poll, items and errors (marsad watch)
    return body
