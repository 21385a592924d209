"""The CPU work on one fetched page: its main text into a :class:`Document`, and (in a worker process, with
``marsad watch --processes N``) its events. Module-level functions so that a process pool can call them."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from marsad.document import Document, DocumentError
from marsad.read.dates import normalise_published
from marsad.records import Event
from marsad.watch.pages import PageError, decode_page, read_page


@dataclass(frozen=True, slots=True)
class PageInput:
    content: bytes
    charset: str | None
    url: str  # after redirects
    doc_id: str
    source: str
    title: str | None  # from the feed
    published: str | None  # from the feed
    extractor: str = "trafilatura"


@dataclass(slots=True)
class PageOutput:
    document: Document | None = None
    events: list[Event] | None = None  # None: not extracted here
    error: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def page_document(page_in: PageInput) -> Document:
    """The document of a fetched page; raises PageError or DocumentError."""
    html = decode_page(page_in.content, page_in.charset)
    page = read_page(html, page_in.url, extractor=page_in.extractor,
                     metadata=not (page_in.title and page_in.published))
    published = None
    for raw in (page.published, page_in.published):  # the page's own date, else the feed's
        if raw:
            try:
                published = normalise_published(raw)
                break
            except ValueError:
                continue
    return Document(page_in.doc_id, page.text, published=published, title=page.title or page_in.title,
                    url=page_in.url, outlet=urlsplit(page_in.url).netloc, source=page_in.source)


def warm() -> int:
    """Load the extraction models (a worker process calls this once before its first page)."""
    from marsad.pipeline import default_pipeline

    default_pipeline()(Document("warm-up", "قتل خمسة جنود في هجوم قرب بلدة بوني وسط مالي يوم الاثنين.",
                                published="2024-05-08"))
    return 0


def page_job(page_in: PageInput) -> PageOutput:
    """Document and events of a page, never raising for a bad page (run in a worker process)."""
    from marsad.pipeline import default_pipeline

    try:
        doc = page_document(page_in)
    except (PageError, DocumentError) as exc:
        return PageOutput(error=f"{page_in.url}: {exc}")
    result = next(iter(default_pipeline().pipe([doc])))
    if result.error is not None:
        return PageOutput(doc, error=f"{page_in.url}: {result.error.reason}")
    return PageOutput(doc, result.events)
