"""One JSON Lines row → a :class:`Document` (or a reason it cannot be one).

Rows follow ``corpus/dev/documents.jsonl``: ``doc_id`` and ``text`` required; ``published``,
``title``, ``url``, ``outlet`` optional strings (or null); any other field is kept in
``Document.meta`` (non-string values as compact JSON). Manifest rows carry ``path`` instead
of ``text``: :func:`manifest_entry` reads those.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from marsad.document import Document, DocumentError
from marsad.read.dates import normalise_published

OPTIONAL_STR = ("published", "title", "url", "outlet")


class RowError(ValueError):
    """A row that is not a document; ``doc_id`` is set when the row names one."""

    def __init__(self, reason: str, doc_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.doc_id = doc_id


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    doc_id: str | None
    path: str
    published: str | None
    meta: dict[str, str]


def parse_line(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RowError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(row, dict):
        raise RowError(f"a row must be a JSON object, got {type(row).__name__}")
    return row


def is_manifest_row(row: dict[str, Any]) -> bool:
    return "path" in row and "text" not in row


def row_doc_id(row: dict[str, Any]) -> str | None:
    doc_id = row.get("doc_id")
    return doc_id if isinstance(doc_id, str) and doc_id.strip() else None


def document_from_row(row: dict[str, Any], *, source: str, default_published: str | None = None) -> Document:
    """The document of a JSON Lines row; raises RowError naming the field at fault."""
    doc_id = _doc_id(row)
    text = row.get("text")
    if not isinstance(text, str):
        raise RowError(_type_reason("text", text, "a string"), doc_id)
    if not text.strip():
        raise RowError("empty document", doc_id)
    values = _optional_strings(row, doc_id)
    published = _published(values.get("published"), doc_id) or default_published
    try:
        return Document(
            doc_id=doc_id,
            text=text,
            published=published,
            title=values.get("title"),
            url=values.get("url"),
            outlet=values.get("outlet"),
            source=source,
            meta=_meta(row, {"doc_id", "text", *OPTIONAL_STR}),
        )
    except DocumentError as exc:
        raise RowError(exc.reason, doc_id) from None


def manifest_entry(row: dict[str, Any]) -> ManifestEntry:
    """A manifest row ``{doc_id, path, published, language, ...}``; raises RowError."""
    doc_id = row_doc_id(row)
    if "doc_id" in row and doc_id is None:
        raise RowError(_type_reason("doc_id", row.get("doc_id"), "a non-empty string"))
    path = row.get("path")
    if not isinstance(path, str) or not path.strip():
        raise RowError(_type_reason("path", path, "a non-empty string"), doc_id)
    published_raw = row.get("published")
    if published_raw is not None and not isinstance(published_raw, str):
        raise RowError(_type_reason("published", published_raw, "a string or null"), doc_id)
    published = _published(published_raw, doc_id or path)
    return ManifestEntry(doc_id, path, published, _meta(row, {"doc_id", "path", "published"}))


def _doc_id(row: dict[str, Any]) -> str:
    if "doc_id" not in row:
        raise RowError("missing field doc_id")
    doc_id = row_doc_id(row)
    if doc_id is None:
        raise RowError(_type_reason("doc_id", row["doc_id"], "a non-empty string"))
    return doc_id


def _optional_strings(row: dict[str, Any], doc_id: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in OPTIONAL_STR:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise RowError(_type_reason(name, value, "a string or null"), doc_id)
        if value.strip():
            out[name] = value
    return out


def _published(value: str | None, doc_id: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return normalise_published(value)
    except ValueError as exc:
        raise RowError(f"field published: {exc}", doc_id) from None


def _meta(row: dict[str, Any], known: set[str]) -> dict[str, str]:
    return {
        k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        for k, v in row.items()
        if k not in known
    }


def _type_reason(name: str, value: object, expected: str) -> str:
    if value is None:
        return f"missing field {name}" if expected != "a string or null" else f"field {name} is null"
    return f"field {name} must be {expected}, got {type(value).__name__}"
