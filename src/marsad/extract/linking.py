"""Event coreference inside one report: does a sentence that names its own day or place tell the same event
as one told before it?

Reports tell one event several times — the lede, a spokesman's figure, a paragraph naming the district
instead of the town, a closing recap — and a sentence with its own place or day is not thereby a new event.
The decision is read from what the mentions share: compatible days (a precise day inside a vaguer range
tells nothing apart), places that are the same, contain one another (a town inside the region named) or lie
close, and actors that do not conflict. A rule model with named reasons; the distances are parameters
(``data/geometry.yaml`` → ``linking``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from marsad.extract.component import Decision
from marsad.extract.config import params

DateRelation = Literal["same", "unknown", "vaguer", "conflict"]
PlaceRelation = Literal["same", "contains", "near", "unknown", "conflict"]
Label = Literal["same", "other"]


@dataclass(frozen=True, slots=True)
class EventPair:
    """A sentence and an event told before it: how their days and places relate, whether their actors are
    compatible, and whether the sentence claims responsibility for an event (it then names the author)."""

    date: DateRelation
    place: PlaceRelation
    actors_compatible: bool
    responsibility: bool = False
    # the sentence recalls an event with its own day («وكانت ... قد نفذت الخميس الماضي») while the event told
    # before is news dated only by its announcement
    recalls: bool = False


class SameEvent:
    """``decide(pair)`` → ``same`` (the sentence goes on with that event) or ``other``."""

    def decide(self, x: EventPair) -> Decision[Label]:
        reasons: list[str] = []
        if x.date == "conflict":
            return Decision("other", 0.0, ("different days",))
        if x.recalls and not x.responsibility:
            return Decision("other", 0.0, ("a memory of an earlier event, not the news told before",))
        if x.date == "vaguer" and x.place in ("unknown", "contains"):
            return Decision("other", 0.0, ("a day inside a vaguer range, and no same town to say it is the same",))
        if x.place == "conflict":
            return Decision("other", 0.0, ("different places",))
        if not (x.actors_compatible or x.responsibility):
            return Decision("other", 0.0, ("other armed groups or forces",))
        score = 0.5
        reasons.append(f"day: {x.date}")
        reasons.append(f"place: {x.place}")
        if x.place in ("same", "contains", "near"):
            score += 0.25
        if x.date == "same":
            score += 0.25
        if x.responsibility:
            reasons.append("claims the event told before")
        return Decision("same", score, tuple(reasons))


def near_km() -> float:
    return float(params("linking")["near_km"])
