"""Cross-source merging: records of one event read from different documents join one cluster.

Two records may link when (all hard gates) they come from different documents, their date ranges are at
most :data:`MAX_GAP` (two days) apart — a later report dates an event a day or two off —, their places are
compatible (within :data:`MAX_KM`, the same place or admin2, or the same admin1 when one is only known to the
region; or any places when the two reports print one dispatch: the same words and toll, one of them placed
wrong), their event types are compatible (equal, or Battles vs Explosions/Remote violence) and their actors
can be paired (in order or swapped) without two different known actors facing each other; an «unidentified
armed group» may be the group another report names, a joint force or coalition the army or group in it
(:func:`marsad.actors.families`), a missing side any actor, at a cost. A score over date exactness, place closeness,
type, actor agreement and text overlap (character n-grams of the evidence) must then reach :data:`THRESHOLD`.
Links are taken best first into a union-find that never joins two records of one document (unless the report
tells that one event twice: :func:`told_twice`), nor records more than two days apart.
``cluster_id`` is a hash of the smallest member key (``"{doc_id}#{n}"``), so it is stable
while that member stays.

    >>> from marsad.merge import cluster_events
    >>> events = cluster_events(events, texts={"doc-a": text_a, "doc-b": text_b})   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from marsad import actors
from marsad.merge.similarity import containment, grams, jaccard, km
from marsad.records import Event
from marsad.text.normalise import fold

MAX_KM = 50.0
NEAR_KM = 5.0
CLOSE_KM = 25.0
REGION_KM = 300.0  # a region-level (geo_precision 3) point may be this far from a town of the same admin1
THRESHOLD = 4.0
CONTAINED = 0.25  # place score of a region-level record and a town of that region
TOLL_APART = 3.0
DISPATCH_TEXT = 0.65  # text similarity of two reports that print one agency dispatch (see one_dispatch)
_NO_AGE = 1 << 62
SLACK = timedelta(days=1)
#: the widest gap between two reports' dates (and between a merged event's members) that may still be one event:
#: a later report dates it a day or two off (its «yesterday» read against a later day, a recap's round day)
MAX_GAP = timedelta(days=2)
UNKNOWN_ACTORS = frozenset({None, "", "unidentified"})
COMPATIBLE_TYPES = frozenset({frozenset({"Battles", "Explosions/Remote violence"})})
#: actor kinds (``data/actors.tsv``) that an «unidentified armed group» in another report may name
NAMED_GROUP_KINDS = frozenset({"rebel", "militia"})


@dataclass(frozen=True, slots=True)
class MergeItem:
    """What merging needs of one event record (built from an :class:`Event` or a stored row)."""

    key: str
    doc_id: str
    lo: date | None
    hi: date | None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc: frozenset[str] = frozenset()
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    text: str = field(default="", repr=False)
    fatalities: int | None = None

    @property
    def grams(self) -> frozenset[str]:
        """Character n-grams of the text (computed on first use, cached by text)."""
        return grams(self.text)

    @property
    def exact_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _norm(value: str | None) -> str | None:
    return fold(value).strip() if value else None


def fold_name(value: str | None) -> str | None:
    """A place name as merging compares it (folded, trimmed)."""
    return _norm(value)


def event_key(doc_id: str, n: int) -> str:
    """The key of the ``n``-th (1-based) event of a document: the same in memory and in the store."""
    return f"{doc_id}#{n}"


def cluster_id_for(keys: Iterable[str]) -> str:
    return "c-" + hashlib.sha1(min(keys).encode("utf-8")).hexdigest()[:16]


def merge_text(event: Event, text: str | None) -> str:
    """The text merging compares: the evidence spans in the document, claim quotes and notes."""
    parts: list[str] = []
    if text:
        seen: set[tuple[int, int]] = set()
        for ev in sorted(event.evidence, key=lambda e: (e.start, e.end)):
            span = (ev.start, min(ev.end, len(text)))
            if span in seen or span[0] >= span[1]:
                continue
            seen.add(span)
            parts.append(text[span[0] : span[1]])
    parts.extend(c.quote for c in event.claims if c.quote)
    if event.notes:
        parts.append(event.notes)
    return " | ".join(parts)


def item_of(
    key: str,
    doc_id: str,
    *,
    event_date: str | date | None,
    date_min: str | date | None,
    date_max: str | date | None,
    event_type: str | None,
    sub_event_type: str | None,
    actor1: str | None,
    actor2: str | None,
    assoc: Iterable[str],
    country: str | None,
    admin1: str | None,
    admin2: str | None,
    location: str | None,
    geonameid: int | None,
    latitude: float | None,
    longitude: float | None,
    geo_precision: int | None,
    text: str,
    fatalities: int | None = None,
) -> MergeItem:
    day, lo, hi = _day(event_date), _day(date_min), _day(date_max)
    lo = lo or day or hi
    hi = hi or day or lo
    if lo is not None and hi is not None and hi < lo:
        lo, hi = hi, lo
    return MergeItem(
        key=key,
        doc_id=doc_id,
        lo=lo,
        hi=hi,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        assoc=frozenset(assoc),
        country=_norm(country),
        admin1=_norm(admin1),
        admin2=_norm(admin2),
        location=_norm(location),
        geonameid=geonameid,
        latitude=latitude,
        longitude=longitude,
        geo_precision=geo_precision,
        text=text,
        fatalities=fatalities,
    )


def item_from_event(event: Event, key: str, text: str | None = None) -> MergeItem:
    return item_of(
        key,
        event.doc_id,
        event_date=event.event_date,
        date_min=event.date_min,
        date_max=event.date_max,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=event.actor1,
        actor2=event.actor2,
        assoc=[*event.assoc_actors, *event.assoc_actors1, *event.assoc_actors2],
        country=event.country,
        admin1=event.admin1,
        admin2=event.admin2,
        location=event.location,
        geonameid=event.geonameid,
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        text=merge_text(event, text),
        fatalities=event.fatalities,
    )


# --- the pairwise decision ---------------------------------------------------------------------------


def day_gap(a: MergeItem, b: MergeItem) -> int | None:
    """Days between the two date ranges (0 when they meet), None when either is undated."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    return max((a.lo - b.hi).days, (b.lo - a.hi).days, 0)


def _dates(a: MergeItem, b: MergeItem) -> float | None:
    """Same day 2, a day apart 1, two days apart 0 (exact days); a day inside a week's range 1, a vaguer range
    0.5, ranges a day apart 0.5, two days -0.5; further apart refused (:data:`MAX_GAP`)."""
    gap = day_gap(a, b)
    if gap is None or gap > MAX_GAP.days:
        return None
    if a.exact_day and b.exact_day:
        return 2.0 - gap
    if gap == 0:
        assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
        narrow = max((a.hi - a.lo).days, (b.hi - b.lo).days)
        return 1.0 if narrow <= 7 else 0.5
    return 0.5 if gap == 1 else -0.5


def _where(a: MergeItem, b: MergeItem) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 2.0
    same_admin1 = a.admin1 is not None and a.admin1 == b.admin1
    regional = a.geo_precision == 3 or b.geo_precision == 3
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        d = km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if d <= NEAR_KM:
            return 2.0
        if d <= CLOSE_KM:
            return 1.5
        if d <= MAX_KM:
            return 1.0
        if regional and same_admin1 and d <= REGION_KM:
            return CONTAINED  # one report knows only the region, the other a town in it
        return None
    if a.location is not None and a.location == b.location:
        return 1.5
    if a.admin2 is not None and a.admin2 == b.admin2:
        return 1.0
    if same_admin1:
        return CONTAINED if regional else 0.0
    if a.location is None and b.location is None and a.admin1 is None and b.admin1 is None:
        return -1.0  # nothing below the country on either side: the text has to carry it
    return None


def one_dispatch(a: MergeItem, b: MergeItem) -> bool:
    """Two reports that print one dispatch (an agency's story reprinted, :data:`DISPATCH_TEXT` of its words
    shared) with the same toll on days that meet: one event, whatever places they were read at — when their
    places disagree, one of them was read wrong (a dateline, a namesake)."""
    return (bool(a.fatalities) and a.fatalities == b.fatalities and day_gap(a, b) == 0
            and text_similarity(a, b) >= DISPATCH_TEXT)


def _place(a: MergeItem, b: MergeItem) -> float | None:
    """Same point 2, within 5 km 2, 25 km 1.5, 50 km 1; a region-level record and a town of its region
    :data:`CONTAINED`; places that cannot be one (other country, other region) refused, unless the two reports
    print one dispatch (:func:`one_dispatch`: 0)."""
    score = _where(a, b)
    if score is None and one_dispatch(a, b):
        return 0.0
    return score


def _types(a: MergeItem, b: MergeItem) -> float | None:
    if a.event_type is None or b.event_type is None:
        return 0.0
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.5
    if frozenset({a.event_type, b.event_type}) in COMPATIBLE_TYPES:
        return 0.0
    return None


def _tolls(a: MergeItem, b: MergeItem) -> float:
    """Far-apart death tolls (both reported, one over TOLL_APART times the other) count against a link;
    agreeing ones add nothing (reports of two attacks in one week often give similar tolls), nor does a 0 or
    a missing toll (a report may not give one)."""
    if not a.fatalities or not b.fatalities:
        return 0.0
    ratio = max(a.fatalities, b.fatalities) / min(a.fatalities, b.fatalities)
    return -1.0 if ratio > TOLL_APART else 0.0


def _unknown(x: str | None) -> bool:
    return x in UNKNOWN_ACTORS


@lru_cache(maxsize=4096)
def _kin(x: str, y: str) -> bool:
    """Whether two different known actors may be one side told two ways: a joint force or coalition and one of
    its members (:func:`marsad.actors.families`; two members are not thereby one actor — Mali's army is not
    Niger's), or a country's army and its police."""
    kin = actors.families()
    if y in kin.get(x, ()) or x in kin.get(y, ()):
        return True
    ax, ay = actors.get(x), actors.get(y)
    return bool(ax and ay and ax.kind == ay.kind == "state" and ax.country and ax.country == ay.country)


@lru_cache(maxsize=4096)
def _named_group(x: str | None) -> bool:
    a = actors.get(x)
    return a is not None and a.id != "unidentified" and a.kind in NAMED_GROUP_KINDS


def _side(x: str | None, y: str | None, a: MergeItem, b: MergeItem) -> float | None:
    """One pair of actor slots: +0.5 the same actor (or an ally named), 0 an «unidentified armed group» that
    the other report names or two actors of one family, -0.5 a known actor against a missing one or against
    «unidentified» when it is not an armed group (an army, civilians); None two other actors."""
    if _unknown(x) and _unknown(y):
        return 0.0
    if x == y or x in b.assoc or y in a.assoc:
        return 0.5
    if (x == "unidentified" and _named_group(y)) or (y == "unidentified" and _named_group(x)):
        return 0.0
    if _unknown(x) or _unknown(y):
        return -0.5
    assert x is not None and y is not None
    return 0.0 if _kin(x, y) else None


def _pairing(pairs: Iterable[tuple[str | None, str | None]], a: MergeItem, b: MergeItem) -> float | None:
    """Score of one way to pair the actor slots (the sum of :func:`_side`); None on a conflict."""
    score = 0.0
    for x, y in pairs:
        side = _side(x, y, a, b)
        if side is None:
            return None
        score += side
    return score


def _actors(a: MergeItem, b: MergeItem) -> float | None:
    straight = _pairing(((a.actor1, b.actor1), (a.actor2, b.actor2)), a, b)
    crossed = _pairing(((a.actor1, b.actor2), (a.actor2, b.actor1)), a, b)
    options = [s for s in (straight, crossed) if s is not None]
    return max(options) if options else None


def text_similarity(a: MergeItem, b: MergeItem) -> float:
    return max(jaccard(a.grams, b.grams), 0.5 * containment(a.grams, b.grams))


def link_score(a: MergeItem, b: MergeItem) -> float | None:
    """The evidence that ``a`` and ``b`` report one event, or None when a hard gate fails."""
    if a.doc_id == b.doc_id:
        return None
    total = 0.0
    for part in (_dates, _place, _types, _actors):  # cheapest gates first
        score = part(a, b)
        if score is None:
            return None
        total += score
    return total + _tolls(a, b) + 4.0 * text_similarity(a, b)


def links(items: Sequence[MergeItem], among: Sequence[MergeItem] = ()) -> list[tuple[float, str, str]]:
    """Scored links (score, key, key) at or above the threshold: within ``items`` and from ``items`` to ``among``.

    A sweep over start dates keeps the comparisons to records whose date ranges can overlap.
    """
    tagged = [(it, True) for it in items if it.lo is not None] + [(it, False) for it in among if it.lo is not None]
    tagged.sort(key=lambda t: (t[0].lo, t[0].key))
    out: list[tuple[float, str, str]] = []
    # records still in the sweep's window: settled ones are compared with new ones only (never with each other)
    fresh_pool: list[MergeItem] = []
    settled_pool: list[MergeItem] = []
    for it, fresh in tagged:
        assert it.lo is not None
        start = it.lo - MAX_GAP
        fresh_pool = [o for o in fresh_pool if o.hi is not None and o.hi >= start]
        candidates = fresh_pool
        if fresh:
            settled_pool = [o for o in settled_pool if o.hi is not None and o.hi >= start]
            candidates = fresh_pool + settled_pool
        for other in candidates:
            score = link_score(it, other)
            if score is not None and score >= THRESHOLD:
                out.append((score, *sorted((it.key, other.key))))  # type: ignore[arg-type]
        (fresh_pool if fresh else settled_pool).append(it)
    out.sort(key=lambda t: (-t[0], t[1], t[2]))
    return out


def told_twice(a: MergeItem, b: MergeItem) -> bool:
    """Two records of ONE report that tell one event twice — the lede and a recap a day off, one naming the
    group and one «gunmen» —: the same place, days at most a day apart, the same event type, actors that do
    not conflict, and the same toll (a retelling repeats its figure; two attacks rarely share one)."""
    if a.doc_id != b.doc_id or not a.fatalities or a.fatalities != b.fatalities or a.event_type != b.event_type:
        return False
    gap = day_gap(a, b)
    if gap is None or gap > SLACK.days:
        return False
    if a.geonameid is None or a.geonameid != b.geonameid:
        if None in (a.latitude, a.longitude, b.latitude, b.longitude):
            return False
        if km(a.latitude, a.longitude, b.latitude, b.longitude) > NEAR_KM:  # type: ignore[arg-type]
            return False
    return _actors(a, b) is not None


class _Components:
    """Union-find over keys that refuses joins putting two records of one document in a component (unless the
    report tells that event twice: :func:`told_twice`), or records more than two days apart
    (``max(lo) - min(hi) > MAX_GAP``: links chain, an event is one day)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.docs: dict[str, set[str]] = {}
        self.members: dict[str, list[MergeItem]] = {}  # root -> its records
        self.span: dict[str, tuple[date | None, date | None]] = {}  # root -> (max lo, min hi)

    def add(self, item: MergeItem) -> None:
        if item.key not in self.parent:
            self.parent[item.key] = item.key
            self.docs[item.key] = {item.doc_id}
            self.members[item.key] = [item]
            self.span[item.key] = (item.lo, item.hi)

    def _doc_conflict(self, ra: str, rb: str) -> bool:
        shared = self.docs[ra] & self.docs[rb]
        if not shared:
            return False
        return not all(told_twice(x, y) for x in self.members[ra] if x.doc_id in shared
                       for y in self.members[rb] if y.doc_id == x.doc_id)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def _joined_span(self, ra: str, rb: str) -> tuple[date | None, date | None]:
        (la, ha), (lb, hb) = self.span[ra], self.span[rb]
        lo = max(la, lb) if la and lb else la or lb
        hi = min(ha, hb) if ha and hb else ha or hb
        return lo, hi

    def union(self, a: str, b: str, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        lo, hi = self._joined_span(ra, rb)
        if not force and ((lo and hi and lo - hi > MAX_GAP) or self._doc_conflict(ra, rb)):
            return False
        if len(self.docs[ra]) < len(self.docs[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.docs[ra] |= self.docs.pop(rb)
        self.members[ra] += self.members.pop(rb)
        self.span[ra] = (lo, hi)
        del self.span[rb]
        return True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key in self.parent:
            out.setdefault(self.find(key), []).append(key)
        return out


def assign_clusters(
    items: Sequence[MergeItem],
    among: Sequence[MergeItem] = (),
    existing: Mapping[str, str] | None = None,
    *,
    scored: Sequence[tuple[float, str, str]] | None = None,
    ages: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """Cluster ids for ``items`` (records to place) given settled records ``among``.

    ``existing`` maps keys (of ``among``, and of ``items`` that had one) to their current cluster ids;
    settled records of one cluster stay together; a component keeps an id one of its members had (the
    oldest by ``ages``: cluster id -> creation order), else gets a new one; ``scored`` are the links when
    already computed (:func:`links`). Returns
    the cluster id of every key of ``items`` and of every record of
    ``among`` whose cluster changed because an item joined it.
    """
    existing = existing or {}
    comps = _Components()
    for it in (*items, *among):
        comps.add(it)
    first_of: dict[str, str] = {}
    for it in among:
        cid = existing.get(it.key)
        if cid is None:
            continue
        if cid in first_of:
            comps.union(first_of[cid], it.key, force=True)
        else:
            first_of[cid] = it.key
    for _score, a, b in links(items, among) if scored is None else scored:
        if a in comps.parent and b in comps.parent:
            comps.union(a, b)
    fresh = {it.key for it in items}
    out: dict[str, str] = {}
    taken: set[str] = set()
    ages = ages or {}
    groups = sorted(comps.groups().values(), key=lambda m: (-len(m), min(m)))
    for members in groups:
        if not fresh.intersection(members):
            taken.update(existing.get(k) or "" for k in members)
    for members in groups:
        if not fresh.intersection(members):
            continue
        held = {existing[k] for k in members if existing.get(k)} - taken
        # a cluster keeps its id when reports join it; of two joined clusters the older id survives
        cid = min(held, key=lambda c: (ages.get(c, _NO_AGE), c)) if held else cluster_id_for(members)
        taken.add(cid)
        for key in members:
            if key in fresh or existing.get(key) != cid:
                out[key] = cid
    return out


def cluster_events(events: list[Event], texts: Mapping[str, str] | None = None) -> list[Event]:
    """Set ``cluster_id`` and ``sources`` on every event (in place) and return the list.

    ``texts`` maps doc ids to document texts, to read the evidence spans; without it, claim quotes
    and notes are the only text compared. Events are keyed ``"{doc_id}#{n}"`` in list order per document.
    """
    texts = texts or {}
    counts: dict[str, int] = {}
    keyed: list[tuple[str, Event]] = []
    for ev in events:
        counts[ev.doc_id] = counts.get(ev.doc_id, 0) + 1
        keyed.append((event_key(ev.doc_id, counts[ev.doc_id]), ev))
    items = [item_from_event(ev, key, texts.get(ev.doc_id)) for key, ev in keyed]
    assigned = assign_clusters(items)
    sources: dict[str, set[str]] = {}
    for key, ev in keyed:
        sources.setdefault(assigned[key], set()).add(ev.doc_id)
    for key, ev in keyed:
        ev.cluster_id = assigned[key]
        ev.sources = sorted(sources[ev.cluster_id])
    return events


def explain(a: MergeItem, b: MergeItem) -> str:
    """The parts of the decision for ``a`` and ``b`` (for diagnostics): each gate's score or "refused"."""
    parts = [f"{part.__name__.strip('_')}={'refused' if (s := part(a, b)) is None else round(s, 2)}"
             for part in (_dates, _place, _types, _actors, _tolls)]
    total = link_score(a, b)
    verdict = "refused" if total is None else f"{total:.2f}{' ≥' if total >= THRESHOLD else ' <'} {THRESHOLD}"
    return f"{', '.join(parts)}, text={text_similarity(a, b):.2f} → {verdict}"
