"""The one country table (``data/countries.tsv``): ISO codes, English name, actor-id slug, ACLED region,
whether the gazetteer covers it, and its Arabic names. Everything else that maps countries derives from it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    iso_numeric: int
    name: str
    slug: str
    region: str
    covered: bool
    geonameid: int
    capital: str
    arabic: tuple[str, ...]


@cache
def table() -> tuple[Country, ...]:
    text = resources.files("marsad").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(
        Country(r["iso2"], r["iso3"], int(r["numeric"]), r["name"], r["slug"], r["region"], r["covered"] == "1",
                int(r["geonameid"]), r["capital"], tuple(a for a in r["arabic"].split("|") if a))
        for r in csv.DictReader(lines, delimiter="\t")
    )


@cache
def by_name() -> dict[str, Country]:
    """English name, ISO2/ISO3 code and slug, lower-cased → country."""
    out: dict[str, Country] = {}
    for c in table():
        for key in (c.name, c.iso2, c.iso3, c.slug):
            out[key.lower()] = c
    return out


_ALIASES = {"côte d'ivoire": "ivory coast", "cote d'ivoire": "ivory coast", "burkina": "burkina faso"}


def lookup(name: str | None) -> Country | None:
    """A country by English name, ISO2/ISO3 code or slug (case-insensitive), or None when unknown."""
    if not name:
        return None
    key = name.strip().lower()
    return by_name().get(_ALIASES.get(key, key))


def covered() -> tuple[Country, ...]:
    """The countries whose places the shipped gazetteer holds."""
    return tuple(c for c in table() if c.covered)


def iso2_of(name: str | None) -> str | None:
    c = lookup(name)
    return c.iso2 if c else None
