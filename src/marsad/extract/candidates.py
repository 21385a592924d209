"""Event candidates: the sentences that report an event, with what each says of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.analysis import AnalysedDoc, Mention, Sentence
from marsad.extract.status import has_cue

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(slots=True)
class Candidate:
    sentence: Sentence
    family: str  # "violence", "protest" or a Strategic developments sub-event type
    triggers: list[Mention]
    casualties: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    materiel: list[Mention] = field(default_factory=list)
    recalled: bool = False

    @property
    def first_trigger(self) -> int:
        return min(t.start for t in self.triggers) if self.triggers else self.sentence.start

    def best_date(self) -> Any | None:
        if not self.dates:
            return None
        anchor = self.first_trigger
        return min(self.dates, key=lambda d: (d.value.precision, abs(d.start - anchor)))

    def strong_triggers(self) -> list[Mention]:
        return [t for t in self.triggers if t.value.sense.weight >= 3] or self.triggers

    def best_place(self) -> Any | None:
        if not self.places:
            return None
        order = {"place": 0, "region": 1, "country": 2}
        anchor = self.first_trigger
        return min(self.places, key=lambda p: (order.get(p.value.kind, 3), p.start < anchor, abs(p.start - anchor)))


def family_of(event_type: str, sub: str) -> str:
    if event_type in VIOLENT:
        return "violence"
    if event_type in ("Protests", "Riots"):
        return "protest"
    return sub


def _speech_dates(doc: AnalysedDoc, s: Sentence, dates: list[Mention], first_trigger: int) -> list[Mention]:
    """Dates that tell when something was said («أعلن الجيش مساء السبت أن...»), not when it happened."""
    from marsad.extract.claims import cue_spans

    cues = cue_spans(doc.text, s.start, s.end)
    return [d for d in dates if d.start < first_trigger and any(0 <= d.start - e <= _SPEECH_GAP for _, e in cues)]


_SPEECH_GAP = 30


def _is_event_sentence(doc: AnalysedDoc, s: Sentence, triggers: list[Mention], casualties: list[Mention],
                       places: list[Mention], dates: list[Mention], actors: list[Mention]) -> bool:
    strong = [t for t in triggers if t.value.sense.weight >= 3]
    killed = [c for c in casualties if c.value.kind in ("killed", "injured", "captured")]
    specific_actor = any(not a.value.country_bound for a in actors)
    local = [p for p in places if p.value.kind != "country"]
    if has_cue("hypothetical", doc.text, s.start, s.end) and not killed:
        return False
    if strong:
        return bool(killed or (dates and local) or (specific_actor and (dates or local)))
    if triggers:
        return bool(killed) and bool(local or dates)
    return bool(killed) and bool(local) and any(c.value.count for c in killed)


def find_candidates(doc: AnalysedDoc) -> list[Candidate]:
    out: list[Candidate] = []
    for s in doc.sentences:
        if s.boilerplate:
            continue
        triggers = doc.in_span("trigger", s.start, s.end)
        casualties = doc.in_span("casualty", s.start, s.end)
        places = doc.in_span("place", s.start, s.end)
        dates = [d for d in doc.in_span("date", s.start, s.end) if d.value.kind != "future"]
        actors = doc.in_span("actor", s.start, s.end)
        if not _is_event_sentence(doc, s, triggers, casualties, places, dates, actors):
            continue
        strong = [t for t in triggers if t.value.sense.weight >= 3] or triggers
        if strong:
            first = min(strong, key=lambda t: t.start).value.sense
            family = family_of(first.event_type, first.sub_event_type)
        else:
            family = "violence"
        if strong:
            speech = _speech_dates(doc, s, dates, min(t.start for t in strong))
            dates = [d for d in dates if d not in speech]
        cand = Candidate(
            sentence=s, family=family, triggers=triggers, casualties=casualties, dates=dates, places=places,
            actors=actors, materiel=doc.in_span("materiel", s.start, s.end),
            recalled=has_cue("background", doc.text, s.start, s.end),
        )
        out.extend(_split_by_place(doc, cand))
    return out


def _split_by_place(doc: AnalysedDoc, cand: Candidate) -> list[Candidate]:
    """«ضربت الجماعة مرتين، مستهدفة موقعا في X ومركزا في Y»: one event per town when the sentence
    says there were several attacks (a dual or plural, or several attack words)."""
    towns: list[Mention] = []
    for p in cand.places:
        if p.value.kind == "place" and all(p.value.place.geonameid != t.value.place.geonameid for t in towns):
            towns.append(p)
    if len(towns) < 2:
        return [cand]
    strong = [t for t in cand.triggers if t.value.sense.weight >= 3]
    if len(strong) < 2 and not has_cue("multiple", doc.text, cand.sentence.start, cand.sentence.end):
        return [cand]
    out = []
    for i, town in enumerate(towns):
        nxt = towns[i + 1].start if i + 1 < len(towns) else cand.sentence.end
        prev = towns[i - 1].end if i else cand.sentence.start
        out.append(Candidate(
            sentence=cand.sentence, family=cand.family, triggers=cand.triggers,
            casualties=[c for c in cand.casualties if prev <= c.start < nxt] if i else
            [c for c in cand.casualties if c.start < nxt],
            dates=cand.dates, places=[town], actors=cand.actors, materiel=[], recalled=cand.recalled,
        ))
    return out
