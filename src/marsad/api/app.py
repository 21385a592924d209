"""The HTTP app: ``create_app(settings)`` builds the FastAPI application over the event store.

    uvicorn --factory marsad.api.app:create_app      # or: marsad serve

Routes: ``/events``, ``/events/{id}``, ``/documents`` (GET one, POST to ingest), ``/export``,
``/health``, the dashboard at ``/`` and its files under ``/static``. OpenAPI at ``/openapi.json``;
``/docs`` serves Swagger UI from vendored files (no CDN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from marsad import __version__
from marsad.api.errors import install_error_handlers
from marsad.api.headers import SWAGGER_PAGE, SecurityHeadersMiddleware
from marsad.api.limits import BodyLimitMiddleware, NulGuardMiddleware
from marsad.api.routes import alerts, clusters, documents, events, export, health, review, web
from marsad.api.schemas import ErrorResponse
from marsad.settings import Settings, get_settings
from marsad.store.db import Store, open_store

DESCRIPTION = """Events of armed conflict in the Sahel read from Arabic news reports, ACLED-coded,
every field backed by character offsets into the source text.

Errors always have the shape `{"error": {"status", "code", "message", "details"}}`.
Writes need the `X-API-Key` header; reads too when the server closes them."""


def static_dir() -> str:
    """The dashboard's files, from the installed package (a real directory for StaticFiles)."""
    return str(files("marsad.web").joinpath("static"))


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app for ``settings`` (default: the process's ``MARSAD_*`` settings) over ``store``
    (default: opened from ``settings.database_url``, disposed at shutdown)."""
    settings = settings or get_settings()
    own_store = store is None
    the_store = store if store is not None else open_store(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            the_store.dispose()

    app = FastAPI(
        title="Marsad",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = the_store
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(NulGuardMiddleware)
    if settings.cors_origins:  # closed unless MARSAD_CORS_ORIGINS names origins
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"], max_age=600)
    app.add_middleware(SecurityHeadersMiddleware, tile_url=settings.tile_url)

    shaped = (400, 401, 403, 404, 413, 422, 503)
    errors: dict[int | str, dict[str, Any]] = {s: {"model": ErrorResponse, "description": "error"} for s in shaped}
    for module in (health, events, documents, export, clusters, review, alerts):
        app.include_router(module.router, responses=errors)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(SWAGGER_PAGE)  # vendored files, started by static/swagger-init.js (no inline script)

    return app
