"""The dashboard: ``/`` (index.html), ``/static/*`` (mounted by the app), ``/config.json``, ``/basemap.geojson``,
``/actors.json`` (ACLED name and an Arabic name of every actor id, for the table)."""

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


@lru_cache(maxsize=1)
def _actors() -> dict[str, dict[str, str | None]]:
    import yaml

    from marsad.actors import registry

    raw = files("marsad").joinpath("data", "ar", "actors.yaml").read_text(encoding="utf-8")
    arabic = (yaml.safe_load(raw) or {}).get("actors") or {}
    out: dict[str, dict[str, str | None]] = {}
    for actor_id, actor in registry().items():
        names = arabic.get(actor_id) or arabic.get(actor_id.split(":")[0] + ":*") or []
        out[actor_id] = {"name": actor.acled_name, "ar": str(names[0]).rstrip("*").strip() if names else None}
    return out


@router.get("/actors.json")
def actors() -> Response:
    """Actor id -> ACLED name and the first Arabic name the press uses (``data/ar/actors.yaml``)."""
    import json

    return Response(json.dumps(_actors(), ensure_ascii=False), media_type="application/json",
                    headers={"Cache-Control": "public, max-age=3600"})


@router.get("/config.json")
def config(settings: Annotated[Settings, Depends(get_app_settings)]) -> dict[str, Any]:
    """What the dashboard needs to know: the optional tile layer and whether reads need the key."""
    return {
        "tile_url": settings.tile_url,
        "tile_attribution": f"tiles: {urlsplit(settings.tile_url).netloc}" if settings.tile_url else None,
        "reads_open": settings.reads_open,
    }
