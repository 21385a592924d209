"""Typed event records of ``spec/EVENTS.md``: Event, Claim, Evidence, Item, Place.

``Event.to_dict()`` gives the JSON Lines record of the contract; ``Event.from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Status = Literal["reported", "background"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
SUB_TO_TYPE: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Character offsets ``[start, end)`` into the original document text supporting ``field``; with
    ``part`` = ``"title"``, offsets into the headline (spec §1: the title is part of the report)."""

    field: str
    start: int
    end: int
    part: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad evidence span {self.start}..{self.end} for {self.field}")
        if self.part not in (None, "title"):
            raise ValueError(f"unknown evidence part {self.part!r} for {self.field}")


@dataclass(slots=True)
class Claim:
    claimant: str | None
    killed: int | None = None
    injured: int | None = None
    captured: int | None = None
    quote: str = ""


@dataclass(slots=True)
class Item:
    item: str
    count: int | None = None


@dataclass(slots=True)
class Place:
    """A geocoded place: GeoNames names, ids and ACLED precision."""

    location: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None


@dataclass(slots=True)
class Event:
    doc_id: str
    status: Status = "reported"
    event_date: str | None = None
    date_min: str | None = None
    date_max: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)  # side-less allies (old records; see ``assoc_sides``)
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    fatalities: int | None = 0
    claims: list[Claim] = field(default_factory=list)
    seized: list[Item] = field(default_factory=list)
    destroyed: list[Item] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    event_id: str | None = None
    cluster_id: str | None = None
    notes: str | None = None
    assoc_actors1: list[str] = field(default_factory=list)  # allies of actor1 (ACLED assoc_actor_1)
    assoc_actors2: list[str] = field(default_factory=list)  # allies of actor2 (ACLED assoc_actor_2)

    def __post_init__(self) -> None:
        if self.assoc_actors and not (self.assoc_actors1 or self.assoc_actors2):
            self.assoc_actors1, self.assoc_actors2 = split_assoc(self.assoc_actors, self.actor1, self.actor2)

    def assoc_sides(self) -> tuple[list[str], list[str]]:
        """(allies of actor1, allies of actor2): the sided lists when set, else the side-less
        ``assoc_actors`` of an older record split by :func:`split_assoc`."""
        if self.assoc_actors1 or self.assoc_actors2:
            return list(self.assoc_actors1), list(self.assoc_actors2)
        return split_assoc(self.assoc_actors, self.actor1, self.actor2)

    def set_place(self, place: Place | None) -> None:
        if place is None:
            return
        for f in fields(Place):
            setattr(self, f.name, getattr(place, f.name))

    def place(self) -> Place | None:
        if self.location is None or self.country is None:
            return None
        return Place(**{f.name: getattr(self, f.name) for f in fields(Place)})

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if not out["sources"]:
            out["sources"] = [self.doc_id]
        one, two = self.assoc_sides()
        out["assoc_actors1"], out["assoc_actors2"] = one, two
        out["assoc_actors"] = list(dict.fromkeys([*one, *two]))  # kept for readers of the old field
        for e in out["evidence"]:  # «part» only on headline spans, as the spec writes them
            if e.get("part") is None:
                e.pop("part", None)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["claims"] = [c if isinstance(c, Claim) else Claim(**_only(Claim, c)) for c in kw.get("claims") or []]
        kw["seized"] = [i if isinstance(i, Item) else Item(**_only(Item, i)) for i in kw.get("seized") or []]
        kw["destroyed"] = [i if isinstance(i, Item) else Item(**_only(Item, i)) for i in kw.get("destroyed") or []]
        kw["evidence"] = [
            e if isinstance(e, Evidence) else Evidence(**_only(Evidence, e)) for e in kw.get("evidence") or []
        ]
        return cls(**kw)


GOVERNMENT_SIDE = frozenset({"state", "external"})  # kinds of actors.tsv fighting on a state's side
PRO_GOVERNMENT_MILITIAS = frozenset({3})  # inter 3: communal/pro-government militias (VDP, GATIA...)


def _camp(actor_id: str | None) -> str | None:
    """"gov" for state forces, foreign forces and pro-government militias, "other" for any other known
    actor, None for an unknown one."""
    from marsad.actors import get

    actor = get(actor_id)
    if actor is None:
        return None
    return "gov" if actor.kind in GOVERNMENT_SIDE or actor.inter in PRO_GOVERNMENT_MILITIAS else "other"


def split_assoc(allies: list[str], actor1: str | None, actor2: str | None) -> tuple[list[str], list[str]]:
    """Put each side-less ally on the side of the main actor of its camp (government forces and their
    allies, or the others); an ally whose camp matches neither or both sides goes with actor1."""
    one: list[str] = []
    two: list[str] = []
    camp1, camp2 = _camp(actor1), _camp(actor2)
    for ally in allies:
        camp = _camp(ally)
        (two if camp is not None and camp == camp2 and camp != camp1 else one).append(ally)
    return one, two


def _only(klass: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(klass)}
    return {k: v for k, v in data.items() if k in names}
