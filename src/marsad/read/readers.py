"""Read documents from files, directories, manifests and streams; never raise for one bad document.

    >>> for item in read_path("reports/"):        # .txt, .jsonl, .html/.htm, manifest.jsonl
    ...     print(item.doc_id)

Each reader yields :class:`Document` or :class:`ReadFailure` (naming the document, or
``path:line``, and the reason) and goes on with the next one. ``published`` given by the
caller is a default: a date carried by the document itself (JSON row, manifest row, HTML
``<meta>``) wins.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from marsad.document import Document, DocumentError, ReadFailure
from marsad.read import decode
from marsad.read.dates import normalise_published
from marsad.read.decode import DecodeError, decode_bytes, too_large
from marsad.read.html_main import extract_page
from marsad.read.rows import RowError, document_from_row, is_manifest_row, manifest_entry, parse_line, row_doc_id

FORMATS = ("txt", "jsonl", "html")
EXTENSIONS = {".txt": "txt", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
MANIFEST_NAME = "manifest.jsonl"

Item = Document | ReadFailure


def read_paths(paths: Iterable[str | Path], **kw: Any) -> Iterator[Item]:
    """Every document under ``paths`` (files or directories), in order; doc_ids read twice fail the second time."""
    seen: dict[str, str] = {}
    for path in paths:
        yield from _unique(_read_one(Path(path), **kw), seen)


def read_path(path: str | Path, *, published: str | None = None, fmt: str | None = None) -> Iterator[Item]:
    """The documents of one file or directory (see the module doc)."""
    return _unique(_read_one(Path(path), published=published, fmt=fmt), {})


def read_stream(
    stream: BinaryIO, *, name: str = "stdin", fmt: str = "jsonl", published: str | None = None
) -> Iterator[Item]:
    """The documents of a binary stream (``sys.stdin.buffer``): ``fmt`` is "jsonl", "txt" or "html"."""
    return _unique(_read_stream(stream, name=name, fmt=fmt, published=published), {})


def _unique(items: Iterable[Item], seen: dict[str, str]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Document):
            first = seen.get(item.doc_id)
            if first is not None:
                yield ReadFailure(item.doc_id, f"duplicate doc_id (first read from {first})", item.source)
                continue
            seen[item.doc_id] = item.source or item.doc_id
        yield item


def _default_published(value: str | None, where: str) -> tuple[str | None, ReadFailure | None]:
    if value is None or not value.strip():
        return None, None
    try:
        return normalise_published(value), None
    except ValueError as exc:
        return None, ReadFailure(where, f"argument published: {exc}", where)


def _read_one(path: Path, *, published: str | None = None, fmt: str | None = None) -> Iterator[Item]:
    default, failure = _default_published(published, str(path))
    if failure is not None:
        yield failure
        return
    if fmt is not None and fmt not in FORMATS:
        yield ReadFailure(str(path), f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}", str(path))
        return
    if path.is_dir():
        yield from _read_dir(path, default)
    elif not path.is_file():
        reason = not_regular(path) if path.exists() else "no such file"
        yield ReadFailure(path.stem or str(path), reason, str(path))
    else:
        yield from _read_file(path, default, fmt)


def not_regular(path: Path) -> str:
    """Why ``path`` (which exists) is not read: only regular files are (a FIFO would block for ever)."""
    kind = "a FIFO" if path.is_fifo() else "a socket" if path.is_socket() else \
        "a device" if path.is_block_device() or path.is_char_device() else "not a regular file"
    return f"not a regular file ({kind}): only regular files are read"


def _format_of(path: Path) -> str | None:
    return EXTENSIONS.get(path.suffix.lower())


def _read_file(path: Path, published: str | None, fmt: str | None) -> Iterator[Item]:
    fmt = fmt or _format_of(path)
    if fmt is None:
        reason = f"unknown file type {path.suffix!r}: expected .txt, .jsonl, .html or .htm"
        yield ReadFailure(path.stem, reason, str(path))
        return
    if fmt == "jsonl":
        try:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, str(path), path.parent, published)
        except OSError as exc:
            yield ReadFailure(path.stem, f"cannot read file: {exc.strerror or exc}", str(path))
        return
    try:
        size = path.stat().st_size
        size_reason = too_large(size)
        data = b"" if size_reason else path.read_bytes()
    except OSError as exc:
        yield ReadFailure(path.stem, f"cannot read file: {exc.strerror or exc}", str(path))
        return
    if size_reason:
        yield ReadFailure(path.stem, size_reason, str(path))
        return
    yield _document_from_bytes(data, doc_id=path.stem, source=str(path), fmt=fmt, published=published)


def _document_from_bytes(
    data: bytes, *, doc_id: str, source: str, fmt: str, published: str | None, meta: dict[str, str] | None = None
) -> Item:
    """One .txt or .html document from its bytes."""
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        return ReadFailure(doc_id, str(exc), source)
    title: str | None = None
    meta = dict(meta or {})
    if fmt == "html":
        try:
            page = extract_page(text)
        except RecursionError:
            return ReadFailure(doc_id, "HTML nested too deeply", source)
        text, title = page.text, page.title
        if page.published:
            try:
                published = normalise_published(page.published)
            except ValueError as exc:  # a page's own bad date is noted, not fatal
                meta["published_error"] = str(exc)
    if not text.strip():
        return ReadFailure(doc_id, "empty document", source)
    try:
        return Document(doc_id, text, published=published, title=title, source=source, meta=meta)
    except DocumentError as exc:
        return ReadFailure(doc_id, exc.reason, source)


def _read_stream(stream: BinaryIO, *, name: str, fmt: str, published: str | None) -> Iterator[Item]:
    default, failure = _default_published(published, name)
    if failure is not None:
        yield failure
        return
    if fmt == "jsonl":
        yield from _read_jsonl(stream, name, None, default)
        return
    if fmt not in FORMATS:
        yield ReadFailure(name, f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}", name)
        return
    data = stream.read(decode.MAX_BYTES + 1)
    if too_large(len(data)):
        yield ReadFailure(name, f"document is over the {decode.MAX_BYTES:,}-byte limit", name)
        return
    yield _document_from_bytes(data, doc_id=name, source=name, fmt=fmt, published=default)


# -- JSON Lines -------------------------------------------------------------------------------


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | str | None]]:
    """(line number, raw line) pairs; None for a line over the size limit (its bytes are skipped)."""
    lineno = 0
    while True:
        raw = stream.readline(decode.MAX_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if lineno == 1 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from _utf16_lines(raw + stream.read())
            return
        if len(raw) > decode.MAX_BYTES and not raw.endswith(b"\n"):
            while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, raw


def _utf16_lines(data: bytes) -> Iterator[tuple[int, bytes | str | None]]:
    text = decode_bytes(data).text  # a DecodeError is reported by the caller
    yield from enumerate(text.split("\n"), 1)


def _read_jsonl(stream: BinaryIO, name: str, base: Path | None, published: str | None) -> Iterator[Item]:
    lines = _lines(stream)
    while True:
        try:
            lineno, raw = next(lines)
        except StopIteration:
            return
        except DecodeError as exc:
            yield ReadFailure(name, str(exc), name)
            return
        where = f"{name}:{lineno}"
        if raw is None:
            yield ReadFailure(where, f"line is over the {decode.MAX_BYTES:,}-byte limit", where)
            continue
        if isinstance(raw, bytes):
            if not raw.strip():
                continue
            try:
                line = decode_bytes(raw).text
            except DecodeError as exc:
                yield ReadFailure(where, str(exc), where)
                continue
        else:
            line = raw
        if not line.strip():
            continue
        yield from _row_items(line, where, base, published)


def _row_items(line: str, where: str, base: Path | None, published: str | None) -> Iterator[Item]:
    try:
        row = parse_line(line)
    except RowError as exc:
        yield ReadFailure(where, exc.reason, where)
        return
    try:
        if is_manifest_row(row):
            yield from _manifest_row(row, where, base, published)
        else:
            yield document_from_row(row, source=where, default_published=published)
    except RowError as exc:
        yield ReadFailure(exc.doc_id or row_doc_id(row) or where, exc.reason, where)


def _manifest_row(row: dict[str, Any], where: str, base: Path | None, published: str | None) -> Iterator[Item]:
    entry = manifest_entry(row)
    if base is None:
        raise RowError("a manifest row (path instead of text) needs a manifest file, not a stream", entry.doc_id)
    target = base / entry.path
    doc_id = entry.doc_id or Path(entry.path).stem
    fmt = _format_of(target)
    if fmt not in ("txt", "html"):
        raise RowError(f"a manifest lists .txt or .html files, not {entry.path!r}", doc_id)
    if target.exists() and not target.is_file():
        raise RowError(f"listed file {entry.path!r}: {not_regular(target)}", doc_id)
    try:
        size = target.stat().st_size
        reason = too_large(size)
        data = b"" if reason else target.read_bytes()
    except FileNotFoundError:
        raise RowError(f"listed file {entry.path!r} not found", doc_id) from None
    except OSError as exc:
        raise RowError(f"cannot read listed file {entry.path!r}: {exc.strerror or exc}", doc_id) from None
    if reason:
        raise RowError(reason, doc_id)
    yield _document_from_bytes(
        data, doc_id=doc_id, source=str(target), fmt=fmt, published=entry.published or published, meta=entry.meta
    )


# -- directories ------------------------------------------------------------------------------


def _read_dir(root: Path, published: str | None) -> Iterator[Item]:
    files = _dir_files(root)
    manifests = [f for f in files if f.name == MANIFEST_NAME and f.is_file()]
    listed = {p for m in manifests for p in _manifest_paths(m)}
    for path in files:
        if not path.is_file():  # a FIFO, socket or device named like a document: reported, never opened
            yield ReadFailure(path.stem, not_regular(path), str(path))
            continue
        if path.name != MANIFEST_NAME and path.resolve() in listed:
            continue
        if path.suffix.lower() == ".jsonl" and path.name != MANIFEST_NAME and not _holds_documents(path):
            continue  # gold/prediction files (rows of events) sit next to documents: not documents
        yield from _read_file(path, published, None)


def _dir_files(root: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if not name.startswith(".") and _format_of(path) is not None:
                out.append(path)
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def _manifest_paths(manifest: Path) -> set[Path]:
    out: set[Path] = set()
    try:
        with manifest.open("rb") as stream:
            for _, raw in _lines(stream):
                if raw is None:
                    continue
                try:
                    row = parse_line(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
                except (RowError, UnicodeDecodeError):
                    continue
                if isinstance(row.get("path"), str):
                    out.add((manifest.parent / row["path"]).resolve())
    except (OSError, DecodeError):
        pass  # reading the manifest itself reports the problem
    return out


def _holds_documents(path: Path) -> bool:
    """Whether a .jsonl file's first row looks like a document (has ``text`` or ``path``)."""
    try:
        with path.open("rb") as stream:
            for _, raw in _lines(stream):
                if raw is None or not raw.strip():
                    continue
                try:
                    row = parse_line(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
                except (RowError, UnicodeDecodeError):
                    return True  # let the reader report it
                return "text" in row or "path" in row
    except (OSError, DecodeError):
        return True
    return True
