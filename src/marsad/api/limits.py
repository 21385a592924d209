"""Request body size limit (413 in the error shape), and NUL characters refused in URLs (400), as pure
ASGI middlewares.

A declared ``Content-Length`` over the limit is refused before any byte is read; a chunked
body is read as it streams (never more than the limit is held) and refused as soon as it passes
the limit, before the app sees it; a body within the limit is replayed to the app.
"""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.api.errors import error_body


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        if not any(name in (b"content-length", b"transfer-encoding") for name, _ in scope.get("headers", ())):
            await self.app(scope, receive, send)
            return
        # read the whole body first (it is at most max_bytes), then replay it to the app
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            error_body(413, f"request body larger than {self.max_bytes:,} bytes", details={"max_bytes": self.max_bytes})
        ).encode()
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": body})


class NulGuardMiddleware:
    """A NUL character anywhere in the path or the query string (raw or %00) is refused with 400 in the
    error shape, on every route and before any database sees it: PostgreSQL cannot store or compare NUL
    in text, SQLite can, and the API answers the same on both."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _has_nul(scope):
            body = json.dumps(error_body(400, "the URL contains a NUL character (%00)", code="bad_request")).encode()
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def _has_nul(scope: Scope) -> bool:
    path = scope.get("path", "")
    raw_path = scope.get("raw_path") or b""
    query = scope.get("query_string") or b""
    return ("\x00" in path or b"\x00" in raw_path or b"\x00" in unquote_to_bytes(raw_path)
            or b"\x00" in unquote_to_bytes(query))
