"""Polite HTTP for the watcher: one ``httpx.Client`` with a clear User-Agent, timeouts, retries with
exponential backoff (timeouts, connection errors, 429 and 5xx), a per-host rate limit, conditional GET
(``If-None-Match`` / ``If-Modified-Since``) and the site's robots.txt obeyed.

    >>> fetcher = Fetcher(FetchConfig())
    >>> result = fetcher.get("https://example.org/rss.xml", etag='"abc"')     # doctest: +SKIP
    >>> result.not_modified                                                   # doctest: +SKIP
    True
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from marsad import __version__
from marsad.watch.robots import RobotsCache

USER_AGENT = f"MarsadWatch/{__version__} (+https://github.com/marsad; conflict-event observatory)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(RuntimeError):
    """A URL that could not be fetched; the message names the URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FetchConfig:
    user_agent: str = USER_AGENT
    timeout: float = 10.0  # seconds, connect/read/write/pool each
    retries: int = 3  # attempts after the first
    backoff: float = 0.5  # seconds before the first retry, doubled each time (a Retry-After header wins)
    max_backoff: float = 30.0
    rate: float = 2.0  # requests per second to one host (0: unlimited)
    max_bytes: int = 20 * 1024 * 1024
    obey_robots: bool = True


@dataclass(slots=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        if not self.content_type:
            return None
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip().strip('"').lower()
        return None


@dataclass(slots=True)
class _HostClock:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0


class Fetcher:
    """GETs with the watcher's manners; thread-safe (the per-host clock is shared by the threads)."""

    def __init__(self, config: FetchConfig | None = None, *, client: httpx.Client | None = None) -> None:
        self.config = config or FetchConfig()
        timeout = httpx.Timeout(self.config.timeout)
        self.client = client or httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": self.config.user_agent},
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=16),
        )
        self._hosts: dict[str, _HostClock] = {}
        self._hosts_lock = threading.Lock()
        self.robots = RobotsCache(self._get_robots, self.config.user_agent)
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the rate limit ------------------------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        if self.config.rate <= 0:
            return
        host = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            clock = self._hosts.setdefault(host, _HostClock())
        with clock.lock:
            now = time.monotonic()
            wait = clock.next_at - now
            clock.next_at = max(now, clock.next_at) + 1.0 / self.config.rate
        if wait > 0:
            time.sleep(wait)

    # -- requests ------------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` (conditional when ``etag``/``last_modified`` are given); raises FetchError when the
        robots.txt forbids it, on a 4xx, or when every attempt failed."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(url, f"not an http(s) URL (scheme {scheme or 'missing'!r})")
        if self.config.obey_robots and not self.robots.allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get_robots(self, url: str) -> FetchResult:
        return self._get(url, {}, retries=1)

    def _get(self, url: str, headers: dict[str, str], *, retries: int | None = None) -> FetchResult:
        retries = self.config.retries if retries is None else retries
        delay = self.config.backoff
        last = "no attempt"
        for attempt in range(1, retries + 2):
            self._wait_turn(url)
            self.requests += 1
            retry_after: float | None = None
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    if resp.status_code in RETRY_STATUS:
                        last = f"HTTP {resp.status_code}"
                        retry_after = _retry_after(resp.headers.get("Retry-After"))
                    elif resp.status_code >= 400:
                        raise FetchError(url, f"HTTP {resp.status_code}")
                    else:
                        body = b"" if resp.status_code == 304 else self._read(url, resp)
                        return FetchResult(
                            url=str(resp.url), status=resp.status_code, content=body,
                            etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"),
                            content_type=resp.headers.get("Content-Type"), attempts=attempt,
                        )
            except httpx.TimeoutException:
                last = f"timed out after {self.config.timeout:g} s"
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
            if attempt <= retries:
                pause = retry_after if retry_after is not None else delay
                time.sleep(min(pause, self.config.max_backoff))
                delay *= 2
        raise FetchError(url, f"{last} ({retries + 1} attempts)")

    def _read(self, url: str, resp: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.config.max_bytes:
                raise FetchError(url, f"response over the {self.config.max_bytes:,}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
