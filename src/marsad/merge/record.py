"""The merged event (``spec/EVENTS.md`` §6): one record per cluster, built from its report-level events.

    >>> from marsad.merge.record import build_cluster
    >>> record = build_cluster(events_of_one_cluster, "c-1234")          # doctest: +SKIP
    >>> record.to_dict()["fatalities"], record.alternatives              # doctest: +SKIP

A pure function of the member records (and, optionally, of each document's outlet and publication day):

- **dates**: the narrowest range all credible reports allow (the intersection of their ranges; when
  they do not intersect, the range of the most precise report); ``event_date`` the day most reports
  give inside it;
- **type, actors**: the value most sources support (a named actor beats ``unidentified``; ties go to the
  most precise report); the others are kept in ``alternatives`` with their sources;
- **place**: the most precise credible place (lowest ``geo_precision``, then the most supported);
- **fatalities**: ACLED's rule — per outlet its latest report's figure, then the lowest of those; a
  report giving no toll (0 without an explicit «no one was killed» claim) does not count against one
  that gives a figure; never a sum. ``fatalities_min``/``fatalities_max`` span every full count
  reported, the records' own and their claims';
- ``status`` is ``reported`` when any report tells it as news; background-only reports are used only
  when no report tells it as news.

Analyst corrections (``reviewed``: field → :class:`Review`) win over every computed value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.merge.cluster import UNKNOWN_ACTORS, cluster_id_for, event_key
from marsad.records import Claim, Event, Item

VOTED = ("event_type", "sub_event_type", "actor1", "actor2")
PLACE_FIELDS = ("country", "admin1", "admin2", "location", "geonameid", "latitude", "longitude", "geo_precision",
                "admin1_pcode", "admin2_pcode")
DATE_FIELDS = ("event_date", "date_min", "date_max", "time_precision")
REVIEWABLE = (*DATE_FIELDS, *VOTED, "assoc_actors1", "assoc_actors2", *PLACE_FIELDS, "fatalities", "status",
              "notes")


@dataclass(frozen=True, slots=True)
class Review:
    """An analyst's value for a field: who set it (the API key's name) and when (ISO 8601, UTC)."""

    value: Any
    by: str
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "by": self.by, "at": self.at}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Review:
        return cls(value=data.get("value"), by=str(data.get("by") or ""), at=str(data.get("at") or ""))


@dataclass(slots=True)
class ClusterRecord:
    cluster_id: str
    status: str
    event_date: str | None
    date_min: str | None
    date_max: str | None
    time_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    assoc_actors1: list[str]
    assoc_actors2: list[str]
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    admin1_pcode: str | None
    admin2_pcode: str | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    claims: list[dict[str, Any]]
    sources: list[str]
    events: list[str]
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seized: list[Item] = field(default_factory=list)
    destroyed: list[Item] = field(default_factory=list)
    notes: str | None = None
    reviewed: dict[str, Review] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if name in ("seized", "destroyed"):
                value = [{"item": i.item, "count": i.count} for i in value]
            elif name == "reviewed":
                value = {k: r.to_dict() for k, r in sorted(value.items())}
            elif isinstance(value, list | dict):
                value = _copy(value)
            out[name] = value
        return out

    def to_event(self) -> Event:
        """The record as an :class:`Event` (``doc_id`` its first source, ``sources`` all), for the writers of
        :mod:`marsad.export`; ``event_id`` is the cluster id, so ACLED ids stay stable."""
        return Event(
            doc_id=self.sources[0] if self.sources else self.cluster_id,
            status="background" if self.status == "background" else "reported",
            event_date=self.event_date, date_min=self.date_min, date_max=self.date_max,
            time_precision=self.time_precision, event_type=self.event_type, sub_event_type=self.sub_event_type,
            actor1=self.actor1, actor2=self.actor2, assoc_actors1=list(self.assoc_actors1),
            assoc_actors2=list(self.assoc_actors2), country=self.country, admin1=self.admin1, admin2=self.admin2,
            location=self.location, geonameid=self.geonameid, latitude=self.latitude, longitude=self.longitude,
            geo_precision=self.geo_precision, admin1_pcode=self.admin1_pcode, admin2_pcode=self.admin2_pcode,
            fatalities=self.fatalities,
            claims=[Claim(c.get("claimant"), c.get("killed"), c.get("injured"), c.get("captured"),
                          c.get("quote") or "") for c in self.claims],
            seized=list(self.seized), destroyed=list(self.destroyed), sources=list(self.sources),
            event_id=self.cluster_id, cluster_id=self.cluster_id, notes=self.notes,
        )


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _precision(ev: Event) -> tuple[int, int]:
    return (ev.time_precision or 9, ev.geo_precision or 9)


@dataclass(frozen=True, slots=True)
class _Member:
    key: str
    event: Event
    rank: int  # order of preference on ties: most precise first, then stored order


def _members(events: Sequence[Event], keys: Sequence[str] | None) -> list[_Member]:
    if keys is None:
        counts: Counter[str] = Counter()
        keys = []
        for ev in events:
            counts[ev.doc_id] += 1
            keys.append(ev.event_id or event_key(ev.doc_id, counts[ev.doc_id]))
    order = sorted(range(len(events)), key=lambda i: (_precision(events[i]), keys[i]))
    rank = {i: r for r, i in enumerate(order)}
    return [_Member(keys[i], events[i], rank[i]) for i in range(len(events))]


def _vote(members: Sequence[_Member], get: Any, *, unknown: frozenset[Any] = frozenset({None})) -> tuple[
        Any, list[dict[str, Any]]]:
    """(the value most sources give — known values first, ties to the best-ranked member —, the alternatives
    ``[{"value", "sources"}]`` when members disagree)."""
    support: dict[Any, set[str]] = {}
    best_rank: dict[Any, int] = {}
    for m in members:
        value = get(m.event)
        support.setdefault(value, set()).add(m.event.doc_id)
        best_rank[value] = min(best_rank.get(value, m.rank), m.rank)
    if not support:
        return None, []
    chosen = min(support, key=lambda v: (v in unknown, -len(support[v]), best_rank[v]))
    known = [v for v in support if v is not None]
    alternatives = []
    if len(known) > 1 or (len(known) == 1 and len(support) > 1 and known[0] not in unknown and None not in support):
        alternatives = [{"value": v, "sources": sorted(support[v])}
                        for v in sorted(support, key=lambda v: (-len(support[v]), best_rank[v])) if v is not None]
    return chosen, alternatives


def _dates(members: Sequence[_Member]) -> tuple[str | None, str | None, str | None, int | None]:
    ranges = []
    for m in members:
        ev = m.event
        day, lo, hi = _day(ev.event_date), _day(ev.date_min), _day(ev.date_max)
        lo, hi = lo or day or hi, hi or day or lo
        if lo is not None and hi is not None:
            ranges.append((m, day, min(lo, hi), max(lo, hi)))
    if not ranges:
        return None, None, None, None
    lo, hi = max(r[2] for r in ranges), min(r[3] for r in ranges)
    if lo > hi:  # the reports' ranges do not meet: keep the most precise report's
        best = min(ranges, key=lambda r: r[0].rank)
        lo, hi = best[2], best[3]
    days = Counter(r[1] for r in ranges if r[1] is not None and lo <= r[1] <= hi)
    rank = {r[1]: min(x[0].rank for x in ranges if x[1] == r[1]) for r in ranges if r[1] is not None}
    if days:
        event_day: date | None = min(days, key=lambda d: (-days[d], rank[d]))
    else:
        event_day = lo if lo == hi else None
    span = (hi - lo).days
    precision = 1 if span == 0 else 2 if span <= 7 else 3
    return (event_day.isoformat() if event_day else None, lo.isoformat(), hi.isoformat(), precision)


def _actors(members: Sequence[_Member]) -> tuple[str | None, str | None, list[str], list[str],
                                                 dict[str, list[dict[str, Any]]]]:
    """The best-supported actor pair, reading each member in the orientation that agrees with it."""
    a1, alt1 = _vote(members, lambda e: e.actor1, unknown=UNKNOWN_ACTORS)
    a2, alt2 = _vote(members, lambda e: e.actor2, unknown=UNKNOWN_ACTORS)
    if a1 is not None and a1 == a2 and a1 not in UNKNOWN_ACTORS:  # one side claimed by both slots: re-read a2
        a2, alt2 = _vote([m for m in members if m.event.actor2 != a1] or members,
                         lambda e: e.actor2, unknown=UNKNOWN_ACTORS)
        if a2 == a1:
            a2 = None
    one: list[str] = []
    two: list[str] = []
    for m in sorted(members, key=lambda m: m.rank):
        s1, s2 = m.event.assoc_sides()
        swapped = (m.event.actor1 == a2 and m.event.actor1 not in UNKNOWN_ACTORS) or (
            m.event.actor2 == a1 and m.event.actor2 not in UNKNOWN_ACTORS)
        if swapped:
            s1, s2 = s2, s1
        one.extend(a for a in s1 if a not in one and a not in (a1, a2))
        two.extend(a for a in s2 if a not in two and a not in (a1, a2) and a not in one)
    alternatives = {k: v for k, v in (("actor1", alt1), ("actor2", alt2)) if v}
    return a1, a2, one, two, alternatives


def _place(members: Sequence[_Member]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    placed = [m for m in members if m.event.location or m.event.admin1 or m.event.country]
    if not placed:
        return dict.fromkeys(PLACE_FIELDS), []
    support: dict[str | None, set[str]] = {}
    for m in placed:
        support.setdefault(m.event.location, set()).add(m.event.doc_id)
    best = min(placed, key=lambda m: (m.event.geo_precision or 9, -len(support[m.event.location]), m.rank))
    values = {name: getattr(best.event, name) for name in PLACE_FIELDS}
    known = [v for v in support if v]
    alternatives = [{"value": v, "sources": sorted(support[v])}
                    for v in sorted(known, key=lambda v: (-len(support[v]), v))] if len(known) > 1 else []
    return values, alternatives


def credible_count(ev: Event) -> int | None:
    """A report's full count for ACLED's rule: its figure, except a 0 that no claim states (a report that
    gives no toll is not a report of no deaths)."""
    if ev.fatalities is None:
        return None
    if ev.fatalities == 0 and not any(c.killed == 0 for c in ev.claims):
        return None
    return ev.fatalities


def fatalities_of(events: Sequence[Event], *, outlets: Mapping[str, str] | None = None,
                  published: Mapping[str, str] | None = None) -> tuple[int | None, int | None, int | None]:
    """(fatalities, fatalities_min, fatalities_max) of one event told by ``events`` (ACLED's rule).

    Per outlet (``outlets``: doc_id → outlet; each document its own outlet by default) the latest report
    (``published``) that gives a figure replaces its earlier ones; the lowest of the outlets' figures is the
    event's. Without any credible figure: 0 when every report gives 0, None when one reports deaths
    without a figure."""
    outlets = outlets or {}
    published = published or {}
    latest: dict[str, tuple[tuple[str, str], int]] = {}
    every: list[int] = []
    for ev in events:
        count = credible_count(ev)
        every.extend(c.killed for c in ev.claims if c.killed is not None and c.killed > 0)
        if count is None:
            continue
        every.append(count)
        outlet = outlets.get(ev.doc_id) or ev.doc_id
        stamp = (published.get(ev.doc_id) or "", ev.doc_id)
        if outlet not in latest or stamp > latest[outlet][0]:
            latest[outlet] = (stamp, count)
    if latest:
        fatalities: int | None = min(count for _stamp, count in latest.values())
    elif events and all(ev.fatalities == 0 for ev in events):
        fatalities = 0
    else:
        fatalities = None
    return fatalities, (min(every) if every else fatalities), (max(every) if every else fatalities)


def _materiel(members: Sequence[_Member], name: str) -> list[Item]:
    best: dict[str, int | None] = {}
    for m in sorted(members, key=lambda m: m.rank):
        for it in getattr(m.event, name):
            if it.item not in best or (it.count or 0) > (best[it.item] or 0):
                best[it.item] = it.count
    return [Item(k, v) for k, v in best.items()]


def build_cluster(
    events: Sequence[Event],
    cluster_id: str | None = None,
    *,
    keys: Sequence[str] | None = None,
    reviewed: Mapping[str, Review] | None = None,
    outlets: Mapping[str, str] | None = None,
    published: Mapping[str, str] | None = None,
) -> ClusterRecord:
    """The merged record of one cluster's member ``events`` (see the module docstring).

    ``keys`` are the members' event ids (default: each record's ``event_id`` else ``"{doc_id}#{n}"``);
    ``reviewed`` analyst values that win over the computed ones."""
    if not events:
        raise ValueError("a cluster needs at least one event")
    members = _members(events, keys)
    news = [m for m in members if m.event.status != "background"]
    credible = news or members
    event_date, date_min, date_max, precision = _dates(credible)
    event_type, alt_type = _vote(credible, lambda e: e.event_type)
    typed = [m for m in credible if m.event.event_type == event_type] or credible
    sub_type, alt_sub = _vote(typed, lambda e: e.sub_event_type)
    a1, a2, assoc1, assoc2, alt_actors = _actors(credible)
    place, alt_place = _place(credible)
    fatalities, f_min, f_max = fatalities_of([m.event for m in credible], outlets=outlets, published=published)
    alternatives = {**({"event_type": alt_type} if alt_type else {}),
                    **({"sub_event_type": alt_sub} if alt_sub else {}), **alt_actors,
                    **({"location": alt_place} if alt_place else {})}
    days = {m.event.event_date for m in credible if m.event.event_date}
    if len(days) > 1:
        support: dict[str, set[str]] = {}
        for m in credible:
            if m.event.event_date:
                support.setdefault(m.event.event_date, set()).add(m.event.doc_id)
        alternatives["event_date"] = [{"value": d, "sources": sorted(s)} for d, s in sorted(support.items())]
    ordered = sorted(members, key=lambda m: m.rank)
    record = ClusterRecord(
        cluster_id=cluster_id or cluster_id_for([m.key for m in members]),
        status="reported" if news else "background",
        event_date=event_date, date_min=date_min, date_max=date_max, time_precision=precision,
        event_type=event_type, sub_event_type=sub_type, actor1=a1, actor2=a2,
        assoc_actors1=assoc1, assoc_actors2=assoc2, **place,
        fatalities=fatalities, fatalities_min=f_min, fatalities_max=f_max,
        claims=[{"doc_id": m.event.doc_id, "claimant": c.claimant, "killed": c.killed, "injured": c.injured,
                 "captured": c.captured, "quote": c.quote} for m in members for c in m.event.claims],
        sources=sorted({m.event.doc_id for m in members}),
        events=[m.key for m in members],
        alternatives=alternatives,
        seized=_materiel(credible, "seized"), destroyed=_materiel(credible, "destroyed"),
        notes=next((m.event.notes for m in ordered if m.event.notes), None),
    )
    apply_review(record, reviewed or {})
    return record


def apply_review(record: ClusterRecord, reviewed: Mapping[str, Review]) -> None:
    """Set the analyst's values on ``record`` (fields outside :data:`REVIEWABLE` are ignored)."""
    for name, review in reviewed.items():
        if name in REVIEWABLE:
            setattr(record, name, _copy(review.value))
            record.reviewed[name] = review
    if "fatalities" in reviewed and isinstance(record.fatalities, int):
        lows = [v for v in (record.fatalities_min, record.fatalities) if v is not None]
        highs = [v for v in (record.fatalities_max, record.fatalities) if v is not None]
        record.fatalities_min, record.fatalities_max = min(lows), max(highs)


def merged_events(events: Sequence[Event], *, outlets: Mapping[str, str] | None = None,
                  published: Mapping[str, str] | None = None) -> list[Event]:
    """One :class:`Event` per merged event (``cluster_id``; a record without one stands alone), in the order
    of their first report: the unit of ACLED CSV."""
    groups: dict[str, list[Event]] = {}
    order: list[str | Event] = []
    for ev in events:
        if ev.cluster_id is None:
            order.append(ev)
            continue
        if ev.cluster_id not in groups:
            order.append(ev.cluster_id)
        groups.setdefault(ev.cluster_id, []).append(ev)
    out: list[Event] = []
    for item in order:
        if isinstance(item, Event):
            out.append(item)
        else:
            out.append(build_cluster(groups[item], item, outlets=outlets, published=published).to_event())
    return out
