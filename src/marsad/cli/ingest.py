"""``marsad ingest PATH...``: read documents, extract their events and store them (merging across sources).

    marsad ingest corpus/ more.jsonl [--published 2024-09-17] [--database URL|PATH]

Documents already stored with the same text are left as they are; changed ones have their events
replaced. A summary goes to standard output, each failure (document and reason) to standard error.
Exit code 0, unless nothing could be read or stored (1), or the database cannot be opened (2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from marsad.document import Document, ReadFailure
from marsad.records import Event


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("ingest", help="extract events from reports and store them")
    p.add_argument("paths", nargs="+", help="files, directories, or - for stdin (JSON Lines)")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for input without one")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL or ./marsad.db)")
    p.add_argument("--stdin-format", default="jsonl", choices=("jsonl", "txt", "html"),
                   help="what - (stdin) holds: JSON Lines documents, or one plain-text or HTML document")
    p.add_argument("--batch-size", type=int, default=200, help="documents per transaction (default 200)")
    p.add_argument("--no-merge", action="store_true", help="store without clustering across documents")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="a progress line on stderr (auto: when stderr is a terminal)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary (failures still shown)")
    p.set_defaults(func=run)


def _items(args: argparse.Namespace) -> Iterator[Document | ReadFailure]:
    from marsad.read import read_paths, read_stream

    files = [p for p in args.paths if p != "-"]
    if len(files) < len(args.paths):
        yield from read_stream(sys.stdin.buffer, name="stdin", fmt=args.stdin_format, published=args.published)
    if files:
        yield from read_paths(files, published=args.published)


def _fail(doc_id: str, reason: str) -> None:
    print(json.dumps({"error": reason, "doc_id": doc_id}, ensure_ascii=False), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.cli.database import open_database
    from marsad.pipeline import Pipeline
    from marsad.progress import progress
    from marsad.store import ingest_many
    from marsad.store.db import explain_error

    if args.batch_size < 1:
        print("marsad ingest: --batch-size must be at least 1", file=sys.stderr)
        return 2
    store = open_database("ingest", args.database, write=True, must_exist=False)
    if isinstance(store, int):
        return store
    counts = {"read": 0, "unreadable": 0}

    def extracted() -> Iterator[tuple[Document, list[Event]]]:
        for result in progress(Pipeline().pipe(_items(args)), mode="never" if args.quiet else args.progress,
                               unit="doc"):
            counts["read"] += 1
            if result.error is not None or result.document is None:
                counts["unreadable"] += 1
                reason = result.error.reason if result.error else "no document"
                _fail(result.doc_id, reason)
                continue
            yield result.document, result.events

    try:
        report = ingest_many(store.session_factory, extracted(), batch_size=args.batch_size,
                             merge=not args.no_merge, on_failure=_fail)
    except SQLAlchemyError as exc:  # the database refuses every write (read-only, gone): stop, in one line
        print(f"marsad ingest: {explain_error(exc, store.engine.url.render_as_string(hide_password=False))}",
              file=sys.stderr)
        return 2
    finally:
        store.dispose()
    failed = counts["unreadable"] + len(report.failed)
    if not args.quiet:
        print(f"marsad ingest: {counts['read']} documents: inserted {report.inserted}, unchanged {report.unchanged}, "
              f"replaced {report.replaced}, failed {failed}; {report.events} events stored")
    stored = report.inserted + report.unchanged + report.replaced
    return 0 if stored else 1
