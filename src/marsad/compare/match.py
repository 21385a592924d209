"""Pairing Marsad's merged events with ACLED rows.

Two records are the same event when their dates are within ``MAX_DAYS`` (2) days, they are in the same
country, their places are within ``MAX_KM`` (50 km) or in the same admin2 (names compared without case or
accents: GeoNames' «Tillabéri» is ACLED's «Tillaberi»), and their types are compatible: the same ACLED event
type, or a pair coders commonly split (an ambush opened with a mine: Battles / Explosions/Remote violence; a
mine on civilians: Violence against civilians / Explosions/Remote violence; Protests / Riots). A Marsad record
without a type is compatible with any. Among the candidate pairs the closest (days, then distance, then
same type) are taken first, each record in at most one pair.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from marsad.compare.acled import AcledRow
from marsad.compare.events import MarsadEvent

MAX_DAYS = 2
MAX_KM = 50.0
COMPATIBLE = frozenset({
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Violence against civilians", "Explosions/Remote violence"}),
    frozenset({"Protests", "Riots"}),
})


def norm(name: str | None) -> str:
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("-", " ").strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def compatible(marsad_type: str | None, acled_type: str) -> bool:
    return marsad_type is None or marsad_type == acled_type or frozenset({marsad_type, acled_type}) in COMPATIBLE


@dataclass(slots=True)
class Pair:
    marsad: MarsadEvent
    acled: AcledRow
    days: int
    distance_km: float | None


@dataclass(slots=True)
class Matching:
    pairs: list[Pair] = field(default_factory=list)
    only_acled: list[AcledRow] = field(default_factory=list)
    only_marsad: list[MarsadEvent] = field(default_factory=list)


def _place(m: MarsadEvent, a: AcledRow) -> tuple[bool, float | None]:
    dist = km(m.latitude, m.longitude, a.latitude, a.longitude) if m.latitude is not None and \
        m.longitude is not None else None
    if dist is not None and dist <= MAX_KM:
        return True, dist
    same_admin2 = bool(m.admin2) and norm(m.admin2) == norm(a.admin2)
    return same_admin2, dist


def match(marsad: list[MarsadEvent], acled: list[AcledRow]) -> Matching:
    by_day: dict[object, list[int]] = defaultdict(list)
    for i, a in enumerate(acled):
        by_day[a.day].append(i)
    candidates: list[tuple[tuple[float, float, int], int, int, int, float | None]] = []
    for j, m in enumerate(marsad):
        country = norm(m.country)
        for offset in range(-MAX_DAYS, MAX_DAYS + 1):
            for i in by_day.get(m.day + timedelta(days=offset), ()):
                a = acled[i]
                if norm(a.country) != country or not compatible(m.event_type, a.event_type):
                    continue
                ok, dist = _place(m, a)
                if ok:
                    same = 0 if m.event_type == a.event_type else 1
                    score = (abs(offset), dist if dist is not None else MAX_KM, same)
                    candidates.append((score, j, i, abs(offset), dist))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    used_m: set[int] = set()
    used_a: set[int] = set()
    out = Matching()
    for _score, j, i, days, dist in candidates:
        if j in used_m or i in used_a:
            continue
        used_m.add(j)
        used_a.add(i)
        out.pairs.append(Pair(marsad[j], acled[i], days, dist))
    out.only_acled = [a for i, a in enumerate(acled) if i not in used_a]
    out.only_marsad = [m for j, m in enumerate(marsad) if j not in used_m]
    return out
