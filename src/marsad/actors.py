"""The canonical actor registry (``data/actors.tsv``): ids, ACLED names and inter codes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from marsad.countries import table as country_table


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    acled_name: str
    inter: int
    kind: str  # state, external, militia, rebel, civilians, protesters, rioters
    country: str | None  # ISO2 for country-bound actors


@lru_cache(maxsize=1)
def registry() -> dict[str, Actor]:
    text = resources.files("marsad").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: dict[str, Actor] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        out[row["id"]] = Actor(row["id"], row["acled_name"], int(row["inter"]), row["kind"], row["country"] or None)
    return out


def get(actor_id: str | None) -> Actor | None:
    return registry().get(actor_id) if actor_id else None


@lru_cache(maxsize=1)
def families() -> dict[str, frozenset[str]]:
    """A joint force or coalition → the actors it is made of (``data/ar/actors.yaml`` → ``families``)."""
    data = yaml.safe_load(resources.files("marsad").joinpath("data/ar/actors.yaml").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.get("families", {}).items()}


COUNTRY_SLUG = {c.iso2: c.slug for c in country_table()}
