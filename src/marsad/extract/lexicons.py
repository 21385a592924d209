"""Loading of the Arabic lexicons under ``data/ar/`` (once, cached) into phrase matchers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from marsad.records import SUB_TO_TYPE
from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold


@cache
def load_yaml(name: str) -> Any:
    """A lexicon file of ``data/ar`` parsed once (raises ValueError naming the file when malformed).
    The result is shared by every caller: read it, never change it."""
    text = resources.files("marsad").joinpath(f"data/ar/{name}").read_text("utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"lexicon data/ar/{name} is not valid YAML: {exc}") from exc


@dataclass(frozen=True, slots=True)
class TriggerSense:
    event_type: str
    sub_event_type: str
    weight: int
    rank: int
    initiator: str | None
    needs_object: tuple[str, ...]
    manner: bool = False  # says how an attack was done (a suicide bomber, a mine): sets the type when told later
    # the senses the same phrase has in later groups, tried in order when this one's object is missing («حرر
    # المدينة» regains a town, «حرر 30 رهينة» frees hostages)
    alternatives: tuple[TriggerSense, ...] = ()
    rescue: bool = False  # frees hostages or captives: the civilians it names are the freed, not the target


@dataclass(frozen=True, slots=True)
class ActorSense:
    actor_id: str  # "military:*" style ids are bound to the event's country later
    years: tuple[int, int] | None = None
    target_only: bool = False  # a base, post or patrol: names whom an attack hit, never who attacked

    @property
    def country_bound(self) -> bool:
        return self.actor_id.endswith(":*")


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher[TriggerSense]:
    data = load_yaml("triggers.yaml")
    senses: dict[str, list[TriggerSense]] = {}  # folded phrase → its senses, in the order of the groups
    for group in data["groups"]:
        sub = group["sub"]
        if SUB_TO_TYPE.get(sub) != group["type"]:
            raise ValueError(f"triggers.yaml: {group['type']}/{sub} is not an ACLED type/sub-event type")
        sense = TriggerSense(
            group["type"], sub, int(group["weight"]), int(group["rank"]), group.get("initiator"),
            tuple(fold(w) for w in group.get("needs_object", [])), bool(group.get("manner", False)),
            rescue=bool(group.get("rescue", False)),
        )
        for phrase in group["phrases"]:
            senses.setdefault(" ".join(fold(phrase).split()), []).append(sense)
    # a phrase listed in several groups keeps its first sense, the later ones as alternatives for another object
    entries = [(phrase, replace(found[0], alternatives=tuple(found[1:])) if found[0].needs_object and found[1:]
                else found[0]) for phrase, found in senses.items()]
    return PhraseMatcher(entries)


@lru_cache(maxsize=1)
def actor_matcher() -> PhraseMatcher[ActorSense]:
    from marsad.actors import registry

    data = load_yaml("actors.yaml")
    known = registry()
    entries: list[tuple[str, ActorSense]] = []
    for actor_id, phrases in data["actors"].items():
        base = actor_id.split(":")[0]
        if actor_id not in known and not (actor_id.endswith(":*") and any(k.startswith(base + ":") for k in known)):
            raise ValueError(f"actors.yaml: unknown actor id {actor_id!r}")
        entries.extend((p, ActorSense(actor_id)) for p in phrases)
    for row in data.get("dated", []):
        lo, hi = row["years"]
        entries.extend((p, ActorSense(row["id"], (int(lo), int(hi)))) for p in row["phrases"])
    entries.extend((p, ActorSense(ANAPHOR)) for p in data.get("anaphora", []))
    for actor_id, phrases in data.get("targets", {}).items():
        entries.extend((p, ActorSense(actor_id, target_only=True)) for p in phrases)
    # a phrase listed twice keeps its first sense; dated aliases are kept apart by year below
    return PhraseMatcher(entries)


ANAPHOR = "anaphor:armed"  # «الجماعة», «التنظيم»: the armed group named last


@lru_cache(maxsize=1)
def dated_aliases() -> dict[str, list[ActorSense]]:
    data = load_yaml("actors.yaml")
    out: dict[str, list[ActorSense]] = {}
    for row in data.get("dated", []):
        lo, hi = row["years"]
        for p in row["phrases"]:
            out.setdefault(" ".join(fold(p).split()), []).append(ActorSense(row["id"], (int(lo), int(hi))))
    return out
