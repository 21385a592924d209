"""«شمال مالي», «وسط البلاد», «شرق بوركينا فاسو»: a part of a country, coded as ACLED codes a report that
names only a region: the capital of the region that part most often means, at precision 3.

The parts and their regions (most likely first) are the ``country_parts`` table of
``data/ar/geo_cues.yaml``; the compass words are its ``direction`` table.
"""

from __future__ import annotations

from functools import cache

from marsad.countries import iso2_of
from marsad.extract.lexicons import load_yaml
from marsad.geo.gazetteer import Gazetteer
from marsad.records import Place
from marsad.text.normalise import fold

_BACK = 3  # words before the country name in which the compass word may stand


@cache
def _tables() -> tuple[dict[str, str], dict[str, dict[str, list[str]]], frozenset[str]]:
    raw = load_yaml("geo_cues.yaml")
    direction = {" ".join(fold(k).split()): v for k, v in raw["direction"].items()}
    this_country = frozenset(" ".join(fold(x).split()) for x in raw["this_country"])
    return direction, raw["country_parts"], this_country


def part_before(text: str, start: int) -> str | None:
    """The compass part («north», «centre») named just before ``start``, if any («في شمال شرق مالي»)."""
    direction, _, _ = _tables()
    words = text[max(0, start - 40):start].split()[-_BACK:]
    for n in (2, 1):
        for i in range(len(words) - n, -1, -1):
            phrase = " ".join(words[i:i + n])
            for cand in (phrase, phrase[1:] if phrase[:1] in "وبل" else phrase):
                if cand in direction:
                    return direction[cand]
    return None


def country_part_place(country: str, part: str, gazetteer: Gazetteer | None = None) -> Place | None:
    """The capital of the region a part of ``country`` most often means, at precision 3."""
    _, parts, _ = _tables()
    regions = parts.get(country, {}).get(part)
    if not regions:
        return None
    gaz = gazetteer or Gazetteer.default()
    cc = iso2_of(country)
    row = gaz.capital_of_admin1.get((cc or "", regions[0]))
    if row is None:
        return None
    return gaz.place(row, precision=3, admin1=regions[0])


def this_country_mentions(text: str, country: str) -> list[tuple[int, int, Place]]:
    """«في جنوب شرق البلاد»: «البلاد» stands for the country the report is about. Spans of such words
    preceded by a compass word, each with the country's capital (precision 3) as a country-level place."""
    _, _, this_country = _tables()
    gaz = Gazetteer.default()
    cc = iso2_of(country)
    row = gaz.capital.get(cc or "")
    if row is None:
        return []
    out = []
    for word in this_country:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if part_before(text, start) is not None:
                out.append((start, end, gaz.place(row, precision=3)))
            start = text.find(word, end)
    return out


@cache
def home_regions() -> dict[str, dict[str, str]]:
    """actor id → {country: admin1} where the group is most often coded (``actors.yaml`` home_regions)."""
    return {k: dict(v) for k, v in load_yaml("actors.yaml").get("home_regions", {}).items()}


def home_region_place(actor_id: str | None, country: str | None) -> Place | None:
    """The capital of the region where ``actor_id`` is most often coded in ``country``, precision 3."""
    if not actor_id or not country:
        return None
    admin1 = home_regions().get(actor_id, {}).get(country)
    if admin1 is None:
        return None
    gaz = Gazetteer.default()
    cc = (iso2_of(country) or "")
    row = gaz.capital_of_admin1.get((cc, admin1))
    return gaz.place(row, precision=3, admin1=admin1) if row is not None else None
