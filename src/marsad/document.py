"""The document as read from a source: original text, identity and publication date.

Every offset Marsad emits (evidence spans) points into ``Document.text`` exactly as read
(decoded to str, BOM removed, before any normalisation).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

_PUBLISHED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# the longest value of every stored string but the text (whose limit is the pipeline's MAX_CHARS):
# the API, the readers and the store refuse longer ones with an error naming the field
LIMITS: dict[str, int] = {"doc_id": 255, "title": 1_000, "outlet": 255, "url": 2_048, "published": 10}


def field_problem(doc_id: str, values: dict[str, object]) -> str | None:
    """Why these fields of a document cannot be stored (too long, or a NUL character), or None."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        limit = LIMITS.get(name)
        if limit is not None and len(value) > limit:
            return f"field {name} has {len(value):,} characters, over the limit of {limit:,}"
        if "\x00" in value:
            return f"field {name} contains a NUL character"
    return None


class DocumentError(ValueError):
    """A document that cannot be processed; the message names the document and the reason."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    published: str | None = None  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # where it was read from (path, "stdin", ...)
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str) or not self.doc_id.strip():
            raise DocumentError(str(self.doc_id), "empty or missing doc_id")
        if not isinstance(self.text, str):
            raise DocumentError(self.doc_id, f"text must be a string, got {type(self.text).__name__}")
        # a NUL in the text is kept (real reports end with one); the store replaces it (see marsad.store.ingest)
        problem = field_problem(self.doc_id, {"doc_id": self.doc_id, "title": self.title, "url": self.url,
                                              "outlet": self.outlet})
        if problem:
            raise DocumentError(self.doc_id[: LIMITS["doc_id"]], problem)
        if self.published is not None:
            if not isinstance(self.published, str) or not _PUBLISHED.match(self.published):
                raise DocumentError(self.doc_id, f"published must be YYYY[-MM[-DD]], got {self.published!r}")
            parts = [int(p) for p in self.published.split("-")]
            try:
                date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except ValueError as exc:
                raise DocumentError(self.doc_id, f"published {self.published!r} is not a date ({exc})") from exc

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def published_date(self) -> date | None:
        """The publication day, or None when only a month/year (or nothing) is known."""
        if self.published and len(self.published) == 10:
            return date.fromisoformat(self.published)
        return None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A document that could not be read or processed: the batch records it and goes on."""

    doc_id: str
    reason: str
    source: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"error": self.reason, "doc_id": self.doc_id, "source": self.source}
