"""What the watcher watches, and the candidate items each source lists.

A SOURCE is an RSS/Atom feed URL (read with ``feedparser``), a web page listing links (``--links``: every
same-site link on it), or a directory of ``.txt``/``.html``/``.jsonl`` files.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin, urlsplit

from marsad.document import Document, ReadFailure

log = logging.getLogger("marsad.watch")
Kind = Literal["feed", "links", "dir"]


class SourceError(ValueError):
    """A source that cannot be listed this pass; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: Kind

    @property
    def is_http(self) -> bool:
        return self.kind != "dir"


def parse_source(arg: str, *, links: bool = False) -> Source:
    scheme = urlsplit(arg).scheme.lower()
    if scheme in ("http", "https"):
        return Source(arg, "links" if links else "feed")
    path = Path(arg)
    if path.is_dir():
        return Source(str(path), "dir")
    raise SourceError(f"{arg}: not an http(s) URL nor a directory")


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def doc_id_for(url: str) -> str:
    """A stable document id for an article URL."""
    return "w-" + url_key(url)[:24]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item a source lists: an article URL (fetched next) or, from a directory, a document already read."""

    key: str
    url: str
    source: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD from the feed
    entry_sig: str | None = None  # changes when the feed entry changes
    document: Document | None = None


def _sig(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()


def feed_items(source: Source, content: bytes) -> tuple[list[Candidate], str | None]:
    """The entries of a feed and a warning when it is not well-formed but still gave entries with links;
    raises SourceError when the feed gives none."""
    import feedparser

    with warnings.catch_warnings():  # feedparser's notice about its own `updated` fallback, not the user's
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed: Any = feedparser.parse(content)
        entries = [e for e in parsed.entries if e.get("link")]
    warning = None
    if parsed.bozo:
        problem = f"{source.name}: malformed feed: {parsed.get('bozo_exception')}"
        if not entries:
            raise SourceError(problem)
        warning = f"{problem} ({len(entries)} entries read anyway)"
        log.warning("%s", warning)
    out: list[Candidate] = []
    seen: set[str] = set()
    for entry in entries:
        link = urldefrag(urljoin(source.name, entry.get("link")))[0]
        if link in seen:
            continue
        seen.add(link)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat() if stamp else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            sig = _sig(entry.get("id"), entry.get("updated"), entry.get("title"), entry.get("summary"))
        out.append(Candidate(url_key(link), link, source.name, entry.get("title"), published, sig))
    return out, warning


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def page_links(source: Source, html: str) -> list[Candidate]:
    """Same-site links of a listing page, in page order, without repeats."""
    parser = _Links()
    parser.feed(html)
    site = urlsplit(source.name).netloc.lower()
    seen: set[str] = set()
    out: list[Candidate] = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(source.name, href.strip()))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site or url == source.name:
            continue
        if url not in seen:
            seen.add(url)
            out.append(Candidate(url_key(url), url, source.name))
    return out


def dir_items(source: Source) -> Iterator[Candidate | ReadFailure]:
    """The documents of a directory's .txt/.html/.jsonl files (a JSON Lines file gives one per row)."""
    from marsad.read import read_path

    for item in read_path(source.name):
        if isinstance(item, ReadFailure):
            yield item
            continue
        where = f"file://{Path(item.source or source.name).resolve()}#{item.doc_id}"
        yield Candidate(url_key(where), where, source.name, item.title, item.published, item.content_hash, item)
