"""``marsad extract PATH...``: documents in, event records out (JSON Lines, ACLED CSV or GeoJSON).

PATH may be files, directories or ``-`` for standard input (JSON Lines, one document per
line; ``--stdin-format txt`` for one plain-text document). Documents that cannot be read
or processed are reported on standard error as JSON error records naming the document
and the reason (and to ``--errors FILE`` when given); the batch goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any, TextIO

from marsad.document import Document, ReadFailure


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("extract", help="extract events from Arabic reports")
    p.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for .txt input without one")
    p.add_argument("--format", default="jsonl", choices=("jsonl", "acled-csv", "geojson"),
                   help="jsonl: one record per report's event; acled-csv: one row per merged event; geojson")
    p.add_argument("--output", "-o", default="-", help="output file (default stdout)")
    p.add_argument("--errors", help="write error records (JSON Lines) to this file too")
    p.add_argument("--stdin-format", default="jsonl", choices=("jsonl", "txt", "html"),
                   help="what - (stdin) holds: JSON Lines documents, or one plain-text or HTML document")
    p.add_argument("--no-merge", action="store_true", help="do not cluster events across documents")
    p.add_argument("--include-background", action="store_true",
                   help="ACLED CSV: also write background events (older events a report recalls)")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="a progress line on stderr (auto: when stderr is a terminal)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary (errors still shown)")
    p.set_defaults(func=run)


def _items(args: argparse.Namespace) -> Iterator[Document | ReadFailure]:
    from marsad.read import read_path, read_stream

    for path in args.paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, name="stdin", fmt=args.stdin_format, published=args.published)
        else:
            yield from read_path(path, published=args.published)


def run(args: argparse.Namespace) -> int:
    from marsad.export import get_writer
    from marsad.merge import cluster_events
    from marsad.merge.record import merged_events
    from marsad.pipeline import Pipeline
    from marsad.progress import progress

    pipeline = Pipeline()
    events = []
    outlets: dict[str, str] = {}
    published: dict[str, str] = {}
    texts: dict[str, str] = {}
    n_docs = n_failed = 0
    with ExitStack() as stack:
        # both files are opened before any work, so that a wrong path fails at once, in one line
        err_file: TextIO | None = None
        out: TextIO = sys.stdout
        try:
            if args.errors:
                err_file = stack.enter_context(open(args.errors, "w", encoding="utf-8"))
            if args.output != "-":
                out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        except OSError as exc:
            option = "--errors" if args.errors and exc.filename == args.errors else "--output"
            print(f"marsad extract: cannot write {option} {exc.filename}: {exc.strerror or exc}: "
                  "name a file in an existing, writable folder", file=sys.stderr)
            return 2
        mode = "never" if args.quiet else args.progress
        for result in progress(pipeline.pipe(_items(args)), mode=mode, unit="doc"):
            n_docs += 1
            if result.error is not None:
                n_failed += 1
                line = json.dumps(result.error.to_dict(), ensure_ascii=False)
                print(line, file=sys.stderr)
                if err_file:
                    err_file.write(line + "\n")
                continue
            if result.document is not None:
                texts[result.doc_id] = result.document.text
                if result.document.outlet:
                    outlets[result.doc_id] = result.document.outlet
                if result.document.published:
                    published[result.doc_id] = result.document.published
            events.extend(result.events)
        if not args.no_merge:
            cluster_events(events, texts=texts)
        writer = get_writer(args.format)
        if args.format == "acled-csv":  # one row per merged event
            rows = merged_events(events, outlets=outlets, published=published)
            writer(rows, out, outlets=outlets, include_background=args.include_background)
        else:
            writer(events, out)
    if not args.quiet:
        print(f"marsad extract: {n_docs} documents, {len(events)} events, {n_failed} failed", file=sys.stderr)
    return 1 if n_docs and n_failed == n_docs else 0
