"""The dashboard: ``/`` (index.html), ``/static/*`` (mounted by the app), ``/config.json``, ``/basemap.geojson``."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from marsad.api.deps import get_app_settings
from marsad.settings import Settings

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _index() -> str:
    return files("marsad.web").joinpath("static", "index.html").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _basemap() -> bytes:
    return files("marsad").joinpath("data", "geo", "basemap.geojson").read_bytes()


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return HTMLResponse(_index(), headers={"Cache-Control": "no-cache"})


@router.get("/basemap.geojson")
def basemap() -> Response:
    return Response(_basemap(), media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/config.json")
def config(settings: Annotated[Settings, Depends(get_app_settings)]) -> dict[str, Any]:
    """What the dashboard needs to know: the optional tile layer and whether reads need the key."""
    return {
        "tile_url": settings.tile_url,
        "tile_attribution": f"tiles: {urlsplit(settings.tile_url).netloc}" if settings.tile_url else None,
        "reads_open": settings.reads_open,
    }
