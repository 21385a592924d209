"""Splitting an archive into partitions with deterministic ids.

A JSON Lines file is cut into runs of ``size`` lines; the partition id names the file and the
line range (``synth-000-3f2a9c1b-L00000001-00000500``), so the same input and size always give
the same ids and a resumed run recognises what it has already done. Other files (one document
each: .txt, .html, ...) are grouped ``size`` at a time in sorted order.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FILE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
MANIFEST_NAME = "manifest.jsonl"  # rows with a path instead of text: read whole by marsad.read
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class Partition:
    """A unit of work: lines ``first..last`` (1-based, inclusive) of a JSON Lines file, or whole files."""

    pid: str
    path: str  # the JSON Lines file ("" for a group of files)
    first_line: int = 0
    last_line: int = 0
    byte_start: int = 0
    byte_end: int = 0
    files: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.files) if self.files else self.last_line - self.first_line + 1


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _stem(path: Path) -> str:
    return _UNSAFE.sub("_", path.stem)[:40] or "input"


def expand_inputs(patterns: Iterable[str]) -> list[Path]:
    """Files named by globs, files or directories (recursively), sorted and without repeats."""
    found: dict[str, Path] = {}
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise FileNotFoundError(f"no file matches the input {pattern!r}: check the pattern and quote it")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if _wanted(child):
                        found.setdefault(str(child.resolve()), child.resolve())
            elif path.is_file():
                found.setdefault(str(path.resolve()), path.resolve())
            elif path.exists():
                raise ValueError(f"input {match}: not a regular file (only regular files are read)")
            else:
                raise FileNotFoundError(f"no such input: {match}")
    if not found:
        raise FileNotFoundError(f"no documents in the inputs {', '.join(map(repr, patterns))} "
                                "(.jsonl, .ndjson, .txt, .html, .htm files)")
    return [found[k] for k in sorted(found)]


def _wanted(path: Path) -> bool:
    """A file found in a folder: a document format, and for JSON Lines rows that are documents (not gold)."""
    if path.name.startswith(".") or not path.is_file():
        return False
    suffix = path.suffix.lower()
    if suffix in FILE_SUFFIXES:
        return True
    if suffix not in JSONL_SUFFIXES:
        return False
    with path.open("rb") as fh:
        for raw in fh:
            if raw.strip():
                try:
                    row = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    return True  # a broken file is reported per line, not skipped silently
                return not isinstance(row, dict) or "text" in row or "path" in row
    return False


def _jsonl_partitions(path: Path, size: int) -> Iterator[Partition]:
    digest = _digest(str(path))
    stem = _stem(path)
    first = 1
    start = 0
    count = 0
    offset = 0
    line = 0
    with path.open("rb") as fh:
        for raw in fh:
            line += 1
            count += 1
            offset += len(raw)
            if count == size:
                yield Partition(f"{stem}-{digest}-L{first:08d}-{line:08d}", str(path), first, line, start, offset)
                first, start, count = line + 1, offset, 0
    if count:
        yield Partition(f"{stem}-{digest}-L{first:08d}-{line:08d}", str(path), first, line, start, offset)


def plan_partitions(paths: Iterable[Path], size: int) -> list[Partition]:
    """Partitions of at most ``size`` documents over ``paths`` (from :func:`expand_inputs`)."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    out: list[Partition] = []
    loose: list[str] = []
    for path in paths:
        if path.suffix.lower() in JSONL_SUFFIXES and path.name != MANIFEST_NAME:
            out.extend(_jsonl_partitions(path, size))
        else:
            loose.append(str(path))
    for k in range(0, len(loose), size):
        group = tuple(loose[k : k + size])
        out.append(Partition(f"files-{_digest(chr(10).join(group))}-{len(group):05d}", "", files=group))
    return out
