"""ACLED CSV export (``spec/EVENTS.md`` section 5): ACLED's 2023 column layout, one event a row."""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Iterable, Mapping
from typing import TextIO

from marsad.actors import get
from marsad.countries import lookup as country
from marsad.export.notes import actor_name, summarise
from marsad.records import Event

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
POLITICAL_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATIONS = frozenset({"Protests", "Riots"})
UNKNOWN_ISO3 = "XXX"
ID_MODULUS = 10**8
COORD_DECIMALS = 4


def disorder_type(event_type: str | None) -> str:
    if event_type in POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type in DEMONSTRATIONS:
        return "Demonstrations"
    return "Strategic developments"


def inter_code(actor_id: str | None) -> int | None:
    actor = get(actor_id)
    return actor.inter if actor else None


def interaction(inter1: int | None, inter2: int | None) -> str:
    """The two inter codes, smaller first ("12"); a one-sided event the code and 0 ("20"); "" when none."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def civilian_targeting(event: Event) -> str:
    if disorder_type(event.event_type) == "Strategic developments":
        return ""
    for actor_id in (event.actor2, event.actor1):
        actor = get(actor_id)
        if (actor is not None and actor.kind == "civilians") or (actor_id or "").startswith("civilians:"):
            return "Civilian targeting"
    return ""


def event_key(event: Event) -> str:
    """What makes an event itself, for a stable ``event_id_cnty`` number."""
    if event.event_id:
        return event.event_id
    sources = sorted(event.sources or [event.doc_id])
    parts = (event.event_date or event.date_min, event.location, event.event_type, event.sub_event_type,
             event.actor1, event.actor2, ",".join(sources))  # fmt: skip
    return "|".join(p or "" for p in parts)


class _Ids:
    """Stable per-event numbers, unique within one export."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def next(self, event: Event) -> str:
        found = country(event.country)
        prefix = found.iso3 if found else UNKNOWN_ISO3
        number = int(hashlib.sha256(event_key(event).encode("utf-8")).hexdigest(), 16) % ID_MODULUS
        while f"{prefix}{number}" in self.used:
            number = (number + 1) % ID_MODULUS
        self.used.add(f"{prefix}{number}")
        return f"{prefix}{number}"


def _sources(event: Event, outlets: Mapping[str, str] | None) -> str:
    names: list[str] = []
    for doc_id in event.sources or [event.doc_id]:
        name = (outlets or {}).get(doc_id) or doc_id
        if name not in names:
            names.append(name)
    return "; ".join(names)


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.{COORD_DECIMALS}f}"


def _opt(value: object) -> str:
    return "" if value is None else str(value)


def acled_row(
    event: Event, *, event_id_cnty: str, outlets: Mapping[str, str] | None = None, timestamp: int = 0
) -> dict[str, str]:
    """One CSV row (column → text) for ``event``."""
    date = event.event_date or event.date_min or ""
    inter1, inter2 = inter_code(event.actor1), inter_code(event.actor2)
    allies1, allies2 = event.assoc_sides()
    found = country(event.country)
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": date,
        "year": date[:4],
        "time_precision": _opt(event.time_precision),
        "disorder_type": disorder_type(event.event_type),
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": actor_name(event.actor1) or "",
        "assoc_actor_1": "; ".join(actor_name(a) or a for a in allies1),
        "inter1": _opt(inter1),
        "actor2": actor_name(event.actor2) or "",
        "assoc_actor_2": "; ".join(actor_name(a) or a for a in allies2),
        "inter2": _opt(inter2),
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event),
        "iso": str(found.iso_numeric) if found else "",
        "region": found.region if found else "",
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.location or "",
        "latitude": _coord(event.latitude),
        "longitude": _coord(event.longitude),
        "geo_precision": _opt(event.geo_precision),
        "source": _sources(event, outlets),
        "source_scale": "",
        "notes": (event.notes or summarise(event)).replace("\r", " ").replace("\n", " "),
        "fatalities": _opt(event.fatalities),
        "tags": "",
        "timestamp": str(timestamp),
    }


def write_acled_csv(
    events: Iterable[Event],
    out: TextIO,
    *,
    outlets: Mapping[str, str] | None = None,
    timestamp: int | None = None,
    include_background: bool = False,
) -> int:
    """Write the header and one row per event; ``outlets`` maps doc_id → outlet name for ``source``;
    ``timestamp`` (unix seconds, default now) fills the column for reproducible files. ``background``
    events (older events a report recalls) are left out unless ``include_background``. Returns the row count."""
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    ids = _Ids()
    count = 0
    for event in events:
        if event.status == "background" and not include_background:
            continue
        writer.writerow(acled_row(event, event_id_cnty=ids.next(event), outlets=outlets, timestamp=stamp))
        count += 1
    return count
