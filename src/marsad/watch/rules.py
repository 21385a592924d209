"""Alert rules: which merged events a user wants to hear about.

    rules:
      - name: central-mali-deaths
        countries: [Mali]            # any of: countries, admin1, admin2, bbox: [w, s, e, n],
        admin1: [Mopti, Ségou]       # actors, event_types, sub_event_types, min_fatalities, status
        min_fatalities: 1
        webhook: https://example.org/hook   # optional

A rule matches when every condition it names holds (a list matches any of its values; names compare
case-insensitively; an actor matches actor1, actor2 or an associated actor, and ``military`` matches
``military:mali``). ``match`` returns the reason, e.g. ``country Mali; admin1 Mopti; fatalities 7 ≥ 1``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file, the rule and the reason."""


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    min_fatalities: int | None = Field(default=None, ge=0)
    status: tuple[str, ...] = ()
    webhook: str | None = None

    @field_validator("countries", "admin1", "admin2", "actors", "event_types", "sub_event_types", "status",
                     mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, value: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
        if value is None:
            return None
        w, s, e, n = value
        if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
            raise ValueError("bbox must be [west, south, east, north] in degrees")
        return value

    @field_validator("webhook")
    @classmethod
    def _check_webhook(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("webhook must be an http(s) URL")
        return value

    def match(self, event: dict[str, Any]) -> str | None:
        """Why ``event`` (a merged event) matches this rule, or None when it does not."""
        why: list[str] = []
        for values, key, label in ((self.countries, "country", "country"), (self.admin1, "admin1", "admin1"),
                                   (self.admin2, "admin2", "admin2"), (self.event_types, "event_type", "type"),
                                   (self.sub_event_types, "sub_event_type", "sub-type"),
                                   (self.status, "status", "status")):
            if not values:
                continue
            got = event.get(key)
            if not got or str(got).casefold() not in {v.casefold() for v in values}:
                return None
            why.append(f"{label} {got}")
        if self.bbox is not None:
            lat, lon = event.get("latitude"), event.get("longitude")
            w, s, e, n = self.bbox
            if lat is None or lon is None or not (s <= lat <= n and w <= lon <= e):
                return None
            why.append(f"at {lat:.3f},{lon:.3f} in bbox")
        if self.actors:
            present = [a for a in (event.get("actor1"), event.get("actor2"), *(event.get("assoc_actors") or ())) if a]
            hit = next((a for a in present if _actor_match(a, self.actors)), None)
            if hit is None:
                return None
            why.append(f"actor {hit}")
        if self.min_fatalities is not None:
            toll = event.get("fatalities")
            if toll is None or toll < self.min_fatalities:
                return None
            why.append(f"fatalities {toll} ≥ {self.min_fatalities}")
        return "; ".join(why) or "every event (the rule names no condition)"


def _actor_match(actor: str, wanted: tuple[str, ...]) -> bool:
    a = actor.casefold()
    return any(a == w.casefold() or a.split(":", 1)[0] == w.casefold() for w in wanted)


def parse_rules(data: Any, where: str = "rules") -> list[Rule]:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulesError(f"{where}: expected a mapping with a 'rules' list")
    rules: list[Rule] = []
    names: set[str] = set()
    for i, raw in enumerate(data["rules"], 1):
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'rule'}: {e['msg']}" for e in exc.errors())
            raise RulesError(f"{where}: rule {i}: {problems}") from exc
        if rule.name in names:
            raise RulesError(f"{where}: rule {i}: the name {rule.name!r} is used twice")
        names.add(rule.name)
        rules.append(rule)
    return rules


def load_rules(path: str | Path) -> list[Rule]:
    """The rules of a YAML file; raises RulesError naming the file and the reason."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RulesError(f"{p}: not valid YAML: {exc}") from exc
    return parse_rules(data, str(p))
