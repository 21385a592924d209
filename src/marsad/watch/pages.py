"""An article page's main text, title and publication date.

The watcher reads web pages with ``trafilatura`` (a maintained extractor of news pages: text, title and
date from the page's metadata, its JSON-LD, its URL...), and falls back on Marsad's own
:func:`marsad.read.html_main.extract_page` when trafilatura finds no text. Bytes are decoded with the
charset the server names, else as Marsad decodes files (UTF-8, else Windows-1256).
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

from marsad.read.dates import normalise_published
from marsad.read.decode import DecodeError, decode_bytes
from marsad.read.html_main import extract_page

log = logging.getLogger("marsad.watch")


class PageError(ValueError):
    """A page without readable text; the message says why."""


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD when the page gives a usable date
    extractor: str  # "trafilatura" | "html_main" | "text"


def decode_page(content: bytes, charset: str | None) -> str:
    """Decode with the server's charset when it names a known one; else guess as for files."""
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    if charset:
        try:
            return content.decode(charset)
        except UnicodeDecodeError:
            pass  # a wrong header: guess instead
    try:
        return decode_bytes(content).text
    except DecodeError as exc:
        raise PageError(str(exc)) from exc


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return normalise_published(raw[:10])
    except ValueError:
        return None


def read_page(html: str, url: str | None = None, *, extractor: str = "trafilatura", metadata: bool = True) -> PageText:
    """The main text of ``html`` (see the module doc); raises PageError when there is none. ``metadata=False``
    skips trafilatura's search for the title and date (when the feed gave them)."""
    if extractor == "trafilatura":
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=metadata, fast=True, include_comments=False,
                                              include_tables=False)
        except (ValueError, TypeError, RecursionError) as exc:  # trafilatura on a pathological page
            log.warning("trafilatura failed on %s: %s", url, exc)
            doc = None
        text = getattr(doc, "text", None) if doc is not None else None
        if text and text.strip():
            return PageText(text, getattr(doc, "title", None) or None, _date(getattr(doc, "date", None)),
                            "trafilatura")
    page = extract_page(html)
    if not page.text.strip():
        raise PageError("no main text found in the page")
    return PageText(page.text, page.title, _date(page.published), "html_main")
