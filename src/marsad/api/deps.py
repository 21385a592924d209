"""Request dependencies: the app's settings and store, a database session, and API-key checks.

Writes always need ``X-API-Key`` equal to ``settings.api_key`` (compared in constant time);
with no key configured writes are closed (503). Reads are open unless ``settings.reads_open``
is false, in which case they need the key too.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from marsad.api.errors import ApiError
from marsad.settings import Settings
from marsad.store.db import Store

API_KEY_HEADER = "X-API-Key"
_api_key = APIKeyHeader(name=API_KEY_HEADER, auto_error=False, description="the key of MARSAD_API_KEY")


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_session(store: Annotated[Store, Depends(get_store)]) -> Iterator[Session]:
    with store.session() as session:
        yield session


def _check_key(settings: Settings, given: str | None, action: str) -> None:
    if settings.api_key is None:
        raise ApiError(503, f"{action} are closed: no API key is configured on the server (MARSAD_API_KEY)",
                       code="writes_closed" if action == "writes" else "reads_closed")
    if not given:
        raise ApiError(401, f"{action} need the API key in the {API_KEY_HEADER} header",
                       headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'})
    if not hmac.compare_digest(given.encode("utf-8"), settings.api_key.encode("utf-8")):
        raise ApiError(403, "the API key is not valid")


def require_write(
    settings: Annotated[Settings, Depends(get_app_settings)], given: Annotated[str | None, Depends(_api_key)]
) -> None:
    _check_key(settings, given, "writes")


def require_writer(
    settings: Annotated[Settings, Depends(get_app_settings)], given: Annotated[str | None, Depends(_api_key)]
) -> str:
    """A write with a valid key; returns the key's name (``MARSAD_API_KEYS``), for the review audit."""
    named = settings.key_names()
    if not named:
        raise ApiError(503, "writes are closed: no API key is configured on the server (MARSAD_API_KEY)",
                       code="writes_closed")
    if not given:
        raise ApiError(401, f"writes need the API key in the {API_KEY_HEADER} header",
                       headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'})
    found = None
    for name, key in named:  # compare with every key, in constant time each
        if hmac.compare_digest(given.encode("utf-8"), key.encode("utf-8")):
            found = found or name
    if found is None:
        raise ApiError(403, "the API key is not valid")
    return found


def require_read(
    settings: Annotated[Settings, Depends(get_app_settings)], given: Annotated[str | None, Depends(_api_key)]
) -> None:
    if not settings.reads_open:
        _check_key(settings, given, "reads")
