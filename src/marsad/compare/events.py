"""The store's merged events, one per cluster, in the shape the comparison needs (bulk queries, no ORM objects).

A cluster's record is its most precise member (date, then place; the earliest stored on ties) with the
cluster's ACLED fatality figure (the lowest among its sources). Actors are given ACLED's names
(``src/marsad/data/actors.tsv``). This reads the store's cluster rows; when the store grows a fuller cluster
record (issue 10), ``merged_events`` is the function to point at it. Records without any date (stored with
the placeholder day 0001-01-01) are left out: they cannot be matched by date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.export.notes import actor_name
from marsad.store.ingest import NO_DAY
from marsad.store.models import ClusterRow, EventRow


@dataclass(frozen=True, slots=True)
class MarsadEvent:
    key: str  # cluster id (or the event key of a record without one)
    day: date
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None  # ACLED actor names
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    n_sources: int


def merged_events(session: Session, *, date_from: date | None = None, date_to: date | None = None,
                  country: str | None = None) -> list[MarsadEvent]:
    cols = (EventRow.id, EventRow.key, EventRow.cluster_id, EventRow.doc_id, EventRow.day, EventRow.time_precision,
            EventRow.geo_precision, EventRow.event_type, EventRow.sub_event_type, EventRow.actor1, EventRow.actor2,
            EventRow.country, EventRow.admin1, EventRow.admin2, EventRow.location, EventRow.latitude,
            EventRow.longitude, EventRow.fatalities)
    stmt = select(*cols).where(EventRow.status == "reported")
    groups: dict[str, list[Any]] = {}
    for row in session.execute(stmt):
        groups.setdefault(row.cluster_id or row.key, []).append(row)
    figures: dict[str, int | None] = dict(session.execute(select(ClusterRow.id, ClusterRow.fatalities)).all())
    out: list[MarsadEvent] = []
    for key, rows in groups.items():
        rep = min(rows, key=lambda r: (r.time_precision or 9, r.geo_precision or 9, r.id))
        if rep.day <= NO_DAY:
            continue  # no date at all (nor a publication date): nothing to compare with
        if (date_from and rep.day < date_from) or (date_to and rep.day > date_to):
            continue
        if country and (rep.country or "").casefold() != country.casefold():
            continue
        fat = figures.get(key, rep.fatalities) if rep.cluster_id else rep.fatalities
        out.append(MarsadEvent(key, rep.day, rep.event_type, rep.sub_event_type, actor_name(rep.actor1),
                               actor_name(rep.actor2), rep.country, rep.admin1, rep.admin2, rep.location,
                               rep.latitude, rep.longitude, fat, len({r.doc_id for r in rows})))
    return out
