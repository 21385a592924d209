"""One JSON error shape for every error the API returns.

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": null}}

Handlers are installed for :class:`ApiError` (raised by the routes), Starlette's HTTP errors
(unknown route 404, 405 with ``Allow``), request validation (422, ``details`` lists the bad
fields) and any unexpected exception (500, no internals leaked).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("marsad.api")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """An error a route raises on purpose; rendered in the one error shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details
        self.headers = headers


def error_body(status: int, message: str, *, code: str | None = None, details: Any = None) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "details": jsonable_encoder(details),
        }
    }


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, message, code=code, details=details), status_code=status, headers=headers)


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, code=exc.code, details=exc.details, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404 and exc.detail == "Not Found":
        message = f"no resource at {request.url.path}"
    elif status == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    elif isinstance(exc.detail, str):
        message = exc.detail
    else:
        message = HTTPStatus(status).phrase
    details = None if isinstance(exc.detail, str) else exc.detail
    return error_response(status, message, details=details, headers=dict(exc.headers or {}))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        problems.append({"location": loc[0] if loc else None, "field": ".".join(loc[1:]) or None,
                         "message": err.get("msg", "invalid"), "type": err.get("type")})
    names = ", ".join(p["field"] or p["location"] or "?" for p in problems)
    return error_response(422, f"invalid request: {names}", details=problems)


RETRY_AFTER_SECONDS = 2


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """The database could not serve the request now: SQLite's write lock held past the busy timeout, a
    read-only file, PostgreSQL down. 503 with Retry-After, in the error shape, never a traceback."""
    assert isinstance(exc, OperationalError)
    lines = str(exc.orig if exc.orig is not None else exc).splitlines()
    raw = lines[0] if lines else type(exc).__name__
    low = raw.lower()
    if "locked" in low or "busy" in low:
        message, code = "the database is busy (another writer holds its lock): retry shortly", "database_busy"
    elif "readonly" in low or "read-only" in low:
        message, code = "the database is read-only: writes are not possible now", "database_read_only"
    else:
        message, code = "the database is unavailable: retry shortly", "database_unavailable"
    log.warning("%s %s: %s (%s)", request.method, request.url.path, code, raw)
    return error_response(503, message, code=code, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OperationalError, _database_error)
    app.add_exception_handler(Exception, _unexpected)
