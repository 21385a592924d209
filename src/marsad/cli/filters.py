"""The event filters of the API (``GET /events``, ``/clusters``, ``/export``, ``/aggregates``) as command-line
options, with the same names: ``--from --to --country --admin1 --bbox --actor --event-type
--sub-event-type --min-fatalities --q --status --cluster-id``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.store.query import EventFilter


def day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from exc


def bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        a, b, c, d = (float(p) for p in parts)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not min_lon,min_lat,max_lon,max_lat") from exc
    return a, b, c, d


def add_filter_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (the same names as the API's query parameters)")
    g.add_argument("--from", dest="date_from", type=day, metavar="YYYY-MM-DD", help="first day")
    g.add_argument("--to", dest="date_to", type=day, metavar="YYYY-MM-DD", help="last day")
    g.add_argument("--country", help="country name (Mali, Burkina Faso, Niger), any case")
    g.add_argument("--admin1", help="admin1 region name, any case")
    g.add_argument("--bbox", type=bbox, metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                   help="bounding box in degrees, e.g. --bbox -5,14,-2,16")
    g.add_argument("--actor", help="actor id of actors.tsv (actor1, actor2 or associated)")
    g.add_argument("--event-type", help="ACLED event type, e.g. Battles")
    g.add_argument("--sub-event-type", help="ACLED sub-event type, e.g. 'Armed clash'")
    g.add_argument("--min-fatalities", type=int, metavar="N", help="at least N fatalities")
    g.add_argument("--q", "--text", dest="text", metavar="TEXT",
                   help="text in the evidence, claim quotes, places, notes or the document")
    g.add_argument("--status", choices=("reported", "background"), help="reported news or background events")
    g.add_argument("--cluster-id", "--cluster", dest="cluster_id", metavar="ID", help="one merged event")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    """The :class:`EventFilter` of the parsed options (raises QueryError when they contradict)."""
    from marsad.store.query import EventFilter

    return EventFilter(date_from=args.date_from, date_to=args.date_to, country=args.country, admin1=args.admin1,
                       bbox=args.bbox, actor=args.actor, event_type=args.event_type,
                       sub_event_type=args.sub_event_type, min_fatalities=args.min_fatalities, text=args.text,
                       status=args.status, cluster_id=args.cluster_id)
