"""What ``marsad serve`` adds to uvicorn against slow and numerous clients, and against log floods.

- :class:`GuardedH11Protocol`: uvicorn's HTTP/1.1 protocol with a **header timeout** (a connection whose
  request head is not complete ``header_timeout`` seconds after it opened, or after the first byte of
  its next request, is closed: trickling bytes does not extend it) and a **connection cap** (beyond
  ``max_connections`` open connections, a new one is answered 503 with ``Retry-After`` in the API's
  error shape as soon as its request head arrives, and closed; it gets a short header timeout too;
  beyond the cap and a slack of ``REFUSE_SLACK`` it is closed at once; the cap is lowered to the
  process's open-file limit less a reserve, so that the server never runs out of file descriptors).
  Idle kept-alive connections close after uvicorn's ``timeout_keep_alive``.
- :class:`RepeatFilter`: a logging filter that lets one record of a kind (logger, level, message
  template) through per ``window`` seconds and counts the rest; the next one let through says how many
  were suppressed. :func:`log_config` installs it on every handler of uvicorn's logging and on the
  ``asyncio`` and ``marsad`` loggers, so no repeated error can grow the log without bound.

The settings (``MARSAD_HEADER_TIMEOUT``, ``MARSAD_KEEP_ALIVE_TIMEOUT``, ``MARSAD_MAX_CONNECTIONS``) are
read from the environment in each server process.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import resource
import time
from typing import Any

import h11
from starlette.types import Receive, Scope, Send
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.h11_impl import H11Protocol

from marsad.api.errors import RETRY_AFTER_SECONDS, error_body
from marsad.settings import Settings, get_settings

log = logging.getLogger("marsad.api.server")
FD_RESERVE = 64  # file descriptors kept for the database, logs and the listening socket
REFUSE_SLACK = 32  # connections over the cap answered 503 (beyond that many, closed at once)
REFUSED_HEADER_TIMEOUT = 1.0


def connection_cap(settings: Settings) -> int:
    """``max_connections``, lowered to what this process's open-file limit allows."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return settings.max_connections
    return max(1, min(settings.max_connections, soft - FD_RESERVE - REFUSE_SLACK))


async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI answer of a connection over the cap: 503, Retry-After, the error shape, then close."""
    body = json.dumps(error_body(503, "too many open connections: retry shortly", code="too_many_connections",
                                 details={"retry_after": RETRY_AFTER_SECONDS})).encode()
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_SECONDS).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header timeout and a connection cap (see the module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.header_timeout = settings.header_timeout
        self.max_connections = connection_cap(settings)
        self.limit_concurrency = None  # the cap below answers in the error shape instead
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        timeout = self.header_timeout
        open_now = len(self.connections)
        if open_now > self.max_connections + REFUSE_SLACK:  # far over: no file descriptor to spare, drop it
            log.warning("connection dropped: far over the cap of %d open connections", self.max_connections)
            transport.abort()
            return
        if open_now > self.max_connections:
            self.app = refuse
            timeout = min(timeout, REFUSED_HEADER_TIMEOUT)
            log.warning("connection refused: over the cap of %d open connections", self.max_connections)
        self._header_timer = self.loop.call_later(timeout, self._header_timeout)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            self._cancel_header_timer()
        elif self._waiting_for_head():
            if self._header_timer is None:  # the first bytes of a next request: its head has a deadline too
                self._header_timer = self.loop.call_later(self.header_timeout, self._header_timeout)
        else:
            self._cancel_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _waiting_for_head(self) -> bool:
        idle = self.cycle is None or self.cycle.response_complete
        return bool(idle and self.conn.their_state is h11.IDLE)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timeout(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or not self._waiting_for_head():
            return
        log.warning("connection closed: request head incomplete after %g s", self.header_timeout)
        self.transport.close()


class RepeatFilter(logging.Filter):
    """One record per (logger, level, message) per ``window`` seconds; the repeats are counted and the
    next record let through says how many were suppressed."""

    def __init__(self, window: float = 60.0) -> None:
        super().__init__()
        self.window = window
        self.seen: dict[tuple[str, int, str], tuple[float, int]] = {}  # key → (window start, suppressed)

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, record.getMessage()[:300])
        now = time.monotonic()
        start, suppressed = self.seen.get(key, (float("-inf"), 0))
        if now - start < self.window:
            self.seen[key] = (start, suppressed + 1)
            return False
        if len(self.seen) > 10_000:  # kinds are few; never let the table itself grow without bound
            self.seen.clear()
        self.seen[key] = (now, 0)
        if suppressed:
            record.msg = f"{record.msg} [repeated {suppressed} more times in the last {self.window:g} s]"
        return True


def log_config(window: float = 60.0) -> dict[str, Any]:
    """uvicorn's logging configuration with :class:`RepeatFilter` on its error handler (the access log
    keeps one line per request), and the ``asyncio`` and ``marsad`` loggers sent to that handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["repeats"] = {"()": "marsad.api.server.RepeatFilter", "window": window}
    config["handlers"]["default"].setdefault("filters", []).append("repeats")
    for name in ("asyncio", "marsad"):
        config["loggers"][name] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
