"""The watcher's HTTP manners against a real local server: retries, timeouts, conditional GET, robots.txt."""

from __future__ import annotations

import time

import pytest

from marsad.watch.fetch import USER_AGENT, FetchConfig, Fetcher, FetchError

from .conftest import FAST, Route, Site

BODY = "<p>نص تجريبي</p>".encode()


@pytest.mark.parametrize(
    ("route", "status", "attempts"),
    [
        (Route(BODY), 200, 1),
        (Route(BODY, fail_first=2), 200, 3),  # two 503s, then the page: retried with backoff
    ],
)
def test_get_retries_until_the_page_answers(site: Site, route: Route, status: int, attempts: int) -> None:
    site.routes["/p"] = route
    with Fetcher(FAST) as f:
        res = f.get(site.url + "/p")
    assert (res.status, res.attempts, res.content) == (status, attempts, BODY)
    assert site.hits["/p"] == attempts


@pytest.mark.parametrize(
    ("route", "reason", "hits"),
    [
        (Route(BODY, status=500), "HTTP 500 (3 attempts)", 3),  # server error: retried, then given up
        (Route(BODY, status=404), "HTTP 404", 1),  # client error: not retried
        (Route(BODY, delay=1.0), "timed out", 3),  # slow answer: timeout, retried, given up
    ],
)
def test_get_gives_up_with_a_reason(site: Site, route: Route, reason: str, hits: int) -> None:
    site.routes["/p"] = route
    with Fetcher(FetchConfig(rate=0, backoff=0.01, timeout=0.3, retries=2)) as f, \
            pytest.raises(FetchError) as err:
        f.get(site.url + "/p")
    assert reason in str(err.value) and site.url + "/p" in str(err.value)
    assert site.hits["/p"] == hits


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_conditional_get_gets_304(site: Site, validator: str) -> None:
    lm = "Wed, 08 May 2024 10:00:00 GMT"
    use_lm = lm if validator == "last_modified" else None
    site.routes["/p"] = Route(BODY, etag=validator == "etag", last_modified=use_lm)
    with Fetcher(FAST) as f:
        first = f.get(site.url + "/p")
        again = f.get(site.url + "/p", etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and not first.not_modified
    assert again.not_modified and again.content == b""
    assert site.conditional["/p"] == 1


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        ("User-agent: *\nDisallow: /private/\n", "/private/a.html", False),
        ("User-agent: *\nDisallow: /private/\n", "/public/a.html", True),
        ("User-agent: MarsadWatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/public/a.html", False),
        (None, "/private/a.html", True),  # no robots.txt (404): everything allowed
    ],
)
def test_robots_txt_is_obeyed(site: Site, robots: str | None, path: str, allowed: bool) -> None:
    if robots is not None:
        site.routes["/robots.txt"] = Route(robots.encode(), "text/plain")
    site.routes[path] = Route(BODY)
    with Fetcher(FAST) as f:
        if allowed:
            assert f.get(site.url + path).status == 200
        else:
            with pytest.raises(FetchError, match=r"robots\.txt"):
                f.get(site.url + path)
    assert site.hits[path] == (1 if allowed else 0)
    assert site.hits["/robots.txt"] == 1


def test_robots_txt_unreachable_disallows_the_site(site: Site) -> None:
    site.routes["/robots.txt"] = Route(b"", status=500)
    site.routes["/p"] = Route(BODY)
    with Fetcher(FAST) as f, pytest.raises(FetchError, match=r"robots\.txt"):
        f.get(site.url + "/p")
    assert site.hits["/p"] == 0


def test_user_agent_and_rate_limit(site: Site) -> None:
    seen: list[str] = []
    site.routes["/p"] = Route(BODY)
    with Fetcher(FetchConfig(rate=20.0, obey_robots=False)) as f:
        f.client.event_hooks["request"].append(lambda req: seen.append(req.headers["User-Agent"]))
        start = time.monotonic()
        for _ in range(5):
            f.get(site.url + "/p")
        spent = time.monotonic() - start
    assert seen == [USER_AGENT] * 5 and USER_AGENT.startswith("MarsadWatch/")
    assert spent >= 4 / 20.0 * 0.9  # five requests to one host at 20/s wait at least four intervals


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "example.org/feed"])
def test_only_http_urls(url: str) -> None:
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="not an http"):
        f.get(url)
