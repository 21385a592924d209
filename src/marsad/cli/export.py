"""``marsad export``: stored events as ACLED CSV, GeoJSON, JSON Lines, aggregates or gold lines.

    marsad export --format acled-csv --country Mali --from 2024-01-01 --output mali.csv
    marsad export --format aggregates-csv --by admin1 --period week
    marsad export --format gold -o reviewed.gold.jsonl

``--unit cluster`` (the default) writes one merged event per row (spec §6: best-supported fields,
ACLED's fatality figure across its sources, every source); ``--unit event`` every report's record.
ACLED CSV leaves ``background`` events out unless ``--include-background``. ``aggregates-csv`` counts
merged events and fatalities per area and period; ``gold`` writes the documents that have an
analyst-reviewed event as gold lines of ``spec/EVENTS.md`` §2 (for ``eval/score.py``).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, TextIO

from marsad.cli.filters import add_filter_options, filter_from_args

if TYPE_CHECKING:
    from marsad.store import EventFilter, Store

FORMATS = ("acled-csv", "geojson", "jsonl", "aggregates-csv", "gold")


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="export stored events (ACLED CSV, GeoJSON, JSONL, aggregates, gold)",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", default="acled-csv", choices=FORMATS, help="output format (default acled-csv)")
    p.add_argument("--output", "-o", default="-", help="output file (default stdout)")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL or ./marsad.db)")
    p.add_argument("--unit", choices=("cluster", "event", "record"), default="cluster",
                   help="one row per merged event (cluster, the default) or per report's record (event)")
    p.add_argument("--include-background", action="store_true",
                   help="ACLED CSV: also write background events (older events a report recalls)")
    p.add_argument("--by", choices=("country", "admin1", "admin2"), default="admin1",
                   help="aggregates-csv: the area level (default admin1)")
    p.add_argument("--period", choices=("week", "month"), default="month",
                   help="aggregates-csv: ISO week or month (default month)")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error (errors still shown)")
    add_filter_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.store import QueryError

    try:
        flt = filter_from_args(args)
    except QueryError as exc:
        print(f"marsad export: {exc}", file=sys.stderr)
        return 2
    from marsad.cli.database import open_database

    store = open_database("export", args.database, write=False, must_exist=True)
    if isinstance(store, int):
        return store
    unit = "event" if args.unit == "record" else args.unit
    if not args.quiet:
        print(f"marsad export: reading {store.engine.url.render_as_string(hide_password=True)}", file=sys.stderr)
    try:
        return _write(store, flt, args, unit)
    except OSError as exc:
        print(f"marsad export: cannot write {args.output}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()


def _write(store: Store, flt: EventFilter, args: argparse.Namespace, unit: str) -> int:
    from marsad.export import get_writer
    from marsad.export.aggregates import write_aggregates_csv
    from marsad.export.gold import write_gold
    from marsad.store import iter_events
    from marsad.store.clusters import aggregates, iter_cluster_records, record_of
    from marsad.store.query import outlets

    with store.session() as session, ExitStack() as stack:
        out: TextIO = sys.stdout if args.output == "-" else stack.enter_context(
            open(args.output, "w", encoding="utf-8", newline=""))
        if args.format == "aggregates-csv":
            n = write_aggregates_csv(aggregates(session, flt, by=args.by, period=args.period), out, by=args.by)
            what = "rows"
        elif args.format == "gold":
            n = write_gold(session, out, flt)
            what = "documents"
        elif unit == "cluster" and args.format == "jsonl":
            n = sum(out.write(_json(record) + "\n") > 0 for record in iter_cluster_records(session, flt))
            what = "merged events"
        else:
            if unit == "cluster":
                events = [record_of(r).to_event() for r in iter_cluster_records(session, flt)]
            else:
                events = [it.event for it in iter_events(session, flt)]
            names = outlets(session, {d for e in events for d in (e.sources or [e.doc_id])})
            n = get_writer(args.format)(events, out, outlets=names, include_background=args.include_background)
            what = "merged events" if unit == "cluster" else "events"
    if not args.quiet:
        print(f"marsad export: {n} {what} as {args.format}", file=sys.stderr)
    return 0


def _json(record: dict[str, Any]) -> str:
    import json

    return json.dumps(record, ensure_ascii=False, default=str)
