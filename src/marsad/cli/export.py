"""``marsad export``: stored events as ACLED CSV, GeoJSON or JSON Lines, with the API's filters.

    marsad export --format acled-csv --country Mali --from 2024-01-01 --output mali.csv

``--unit cluster`` (the default for acled-csv and geojson) writes one event per cluster: its most precise
record, with the lowest fatality figure between sources and every source; ``--unit record`` (the default
for jsonl) writes every stored record, each with its ``cluster_id``.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from marsad.store import EventFilter, Store

FORMATS = ("acled-csv", "geojson", "jsonl")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from exc


def _bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        a, b, c, d = (float(p) for p in parts)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not min_lon,min_lat,max_lon,max_lat") from exc
    return a, b, c, d


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("export", help="export stored events (ACLED CSV, GeoJSON, JSONL)")
    p.add_argument("--format", default="acled-csv", choices=FORMATS)
    p.add_argument("--output", "-o", default="-", help="output file (default stdout)")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL or ./marsad.db)")
    p.add_argument("--unit", choices=("cluster", "record"), help="one row per cluster or per stored record")
    p.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--country")
    p.add_argument("--admin1")
    p.add_argument("--bbox", type=_bbox, metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                   help="write --bbox=-5,14,-2,16 when the first value is negative")
    p.add_argument("--actor", help="actor id (actor1, actor2 or associated)")
    p.add_argument("--event-type")
    p.add_argument("--sub-event-type")
    p.add_argument("--min-fatalities", type=int)
    p.add_argument("--text", help="substring of notes, places, evidence or document text")
    p.add_argument("--status", choices=("reported", "background"))
    p.add_argument("--cluster", dest="cluster_id")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.settings import SettingsError, get_settings
    from marsad.store import EventFilter, QueryError, open_store

    try:
        flt = EventFilter(date_from=args.date_from, date_to=args.date_to, country=args.country, admin1=args.admin1,
                          bbox=args.bbox, actor=args.actor, event_type=args.event_type,
                          sub_event_type=args.sub_event_type, min_fatalities=args.min_fatalities, text=args.text,
                          status=args.status, cluster_id=args.cluster_id)
    except QueryError as exc:
        print(f"marsad export: {exc}", file=sys.stderr)
        return 2
    from marsad.store.db import database_problem, explain_error

    try:
        settings = get_settings().with_database(args.database)
    except SettingsError as exc:
        print(f"marsad export: {exc}", file=sys.stderr)
        return 2
    problem = database_problem(settings.database_url, write=False)
    if problem:
        print(f"marsad export: {problem}", file=sys.stderr)
        return 2
    try:
        store = open_store(settings)
    except (SQLAlchemyError, OSError) as exc:
        print(f"marsad export: {explain_error(exc, settings.database_url)}", file=sys.stderr)
        return 2
    unit = args.unit or ("record" if args.format == "jsonl" else "cluster")
    try:
        return _write(store, flt, args, unit)
    except OSError as exc:
        print(f"marsad export: cannot write {args.output}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()


def _write(store: Store, flt: EventFilter, args: argparse.Namespace, unit: str) -> int:
    from marsad.export import get_writer
    from marsad.store import iter_events
    from marsad.store.query import iter_clusters, outlets

    with store.session() as session, ExitStack() as stack:
        found = iter_clusters(session, flt) if unit == "cluster" else iter_events(session, flt)
        events = [it.event for it in found]
        names = outlets(session, {d for e in events for d in (e.sources or [e.doc_id])})
        out: TextIO = sys.stdout if args.output == "-" else stack.enter_context(
            open(args.output, "w", encoding="utf-8", newline=""))
        n = get_writer(args.format)(events, out, outlets=names)
    print(f"marsad export: {n} events ({unit}s) as {args.format}", file=sys.stderr)
    return 0
