"""robots.txt, fetched once per site and obeyed (RFC 9309): a missing file (4xx) allows everything, a file
that cannot be fetched (5xx, network) disallows the site until the next pass asks again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

TTL = 3600.0  # seconds a robots.txt is trusted
RETRY_UNREACHABLE = 60.0  # seconds before asking again a site whose robots.txt could not be fetched


class RobotsCache:
    def __init__(self, fetch: Callable[[str], Any], user_agent: str) -> None:
        self._fetch = fetch  # url -> FetchResult (raises FetchError)
        self._agent = user_agent.split("/")[0]
        self._sites: dict[str, tuple[float, RobotFileParser | None, bool]] = {}  # site -> (expiry, rules, allow_all)
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            entry = self._sites.get(site)
            if entry is None or entry[0] < time.monotonic():
                entry = self._load(site)
                self._sites[site] = entry
        _expiry, rules, allow_all = entry
        if rules is None:
            return allow_all
        return rules.can_fetch(self._agent, url)

    def _load(self, site: str) -> tuple[float, RobotFileParser | None, bool]:
        from marsad.watch.fetch import FetchError

        now = time.monotonic()
        try:
            result = self._fetch(site + "/robots.txt")
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                return now + TTL, None, True  # no robots.txt: everything allowed
            return now + RETRY_UNREACHABLE, None, False
        parser = RobotFileParser()
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return now + TTL, parser, True
